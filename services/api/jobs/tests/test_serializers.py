from datetime import UTC, datetime, timedelta, timezone

import pytest
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from core.renderers import FastJSONRenderer
from jobs.models import Job, JobStatus, StatusType
from jobs.serializers import (
    JOB_FIELDS,
    JobSerializer,
    JobStatusSerializer,
)

PLUS_TWO = timezone(timedelta(hours=2))


def drf_field_loop(serializer: serializers.ModelSerializer, instance: object) -> object:
    """What DRF's generic field-by-field path makes of the instance."""
    return serializers.ModelSerializer.to_representation(serializer, instance)


@pytest.mark.parametrize(
    "job",
    [
        Job(
            id=7,
            name="Fluid Dynamics Simulation",
            current_status=StatusType.RUNNING,
            status_changed_at=datetime(2026, 11, 29, 9, 15, 10, 391854, tzinfo=UTC),
            created_at=datetime(2026, 11, 29, 9, 0, tzinfo=UTC),
            updated_at=datetime(2026, 11, 29, 11, 15, 10, 5, tzinfo=PLUS_TWO),
        ),
        Job(
            id=8,
            name="Job with no status left",
            current_status=None,
            status_changed_at=None,
            created_at=datetime(2025, 1, 1, tzinfo=UTC),
            updated_at=datetime(2025, 1, 1, 0, 0, 1, tzinfo=UTC),
        ),
    ],
)
def test_job_serializer_fast_path_matches_drf_fields(job: Job) -> None:
    serializer = JobSerializer()

    assert serializer.to_representation(job) == drf_field_loop(serializer, job)


@pytest.mark.django_db
def test_job_from_row_matches_drf_fields_on_values_rows() -> None:
    job = Job.objects.create(name="Fluid Dynamics Simulation")
    job.refresh_from_db()
    (row,) = Job.objects.filter(pk=job.pk).values(*JOB_FIELDS)
    # The list sends its values() rows as they are; on the wire they must
    # be the bytes of DRF's field loop.
    assert FastJSONRenderer().render(row) == JSONRenderer().render(
        drf_field_loop(JobSerializer(), job)
    )


def test_job_status_serializer_fast_path_matches_drf_fields() -> None:
    status = JobStatus(
        id=3,
        job_id=7,
        status_type=StatusType.FAILED,
        timestamp=datetime(2026, 11, 29, 10, 0, 0, 123, tzinfo=PLUS_TWO),
    )
    serializer = JobStatusSerializer()

    assert serializer.to_representation(status) == drf_field_loop(serializer, status)
    assert (
        serializer.to_representation(status)["timestamp"]
        == "2026-11-29T08:00:00.000123Z"
    )
