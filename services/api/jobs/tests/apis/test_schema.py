"""The OpenAPI schema generates cleanly and the committed copy is current."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

pytestmark = pytest.mark.django_db

COMMITTED = Path(settings.BASE_DIR) / "openapi.yaml"


def _generate(tmp_path: Path) -> str:
    out = tmp_path / "openapi.yaml"
    # --fail-on-warn turns every drf-spectacular warning or error into a
    # SystemExit, so a clean return is the "no warnings" assertion.
    call_command("spectacular", "--file", str(out), "--validate", "--fail-on-warn")
    return out.read_text(encoding="utf-8")


def test_schema_generates_without_warnings(tmp_path: Path) -> None:
    schema = yaml.safe_load(_generate(tmp_path))

    paths = schema["paths"]
    assert set(paths) >= {
        "/api/jobs/",
        "/api/jobs/{job_id}/",
        "/api/jobs/{job_id}/statuses/",
        "/api/jobs/stats/",
        "/api/health/",
    }
    page = schema["components"]["schemas"]["PaginatedJobList"]
    assert set(page["required"]) == {"next", "previous", "results"}
    list_params = {p["name"] for p in paths["/api/jobs/"]["get"]["parameters"]}
    assert list_params >= {"cursor", "page_size", "status", "search", "ordering"}


def test_schema_committed_copy_is_current(tmp_path: Path) -> None:
    assert COMMITTED.read_text(encoding="utf-8") == _generate(tmp_path), (
        "services/api/openapi.yaml is stale: run `make types`"
    )


def test_schema_endpoint_and_docs_are_served(client) -> None:
    schema = client.get("/api/schema/")
    docs = client.get("/api/docs/")

    assert schema.status_code == 200
    assert b"openapi: 3" in schema.content
    assert docs.status_code == 200
    assert b"/api/static/drf_spectacular_sidecar/" in docs.content


def test_schema_docs_assets_served_locally_under_api_static(client) -> None:
    response = client.get(
        "/api/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css"
    )

    assert response.status_code == 200


def test_schema_documents_every_error_status(tmp_path: Path) -> None:
    # Every status the API can answer is in the schema with the envelope:
    # 503 wherever the database is read, 413/415 wherever a body is parsed,
    # 409 wherever a write can keep deadlocking, 412 and 422 where the
    # If-Match and Idempotency-Key headers are taken.
    paths = yaml.safe_load(_generate(tmp_path))["paths"]
    envelope = "#/components/schemas/ErrorEnvelope"
    version_mismatch = "#/components/schemas/JobVersionMismatch"
    expected = {
        ("/api/jobs/", "get"): {"400", "414", "503"},
        ("/api/jobs/", "post"): {"400", "409", "413", "415", "422", "503"},
        ("/api/jobs/{job_id}/", "get"): {"404", "503"},
        ("/api/jobs/{job_id}/", "patch"): {
            "400",
            "404",
            "409",
            "412",
            "413",
            "415",
            "503",
        },
        ("/api/jobs/{job_id}/", "delete"): {"400", "404", "409", "412", "503"},
        ("/api/jobs/{job_id}/statuses/", "get"): {"400", "404", "414", "503"},
        ("/api/jobs/stats/", "get"): {"503"},
        ("/api/health/", "get"): {"503"},
    }
    for (path, method), statuses in expected.items():
        responses = paths[path][method]["responses"]
        errors = {code for code in responses if code.startswith(("4", "5"))}
        assert errors == statuses, (path, method, errors)
        for code in statuses:
            schema = responses[code]["content"]["application/json"]["schema"]
            # A 412 is the envelope's detail plus the current job.
            expected_ref = version_mismatch if code == "412" else envelope
            assert schema["$ref"] == expected_ref, (path, method, code)
