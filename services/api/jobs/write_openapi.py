"""OpenAPI pieces of the conditional and idempotent writes: the ``If-Match``
and ``Idempotency-Key`` request headers, the ``ETag`` response header and
the 412 and 422 answers (docs/api.md, "Versions and If-Match",
"Idempotency-Key").  They change the schema, never the behaviour."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiParameter
from rest_framework import serializers

from core.idempotency import (
    IDEMPOTENCY_KEY_FIELD_MAX_LENGTH,
    IDEMPOTENCY_KEY_MAX_LENGTH,
    IDEMPOTENCY_KEY_PATTERN,
    MalformedIdempotencyKeyError,
)
from core.preconditions import IF_MATCH_PATTERN, MalformedIfMatchError
from core.serializers import ErrorEnvelopeSerializer
from jobs.exceptions import IdempotencyKeyReusedError, JobVersionMismatchError
from jobs.serializers import JobSerializer


class JobVersionMismatchSerializer(serializers.Serializer):
    """The 412 body: the error envelope's ``detail`` and the current job."""

    detail = serializers.CharField(help_text="One-line summary of the error.")
    job = JobSerializer(help_text="The job as it is now; its ETag is the header's.")


def etag_header(status_codes: list[int]) -> OpenApiParameter:
    """The ``ETag`` response header of the given responses."""
    return OpenApiParameter(
        "ETag",
        {"type": "string", "pattern": '^"[^"]+"$'},
        OpenApiParameter.HEADER,
        response=status_codes,
        required=True,
        description=(
            "Strong entity-tag of the job's version: its `updated_at` in "
            'double quotes (`"2026-11-29T09:15:49.757999Z"`). Send it back '
            "in `If-Match`."
        ),
    )


IF_MATCH_PARAMETER = OpenApiParameter(
    "If-Match",
    {"type": "string", "pattern": IF_MATCH_PATTERN},
    OpenApiParameter.HEADER,
    description=(
        "Write only if the job is still at this version (RFC 9110, 13.1.1): "
        'an `ETag` (`"2026-11-29T09:15:49.757999Z"`, or a job\'s `updated_at` '
        "in double quotes), several separated by commas, or `*` (any version). "
        "Checked under the job's row lock: a stale version is a 412 with the "
        "current job, a header that is not an entity-tag list a 400, a weak "
        "tag (`W/`) never matches. Without it the write is unconditional."
    ),
)

IDEMPOTENCY_KEY_PARAMETER = OpenApiParameter(
    "Idempotency-Key",
    {
        "type": "string",
        "pattern": IDEMPOTENCY_KEY_PATTERN,
        "maxLength": IDEMPOTENCY_KEY_FIELD_MAX_LENGTH,
    },
    OpenApiParameter.HEADER,
    description=(
        "Create at most one job per key (draft-ietf-httpapi-idempotency-key-"
        "header): an RFC 8941 string in double quotes, 1 to "
        f"{IDEMPOTENCY_KEY_MAX_LENGTH} printable ASCII characters "
        '(`"8e03978e-40d5-43e8-bc93-6894a57f9324"`; `\\"` and `\\\\` escaped, the '
        f"field at most {IDEMPOTENCY_KEY_FIELD_MAX_LENGTH} characters, no "
        "parameters). The same key with the same body within 24 h returns the "
        "first 201 again (the same job); with another body a 422; a malformed "
        "key a 400."
    ),
)

ERRORS_412 = {412: JobVersionMismatchSerializer}
ERRORS_422 = {422: ErrorEnvelopeSerializer}

VERSION_MISMATCH_EXAMPLE = OpenApiExample(
    "Changed since If-Match",
    value={
        "detail": JobVersionMismatchError.default_message,
        "job": {
            "id": 3,
            "name": "Fluid Dynamics Simulation",
            "current_status": "FAILED",
            "status_changed_at": "2026-11-29T09:16:02.004412Z",
            "created_at": "2026-11-29T09:15:10.391854Z",
            "updated_at": "2026-11-29T09:16:02.004412Z",
        },
    },
    response_only=True,
    status_codes=["412"],
)
MALFORMED_IF_MATCH_EXAMPLE = OpenApiExample(
    "Malformed version header",
    value={"detail": MalformedIfMatchError.default_message},
    response_only=True,
    status_codes=["400"],
)
MALFORMED_KEY_EXAMPLE = OpenApiExample(
    "Malformed key header",
    value={"detail": MalformedIdempotencyKeyError.default_message},
    response_only=True,
    status_codes=["400"],
)
KEY_REUSED_EXAMPLE = OpenApiExample(
    "Key reused",
    value={"detail": IdempotencyKeyReusedError.default_message},
    response_only=True,
    status_codes=["422"],
)
