"""Every error answers the JSON envelope, never HTML, a redirect or a 500."""

import pytest

from jobs.models import Job

pytestmark = pytest.mark.django_db


def test_errors_malformed_json_is_400(api_client) -> None:
    response = api_client.post(
        "/api/jobs/", data='{"name": "x"', content_type="application/json"
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith(
        "Malformed request body: JSON parse error"
    )
    assert "errors" not in response.json()


def test_errors_wrong_content_type_is_415(api_client) -> None:
    response = api_client.post("/api/jobs/", data="name=x", content_type="text/plain")

    assert response.status_code == 415
    assert response.json() == {
        "detail": 'Unsupported media type "text/plain" in request.'
    }


def test_errors_form_encoded_body_is_415(api_client) -> None:
    response = api_client.post("/api/jobs/", {"name": "x"}, format="multipart")

    assert response.status_code == 415
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("put", "/api/jobs/1/"),
        ("delete", "/api/jobs/"),
        ("post", "/api/jobs/stats/"),
        ("post", "/api/health/"),
    ],
)
def test_errors_unsupported_method_is_405(api_client, method: str, path: str) -> None:
    response = getattr(api_client, method)(path, {})

    assert response.status_code == 405
    assert response.json()["detail"].startswith(
        f'Method "{method.upper()}" not allowed'
    )
    assert "Allow" in response


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/jobs"),
        ("post", "/api/jobs"),
        ("patch", "/api/jobs/1"),
        ("get", "/api/health"),
        ("get", "/api/nope/"),
        ("get", "/api/jobs/abc/"),
        ("get", "/"),
    ],
)
def test_errors_unknown_path_is_json_404(api_client, method: str, path: str) -> None:
    response = getattr(api_client, method)(path, {"name": "x"})

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith("Not found.")


@pytest.mark.parametrize("method", ["post", "patch", "delete"])
def test_errors_missing_slash_write_is_404_not_csrf_403(
    api_client, method: str
) -> None:
    api_client.enforce_csrf_checks = True

    response = getattr(api_client, method)("/api/jobs/1", {"name": "x"})

    assert response.status_code == 404
    assert response.json()["detail"].startswith("Not found.")


def test_errors_missing_slash_names_the_right_path(api_client) -> None:
    response = api_client.get("/api/jobs")

    assert response.json() == {
        "detail": "Not found. API paths end with a slash: /api/jobs/"
    }


@pytest.mark.parametrize("path", ["/api/jobs/abc", "/api/static/x.js", "/api/nope"])
def test_errors_missing_slash_hint_only_for_real_paths(api_client, path: str) -> None:
    # Adding the slash would not help: no hint that sends the client to
    # another 404.
    response = api_client.get(path)

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_errors_unhandled_exception_is_json_500(client, settings) -> None:
    from django.urls import path

    def boom(request):
        raise RuntimeError("boom")

    settings.ROOT_URLCONF = type(
        "urls",
        (),
        {
            "urlpatterns": [path("api/boom/", boom)],
            "handler500": "core.views.server_error",
        },
    )
    client.raise_request_exception = False

    response = client.get("/api/boom/")

    assert response.status_code == 500
    assert response.json() == {"detail": "Internal server error."}


def test_errors_disallowed_host_is_json_400(api_client) -> None:
    response = api_client.get("/api/jobs/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert response.json() == {"detail": "Bad request."}


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_errors_id_beyond_bigint_is_404(api_client, method: str) -> None:
    response = getattr(api_client, method)(f"/api/jobs/{10**20}/", {"name": "x"})

    assert response.status_code == 404
    assert response.json()["detail"] == f"Job {10**20} not found."


def test_errors_api_is_anonymous_without_csrf(api_client) -> None:
    api_client.enforce_csrf_checks = True

    response = api_client.post("/api/jobs/", {"name": "No CSRF needed"})

    assert response.status_code == 201


@pytest.mark.parametrize(("method", "path"), [("post", "/api/jobs/"), ("patch", None)])
def test_errors_deeply_nested_json_is_400(
    api_client, job: Job, method: str, path: str | None
) -> None:
    # Python's json module raises RecursionError, not ValueError, past its
    # nesting limit; DRF's parser only catches the latter.
    body = '{"name": ' + "[" * 100_000 + "]" * 100_000 + "}"

    response = getattr(api_client, method)(
        path or f"/api/jobs/{job.pk}/", data=body, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["detail"].startswith("Malformed request body:")
    assert Job.objects.count() == 1


def test_errors_body_over_upload_limit_is_413(api_client, settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = '{"name": "' + "x" * 2000 + '"}'

    response = api_client.post("/api/jobs/", data=body, content_type="application/json")

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Request body too large: at most 1000 bytes."}
    assert not Job.objects.exists()
