"""The naive baseline: what most job lists do, served by the same stack.

Benchmark code only; the product never routes here.  The design measured
is the common one, given the indexes that help it most
(``jobs_status_job_ts_idx`` on ``jobs_jobstatus(job_id, timestamp DESC,
id DESC)`` and ``jobs_job_created_idx`` on ``jobs_job(created_at DESC, id
DESC)``, both in the product schema):

* the current status of each row comes from a latest-status subquery, not
  from a read model;
* pages are ``LIMIT 50 OFFSET k``;
* every page also runs ``COUNT(*)`` for the total.

The baseline deliberately does *less* than the product: it does not
compute ``status_changed_at`` (a second subquery per row would double its
cost), so the comparison is tilted in its favour.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from jobs.models import Job, StatusType
from jobs.serializers import JobSerializer

PAGE_SIZE = 50

LATEST_STATUS_SQL = (
    "(SELECT s.status_type FROM jobs_jobstatus s WHERE s.job_id = j.id"
    " ORDER BY s.timestamp DESC, s.id DESC LIMIT 1)"
)


def naive_page_sql(*, filtered: bool) -> str:
    """Return the page query; ``filtered`` adds the status condition."""
    where = f"WHERE {LATEST_STATUS_SQL} = %(status)s " if filtered else ""
    return (
        "SELECT j.id, j.name, j.created_at, j.updated_at, "
        f"{LATEST_STATUS_SQL} AS current_status "
        f"FROM jobs_job j {where}"
        "ORDER BY j.created_at DESC, j.id DESC "
        "LIMIT %(limit)s OFFSET %(offset)s"
    )


def naive_count_sql(*, filtered: bool) -> str:
    """Return the total-count query; ``filtered`` adds the status condition."""
    where = f" WHERE {LATEST_STATUS_SQL} = %(status)s" if filtered else ""
    return f"SELECT COUNT(*) FROM jobs_job j{where}"


def _serialize(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Serialize rows as the product does: model instances through JobSerializer.

    The product's selector builds ``Job`` instances, so the baseline does too
    (unsaved, from its own columns) and pays the same serializer cost.
    """
    jobs = [Job(status_changed_at=None, **row) for row in rows]
    return list(JobSerializer(jobs, many=True).data)


class NaiveJobListApi(APIView):
    """``GET /bench/naive/jobs/?offset=k&status=S``: the naive list page."""

    def get(self, request: Request) -> Response:
        """Return ``{count, next, previous, results}`` for one OFFSET page."""
        try:
            offset = max(0, int(request.query_params.get("offset", "0")))
        except ValueError:
            return Response({"detail": "offset must be an integer."}, status=400)
        status = request.query_params.get("status") or None
        if status is not None and status not in StatusType.values:
            return Response({"detail": "Unknown status."}, status=400)
        filtered = status is not None
        params = {"status": status, "limit": PAGE_SIZE, "offset": offset}
        with connection.cursor() as cursor:
            cursor.execute(naive_count_sql(filtered=filtered), params)
            total = cursor.fetchone()[0]
            cursor.execute(naive_page_sql(filtered=filtered), params)
            columns = [col.name for col in cursor.description]
            rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        base = request.build_absolute_uri(request.path)
        suffix = f"&status={status}" if filtered else ""
        next_url = (
            f"{base}?offset={offset + PAGE_SIZE}{suffix}"
            if offset + PAGE_SIZE < total
            else None
        )
        previous_url = (
            f"{base}?offset={max(0, offset - PAGE_SIZE)}{suffix}" if offset else None
        )
        return Response(
            {
                "count": total,
                "next": next_url,
                "previous": previous_url,
                "results": _serialize(rows),
            }
        )
