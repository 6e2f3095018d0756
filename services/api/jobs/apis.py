"""HTTP endpoints of the jobs API: validate, call one selector or service,
serialise, return.  Errors are raised, and ``core.exceptions`` turns them
into the JSON error envelope."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.idempotency import body_fingerprint, parse_idempotency_key
from core.pagination.params import reject_unknown_params
from core.parsers import StrictJSONParser
from core.renderers import FastJSONRenderer
from jobs.detail_apis import job_response
from jobs.idempotency import job_create_idempotent
from jobs.openapi import (
    BODY_EXAMPLES,
    DATABASE_UNAVAILABLE_EXAMPLE,
    ERRORS_400,
    ERRORS_404,
    ERRORS_409,
    ERRORS_503,
    ERRORS_BODY,
    ERRORS_LIST,
    JOB_ID_PARAMETER,
    JOB_PAGE_EXAMPLE,
    LIST_FILTER_PARAMETERS,
    NEW_JOB_EXAMPLE,
    NOT_FOUND_EXAMPLE,
    PARAMETER_ERROR_EXAMPLE,
    STATS_EXAMPLE,
    STATUS_PAGE_EXAMPLE,
    TAGS,
    VALIDATION_ERROR_EXAMPLE,
    WRITE_CONFLICT_EXAMPLE,
    job_example,
)
from jobs.pagination import (
    HISTORY_QUERY_PARAMS,
    LIST_QUERY_PARAMS,
    LIST_REPEATABLE_PARAMS,
    JobListPagination,
    JobStatusHistoryPagination,
)
from jobs.selectors import job_list_query, job_stats, job_status_history
from jobs.serializers import (
    JOB_FIELDS,
    JobCreateInputSerializer,
    JobSerializer,
    JobStatsSerializer,
    JobStatusSerializer,
    job_etag,
)
from jobs.services import job_create
from jobs.write_openapi import (
    ERRORS_422,
    IDEMPOTENCY_KEY_PARAMETER,
    KEY_REUSED_EXAMPLE,
    MALFORMED_KEY_EXAMPLE,
    etag_header,
)


class JobListCreateApi(APIView):
    """``/api/jobs/``: list jobs (keyset-paginated) and create a job."""

    # Read by drf-spectacular for the list's page shape and parameters.
    pagination_class = JobListPagination
    parser_classes = [StrictJSONParser]
    # The page's values() rows go out as they are: the renderer formats
    # their datetimes as JobSerializer does (core.renderers).
    renderer_classes = [FastJSONRenderer]

    @extend_schema(
        operation_id="jobs_list",
        summary="List jobs",
        description=(
            "Newest first by default. Keyset pagination: follow `next` "
            "(an absolute URL with an opaque `cursor`) until it is null. "
            "No total count is computed. A query parameter not listed "
            "here is a 400 naming it."
        ),
        parameters=LIST_FILTER_PARAMETERS,
        responses={200: JobSerializer(many=True), **ERRORS_LIST, **ERRORS_503},
        examples=[
            JOB_PAGE_EXAMPLE,
            PARAMETER_ERROR_EXAMPLE,
            DATABASE_UNAVAILABLE_EXAMPLE,
        ],
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        reject_unknown_params(
            request.query_params, LIST_QUERY_PARAMS, repeatable=LIST_REPEATABLE_PARAMS
        )
        paginator = JobListPagination()
        jobs, partition = job_list_query(filters=request.query_params)
        rows = jobs.values(*JOB_FIELDS)
        page = paginator.paginate_queryset(rows, request, self, partition=partition)
        return paginator.get_paginated_response(page)

    @extend_schema(
        operation_id="jobs_create",
        summary="Create a job",
        description=(
            "Creates the job with an initial PENDING status. With "
            "`Idempotency-Key`, a retry of the same request creates nothing "
            "and returns the first 201."
        ),
        parameters=[IDEMPOTENCY_KEY_PARAMETER, etag_header([201])],
        request=JobCreateInputSerializer,
        responses={
            201: JobSerializer,
            **ERRORS_400,
            **ERRORS_BODY,
            **ERRORS_409,
            **ERRORS_422,
            **ERRORS_503,
        },
        examples=[
            NEW_JOB_EXAMPLE,
            job_example("201"),
            VALIDATION_ERROR_EXAMPLE,
            MALFORMED_KEY_EXAMPLE,
            *BODY_EXAMPLES,
            WRITE_CONFLICT_EXAMPLE,
            KEY_REUSED_EXAMPLE,
            DATABASE_UNAVAILABLE_EXAMPLE,
        ],
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        key = parse_idempotency_key(request.headers.get("Idempotency-Key"))
        serializer = JobCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if key is None:
            return job_response(job_create(**serializer.validated_data), 201)
        created = job_create_idempotent(
            key=key,
            fingerprint=body_fingerprint(request.data),
            render=lambda job: JobSerializer(job).data,
            **serializer.validated_data,
        )
        headers = {"ETag": job_etag(created.body)}
        return Response(created.body, status=status.HTTP_201_CREATED, headers=headers)


class JobStatusHistoryApi(APIView):
    """``/api/jobs/<id>/statuses/``: a job's status history, newest first."""

    pagination_class = JobStatusHistoryPagination

    @extend_schema(
        operation_id="jobs_statuses_list",
        summary="List a job's status history",
        description=(
            "Newest first by (timestamp, id); keyset-paginated. A query "
            "parameter other than `cursor` and `page_size` is a 400."
        ),
        parameters=[JOB_ID_PARAMETER],
        responses={
            200: JobStatusSerializer(many=True),
            **ERRORS_LIST,
            **ERRORS_404,
            **ERRORS_503,
        },
        examples=[
            STATUS_PAGE_EXAMPLE,
            PARAMETER_ERROR_EXAMPLE,
            NOT_FOUND_EXAMPLE,
            DATABASE_UNAVAILABLE_EXAMPLE,
        ],
        tags=TAGS,
    )
    def get(self, request: Request, job_id: int) -> Response:
        reject_unknown_params(request.query_params, HISTORY_QUERY_PARAMS)
        paginator = JobStatusHistoryPagination()
        statuses = job_status_history(job_id=job_id)
        page = paginator.paginate_queryset(statuses, request, view=self)
        return paginator.get_paginated_response(
            JobStatusSerializer(page, many=True).data
        )


class JobStatsApi(APIView):
    """``/api/jobs/stats/``: exact job counts in constant time."""

    # job_stats() is already the wire shape (tests compare it with the
    # serializer's output); the serializer documents it for the schema.
    renderer_classes = [FastJSONRenderer]

    @extend_schema(
        operation_id="jobs_stats_retrieve",
        summary="Count jobs per current status",
        description="Exact counts kept by database triggers; no table scan.",
        responses={200: JobStatsSerializer, **ERRORS_503},
        examples=[STATS_EXAMPLE, DATABASE_UNAVAILABLE_EXAMPLE],
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        return Response(job_stats())
