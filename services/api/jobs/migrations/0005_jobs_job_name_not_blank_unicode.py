"""Make the database refuse every name the API calls blank.

``jobs_job_name_not_blank`` was ``trim(name) <> ''``: PostgreSQL's
``trim()`` removes only the ASCII space, so a name of tabs, newlines,
no-break or ideographic spaces or zero-width characters entered through
SQL (or the admin) although the API refuses it.  The new CHECK refuses a
name made only of the characters in ``jobs.models.NAME_BLANK_CHARACTERS``
(Python's whitespace plus invisible format characters), written as
``\\uXXXX`` escapes in a regular expression so it does not depend on the
database's locale.

Safe on a live table: the swap is one ``ALTER TABLE`` that adds the new
constraint ``NOT VALID`` (a brief lock, no scan), then ``VALIDATE
CONSTRAINT`` scans under a lock that lets reads and writes go on.  The
migration is non-atomic for that, with ``lock_timeout`` so it fails fast
instead of queueing behind traffic.  If validation fails, rows with blank
names exist: list them with ``SELECT id, name FROM jobs_job WHERE NOT
(name ...)`` using the pattern below, fix them, and rerun ``migrate`` (the
swap is repeatable).
"""

from django.db import migrations, models

BLANK_NAME_PATTERN = r"^[\u0009\u000a\u000b\u000c\u000d\u001c\u001d\u001e\u001f\u0020\u0085\u00a0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u200c\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]*$"

FORWARD_SWAP_SQL = f"""
ALTER TABLE jobs_job
    DROP CONSTRAINT jobs_job_name_not_blank,
    ADD CONSTRAINT jobs_job_name_not_blank
        CHECK (NOT (name::text ~ '{BLANK_NAME_PATTERN}')) NOT VALID;
"""

VALIDATE_SQL = "ALTER TABLE jobs_job VALIDATE CONSTRAINT jobs_job_name_not_blank;"

REVERSE_SWAP_SQL = """
ALTER TABLE jobs_job
    DROP CONSTRAINT jobs_job_name_not_blank,
    ADD CONSTRAINT jobs_job_name_not_blank
        CHECK (NOT (TRIM(BOTH FROM name) = ''));
"""


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("jobs", "0004_jobs_status_count_trigger"),
    ]

    operations = [
        migrations.RunSQL(
            "SET lock_timeout = '5s'; SET statement_timeout = 0;",
            reverse_sql="RESET lock_timeout; RESET statement_timeout;",
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(FORWARD_SWAP_SQL, reverse_sql=REVERSE_SWAP_SQL),
                migrations.RunSQL(VALIDATE_SQL, reverse_sql=migrations.RunSQL.noop),
            ],
            state_operations=[
                migrations.RemoveConstraint(
                    model_name="job", name="jobs_job_name_not_blank"
                ),
                migrations.AddConstraint(
                    model_name="job",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("name__regex", BLANK_NAME_PATTERN), _negated=True
                        ),
                        name="jobs_job_name_not_blank",
                    ),
                ),
            ],
        ),
        migrations.RunSQL(
            "RESET lock_timeout; RESET statement_timeout;",
            reverse_sql="SET lock_timeout = '5s'; SET statement_timeout = 0;",
        ),
    ]
