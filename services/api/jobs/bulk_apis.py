"""HTTP endpoints of the bulk actions: ``/api/jobs/bulk/`` and an
operation's progress, ``/api/jobs/bulk/<id>/`` (docs/api.md, "Bulk
actions")."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.parsers import StrictJSONParser
from jobs.bulk import job_bulk_apply
from jobs.bulk_openapi import (
    BULK_ERROR_EXAMPLE,
    BULK_INPUT,
    BY_FILTER_EXAMPLE,
    BY_IDS_EXAMPLE,
    OPERATION_EXAMPLES,
    OPERATION_ID_PARAMETER,
    OPERATION_NOT_FOUND_EXAMPLE,
    RESULT_EXAMPLE,
)
from jobs.bulk_runs import bulk_operation_get
from jobs.bulk_serializers import (
    BulkActionInputSerializer,
    BulkOperationSerializer,
    BulkResultSerializer,
)
from jobs.openapi import (
    BODY_EXAMPLES,
    DATABASE_UNAVAILABLE_EXAMPLE,
    ERRORS_400,
    ERRORS_404,
    ERRORS_409,
    ERRORS_503,
    ERRORS_BODY,
    TAGS,
    WRITE_CONFLICT_EXAMPLE,
)
from jobs.schema_rules import RequiredBodyAutoSchema
from jobs.tasks import bulk_operation_submit


class JobBulkApi(APIView):
    """``/api/jobs/bulk/``: one action on a list of jobs or on a filter."""

    parser_classes = [StrictJSONParser]
    schema = RequiredBodyAutoSchema()

    @extend_schema(
        operation_id="jobs_bulk_create",
        summary="Set a status on, or delete, many jobs",
        description=(
            "With `ids` (1 to 1000): one transaction, answered 200 with the "
            "number of jobs written and the ids of no job. With `filter` "
            "(the list's `status` and `search`; `{}` is every job): answered "
            "202 with a bulk operation that a worker runs in batches; follow "
            "its `Location` (`GET /api/jobs/bulk/{operation_id}/`)."
        ),
        request=BULK_INPUT,
        responses={
            200: BulkResultSerializer,
            202: BulkOperationSerializer,
            **ERRORS_400,
            **ERRORS_BODY,
            **ERRORS_409,
            **ERRORS_503,
        },
        examples=[
            BY_IDS_EXAMPLE,
            BY_FILTER_EXAMPLE,
            RESULT_EXAMPLE,
            OPERATION_EXAMPLES[1],
            BULK_ERROR_EXAMPLE,
            *BODY_EXAMPLES,
            WRITE_CONFLICT_EXAMPLE,
            DATABASE_UNAVAILABLE_EXAMPLE,
        ],
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        serializer = BulkActionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if "ids" in data:
            result = job_bulk_apply(
                action=data["action"],
                ids=data["ids"],
                status_type=data.get("status_type"),
            )
            body = {
                "action": data["action"],
                "status_type": data.get("status_type"),
                **result._asdict(),
            }
            return Response(body)
        operation = bulk_operation_submit(
            action=data["action"],
            filters=data["filter"],
            status_type=data.get("status_type"),
        )
        location = reverse("jobs:bulk-detail", kwargs={"operation_id": operation.id})
        return Response(
            BulkOperationSerializer(operation).data,
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": location},
        )


class JobBulkOperationApi(APIView):
    """``/api/jobs/bulk/<id>/``: a filter-wide operation and its progress."""

    @extend_schema(
        operation_id="jobs_bulk_retrieve",
        summary="Get a bulk operation's progress",
        description=(
            "`state`: pending, running, done or failed; `done` of `total` "
            "jobs written (`total` is null until the run starts)."
        ),
        parameters=[OPERATION_ID_PARAMETER],
        responses={200: BulkOperationSerializer, **ERRORS_404, **ERRORS_503},
        examples=[
            OPERATION_EXAMPLES[0],
            OPERATION_NOT_FOUND_EXAMPLE,
            DATABASE_UNAVAILABLE_EXAMPLE,
        ],
        tags=TAGS,
    )
    def get(self, request: Request, operation_id: int) -> Response:
        operation = bulk_operation_get(operation_id=operation_id)
        return Response(BulkOperationSerializer(operation).data)
