"""Build list cursors with the product paginator's own encoder.

The harness jumps straight to a deep page: it finds the ``(created_at,
id)`` of the row just before that page by SQL and has
``jobs.pagination.KeysetPagination`` encode it, exactly as its ``next``
link would for the default ``-created_at`` ordering, so the cursor format
is never re-implemented here.
"""

from __future__ import annotations

from datetime import datetime


def list_cursor(created_at: datetime, job_id: int) -> str:
    """Return the opaque ``next`` cursor after row ``(created_at, id)``."""
    from jobs.pagination import Cursor, KeysetPagination

    paginator = KeysetPagination()
    return paginator.encode_cursor(
        Cursor(
            list_name=paginator.list_name,
            ordering=paginator.default_ordering,
            direction="next",
            key=(created_at, job_id),
        )
    )
