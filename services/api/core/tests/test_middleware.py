"""The API path skips the browser middleware; the admin keeps all of it."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_api_requests_skip_sessions_user_csrf_and_messages() -> None:
    response = Client(enforce_csrf_checks=True).get("/api/health/")
    assert response.status_code == 200
    request = response.wsgi_request
    assert not hasattr(request, "session")
    # DRF sets its own anonymous user (None) on the request; no auth ran.
    assert getattr(request, "user", None) is None
    assert not hasattr(request, "_messages")
    assert "Set-Cookie" not in response.headers


def test_api_writes_need_no_csrf_token() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/api/jobs/", {"name": "x"}, content_type="application/json")
    assert response.status_code == 201


def test_admin_keeps_sessions_user_csrf_and_frames() -> None:
    client = Client(enforce_csrf_checks=True)
    page = client.get("/api/admin/login/")
    assert page.status_code == 200
    assert hasattr(page.wsgi_request, "session")
    assert hasattr(page.wsgi_request, "user")
    assert page.headers["X-Frame-Options"] == "DENY"
    assert "csrftoken" in page.cookies
    refused = client.post("/api/admin/login/", {"username": "a", "password": "b"})
    assert refused.status_code == 403
