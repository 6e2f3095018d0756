"""job_stats: exact counts from the trigger-kept counters."""

from jobs.models import JobStatusCount, StatusType
from jobs.selectors import job_stats
from jobs.tests.factories import JobFactory, JobStatusFactory


def test_job_stats_sums_shards_and_counts_null_status_in_total_only(db: None) -> None:
    JobStatusCount.objects.all().delete()
    JobStatusCount.objects.bulk_create(
        [
            JobStatusCount(status_type="PENDING", shard=0, job_count=3),
            JobStatusCount(status_type="PENDING", shard=5, job_count=2),
            JobStatusCount(status_type="FAILED", shard=1, job_count=4),
            JobStatusCount(status_type="RUNNING", shard=2, job_count=0),
            JobStatusCount(status_type=None, shard=2, job_count=7),
        ]
    )
    assert job_stats() == {
        "total": 16,
        "by_status": {
            "PENDING": 5,
            "RUNNING": 0,
            "COMPLETED": 0,
            "FAILED": 4,
            "CANCELLED": 0,
        },
    }


def test_job_stats_empty_counters_give_zeros(db: None) -> None:
    JobStatusCount.objects.all().delete()
    assert job_stats() == {
        "total": 0,
        "by_status": dict.fromkeys(StatusType.values, 0),
    }


def test_job_stats_follow_writes_through_the_triggers(db: None) -> None:
    before = job_stats()
    jobs = [JobFactory() for _ in range(5)]
    JobStatusFactory(job=jobs[0], status_type="RUNNING")
    JobStatusFactory(job=jobs[1], status_type="FAILED")
    JobStatusFactory(job=jobs[1], status_type="COMPLETED")
    jobs[2].delete()

    after = job_stats()

    assert after["total"] - before["total"] == 4
    delta = {
        s: after["by_status"][s] - before["by_status"][s] for s in StatusType.values
    }
    assert delta == {
        "PENDING": 2,
        "RUNNING": 1,
        "COMPLETED": 1,
        "FAILED": 0,
        "CANCELLED": 0,
    }


def test_job_stats_is_one_query(db: None, django_assert_num_queries: object) -> None:
    with django_assert_num_queries(1):  # type: ignore[operator]
        job_stats()
