"""Wire format of the jobs API (JSON, snake_case, ISO 8601 UTC times).

Serializers only map between JSON and Python: no queries, no writes.  Their
class names become OpenAPI component names, so each one is unique.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from rest_framework import serializers

from core.errors import LISTED_NAME_LENGTH, listed_name_errors
from jobs.models import (
    NAME_BLANK_CHARACTERS,
    NAME_MAX_LENGTH,
    Job,
    JobStatus,
    StatusType,
)


def iso_utc(value: datetime | None) -> str | None:
    """Format an aware datetime as DRF does with ``TIME_ZONE = "UTC"``.

    ISO 8601 in UTC with a ``Z`` suffix (``2026-11-29T09:15:10.391854Z``);
    ``None`` stays ``None``.
    """
    if value is None:
        return None
    text = value.astimezone(UTC).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def job_etag(job: Job | Mapping[str, Any]) -> str:
    """Return the strong ``ETag`` of a job: its ``updated_at``, quoted.

    ``updated_at`` moves with every change of the job's representation
    (docs/architecture.md, "Versions"), so a client can build ``If-Match``
    from any job it read: ``"2026-11-29T09:15:10.391854Z"``.  ``job`` is a
    model instance or its serialized form.
    """
    if isinstance(job, Job):
        return f'"{iso_utc(job.updated_at)}"'
    return f'"{job["updated_at"]}"'


class JobSerializer(serializers.ModelSerializer[Job]):
    """A job as the API returns it; every field is read-only."""

    class Meta:
        model = Job
        fields = [
            "id",
            "name",
            "current_status",
            "status_changed_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    # The declared fields give the OpenAPI schema; this builds the same dict
    # directly.  A list page serializes 50 to 200 jobs, and DRF's per-field
    # loop (a time-zone lookup per datetime) cost about 8x more
    # (docs/performance.md, "Where the time goes");
    # tests/test_serializers.py keeps both outputs equal.
    def to_representation(self, instance: Job) -> dict[str, Any]:
        return {
            "id": instance.id,
            "name": instance.name,
            "current_status": instance.current_status,
            "status_changed_at": iso_utc(instance.status_changed_at),
            "created_at": iso_utc(instance.created_at),
            "updated_at": iso_utc(instance.updated_at),
        }


JOB_FIELDS = tuple(JobSerializer.Meta.fields)


class JobStatusSerializer(serializers.ModelSerializer[JobStatus]):
    """One entry of a job's status history."""

    class Meta:
        model = JobStatus
        fields = ["id", "status_type", "timestamp"]
        read_only_fields = fields

    # Same fast path as JobSerializer.
    def to_representation(self, instance: JobStatus) -> dict[str, Any]:
        return {
            "id": instance.id,
            "status_type": instance.status_type,
            "timestamp": iso_utc(instance.timestamp),
        }


class JobNameField(serializers.CharField):
    """A CharField that trims ``NAME_BLANK_CHARACTERS``, not just whitespace.

    DRF's trimming is ``str.strip()``, which keeps zero-width and other
    invisible characters; a name of only those would look blank.  The set
    is the one the ``jobs_job_name_not_blank`` CHECK constraint refuses.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs["trim_whitespace"] = False
        super().__init__(**kwargs)

    def run_validation(self, data: Any = serializers.empty) -> Any:
        if isinstance(data, str):
            data = data.strip(NAME_BLANK_CHARACTERS)
        return super().run_validation(data)

    def to_internal_value(self, data: Any) -> str:
        # DRF's CharField turns numbers into text; a name is a JSON string.
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StatusTypeField(serializers.ChoiceField):
    """A status spelled exactly; an invalid one is echoed cut at 40 characters.

    DRF echoes the whole input (``str()`` of a list or object too), so a
    2.5 MB value made an error body twice that size.
    """

    def to_internal_value(self, data: Any) -> Any:
        text = str(data)
        if isinstance(data, str) and text in self.choice_strings_to_values:
            return self.choice_strings_to_values[text]
        if len(text) > LISTED_NAME_LENGTH:
            text = f"{text[:LISTED_NAME_LENGTH]}..."
        self.fail("invalid_choice", input=text)


def _at_most_max_length(name: str) -> None:
    # Not CharField's max_length: the schema would publish it as the raw
    # value's maxLength, and blank characters around do not count
    # (jobs.schema_rules.NAME_PATTERN says it exactly).
    if len(name) > NAME_MAX_LENGTH:
        raise serializers.ValidationError(
            f"Ensure this field has no more than {NAME_MAX_LENGTH} characters.",
            code="max_length",
        )


def _name_field(*, required: bool) -> serializers.CharField:
    """A job name: trimmed, then 1 to NAME_MAX_LENGTH characters."""
    return JobNameField(
        required=required,
        validators=[_at_most_max_length],
        allow_blank=False,
        help_text=(
            f"Job name; surrounding blank characters are removed, then 1 to "
            f"{NAME_MAX_LENGTH} characters remain, counted as Unicode code "
            f"points (an emoji is 1, a flag 2, e + a combining accent 2)."
        ),
    )


class StrictInputSerializer(serializers.Serializer):
    """Input serializer that rejects fields it does not declare.

    A field the API returns but does not accept (``read_only_fields``) is
    reported as read-only; any other undeclared field as unknown.  At most
    10 are named (``core.errors.listed_name_errors``), whatever the body.
    """

    read_only_fields: tuple[str, ...] = ()
    # Fields a body must hold at least (the schema's ``minProperties``).
    min_fields = 0

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            extra = [key for key in data if key not in self.fields]
            if extra:
                raise serializers.ValidationError(
                    listed_name_errors(extra, self._extra_message, noun="fields")
                )
        return super().to_internal_value(data)

    def _extra_message(self, key: str) -> str:
        if key in self.read_only_fields:
            return "This field is read-only."
        return "Unknown field."


class JobCreateInputSerializer(StrictInputSerializer):
    """Body of ``POST /api/jobs/``."""

    read_only_fields = tuple(JobSerializer.Meta.fields)

    name = _name_field(required=True)


class JobUpdateInputSerializer(StrictInputSerializer):
    """Body of ``PATCH /api/jobs/<id>/``: a new status and/or a new name.

    A ``status_type`` always appends a history entry, even when it equals
    the job's current status.
    """

    read_only_fields = tuple(
        field for field in JobSerializer.Meta.fields if field != "name"
    )

    min_fields = 1

    name = _name_field(required=False)
    status_type = StatusTypeField(
        choices=StatusType.choices,
        required=False,
        help_text="New status, spelled exactly as listed (upper case).",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs:
            raise serializers.ValidationError(
                "Provide at least one of: name, status_type."
            )
        return attrs


# One field per status, from StatusType (the one list of statuses).
JobStatsByStatusSerializer = type(
    "JobStatsByStatusSerializer",
    (serializers.Serializer,),
    {
        "__doc__": "Number of jobs whose current status is each status.",
        "__module__": __name__,
        **{
            status: serializers.IntegerField(min_value=0)
            for status in StatusType.values
        },
    },
)


class JobStatsSerializer(serializers.Serializer):
    """Exact job counts: all jobs, and per current status."""

    total = serializers.IntegerField(min_value=0, help_text="Number of jobs.")
    by_status = JobStatsByStatusSerializer()
