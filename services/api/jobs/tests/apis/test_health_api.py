import socket
import time

import pytest
from django.db import connection

URL = "/api/health/"


def _closed_port() -> int:
    """A local TCP port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_health_api_ok_when_database_answers(api_client) -> None:
    response = api_client.get(URL)

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


# No wrapping transaction: the test closes and re-points the connection.
@pytest.mark.django_db(transaction=True)
def test_health_api_503_when_database_does_not_answer(api_client) -> None:
    settings_dict = connection.settings_dict
    real_host, real_port = settings_dict["HOST"], settings_dict["PORT"]
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", _closed_port()
    try:
        response = api_client.get(URL)
    finally:
        connection.close()
        settings_dict["HOST"], settings_dict["PORT"] = real_host, real_port

    assert response.status_code == 503
    assert response.json() == {"detail": "Database unavailable."}
    assert api_client.get(URL).status_code == 200


# No wrapping transaction: the test closes and re-points the connection.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/api/jobs/"), ("post", "/api/jobs/"), ("get", "/api/jobs/stats/")],
)
def test_health_api_database_down_is_503_on_every_endpoint(
    api_client, method: str, path: str
) -> None:
    # An outage is not a bug: the API answers 503 in the envelope, not 500.
    settings_dict = connection.settings_dict
    real_host, real_port = settings_dict["HOST"], settings_dict["PORT"]
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", _closed_port()
    try:
        # A GET sends no query string: an unknown parameter would be a 400.
        data = {"name": "during outage"} if method == "post" else None
        response = getattr(api_client, method)(path, data)
    finally:
        connection.close()
        settings_dict["HOST"], settings_dict["PORT"] = real_host, real_port

    assert response.status_code == 503
    assert response.json() == {"detail": "Database unavailable."}
    assert response["Retry-After"] == "5"


# No wrapping transaction: the test closes and re-points the connection.
@pytest.mark.django_db(transaction=True)
def test_health_api_answers_503_quickly_with_a_pool(api_client) -> None:
    # As deployed (psycopg pool, 10 s wait for a connection), a down
    # database kept the health check hanging past any probe's timeout.
    settings_dict = connection.settings_dict
    real = settings_dict["HOST"], settings_dict["PORT"], settings_dict["OPTIONS"]
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", _closed_port()
    settings_dict["OPTIONS"] = {
        **real[2],
        "pool": {"min_size": 0, "max_size": 2, "timeout": 10},
    }
    try:
        started = time.monotonic()
        response = api_client.get(URL)
        elapsed = time.monotonic() - started
    finally:
        connection.close()
        connection.close_pool()
        settings_dict["HOST"], settings_dict["PORT"], settings_dict["OPTIONS"] = real

    assert response.status_code == 503
    assert response.json() == {"detail": "Database unavailable."}
    assert elapsed < 5
    assert api_client.get(URL).status_code == 200
