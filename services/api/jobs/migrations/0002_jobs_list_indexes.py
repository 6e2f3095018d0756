"""Indexes for every list filter and ordering, safe on a live 10M-row table.

Each index is built with ``CREATE INDEX CONCURRENTLY`` (no write lock on
``jobs_job``), which cannot run inside a transaction, so the migration is
non-atomic.  ``lock_timeout`` makes a DDL statement that waits behind
traffic fail fast instead of queueing (and blocking everything queued
behind it); ``statement_timeout`` is lifted because a concurrent build on
millions of rows outlasts the API's per-statement limit.  Both settings are
reset at the end, so the rest of the session is unaffected.

If a concurrent build fails it leaves an INVALID index; drop it
(``DROP INDEX CONCURRENTLY jobs_...``) and rerun ``migrate``.
"""

import django.db.models.functions.text
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.operations import AddIndexConcurrently, TrigramExtension
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("jobs", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "SET lock_timeout = '5s'; SET statement_timeout = 0;",
            reverse_sql="RESET lock_timeout; RESET statement_timeout;",
        ),
        TrigramExtension(),
        AddIndexConcurrently(
            model_name="job",
            index=models.Index(fields=["name", "id"], name="jobs_job_name_idx"),
        ),
        AddIndexConcurrently(
            model_name="job",
            index=models.Index(
                fields=["current_status", "name", "id"],
                name="jobs_job_status_name_idx",
            ),
        ),
        AddIndexConcurrently(
            model_name="job",
            index=models.Index(
                models.OrderBy(models.F("updated_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                name="jobs_job_updated_idx",
            ),
        ),
        AddIndexConcurrently(
            model_name="job",
            index=models.Index(
                models.F("current_status"),
                models.OrderBy(models.F("updated_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                name="jobs_job_status_updated_idx",
            ),
        ),
        AddIndexConcurrently(
            model_name="job",
            index=GinIndex(
                OpClass(
                    django.db.models.functions.text.Upper("name"),
                    name="gin_trgm_ops",
                ),
                name="jobs_job_name_trgm_idx",
            ),
        ),
        migrations.RunSQL(
            "RESET lock_timeout; RESET statement_timeout;",
            reverse_sql="SET lock_timeout = '5s'; SET statement_timeout = 0;",
        ),
    ]
