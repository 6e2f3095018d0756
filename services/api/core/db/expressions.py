"""SQL expressions Django does not ship: the row-value comparison.

Source: PostgreSQL manual, "Row Constructor Comparison" (9.24.5),
https://www.postgresql.org/docs/current/functions-comparisons.html
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from django.db import models
from django.db.models import F, Func, Value


class RowValueCompare(Func):
    """``(a, b, ...) <op> (x, y, ...)``, compared lexicographically.

    PostgreSQL uses the whole comparison as one index condition on a B-tree
    whose leading columns are ``(a, b, ...)`` in one direction, which the
    equivalent ``a < x OR (a = x AND b < y)`` is not.  ``columns`` are
    field names, ``values`` the Python values in the same order and
    ``output_fields`` their model fields (for the parameters' types);
    ``operator`` is one of ``<``, ``<=``, ``>``, ``>=``.

    Raises:
        ValueError: another operator, or lengths that differ or are zero.
    """

    output_field = models.BooleanField()
    OPERATORS: ClassVar[frozenset[str]] = frozenset({"<", "<=", ">", ">="})

    def __init__(
        self,
        columns: Sequence[str],
        operator: str,
        values: Sequence[Any],
        output_fields: Sequence[models.Field[Any, Any]],
    ) -> None:
        if operator not in self.OPERATORS:
            raise ValueError(f"Unsupported row comparison operator {operator!r}.")
        if not len(columns) == len(values) == len(output_fields) > 0:
            raise ValueError("Row comparison needs as many values as columns.")
        self.operator = operator
        self.width = len(columns)
        super().__init__(
            *(F(column) for column in columns),
            *(
                Value(value, output_field=field)
                for value, field in zip(values, output_fields, strict=True)
            ),
        )

    def as_sql(  # type: ignore[override]
        self, compiler: Any, connection: Any, **extra_context: Any
    ) -> tuple[str, list[Any]]:
        """Render ``(lhs...) op (rhs...)`` with the values as parameters."""
        parts: list[str] = []
        params: list[Any] = []
        for expression in self.get_source_expressions():
            sql, expression_params = compiler.compile(expression)
            parts.append(sql)
            params.extend(expression_params)
        lhs = ", ".join(parts[: self.width])
        rhs = ", ".join(parts[self.width :])
        return f"({lhs}) {self.operator} ({rhs})", params
