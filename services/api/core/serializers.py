"""Serializers shared by every API: the error envelope (schema only)."""

from typing import Any

from rest_framework import serializers


class ErrorEnvelopeSerializer(serializers.Serializer):
    """The one JSON error body: a one-line summary and, for invalid input,
    the messages of each field (``non_field_errors`` for the whole body)."""

    detail = serializers.CharField(help_text="One-line summary of the error.")

    def get_fields(self) -> dict[str, Any]:
        # Added here rather than declared: a class attribute named "errors"
        # would shadow Serializer.errors.
        fields: dict[str, Any] = super().get_fields()
        fields["errors"] = serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()),
            required=False,
            help_text="Messages per field; present only for validation failures.",
        )
        return fields
