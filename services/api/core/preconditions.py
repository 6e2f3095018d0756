"""The ``If-Match`` request header (RFC 9110, section 13.1.1).

``If-Match = "*" / #entity-tag``.  Django's ``parse_etags`` extracts the
entity-tags; this module adds what it leaves out: a header that is not
exactly that list is a 400 (it drops bad members silently), and the strong
comparison RFC 9110 requires for ``If-Match``.  ``IF_MATCH_PATTERN`` is the
accepted form, published in the OpenAPI schema: ``*``, or quoted tags of
visible ASCII but the comma (``parse_etags`` splits on commas) separated by
commas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.http import parse_etags

from core.errors import ApplicationError

# RFC 9110's etagc (visible ASCII but the quote) without the comma.
_TAG = r'(?:W/)?"[!#-+\--~]*"'
IF_MATCH_PATTERN = rf"^ *(?:\*|{_TAG}(?: *, *{_TAG})*) *$"
_IF_MATCH = re.compile(IF_MATCH_PATTERN.removesuffix("$") + r"\Z")


class MalformedIfMatchError(ApplicationError):
    """An ``If-Match`` header that is neither ``*`` nor a list of entity-tags."""

    default_message = (
        'If-Match must be "*" or a list of entity-tags in double quotes, '
        'as the ETag header gives them (If-Match: "…").'
    )


@dataclass(frozen=True, slots=True)
class IfMatch:
    """A parsed ``If-Match``: ``any`` for ``*``, else the quoted entity-tags.

    Tags keep their quotes and a ``W/`` prefix, as ``ETag`` writes them.
    """

    any: bool
    tags: tuple[str, ...] = ()

    def matches(self, etag: str) -> bool:
        """Tell whether the current strong ``etag`` passes the condition.

        Strong comparison: a weak tag (``W/"…"``) never matches.  ``*``
        matches any current representation (the caller has one).
        """
        return self.any or etag in self.tags


def parse_if_match(value: str | None) -> IfMatch | None:
    """Parse an ``If-Match`` header value; ``None`` when there is none.

    Raises:
        MalformedIfMatchError: the value does not match
            ``IF_MATCH_PATTERN``: blank, ``*`` mixed with tags, an empty
            member, or a member that is not a quoted tag (an unquoted
            version, say).
    """
    if value is None:
        return None
    if not _IF_MATCH.match(value):
        raise MalformedIfMatchError()
    tags = parse_etags(value)
    if tags == ["*"]:
        return IfMatch(any=True)
    return IfMatch(any=False, tags=tuple(tags))
