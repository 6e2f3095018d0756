"""POST /api/jobs/ with Idempotency-Key (docs/api.md, "Idempotency-Key")."""

import pytest
from django.db import connection

from jobs.idempotency import idempotency_keys_prune
from jobs.models import IdempotencyKey, Job

pytestmark = pytest.mark.django_db

KEY = '"8e03978e-40d5-43e8-bc93-6894a57f9324"'


def post(api_client, body, key=KEY):
    return api_client.post("/api/jobs/", body, HTTP_IDEMPOTENCY_KEY=key)


def test_job_create_same_key_same_body_replays_the_first_201(api_client) -> None:
    first = post(api_client, {"name": "Once"})
    again = post(api_client, {"name": "Once"})

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again["ETag"] == first["ETag"]
    assert Job.objects.filter(name="Once").count() == 1


def test_job_create_replay_is_the_first_response_not_the_job_now(api_client) -> None:
    first = post(api_client, {"name": "Once"}).json()
    api_client.patch(f"/api/jobs/{first['id']}/", {"status_type": "RUNNING"})

    assert post(api_client, {"name": "Once"}).json() == first


def test_job_create_same_body_in_another_key_order_or_spacing_replays(
    api_client,
) -> None:
    first = api_client.post(
        "/api/jobs/",
        '{"name": "Spaced"}',
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=KEY,
    )
    again = api_client.post(
        "/api/jobs/",
        '{"name":"Spaced"}',
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=KEY,
    )

    assert again.json() == first.json()


def test_job_create_same_key_other_body_is_422(api_client) -> None:
    post(api_client, {"name": "First body"})

    response = post(api_client, {"name": "Second body"})

    assert response.status_code == 422
    assert response.json() == {
        "detail": (
            "This Idempotency-Key was used with a different request body; "
            "use a new key for a new request."
        )
    }
    assert not Job.objects.filter(name="Second body").exists()


def test_job_create_other_keys_create_other_jobs(api_client) -> None:
    post(api_client, {"name": "Twice"}, key='"a"')
    post(api_client, {"name": "Twice"}, key='"b"')

    assert Job.objects.filter(name="Twice").count() == 2


def test_job_create_invalid_body_stores_no_key(api_client) -> None:
    response = post(api_client, {"name": "  "})

    assert response.status_code == 400
    assert not IdempotencyKey.objects.exists()
    assert post(api_client, {"name": "Fixed"}).status_code == 201


@pytest.mark.parametrize(
    "key",
    [
        "8e03978e-40d5-43e8-bc93-6894a57f9324",  # not quoted
        '""',
        '"a", "b"',
        '"' + "k" * 256 + '"',
        '"caf\u00e9"',
        "(1 2)",
        '"a";p=1',  # the draft defines no parameters
        '"' + "k" * 254 + '\\""',  # a 255-character key, but a 258-character field
        "",
    ],
)
def test_job_create_malformed_key_is_400(api_client, key) -> None:
    response = post(api_client, {"name": "Keyed"}, key=key)

    assert response.status_code == 400
    assert response.json()["detail"].startswith(
        "Idempotency-Key must be a quoted string"
    )
    assert not Job.objects.filter(name="Keyed").exists()


def test_job_create_longest_key_and_escapes_are_taken(api_client) -> None:
    assert (
        post(api_client, {"name": "Long"}, key='"' + "k" * 255 + '"').status_code == 201
    )
    escaped = post(api_client, {"name": "Esc"}, key=r'"a\"b"')

    assert escaped.status_code == 201
    assert IdempotencyKey.objects.filter(key='a"b').exists()


def _age(key: str, hours: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE jobs_idempotencykey SET created_at = created_at - make_interval(hours => %s) "
            "WHERE key = %s",
            [hours, key],
        )


def test_job_create_expired_key_creates_a_new_job(api_client) -> None:
    first = post(api_client, {"name": "Expires"}).json()
    _age(KEY.strip('"'), 25)

    again = post(api_client, {"name": "Expires"})

    assert again.status_code == 201
    assert again.json()["id"] != first["id"]
    assert post(api_client, {"name": "Expires"}).json() == again.json()


def test_job_create_expired_key_may_take_another_body(api_client) -> None:
    post(api_client, {"name": "Old"})
    _age(KEY.strip('"'), 25)

    assert post(api_client, {"name": "New"}).status_code == 201


def test_idempotency_keys_prune_deletes_expired_rows_oldest_first(api_client) -> None:
    for index in range(5):
        post(api_client, {"name": f"Job {index}"}, key=f'"k{index}"')
    for index in range(4):
        _age(f"k{index}", 30 - index)

    assert idempotency_keys_prune(limit=3) == 3
    assert sorted(IdempotencyKey.objects.values_list("key", flat=True)) == ["k3", "k4"]


def test_job_create_with_a_key_prunes_expired_rows(api_client, settings) -> None:
    settings.IDEMPOTENCY_KEY_PRUNE_BATCH = 2
    for index in range(3):
        post(api_client, {"name": f"Job {index}"}, key=f'"old{index}"')
    for index in range(3):
        _age(f"old{index}", 25)

    post(api_client, {"name": "New"}, key='"new"')

    assert IdempotencyKey.objects.count() == 2  # one old left, and "new"
