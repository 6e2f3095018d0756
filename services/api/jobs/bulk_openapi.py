"""OpenAPI pieces of ``/api/jobs/bulk/``: the body's ``oneOf``, examples,
the search field's format (``jobs.bulk_apis`` passes them to
``extend_schema``; they change the schema, never the behaviour)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    PolymorphicProxySerializer,
)

from jobs.bulk_serializers import BULK_INPUT_VARIANTS
from jobs.filters import SEARCH_MIN_LENGTH
from jobs.models import NAME_MAX_LENGTH


class BulkSearchFieldExtension(OpenApiSerializerFieldExtension):
    """The body's ``search``: the list's ``search-term`` format and lengths."""

    target_class = "jobs.bulk_serializers.BulkSearchField"

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> Any:
        return {
            "type": "string",
            "format": "search-term",
            "minLength": SEARCH_MIN_LENGTH,
            "maxLength": NAME_MAX_LENGTH,
            "description": (
                "Case-insensitive substring of the name, with the rules of "
                "`search` on GET /api/jobs/ (trimmed, 3 or more characters "
                "with a trigram)."
            ),
        }


BULK_INPUT = PolymorphicProxySerializer(
    component_name="BulkActionInput",
    serializers=BULK_INPUT_VARIANTS,
    resource_type_field_name=None,
)

OPERATION_ID_PARAMETER = OpenApiParameter(
    "operation_id",
    OpenApiTypes.INT64,
    OpenApiParameter.PATH,
    description="Bulk operation id.",
)

BY_IDS_EXAMPLE = OpenApiExample(
    "Fail three jobs",
    value={"action": "set_status", "status_type": "FAILED", "ids": [3, 4, 99]},
    request_only=True,
)
BY_FILTER_EXAMPLE = OpenApiExample(
    "Fail every running simulation",
    value={
        "action": "set_status",
        "status_type": "FAILED",
        "filter": {"status": ["RUNNING"], "search": "simulation"},
    },
    request_only=True,
)
RESULT_EXAMPLE = OpenApiExample(
    "Id list done",
    value={
        "action": "set_status",
        "status_type": "FAILED",
        "affected": 2,
        "missing": [99],
    },
    response_only=True,
    status_codes=["200"],
)
_OPERATION_VALUE = {
    "id": 7,
    "action": "set_status",
    "status_type": "FAILED",
    "filter": {"status": ["RUNNING"], "search": "simulation"},
    "state": "running",
    "total": 125000,
    "done": 42000,
    "error": None,
    "created_at": "2026-11-29T09:15:10.391854Z",
    "started_at": "2026-11-29T09:15:10.902311Z",
    "finished_at": None,
}
OPERATION_EXAMPLES = [
    OpenApiExample(
        f"Operation ({code})",
        value=_OPERATION_VALUE,
        response_only=True,
        status_codes=[code],
    )
    for code in ("200", "202")
]
BULK_ERROR_EXAMPLE = OpenApiExample(
    "Invalid bulk body",
    value={
        "detail": "status_type: This field is required for set_status.",
        "errors": {"status_type": ["This field is required for set_status."]},
    },
    response_only=True,
    status_codes=["400"],
)
OPERATION_NOT_FOUND_EXAMPLE = OpenApiExample(
    "Unknown operation",
    value={"detail": "Bulk operation 42 not found."},
    response_only=True,
    status_codes=["404"],
)
