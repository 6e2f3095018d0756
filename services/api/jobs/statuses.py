"""The job statuses and the counter shard count: one definition each.

Importable without Django settings (no model classes here), so the
benchmark and reliability clients use the same values as the models.
"""

from django.db import models


class StatusType(models.TextChoices):
    """The states a job can be in (exact upper case on the wire)."""

    PENDING = "PENDING", "Pending"
    RUNNING = "RUNNING", "Running"
    COMPLETED = "COMPLETED", "Completed"
    FAILED = "FAILED", "Failed"
    CANCELLED = "CANCELLED", "Cancelled"


class BulkAction(models.TextChoices):
    """What ``POST /api/jobs/bulk/`` does to each job (jobs.bulk)."""

    SET_STATUS = "set_status", "Set status"
    DELETE = "delete", "Delete"


class BulkState(models.TextChoices):
    """The life of a filter-wide bulk operation (jobs.bulk_runs)."""

    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


# Ids one id-list bulk action takes at most (one transaction).
BULK_IDS_MAX = 1000

# jobs_jobstatuscount keeps one row per (status, job id % STATUS_COUNT_SHARDS).
# Migration 0004's triggers hold the same number as a literal (migrations are
# frozen history); jobs/tests/triggers/test_status_count_trigger.py checks
# that the two agree.
STATUS_COUNT_SHARDS = 16
