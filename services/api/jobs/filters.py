"""Query-string filters of the job list (django-filter).

``JobFilter`` validates and applies ``status`` and ``search``; the caller
(``jobs.selectors.job_list``) checks ``is_valid()`` first, because ``.qs``
on an invalid filterset silently drops the bad parameter and would answer
an unfiltered list.
"""

from __future__ import annotations

import copy
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet, Value
from django.utils.datastructures import MultiValueDict

from jobs.models import NAME_MAX_LENGTH, Job, StatusType, name_search_key
from jobs.trigrams import NO_TRIGRAM_MESSAGE, has_trigram

SEARCH_MIN_LENGTH = 3
ALLOWED_STATUSES = ", ".join(StatusType.values)
EMPTY_STATUS_MESSAGE = (
    f"Give one or more statuses ({ALLOWED_STATUSES}), or leave the parameter "
    "out for every job."
)


class CommaSeparatedMultipleWidget(forms.Widget):
    """Read a multi-valued parameter given repeated and/or comma-separated.

    ``?status=RUNNING,FAILED``, ``?status=RUNNING&status=FAILED`` and any
    mix give ``["RUNNING", "FAILED"]``: items are stripped, empty items are
    dropped and duplicates removed, first occurrence first.
    """

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str] | None:
        """Return the list of items of parameter ``name``; None when absent."""
        if name not in data:
            return None
        if isinstance(data, MultiValueDict):
            raw_values = data.getlist(name)
        else:
            raw = data.get(name)
            raw_values = list(raw) if isinstance(raw, list | tuple) else [raw]
        items: list[str] = []
        for raw_value in raw_values:
            if raw_value is None:
                continue
            items.extend(part.strip() for part in str(raw_value).split(","))
        return list(dict.fromkeys(item for item in items if item))

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        """Tell whether the parameter is absent."""
        return name not in data


class SharedFilterMixin:
    """Copy a filter shallowly when a filterset is made.

    django-filter deep-copies every declared filter for each request
    (choices, messages, widgets: about 110 objects here); these filters
    keep no per-request state, so a shallow copy is enough.
    """

    method: Any  # django-filter's property (declared for the type checker)

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        new = copy.copy(self)
        method = getattr(self, "method", None)
        if method is not None:
            new.method = method  # a FilterMethod bound to the copy
        return new


class SharedFieldMixin:
    """Copy a form field shallowly when a form is made (as above: Django
    deep-copies every field, widget and choice list per form)."""

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        memo[id(self)] = new = copy.copy(self)
        return new


class StatusListField(SharedFieldMixin, forms.MultipleChoiceField):
    """The form field of ``status``: absent is every job, empty is an error."""

    def clean(self, value: Any) -> Any:
        if value is None:
            return []
        if not value:
            raise forms.ValidationError(EMPTY_STATUS_MESSAGE, code="empty")
        return super().clean(value)


class SearchTermField(SharedFieldMixin, forms.CharField):
    """The form field of ``search``: at most ``NAME_MAX_LENGTH`` characters
    as sent, then trimmed: 3 or more, with a trigram (:func:`has_trigram`).

    Absent is no search; present, a blank term is too short (a 400).
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(strip=False, max_length=NAME_MAX_LENGTH, **kwargs)

    def clean(self, value: Any) -> str:
        if value is None:
            return ""
        term: str = super().clean(value).strip()
        if len(term) < SEARCH_MIN_LENGTH:
            raise forms.ValidationError(
                self.error_messages["min_length"],
                code="min_length",
                params={"show_value": len(term)},
            )
        if not has_trigram(term):
            raise forms.ValidationError(
                NO_TRIGRAM_MESSAGE, code="no_trigram", params={"value": term[:40]}
            )
        return term


class MultipleValueInFilter(SharedFilterMixin, django_filters.Filter):
    """Filter ``<field_name>__in`` on a validated list of choices."""

    field_class = StatusListField


class SearchFilter(SharedFilterMixin, django_filters.CharFilter):
    """The ``search`` filter (see ``JobFilter``)."""

    field_class = SearchTermField


class JobFilter(django_filters.FilterSet):
    """Filters of ``GET /api/jobs/``.

    ``status``: one or several of PENDING, RUNNING, COMPLETED, FAILED,
    CANCELLED (exact upper case), comma-separated and/or repeated; the list
    holds jobs whose ``current_status`` is any of them (``__in``).  An
    unknown value is an error naming the allowed values.  Jobs with no
    status (all their statuses deleted) match no status filter.

    ``search``: case-insensitive substring of the name, the rule of
    ``icontains`` (``UPPER(name) LIKE UPPER('%term%')``), run as the same
    comparison of search keys (``jobs.models.name_search_key``, equal by
    construction) so that the trigram GIN index
    ``jobs_job_name_search_idx`` narrows it, across words too.  At most
    200 characters as sent, then trimmed.  A term shorter than 3
    characters is rejected (400): it contains no trigram, so the index
    cannot narrow it and the query would read the whole table; so is a
    longer term from which pg_trgm extracts no trigram either (``"%%%"``,
    ``"a**"``: see :func:`has_trigram`).

    A parameter given empty (``status=``, ``search=``) is a 400: leave it
    out instead (the schema's rule: its values are never empty).
    """

    status = MultipleValueInFilter(
        field_name="current_status",
        lookup_expr="in",
        choices=StatusType.choices,
        widget=CommaSeparatedMultipleWidget,
        error_messages={
            "invalid_choice": (
                f"Unknown status %(value)s. Allowed values: {ALLOWED_STATUSES}."
            ),
        },
        help_text=(
            f"One or several statuses, comma-separated or repeated: {ALLOWED_STATUSES}."
        ),
    )
    search = SearchFilter(
        field_name="name",
        method="filter_search",
        error_messages={
            "min_length": (
                f"Search needs at least {SEARCH_MIN_LENGTH} characters "
                "(got %(show_value)d)."
            ),
            "max_length": (
                f"Search is at most {NAME_MAX_LENGTH} characters (got %(show_value)d)."
            ),
        },
        help_text=(
            "Case-insensitive substring of the name, at least "
            f"{SEARCH_MIN_LENGTH} characters."
        ),
    )

    class Meta:
        model = Job
        fields: list[str] = []

    def get_form_class(self) -> type[forms.Form]:
        """Build the form class once (django-filter builds one per request)."""
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

    def filter_search(self, queryset: QuerySet[Job], name: str, value: str) -> Any:
        """Keep the jobs whose name contains ``value``, any case (see above)."""
        if not value:
            return queryset
        return queryset.alias(search_key=name_search_key(name)).filter(
            search_key__contains=name_search_key(Value(value))
        )
