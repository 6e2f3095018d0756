"""``GET /api/jobs/events/`` on the real events service (uvicorn, config.asgi).

Every kind of write (the API, the bulk endpoint, raw SQL on the history and
on the jobs, a cascade delete) commits on the test database (transactional
tests) and must reach an SSE client of the served endpoint; then the "many"
bound, resuming with ``Last-Event-ID``, resync after a gap, an unknown id
or a lost LISTEN connection, heartbeats and the stream cap.
"""

from __future__ import annotations

import http.client
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.db import connection, transaction

from jobs.models import Job
from jobs.tests.factories import JobFactory
from jobs.tests.served.conftest import database_url, server_env, start_events
from jobs.tests.served.sse import SseClient

pytestmark = pytest.mark.django_db(transaction=True)

BUFFER_SIZE = 8


@pytest.fixture(scope="module")
def events(
    django_db_setup: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[int]:
    """The port of the events service on the test database."""
    log_path = tmp_path_factory.mktemp("events") / "uvicorn.log"
    env = server_env(
        database_url(),
        EVENTS_HEARTBEAT_S="0.5",
        EVENTS_BUFFER_SIZE=str(BUFFER_SIZE),
        EVENTS_MAX_STREAMS="5",
    )
    process, port = start_events(env, log_path)
    try:
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def stream(events: int) -> Iterator[Callable[..., SseClient]]:
    """Open streams (``stream(last_event_id=...)``), caught up; closed afterwards."""
    opened: list[SseClient] = []

    def open_stream(**kwargs: object) -> SseClient:
        client = SseClient(events, **kwargs)  # type: ignore[arg-type]
        opened.append(client)
        return client

    yield open_stream
    for client in opened:
        client.close()


def make_job(name: str = "Simulation") -> Job:
    """A job and its PENDING status in one transaction: one notification."""
    with transaction.atomic():
        return JobFactory(name=name)


@contextmanager
def caught_up(client: SseClient) -> Iterator[None]:
    """Skip what earlier tests' writes still send: write once, wait for it.

    A resync (an earlier test's flush is a TRUNCATE) may stand for the
    marker's own event: then write another.
    """
    for _ in range(5):
        marker = make_job("marker")
        try:
            client.event("job", id=marker.id, timeout_s=3)
            break
        except TimeoutError:
            continue
    yield


def sql(statement: str, params: list | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def test_job_events_answers_an_event_stream(stream) -> None:
    client = stream()

    assert client.status == 200
    assert client.headers["content-type"].startswith("text/event-stream")
    assert client.headers["cache-control"] == "no-cache, no-store"
    opening = client.frame()
    assert opening.fields["retry"] == "3000"
    assert opening.fields["id"]


def test_job_events_api_post_patch_delete(stream, api_client) -> None:
    client = stream()
    with caught_up(client):
        created = api_client.post("/api/jobs/", {"name": "Live job"}).json()
        event = client.event("job", id=created["id"])
        assert event.json == {
            key: created[key]
            for key in (
                "id",
                "name",
                "current_status",
                "status_changed_at",
                "updated_at",
            )
        }

        changed = api_client.patch(
            f"/api/jobs/{created['id']}/", {"status_type": "RUNNING"}
        ).json()
        event = client.event("job", id=created["id"], current_status="RUNNING")
        assert event.json["updated_at"] == changed["updated_at"]

        assert api_client.delete(f"/api/jobs/{created['id']}/").status_code == 204
        assert client.event("deleted").json == {"id": created["id"]}


def test_job_events_bulk_endpoint(stream, api_client) -> None:
    client = stream()
    with caught_up(client):
        ids = [make_job().id for _ in range(3)]
        for job_id in ids:
            client.event("job", id=job_id)
        body = {"action": "set_status", "status_type": "FAILED", "ids": ids}
        assert api_client.post("/api/jobs/bulk/", body).status_code == 200
        for job_id in ids:
            client.event("job", id=job_id, current_status="FAILED")
        body = {"action": "delete", "ids": ids[:2]}
        assert api_client.post("/api/jobs/bulk/", body).status_code == 200
        assert {client.event("deleted").json["id"] for _ in ids[:2]} == set(ids[:2])


def test_job_events_raw_sql_on_the_history(stream) -> None:
    client = stream()
    with caught_up(client):
        job = make_job()
        client.event("job", id=job.id, current_status="PENDING")

        sql(
            "INSERT INTO jobs_jobstatus (job_id, status_type) VALUES (%s, 'RUNNING')",
            [job.id],
        )
        client.event("job", id=job.id, current_status="RUNNING")

        sql(
            "UPDATE jobs_jobstatus SET status_type = 'COMPLETED' WHERE job_id = %s "
            "AND status_type = 'RUNNING'",
            [job.id],
        )
        client.event("job", id=job.id, current_status="COMPLETED")

        sql(
            "DELETE FROM jobs_jobstatus WHERE job_id = %s AND status_type = 'COMPLETED'",
            [job.id],
        )
        client.event("job", id=job.id, current_status="PENDING")


def test_job_events_raw_sql_on_the_jobs_and_cascade(stream) -> None:
    client = stream()
    with caught_up(client):
        sql("INSERT INTO jobs_job (name) VALUES ('From psql')")
        job_id = Job.objects.get(name="From psql").id
        client.event("job", id=job_id, current_status=None)

        sql(
            "UPDATE jobs_job SET name = 'Renamed', updated_at = now() WHERE id = %s",
            [job_id],
        )
        client.event("job", id=job_id, name="Renamed")

        sql(
            "INSERT INTO jobs_jobstatus (job_id, status_type) VALUES (%s, 'RUNNING')",
            [job_id],
        )
        client.event("job", id=job_id, current_status="RUNNING")
        # The history goes with its job (ON DELETE CASCADE).
        sql("DELETE FROM jobs_job WHERE id = %s", [job_id])
        assert client.event("deleted").json == {"id": job_id}


def test_job_events_many_rows_send_one_resync(stream) -> None:
    client = stream()
    with caught_up(client):
        sql(
            "INSERT INTO jobs_job (name) SELECT 'Bulk ' || i FROM generate_series(1, 501) i"
        )
        client.event("resync")
        marker = make_job()
        # No per-job event for the 501 rows came before the marker's.
        assert client.event("job").json["id"] == marker.id


def test_job_events_resume_with_last_event_id(stream) -> None:
    first = stream()
    with caught_up(first):
        pass
    resume_from = first.last_id
    first.close()
    job = make_job("While away")

    again = stream(last_event_id=resume_from)

    assert again.frame().fields == {"retry": "3000"}
    assert again.event("job", id=job.id).json["name"] == "While away"


def test_job_events_gap_beyond_the_buffer_resyncs(stream) -> None:
    first = stream()
    with caught_up(first):
        pass
    resume_from = first.last_id
    first.close()
    for _ in range(BUFFER_SIZE + 1):
        make_job()
    watcher = stream()
    with caught_up(watcher):
        pass

    again = stream(last_event_id=resume_from)

    again.frame()
    assert again.frame().event == "resync"


@pytest.mark.parametrize("last_event_id", ["00000000-1", "junk", ""])
def test_job_events_unknown_last_event_id_resyncs(stream, last_event_id) -> None:
    client = stream(last_event_id=last_event_id)

    client.frame()
    assert client.frame().event == "resync"


def test_job_events_lost_listen_connection_resyncs(stream) -> None:
    client = stream()
    with caught_up(client):
        sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = 'jobs-events' AND datname = current_database()"
        )
        client.event("resync", timeout_s=15)
        # And it listens again.
        job = make_job()
        client.event("job", id=job.id)


def test_job_events_heartbeat_comments(stream) -> None:
    client = stream()
    client.frame()

    comments = [client.frame(timeout_s=3) for _ in range(2)]

    assert any(frame.comment == "heartbeat" for frame in comments)


def test_job_events_stream_cap_answers_503(events, stream) -> None:
    clients = [stream() for _ in range(5)]
    for _ in range(50):  # earlier tests' streams may still be closing
        if all(client.status == 200 for client in clients):
            break
        clients = [client if client.status == 200 else stream() for client in clients]
        time.sleep(0.1)
    refused = SseClient(events)

    assert [client.status for client in clients] == [200] * 5
    assert refused.status == 503
    assert refused.headers["retry-after"] == "30"
    assert b"Too many open event streams (5)" in refused.body()
    # The events process's own /metrics counts them against the cap.
    conn = http.client.HTTPConnection("127.0.0.1", events, timeout=10)
    conn.request("GET", "/metrics")
    metrics = conn.getresponse().read().decode()
    assert "sse_streams_max 5.0" in metrics
    assert float(re.search(r"^sse_streams_open (\S+)$", metrics, re.M)[1]) >= 5


def test_job_events_other_methods_are_405(events) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", events, timeout=10)
    conn.request("POST", "/api/jobs/events/")
    response = conn.getresponse()

    assert response.status == 405
    assert response.getheader("Allow") == "GET"
    assert b"not allowed" in response.read()


def test_job_events_under_wsgi_is_404(api_client) -> None:
    response = api_client.get("/api/jobs/events/")

    assert response.status_code == 404
    assert "events service" in response.json()["detail"]
