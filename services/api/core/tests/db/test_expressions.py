"""RowValueCompare renders one row-value comparison with bound values."""

import pytest
from django.contrib.auth.models import Group

from core.db.expressions import RowValueCompare

pytestmark = pytest.mark.django_db


def _fields() -> list:
    return [Group._meta.get_field("name"), Group._meta.get_field("id")]


def test_row_value_compare_filters_lexicographically() -> None:
    Group.objects.bulk_create(Group(name=name) for name in ["a", "b", "c"])
    b = Group.objects.get(name="b")
    after = Group.objects.filter(
        RowValueCompare(["name", "id"], ">", ["b", b.id], _fields())
    )
    assert [group.name for group in after] == ["c"]
    upto = Group.objects.filter(
        RowValueCompare(["name", "id"], "<=", ["b", b.id], _fields())
    ).order_by("name")
    assert [group.name for group in upto] == ["a", "b"]
    sql = str(after.query)
    assert '("auth_group"."name", "auth_group"."id") > (' in sql


@pytest.mark.parametrize(
    ("operator", "values"), [("=", ["b", 1]), ("<>", ["b", 1]), (">", ["b"])]
)
def test_row_value_compare_refuses_bad_arguments(operator: str, values: list) -> None:
    with pytest.raises(ValueError, match=r"[Rr]ow comparison"):
        RowValueCompare(["name", "id"], operator, values, _fields())
