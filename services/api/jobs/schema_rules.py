"""Schema rules that make the OpenAPI schema say exactly what is refused
(docs/api.md, "The schema is exact"): drf-spectacular extensions, found
when this module is imported (``jobs.apis`` imports it)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import (
    OpenApiSerializerExtension,
    OpenApiSerializerFieldExtension,
)
from drf_spectacular.openapi import AutoSchema

from jobs.models import NAME_BLANK_CHARACTERS, NAME_MAX_LENGTH

_BLANK = "".join(f"\\u{ord(char):04x}" for char in NAME_BLANK_CHARACTERS)
# A name as the API takes it: blank characters around (trimmed), then 1 to
# NAME_MAX_LENGTH characters that start and end with a non-blank one; no
# NUL anywhere (DRF refuses it).  Exact, so the schema says what is a 400.
NAME_PATTERN = (
    f"^[{_BLANK}]*[^{_BLANK}\\u0000]"
    f"(?:[^\\u0000]{{0,{NAME_MAX_LENGTH - 2}}}[^{_BLANK}\\u0000])?[{_BLANK}]*$"
)


class JobNameFieldExtension(OpenApiSerializerFieldExtension):
    """``JobNameField`` in the schema: a string matching ``NAME_PATTERN``."""

    target_class = "jobs.serializers.JobNameField"

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> Any:
        return {"type": "string", "pattern": NAME_PATTERN}


class StrictInputSerializerExtension(OpenApiSerializerExtension):
    """Request bodies refuse undeclared fields (``additionalProperties``) and,
    for PATCH, an empty object (``minProperties``), as the serializers do."""

    target_class = "jobs.serializers.StrictInputSerializer"
    match_subclasses = True

    def map_serializer(self, auto_schema: Any, direction: Any) -> Any:
        schema = auto_schema._map_basic_serializer(self.target, direction)
        schema["additionalProperties"] = False
        if self.target.min_fields:
            schema["minProperties"] = self.target.min_fields
        return schema


class RequiredBodyAutoSchema(AutoSchema):
    """Every request body of the view is required, PATCH's included: DRF
    makes it partial, but it must hold one field at least (minProperties)."""

    def _get_request_body(self, direction: str = "request") -> Any:
        body = super()._get_request_body(direction)
        if body:
            body["required"] = True
        return body
