"""The ``Idempotency-Key`` request header and the fingerprint of a body.

IETF draft-ietf-httpapi-idempotency-key-header (section 2.1): the field is
an RFC 8941 Structured Field Item whose value is a String, so it is sent in
double quotes (``Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324"``);
parameters are ignored, as the draft's grammar allows them.  ``http-sf``
parses it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import http_sf

from core.errors import ApplicationError

# Longest key accepted, in characters (printable ASCII, the String type's
# alphabet): a UUID is 36.
IDEMPOTENCY_KEY_MAX_LENGTH = 255


class MalformedIdempotencyKeyError(ApplicationError):
    """An ``Idempotency-Key`` that is not a quoted string of 1-255 characters."""

    default_message = (
        "Idempotency-Key must be a quoted string of 1 to "
        f"{IDEMPOTENCY_KEY_MAX_LENGTH} printable ASCII characters "
        '(RFC 8941), e.g. Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324".'
    )


def parse_idempotency_key(value: str | None) -> str | None:
    """Return the key of an ``Idempotency-Key`` header; ``None`` without one.

    Raises:
        MalformedIdempotencyKeyError: not an sf-string (an unquoted value,
            a list, non-ASCII), empty, or longer than
            ``IDEMPOTENCY_KEY_MAX_LENGTH``.
    """
    if value is None:
        return None
    try:
        item = http_sf.parse(value.encode("latin-1"), tltype="item")
    except (http_sf.StructuredFieldError, UnicodeEncodeError, ValueError):
        raise MalformedIdempotencyKeyError() from None
    key = item[0] if isinstance(item, tuple) else None  # (value, parameters)
    if not isinstance(key, str) or not 0 < len(key) <= IDEMPOTENCY_KEY_MAX_LENGTH:
        raise MalformedIdempotencyKeyError()
    return key


def body_fingerprint(data: Any) -> str:
    """SHA-256 (hex, 64 characters) of a parsed JSON body, key order ignored.

    Two bodies that differ only in whitespace or key order have one
    fingerprint; any other difference changes it.
    """
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()
