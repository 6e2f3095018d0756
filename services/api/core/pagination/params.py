"""The query parameters of a keyset list: ``page_size``, ``ordering`` and
the check that no other parameter was sent.

All are strict: a value outside the contract, or a parameter the list does
not know, is a 400 naming the parameter, never a silent clamp, fallback or
omission.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from rest_framework.exceptions import ValidationError

from core.errors import listed_name_errors

# ASCII digits only: ``\d`` and ``int()`` also take other scripts' digits.
_PAGE_SIZE_RE = re.compile(r"[0-9]{1,6}")


def parse_page_size(
    params: Mapping[str, str], name: str, *, default: int, maximum: int
) -> int:
    """Return ``params[name]`` as rows per page, ``default`` when absent.

    Raises:
        ValidationError: ``{name: [message]}`` unless an integer from 1 to
            ``maximum`` (surrounding blanks allowed).
    """
    raw = params.get(name)
    if raw is None:
        return default
    text = raw.strip()
    if _PAGE_SIZE_RE.fullmatch(text) and 1 <= int(text) <= maximum:
        return int(text)
    raise ValidationError(
        {name: [f"page_size must be an integer from 1 to {maximum}; got {raw[:20]!r}."]}
    )


def parse_ordering(
    params: Mapping[str, str], name: str | None, *, allowed: Iterable[str], default: str
) -> str:
    """Return the ordering named by ``params[name]``; absent means ``default``.

    ``name`` None means the list has one ordering and no parameter.  An
    empty value is not absent: like any other unknown value, a 400.

    Raises:
        ValidationError: ``{name: [message listing the allowed values]}``.
    """
    raw = params.get(name) if name is not None else None
    if raw is None:
        return default
    allowed = list(allowed)
    if raw in allowed:
        return raw
    raise ValidationError(
        {
            str(name): [
                f"Unknown ordering {raw[:40]!r}. Allowed values: {', '.join(allowed)}."
            ]
        }
    )


def reject_unknown_params(
    params: Mapping[str, Any],
    allowed: Iterable[str],
    *,
    repeatable: Iterable[str] = (),
) -> None:
    """Refuse a parameter not in ``allowed``, or given twice and not ``repeatable``.

    ``params`` is a ``QueryDict`` (or any mapping with ``getlist``).

    Raises:
        ValidationError: ``{name: ["Unknown query parameter. Allowed: ..."]}``
            for each unknown name (the first 10, names cut at 40
            characters; the next key counts the others), else
            ``{name: ["Give page_size once; got 2 values."]}``: one of the
            values would be dropped without a word.
    """
    allowed = list(allowed)
    unknown = [name for name in params if name not in allowed]
    if unknown:
        message = f"Unknown query parameter. Allowed: {', '.join(allowed)}."
        raise ValidationError(
            listed_name_errors(unknown, lambda _: message, noun="parameters")
        )
    getlist = getattr(params, "getlist", None)
    if getlist is None:
        return
    for name in params:
        count = len(getlist(name))
        if count > 1 and name not in repeatable:
            raise ValidationError({name: [f"Give {name} once; got {count} values."]})
