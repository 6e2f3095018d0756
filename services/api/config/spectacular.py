"""drf-spectacular's settings: the OpenAPI document's metadata and enum names."""

from typing import Any

# config.settings.base re-exports it as the setting drf-spectacular reads.
SPECTACULAR_SETTINGS: dict[str, Any] = {
    "TITLE": "Jobs API",
    "DESCRIPTION": (
        "Job management dashboard API. Errors use one envelope: "
        '`{"detail": "<summary>", "errors": {"<field>": ["<message>"]}}` '
        "(`errors` only for validation failures)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "StatusTypeEnum": "jobs.models.StatusType",
        "HealthStatusEnum": [("ok", "ok")],
        "BulkActionEnum": "jobs.statuses.BulkAction",
        "BulkStateEnum": "jobs.statuses.BulkState",
        "BulkSetStatusActionEnum": [("set_status", "Set status")],
        "BulkDeleteActionEnum": [("delete", "Delete")],
    },
}
