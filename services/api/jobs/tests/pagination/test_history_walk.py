"""Walk a job's status history page by page, newest first, both ways."""

from datetime import UTC, datetime, timedelta

from jobs.models import Job, JobStatus
from jobs.tests.factories import JobStatusFactory
from jobs.tests.pagination.walking import GetJson, walk_backward, walk_forward


def test_job_status_history_pagination_walks_ties_once_both_ways(
    job: Job, get_json: GetJson
) -> None:
    base = datetime(2026, 4, 1, tzinfo=UTC)
    statuses = ["RUNNING", "FAILED", "PENDING", "COMPLETED", "CANCELLED"]
    for index in range(30):
        # Three distinct timestamps only: ten statuses share each.
        JobStatusFactory(
            job=job,
            status_type=statuses[index % 5],
            timestamp=base + timedelta(seconds=index % 3),
        )
    expected = list(
        JobStatus.objects.filter(job=job)
        .order_by("-timestamp", "-id")
        .values_list("id", flat=True)
    )
    assert len(expected) == 31  # with the initial PENDING

    pages = walk_forward(get_json, f"/api/jobs/{job.id}/statuses/?page_size=4", 10)

    assert pages[0]["previous"] is None
    assert set(pages[0]["results"][0]) == {"id", "status_type", "timestamp"}
    assert [row["id"] for page in pages for row in page["results"]] == expected
    assert walk_backward(get_json, pages[-1], 10) == expected


def test_job_status_history_pagination_unknown_job_is_404(
    db: None, get_json: GetJson
) -> None:
    status, body = get_json("/api/jobs/987654321/statuses/")
    assert status == 404
    assert isinstance(body["detail"], str)


def test_job_status_history_pagination_new_status_between_pages(
    job: Job, get_json: GetJson
) -> None:
    for _ in range(5):
        JobStatusFactory(job=job)
    before = list(
        JobStatus.objects.filter(job=job)
        .order_by("-timestamp", "-id")
        .values_list("id", flat=True)
    )
    status, first = get_json(f"/api/jobs/{job.id}/statuses/?page_size=3")
    assert status == 200
    JobStatusFactory(job=job, status_type="FAILED")  # newer: above the walk
    walked = [row["id"] for row in first["results"]]
    walked += [
        row["id"]
        for page in walk_forward(get_json, first["next"], 5)
        for row in page["results"]
    ]
    assert walked == before
