"""Blank names include the characters that render as nothing (issue 17, point 11).

``jobs_job_name_not_blank`` (migration 0005) refused names of whitespace
and a few zero-width characters; a name of only U+2800 braille blank,
U+3164 Hangul filler, U+200E/U+200F direction marks or U+00AD soft hyphen
still passed.  The CHECK now refuses a name made only of the characters in
``jobs.models.NAME_BLANK_CHARACTERS`` as extended (whitespace, invisible
format characters, blank-drawn fillers), the API's blank rule.

Safe on a live table, as 0005: the new constraint is added ``NOT VALID`` (a
brief lock, no scan), then ``VALIDATE CONSTRAINT`` scans under a lock that
lets reads and writes go on; non-atomic, with ``lock_timeout``.  If
validation fails, rows with now-blank names exist: list them with ``SELECT
id, name FROM jobs_job WHERE name ~ '<BLANK_NAME_PATTERN>'``, fix them and
rerun ``migrate`` (the swap is repeatable).
"""

from django.db import migrations, models

BLANK_NAME_PATTERN = (
    r"^["
    r"\u0009\u000a\u000b\u000c\u000d\u001c\u001d\u001e\u001f\u0020\u0085"
    r"\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180e\u2000"
    r"\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b"
    r"\u200c\u200d\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e"
    r"\u202f\u205f\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
    r"\u206a\u206b\u206c\u206d\u206e\u206f\u2800\u3000\u3164\ufeff\uffa0"
    r"]*$"
)
PREVIOUS_PATTERN = (
    r"^["
    r"\u0009\u000a\u000b\u000c\u000d\u001c\u001d\u001e\u001f\u0020\u0085"
    r"\u00a0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    r"\u2008\u2009\u200a\u200b\u200c\u200d\u2028\u2029\u202f\u205f\u2060"
    r"\u3000\ufeff"
    r"]*$"
)


def _swap(pattern: str) -> str:
    return f"""
ALTER TABLE jobs_job
    DROP CONSTRAINT jobs_job_name_not_blank,
    ADD CONSTRAINT jobs_job_name_not_blank
        CHECK (NOT (name::text ~ '{pattern}')) NOT VALID;
"""


VALIDATE_SQL = "ALTER TABLE jobs_job VALIDATE CONSTRAINT jobs_job_name_not_blank;"


def _constraint(pattern: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(("name__regex", pattern), _negated=True),
        name="jobs_job_name_not_blank",
    )


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("jobs", "0008_jobs_job_name_search_index"),
    ]

    operations = [
        migrations.RunSQL(
            "SET lock_timeout = '5s'; SET statement_timeout = 0;",
            reverse_sql="RESET lock_timeout; RESET statement_timeout;",
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    _swap(BLANK_NAME_PATTERN), reverse_sql=_swap(PREVIOUS_PATTERN)
                ),
                migrations.RunSQL(VALIDATE_SQL, reverse_sql=VALIDATE_SQL),
            ],
            state_operations=[
                migrations.RemoveConstraint(
                    model_name="job", name="jobs_job_name_not_blank"
                ),
                migrations.AddConstraint(
                    model_name="job", constraint=_constraint(BLANK_NAME_PATTERN)
                ),
            ],
        ),
        migrations.RunSQL(
            "RESET lock_timeout; RESET statement_timeout;",
            reverse_sql="SET lock_timeout = '5s'; SET statement_timeout = 0;",
        ),
    ]
