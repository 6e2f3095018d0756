"""Sort job names by the ICU root collation, whatever the cluster's locale.

Without an explicit collation ``ORDER BY name`` follows the database's
default: on a ``C.UTF-8`` cluster every upper-case name (``Zebra``) came
before every lower-case one (``apple``), on ``en_US.UTF-8`` it did not
(issue 16).  ``und-x-icu`` (created by initdb in every ICU-enabled build)
compares letters first, then accents, then case: ``apple < Apple <
banana < eclair < Eclair < éclair < zebra``.  It is deterministic, so
``LIKE`` (the search) and the trigram index keep working.

``ALTER COLUMN ... COLLATE`` does not rewrite the table (same type) but
rebuilds the three indexes on ``name`` (``jobs_job_name_idx``,
``jobs_job_status_name_idx``, ``jobs_job_name_trgm_idx``) under an
ACCESS EXCLUSIVE lock: seconds at 1M jobs, minutes at 10M.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0006_jobs_jobstatus_fk_immediate"),
    ]

    operations = [
        migrations.AlterField(
            model_name="job",
            name="name",
            field=models.CharField(db_collation="und-x-icu", max_length=200),
        ),
    ]
