"""Create a job at most once per ``Idempotency-Key`` (docs/api.md, "Create").

The key's row is written first, in the transaction that creates the job:
a concurrent request with the same key waits on the primary key's unique
index until that transaction ends, then replays the stored response (or,
if it rolled back, takes the key itself).  A key expires
``IDEMPOTENCY_KEY_TTL_S`` after its first use; each keyed request deletes
up to ``IDEMPOTENCY_KEY_PRUNE_BATCH`` expired rows, oldest first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection

from core.db.retry import write_transaction
from jobs.exceptions import IdempotencyKeyReusedError
from jobs.models import IdempotencyKey, Job
from jobs.services import job_create

_TABLE = IdempotencyKey._meta.db_table

# Takes the key, or an expired row of it; RETURNING nothing means the key
# is in use (its row is then locked by the DO UPDATE, so no pruner can
# delete it before this transaction reads it).
_CLAIM_SQL = f"""
INSERT INTO {_TABLE} AS k (key, fingerprint, created_at)
VALUES (%(key)s, %(fingerprint)s, statement_timestamp())
ON CONFLICT (key) DO UPDATE
   SET fingerprint = EXCLUDED.fingerprint,
       created_at = EXCLUDED.created_at,
       response = NULL
 WHERE k.created_at < statement_timestamp() - make_interval(secs => %(ttl)s)
RETURNING true
"""

_PRUNE_SQL = f"""
DELETE FROM {_TABLE}
 WHERE key = ANY (ARRAY(
       SELECT key FROM {_TABLE}
        WHERE created_at < statement_timestamp() - make_interval(secs => %(ttl)s)
        ORDER BY created_at
        LIMIT %(limit)s
          FOR UPDATE SKIP LOCKED))
"""


@dataclass(frozen=True, slots=True)
class IdempotentCreate:
    """The 201 body of a keyed create, and whether it is a replay."""

    body: dict[str, Any]
    replayed: bool


@write_transaction
def job_create_idempotent(
    *,
    key: str,
    fingerprint: str,
    name: str,
    render: Callable[[Job], dict[str, Any]],
) -> IdempotentCreate:
    """Create a job once for ``key``; return its first response body.

    ``fingerprint`` identifies the request body (``core.idempotency``);
    ``render`` turns the new job into the body that is stored and
    replayed for ``IDEMPOTENCY_KEY_TTL_S`` seconds.  A second call with the
    same key and fingerprint creates nothing and returns that body, even
    while the first is still running (it waits for it).

    Raises:
        IdempotencyKeyReusedError: ``key`` is stored with another
            fingerprint.
        JobInvalidError: as ``job_create``.
    """
    ttl = settings.IDEMPOTENCY_KEY_TTL_S
    idempotency_keys_prune(limit=settings.IDEMPOTENCY_KEY_PRUNE_BATCH)
    with connection.cursor() as cursor:
        cursor.execute(_CLAIM_SQL, {"key": key, "fingerprint": fingerprint, "ttl": ttl})
        if cursor.fetchone() is None:
            stored = IdempotencyKey.objects.get(key=key)
            if stored.fingerprint != fingerprint:
                raise IdempotencyKeyReusedError()
            if stored.response is None:  # committed rows always have one
                raise AssertionError(f"idempotency key {key!r} has no response")
            return IdempotentCreate(body=stored.response, replayed=True)
    body = render(job_create(name=name))
    IdempotencyKey.objects.filter(key=key).update(response=body)
    return IdempotentCreate(body=body, replayed=False)


def idempotency_keys_prune(*, limit: int) -> int:
    """Delete up to ``limit`` expired keys, oldest first; return how many.

    Rows locked by a running request are skipped, so concurrent pruners
    never wait for each other.  Runs in the caller's transaction if any.
    """
    if limit <= 0:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            _PRUNE_SQL, {"ttl": settings.IDEMPOTENCY_KEY_TTL_S, "limit": limit}
        )
        return cursor.rowcount
