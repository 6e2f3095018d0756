"""Tables of the jobs app: jobs, their status history and status counters.

``Job.current_status``, ``status_changed_at`` and ``current_status_id`` are
a read model of the latest ``JobStatus`` by ``(timestamp, id)``, and
``JobStatusCount`` holds exact per-status job counts.  PostgreSQL triggers
(migrations 0003 and 0004) write all of them; the application never does.
"""

from typing import Any

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import Func, Value
from django.db.models.functions import Now, Upper

# Its own module (this one is at the size limit); imported here so that
# ``jobs.models`` stays the one place the app's models are found.
from jobs.idempotency_models import IdempotencyKey
from jobs.statuses import BulkAction, BulkState, StatusType

__all__ = ["BulkOperation", "IdempotencyKey", "Job", "JobStatus", "JobStatusCount"]

NAME_MAX_LENGTH = 200
STATUS_MAX_LENGTH = 16
# Trimmed from both ends of a name, and a name of only these is blank:
# every character Python's str.isspace() takes (what DRF trims), the
# invisible format characters (zero-width space and joiners, direction
# marks and controls, soft hyphen, word joiner and invisible operators,
# BOM, Mongolian vowel separator, CGJ, Khmer inherent vowels) and the
# characters fonts draw as a blank (Hangul fillers, braille blank).  Not
# variation selectors or tags, which end a visible emoji.  PostgreSQL's
# trim() and [[:space:]] know far fewer, so the CHECK constraint lists
# them explicitly; apps/web's job-name.ts holds the same set (one UTF-16
# code unit each).  docs/api.md, "Create".
NAME_BLANK_CHARACTERS = (
    "\x01\x02\x03\x04\x05\x06\x07\x08"
    "\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b"
    "\x1c\x1d\x1e\x1f \x7f\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b"
    "\x8c\x8d\x8e\x8f\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c"
    "\x9d\x9e\x9f\xa0\xad\u034f\u061c\u115f\u1160"
    "\u1680\u17b4\u17b5\u180e"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d"
    "\u202e\u202f\u205f\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068"
    "\u2069\u206a\u206b\u206c\u206d\u206e\u206f\u2800\u3000\u3164\ufeff\uffa0"
)
# A PostgreSQL regular expression matching a blank name (\uXXXX escapes).
NAME_BLANK_PATTERN = (
    "^[" + "".join(f"\\u{ord(char):04x}" for char in NAME_BLANK_CHARACTERS) + "]*$"
)


# The search key of a name: its upper case with each word separator below
# replaced by a lower-case letter, so that pg_trgm (which splits words at
# every non-alphanumeric) indexes trigrams across words ("L M" of
# "ML MODEL" as "LqM").  Upper case holds no lower-case ASCII letter, so
# the replacement is one-to-one: "term in name" (the documented rule,
# UPPER(name) LIKE UPPER('%term%')) is exactly "key(term) in key(name)".
SEARCH_SEPARATORS, SEARCH_LETTERS = " -_./#", "qxzjkv"


def name_search_key(expression: Any) -> Func:
    """Return ``TRANSLATE(UPPER(expression), separators, letters)`` (SQL)."""
    return Func(
        Upper(expression),
        Value(SEARCH_SEPARATORS),
        Value(SEARCH_LETTERS),
        function="TRANSLATE",
        output_field=models.TextField(),
    )


# Created by every PostgreSQL built with ICU (initdb), on every platform.
NAME_COLLATION = "und-x-icu"


class Job(models.Model):
    """A computational job; its current status is kept by triggers."""

    id = models.BigAutoField(primary_key=True)
    # ICU root collation, whatever the cluster's: "Name A-Z" sorts letters
    # case- and accent-insensitively first (apple, Apple, banana, eclair,
    # Eclair, éclair, zebra), the same on a C.UTF-8 or en_US cluster, and
    # the name indexes follow it (docs/architecture.md, "Name order").
    name = models.CharField(max_length=NAME_MAX_LENGTH, db_collation=NAME_COLLATION)
    created_at = models.DateTimeField(db_default=Now())
    updated_at = models.DateTimeField(db_default=Now())
    # Read model, written only by the jobs_* triggers (see migration 0003).
    # NULL (not "") means "no status left": the contract's wire value is null.
    current_status = models.CharField(  # noqa: DJ001
        max_length=STATUS_MAX_LENGTH,
        choices=StatusType.choices,
        null=True,
        blank=True,
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    current_status_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name__regex=NAME_BLANK_PATTERN),
                name="jobs_job_name_not_blank",
            ),
        ]
        indexes = [
            # Default list order, and the keyset seek on it.
            models.Index(
                models.F("created_at").desc(),
                models.F("id").desc(),
                name="jobs_job_created_idx",
            ),
            # Status filter with the default order.
            models.Index(
                "current_status",
                models.F("created_at").desc(),
                models.F("id").desc(),
                name="jobs_job_status_created_idx",
            ),
            # Added by 0002_jobs_list_indexes (concurrently).
            models.Index(fields=["name", "id"], name="jobs_job_name_idx"),
            models.Index(
                fields=["current_status", "name", "id"],
                name="jobs_job_status_name_idx",
            ),
            models.Index(
                models.F("updated_at").desc(),
                models.F("id").desc(),
                name="jobs_job_updated_idx",
            ),
            models.Index(
                "current_status",
                models.F("updated_at").desc(),
                models.F("id").desc(),
                name="jobs_job_status_updated_idx",
            ),
            # Substring search (jobs.filters): trigrams of the search key,
            # across words too (migration 0008).
            GinIndex(
                OpClass(name_search_key("name"), name="gin_trgm_ops"),
                name="jobs_job_name_search_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (#{self.pk})"


class JobStatus(models.Model):
    """One entry in a job's status history (append-only by the API)."""

    id = models.BigAutoField(primary_key=True)
    # DB-level cascade: deleting a job is one DELETE statement, whatever the
    # size of its history.  No separate FK index: jobs_status_job_ts_idx
    # starts with job_id and serves the cascade.
    job = models.ForeignKey(
        Job,
        on_delete=models.DB_CASCADE,
        related_name="statuses",
        db_index=False,
    )
    status_type = models.CharField(
        max_length=STATUS_MAX_LENGTH, choices=StatusType.choices
    )
    timestamp = models.DateTimeField(db_default=Now())

    class Meta:
        verbose_name_plural = "job statuses"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status_type__in=StatusType.values),
                name="jobs_jobstatus_status_type_valid",
            ),
        ]
        indexes = [
            # A job's history newest first; the trigger's "latest" lookup.
            models.Index(
                "job",
                models.F("timestamp").desc(),
                models.F("id").desc(),
                name="jobs_status_job_ts_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.status_type} @ {self.timestamp} (job #{self.job_id})"


class JobStatusCount(models.Model):
    """One shard of the exact per-status job counters (trigger-maintained).

    ``shard`` is ``job_id % jobs.statuses.STATUS_COUNT_SHARDS`` (16) so that concurrent
    writers spread over 16 rows per status instead of one hot row; the count of a status is
    the sum over its shards.  ``status_type`` NULL counts jobs whose
    statuses were all deleted.
    """

    id = models.BigAutoField(primary_key=True)
    status_type = models.CharField(  # noqa: DJ001 (NULL = no status left)
        max_length=STATUS_MAX_LENGTH,
        choices=StatusType.choices,
        null=True,
        blank=True,
    )
    shard = models.SmallIntegerField()
    job_count = models.BigIntegerField(db_default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["status_type", "shard"],
                nulls_distinct=False,
                name="jobs_jobstatuscount_status_shard_uniq",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.status_type} shard {self.shard}: {self.job_count}"


class BulkOperation(models.Model):
    """A filter-wide bulk action and its progress (``jobs.bulk_runs``).

    ``filters`` is ``{"status"?: [..], "search"?: ".."}`` (the list's);
    jobs up to ``max_job_id`` are walked by id after ``after_job_id`` in
    batches, each one transaction that also moves ``done`` (jobs changed).
    """

    id = models.BigAutoField(primary_key=True)
    action = models.CharField(max_length=16, choices=BulkAction.choices)
    status_type = models.CharField(  # noqa: DJ001 (NULL for a delete)
        max_length=STATUS_MAX_LENGTH, choices=StatusType.choices, null=True
    )
    filters = models.JSONField(default=dict)
    state = models.CharField(
        max_length=16, choices=BulkState.choices, default=BulkState.PENDING
    )
    total = models.BigIntegerField(null=True)
    done = models.BigIntegerField(default=0)
    max_job_id = models.BigIntegerField(default=0)
    after_job_id = models.BigIntegerField(default=0)
    error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(db_default=Now())
    started_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"bulk {self.action} #{self.pk} ({self.state})"
