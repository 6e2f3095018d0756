"""Build list cursors with the product's own cursor codec.

The harness jumps straight to a deep page: it finds the ``(created_at,
id)`` of the row just before that page by SQL and encodes it exactly as a
``next`` link of the default ordering would, so the cursor format is never
re-implemented here.
"""

from __future__ import annotations

from datetime import datetime


def list_cursor(created_at: datetime, job_id: int) -> str:
    """Return the opaque ``next`` cursor after row ``(created_at, id)``."""
    from core.pagination.cursor import Cursor, encode_cursor
    from jobs.pagination import JOB_DEFAULT_ORDERING

    return encode_cursor(Cursor(JOB_DEFAULT_ORDERING, "next", (created_at, job_id)))
