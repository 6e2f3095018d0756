"""The request id, the per-request log line and /metrics (core.request_log, core.metrics)."""

import json
import logging

import pytest
from pythonjsonlogger.json import JsonFormatter

pytestmark = pytest.mark.django_db


def test_request_id_is_returned_and_a_valid_incoming_one_kept(api_client):
    response = api_client.get("/api/jobs/", HTTP_X_REQUEST_ID="edge-42.a:b")
    assert response["X-Request-ID"] == "edge-42.a:b"


def test_request_id_replaces_an_unsafe_incoming_one(api_client):
    response = api_client.get("/api/jobs/", HTTP_X_REQUEST_ID="bad id\r\nx" * 20)
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    assert all(c in "0123456789abcdef" for c in request_id)


def test_request_log_line_has_route_status_duration_and_id(api_client, caplog):
    caplog.set_level(logging.INFO, logger="jobs.request")
    response = api_client.get("/api/jobs/999999/")
    [record] = [r for r in caplog.records if r.name == "jobs.request"]
    line = json.loads(JsonFormatter("%(message)s").format(record))
    assert line["route"] == "api/jobs/<int:job_id>/"
    assert line["status"] == 404
    assert line["method"] == "GET"
    assert line["duration_ms"] >= 0
    assert line["user"] is None
    assert line["request_id"] == response["X-Request-ID"]


def test_metrics_count_requests_by_route_and_status(api_client):
    api_client.get("/api/jobs/")
    body = api_client.get("/metrics").content.decode()
    assert 'http_requests_total{method="GET",route="api/jobs/",status="200"}' in body
    assert "http_request_duration_seconds_bucket" in body


def test_metrics_are_not_under_the_api_prefix(api_client):
    assert api_client.get("/api/metrics").status_code == 404
