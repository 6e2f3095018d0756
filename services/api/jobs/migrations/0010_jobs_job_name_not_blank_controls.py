"""Blank names include the control characters: C0 (but NUL), DEL and C1.

A name made only of U+0001 to U+0008, U+000E to U+001B, U+007F or U+0080 to
U+009F (but U+0085, already blank) rendered as nothing, like the characters
of migration 0009, and passed.  The CHECK now refuses a name made only of
``jobs.models.NAME_BLANK_CHARACTERS`` as extended.  NUL never reaches the
table (DRF refuses it, and PostgreSQL text cannot hold it).

Safe on a live table, exactly as 0009: ``NOT VALID``, then ``VALIDATE
CONSTRAINT``, non-atomic, with ``lock_timeout``.  If validation fails, list
the rows with ``SELECT id, name FROM jobs_job WHERE name ~ '<BLANK_NAME_PATTERN>'``,
fix them and rerun ``migrate``.
"""

from django.db import migrations, models

BLANK_NAME_PATTERN = (
    r"^["
    r"\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b"
    r"\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016"
    r"\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u0020\u007f"
    r"\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008a"
    r"\u008b\u008c\u008d\u008e\u008f\u0090\u0091\u0092\u0093\u0094\u0095"
    r"\u0096\u0097\u0098\u0099\u009a\u009b\u009c\u009d\u009e\u009f\u00a0"
    r"\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180e\u2000\u2001"
    r"\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u200c"
    r"\u200d\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u202f"
    r"\u205f\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u206a"
    r"\u206b\u206c\u206d\u206e\u206f\u2800\u3000\u3164\ufeff\uffa0"
    r"]*$"
)
PREVIOUS_PATTERN = (
    r"^["
    r"\u0009\u000a\u000b\u000c\u000d\u001c\u001d\u001e\u001f\u0020\u0085"
    r"\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180e\u2000"
    r"\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b"
    r"\u200c\u200d\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e"
    r"\u202f\u205f\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
    r"\u206a\u206b\u206c\u206d\u206e\u206f\u2800\u3000\u3164\ufeff\uffa0"
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
        ("jobs", "0009_jobs_job_name_not_blank_invisible"),
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
