"""The ``Idempotency-Key`` table of ``POST /api/jobs/`` (``jobs.idempotency``)."""

from django.db import models
from django.db.models.functions import Now


class IdempotencyKey(models.Model):
    """An ``Idempotency-Key`` of ``POST /api/jobs/`` and its first response.

    ``key`` is the primary key: the unique index a concurrent request with
    the same key waits on.  ``fingerprint`` is the SHA-256 (hex) of the
    request body, ``response`` the 201 body, written in the transaction
    that created the job (NULL only inside it).  Rows older than
    ``IDEMPOTENCY_KEY_TTL_S`` are expired and pruned (``jobs.idempotency``).
    """

    key = models.CharField(primary_key=True, max_length=255)
    fingerprint = models.CharField(max_length=64)
    response = models.JSONField(null=True)
    created_at = models.DateTimeField(db_default=Now())

    class Meta:
        indexes = [
            # The pruning's "oldest expired first" walk.
            models.Index(fields=["created_at"], name="jobs_idemkey_created_idx"),
        ]

    def __str__(self) -> str:
        return f"idempotency key {self.key[:40]!r}"
