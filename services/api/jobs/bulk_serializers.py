"""Wire format of ``/api/jobs/bulk/`` (JSON, snake_case, ISO 8601 UTC).

``BulkActionInputSerializer`` validates a body; the four ``Bulk*Input``
variants only describe it in the schema (a ``oneOf``, so that the schema
says exactly which bodies are a 400: docs/api.md, "The schema is exact").
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from jobs.filters import SEARCH_MIN_LENGTH
from jobs.models import (
    NAME_MAX_LENGTH,
    BulkAction,
    BulkOperation,
    BulkState,
    StatusType,
)
from jobs.serializers import StatusTypeField, StrictInputSerializer, iso_utc
from jobs.statuses import BULK_IDS_MAX

ID_MAX = 2**63 - 1


def _ids_field(*, required: bool = True) -> serializers.ListField:
    return serializers.ListField(
        required=required,
        child=serializers.IntegerField(min_value=1, max_value=ID_MAX),
        min_length=1,
        max_length=BULK_IDS_MAX,
        help_text=f"Job ids, 1 to {BULK_IDS_MAX}; one transaction.",
    )


def _status_field(*, required: bool) -> StatusTypeField:
    return StatusTypeField(
        choices=StatusType.choices,
        required=required,
        help_text="The status to append to every job (set_status only).",
    )


class BulkSearchField(serializers.CharField):
    """The list's ``search`` term in a body (schema: format search-term).

    A JSON string only: DRF's CharField would take a number as its text.
    """

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class BulkFilterInputSerializer(StrictInputSerializer):
    """The list's filter (`GET /api/jobs/` `status` and `search`)."""

    status = serializers.ListField(
        child=StatusTypeField(choices=StatusType.choices),
        min_length=1,
        required=False,
        help_text="Jobs whose current status is one of these.",
    )
    search = BulkSearchField(
        required=False,
        trim_whitespace=False,
        min_length=SEARCH_MIN_LENGTH,
        max_length=NAME_MAX_LENGTH,
        help_text=(
            "Case-insensitive substring of the name, with the list's rules "
            "(`search` of GET /api/jobs/, format `search-term`)."
        ),
    )


class BulkActionInputSerializer(StrictInputSerializer):
    """Body of ``POST /api/jobs/bulk/``: an action on ids or on a filter."""

    action = serializers.ChoiceField(choices=BulkAction.choices)
    status_type = _status_field(required=False)
    ids = _ids_field(required=False)
    filter = BulkFilterInputSerializer(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("ids" in attrs) == ("filter" in attrs):
            raise serializers.ValidationError("Give either ids or filter.")
        set_status = attrs["action"] == BulkAction.SET_STATUS
        if set_status and "status_type" not in attrs:
            raise serializers.ValidationError(
                {"status_type": ["This field is required for set_status."]}
            )
        if not set_status and "status_type" in attrs:
            raise serializers.ValidationError(
                {"status_type": ["Only set_status takes a status_type."]}
            )
        return attrs


def _variant(name: str, action: BulkAction, *, by_ids: bool) -> type:
    """A schema-only serializer: one action with ids or with a filter."""
    fields: dict[str, Any] = {
        "action": serializers.ChoiceField(choices=[(action.value, action.label)]),
        "__doc__": f"{action.label} {'by ids' if by_ids else 'on every matching job'}.",
        "__module__": __name__,
    }
    if action == BulkAction.SET_STATUS:
        fields["status_type"] = _status_field(required=True)
    if by_ids:
        fields["ids"] = _ids_field()
    else:
        fields["filter"] = BulkFilterInputSerializer()
    return type(name, (StrictInputSerializer,), fields)


BULK_INPUT_VARIANTS = [
    _variant("BulkSetStatusByIdsInput", BulkAction.SET_STATUS, by_ids=True),
    _variant("BulkDeleteByIdsInput", BulkAction.DELETE, by_ids=True),
    _variant("BulkSetStatusByFilterInput", BulkAction.SET_STATUS, by_ids=False),
    _variant("BulkDeleteByFilterInput", BulkAction.DELETE, by_ids=False),
]


class BulkResultSerializer(serializers.Serializer):
    """What an id-list action did (200)."""

    action = serializers.ChoiceField(choices=BulkAction.choices)
    status_type = serializers.ChoiceField(choices=StatusType.choices, allow_null=True)
    affected = serializers.IntegerField(min_value=0, help_text="Jobs written.")
    missing = serializers.ListField(
        child=serializers.IntegerField(), help_text="Ids of no job, ascending."
    )


class BulkFilterSerializer(serializers.Serializer):
    """The filter of an operation, as given."""

    status = serializers.ListField(
        child=serializers.ChoiceField(choices=StatusType.choices), required=False
    )
    search = serializers.CharField(required=False)


class BulkOperationSerializer(serializers.Serializer):
    """A filter-wide bulk operation and its progress."""

    id = serializers.IntegerField()
    action = serializers.ChoiceField(choices=BulkAction.choices)
    status_type = serializers.ChoiceField(choices=StatusType.choices, allow_null=True)
    filter = BulkFilterSerializer()
    state = serializers.ChoiceField(choices=BulkState.choices)
    total = serializers.IntegerField(
        allow_null=True, help_text="Matching jobs when the run started; null before."
    )
    done = serializers.IntegerField(help_text="Jobs written so far.")
    error = serializers.CharField(allow_null=True)
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)

    def to_representation(self, instance: BulkOperation) -> dict[str, Any]:
        return {
            "id": instance.id,
            "action": instance.action,
            "status_type": instance.status_type,
            "filter": instance.filters,
            "state": instance.state,
            "total": instance.total,
            "done": instance.done,
            "error": instance.error or None,
            "created_at": iso_utc(instance.created_at),
            "started_at": iso_utc(instance.started_at),
            "finished_at": iso_utc(instance.finished_at),
        }
