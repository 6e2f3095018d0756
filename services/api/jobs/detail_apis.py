"""``/api/jobs/<id>/``: read, update and delete one job, conditionally.

Every job it answers carries its ``ETag``; PATCH and DELETE honour
``If-Match`` (docs/api.md, "Versions and If-Match").
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.parsers import StrictJSONParser
from core.preconditions import parse_if_match
from jobs.exceptions import JobVersionMismatchError
from jobs.models import Job
from jobs.openapi import (
    BODY_EXAMPLES,
    DATABASE_UNAVAILABLE_EXAMPLE,
    ERRORS_400,
    ERRORS_404,
    ERRORS_409,
    ERRORS_503,
    ERRORS_BODY,
    JOB_ID_PARAMETER,
    NOT_FOUND_EXAMPLE,
    STATUS_CHANGE_EXAMPLE,
    TAGS,
    VALIDATION_ERROR_EXAMPLE,
    WRITE_CONFLICT_EXAMPLE,
    job_example,
)
from jobs.schema_rules import RequiredBodyAutoSchema
from jobs.selectors import job_get
from jobs.serializers import JobSerializer, JobUpdateInputSerializer, job_etag
from jobs.services import job_delete, job_update
from jobs.write_openapi import (
    ERRORS_412,
    IF_MATCH_PARAMETER,
    MALFORMED_IF_MATCH_EXAMPLE,
    VERSION_MISMATCH_EXAMPLE,
    etag_header,
)

_CONDITIONAL_EXAMPLES = [MALFORMED_IF_MATCH_EXAMPLE, VERSION_MISMATCH_EXAMPLE]


def job_response(job: Job, status_code: int = status.HTTP_200_OK) -> Response:
    """The job as the body, its version as the ``ETag`` header."""
    return Response(
        JobSerializer(job).data, status=status_code, headers={"ETag": job_etag(job)}
    )


def version_mismatch_response(exc: JobVersionMismatchError) -> Response:
    """The 412: the envelope's ``detail``, the current job and its ``ETag``."""
    return Response(
        {"detail": exc.message, "job": JobSerializer(exc.job).data},
        status=status.HTTP_412_PRECONDITION_FAILED,
        headers={"ETag": job_etag(exc.job)},
    )


class JobDetailApi(APIView):
    """``/api/jobs/<id>/``: read, update (status and/or name) or delete."""

    parser_classes = [StrictJSONParser]
    schema = RequiredBodyAutoSchema()

    @extend_schema(
        operation_id="jobs_retrieve",
        summary="Get a job",
        parameters=[JOB_ID_PARAMETER, etag_header([200])],
        responses={200: JobSerializer, **ERRORS_404, **ERRORS_503},
        examples=[job_example("200"), NOT_FOUND_EXAMPLE, DATABASE_UNAVAILABLE_EXAMPLE],
        tags=TAGS,
    )
    def get(self, request: Request, job_id: int) -> Response:
        return job_response(job_get(job_id=job_id))

    @extend_schema(
        operation_id="jobs_partial_update",
        summary="Change a job's status and/or name",
        description=(
            "`status_type` appends a new entry to the job's status history, "
            "even when it equals the current status; the returned job "
            "already shows it. At least one field is required. With "
            "`If-Match`, only if the job is still at that version (else 412)."
        ),
        parameters=[JOB_ID_PARAMETER, IF_MATCH_PARAMETER, etag_header([200, 412])],
        request=JobUpdateInputSerializer,
        responses={
            200: JobSerializer,
            **ERRORS_400,
            **ERRORS_404,
            **ERRORS_BODY,
            **ERRORS_409,
            **ERRORS_412,
            **ERRORS_503,
        },
        examples=[
            STATUS_CHANGE_EXAMPLE,
            job_example("200"),
            VALIDATION_ERROR_EXAMPLE,
            NOT_FOUND_EXAMPLE,
            *BODY_EXAMPLES,
            WRITE_CONFLICT_EXAMPLE,
            *_CONDITIONAL_EXAMPLES,
            DATABASE_UNAVAILABLE_EXAMPLE,
        ],
        tags=TAGS,
    )
    def patch(self, request: Request, job_id: int) -> Response:
        if_match = parse_if_match(request.headers.get("If-Match"))
        serializer = JobUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            job = job_update(
                job_id=job_id, if_match=if_match, **serializer.validated_data
            )
        except JobVersionMismatchError as exc:
            return version_mismatch_response(exc)
        return job_response(job)

    @extend_schema(
        operation_id="jobs_destroy",
        summary="Delete a job and its status history",
        description="With `If-Match`, only if the job is still at that version (else 412).",
        parameters=[JOB_ID_PARAMETER, IF_MATCH_PARAMETER, etag_header([412])],
        responses={
            204: None,
            **ERRORS_400,
            **ERRORS_404,
            **ERRORS_409,
            **ERRORS_412,
            **ERRORS_503,
        },
        examples=[
            NOT_FOUND_EXAMPLE,
            WRITE_CONFLICT_EXAMPLE,
            *_CONDITIONAL_EXAMPLES,
            DATABASE_UNAVAILABLE_EXAMPLE,
        ],
        tags=TAGS,
    )
    def delete(self, request: Request, job_id: int) -> Response:
        if_match = parse_if_match(request.headers.get("If-Match"))
        try:
            job_delete(job_id=job_id, if_match=if_match)
        except JobVersionMismatchError as exc:
            return version_mismatch_response(exc)
        return Response(status=status.HTTP_204_NO_CONTENT)
