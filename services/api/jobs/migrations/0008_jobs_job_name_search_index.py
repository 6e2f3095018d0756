"""Search by trigrams across words: the name's search key, indexed.

``jobs_job_name_search_idx`` replaces ``jobs_job_name_trgm_idx``: a GIN
trigram index on ``TRANSLATE(UPPER(name), ' -_./#', 'qxzjkv')`` (the search
key of ``jobs.models.name_search_key``).  pg_trgm splits words at every
non-alphanumeric, so the old index on ``UPPER(name)`` knew "TRAINING" and
"MODEL" but not their order: for a term such as ``training model`` it
returned every name holding both words (a 32nd of the seeded table) to be
rechecked and discarded.  With separators turned into letters the key's
trigrams span words ("GqM"), and such a term finds no candidate at all.

Both indexes are built and dropped ``CONCURRENTLY`` (no write lock; the
migration is non-atomic), the new one first, so a search is never without
an index.  If the build fails it leaves an INVALID index: drop it
(``DROP INDEX CONCURRENTLY jobs_job_name_search_idx``) and rerun
``migrate``.
"""

import django.contrib.postgres.indexes
import django.db.models.functions.text
from django.contrib.postgres.operations import (
    AddIndexConcurrently,
    RemoveIndexConcurrently,
)
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("jobs", "0007_jobs_job_name_icu_collation"),
    ]

    operations = [
        migrations.RunSQL(
            "SET lock_timeout = '5s'; SET statement_timeout = 0;",
            reverse_sql="RESET lock_timeout; RESET statement_timeout;",
        ),
        AddIndexConcurrently(
            model_name="job",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.indexes.OpClass(
                    models.Func(
                        django.db.models.functions.text.Upper("name"),
                        models.Value(" -_./#"),
                        models.Value("qxzjkv"),
                        function="TRANSLATE",
                        output_field=models.TextField(),
                    ),
                    name="gin_trgm_ops",
                ),
                name="jobs_job_name_search_idx",
            ),
        ),
        RemoveIndexConcurrently(
            model_name="job",
            name="jobs_job_name_trgm_idx",
        ),
        migrations.RunSQL(
            "RESET lock_timeout; RESET statement_timeout;",
            reverse_sql="SET lock_timeout = '5s'; SET statement_timeout = 0;",
        ),
    ]
