"""A cursor names a position in an ordering, not a filter.

Used with other filters (or on another job's history, same ordering) it
answers the rows of that query strictly after the cursor's key, in order:
a well-defined page, never an error and never a row out of order.
"""

from urllib.parse import parse_qs, urlsplit

from django.db.models import Q

from jobs.models import Job
from jobs.tests.pagination.conftest import insert_jobs
from jobs.tests.pagination.walking import GetJson, ids_of


def test_cursor_used_with_another_filter_pages_that_filter_after_its_key(
    db: None, get_json: GetJson
) -> None:
    insert_jobs(120)
    status, body = get_json("/api/jobs/?page_size=3&status=RUNNING")
    assert status == 200
    cursor = parse_qs(urlsplit(body["next"]).query)["cursor"][0]
    last = Job.objects.get(pk=body["results"][-1]["id"])

    status, other = get_json(f"/api/jobs/?page_size=3&status=FAILED&cursor={cursor}")
    assert status == 200, other
    expected = list(
        Job.objects.filter(current_status="FAILED")
        .filter(
            Q(created_at__lt=last.created_at)
            | Q(created_at=last.created_at, id__lt=last.id)
        )
        .order_by("-created_at", "-id")
        .values_list("id", flat=True)[:3]
    )
    assert ids_of(other) == expected
    assert len(expected) == 3
