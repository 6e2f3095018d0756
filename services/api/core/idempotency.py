"""The ``Idempotency-Key`` request header and the fingerprint of a body.

IETF draft-ietf-httpapi-idempotency-key-header (section 2.1): the field is
an RFC 8941 Structured Field Item whose value is a String, so it is sent in
double quotes (``Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324"``).
``http-sf`` parses it (unescaping ``\\"`` and ``\\\\``); the value must also
match ``IDEMPOTENCY_KEY_PATTERN``, published in the OpenAPI schema: one
String of 1 to 255 characters and no parameters (the draft defines none).
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import http_sf

from core.errors import ApplicationError

# Longest key accepted, in characters (printable ASCII, the String type's
# alphabet): a UUID is 36.
IDEMPOTENCY_KEY_MAX_LENGTH = 255
# An sf-string of printable ASCII: escapes only for the quote and backslash.
IDEMPOTENCY_KEY_PATTERN = r'^"(?:[ !#-\[\]-~]|\\["\\])+"$'
# Longest header value: the quotes around the longest key without escapes.
IDEMPOTENCY_KEY_FIELD_MAX_LENGTH = IDEMPOTENCY_KEY_MAX_LENGTH + 2
_KEY_FIELD = re.compile(IDEMPOTENCY_KEY_PATTERN.removesuffix("$") + r"\Z")


class MalformedIdempotencyKeyError(ApplicationError):
    """An ``Idempotency-Key`` that is not a quoted string of 1-255 characters."""

    default_message = (
        "Idempotency-Key must be a quoted string of 1 to "
        f"{IDEMPOTENCY_KEY_MAX_LENGTH} printable ASCII characters "
        "(RFC 8941) and nothing else, e.g. Idempotency-Key: "
        '"8e03978e-40d5-43e8-bc93-6894a57f9324".'
    )


def parse_idempotency_key(value: str | None) -> str | None:
    """Return the key of an ``Idempotency-Key`` header; ``None`` without one.

    Raises:
        MalformedIdempotencyKeyError: not one sf-string (an unquoted
            value, a list, parameters, non-ASCII), empty, or a field longer
            than ``IDEMPOTENCY_KEY_FIELD_MAX_LENGTH``.
    """
    if value is None:
        return None
    if len(value) > IDEMPOTENCY_KEY_FIELD_MAX_LENGTH or not _KEY_FIELD.match(value):
        raise MalformedIdempotencyKeyError()
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
