"""Which next/previous cursors a page links to."""

from types import SimpleNamespace

from core.pagination.cursor import Cursor
from core.pagination.links import link_cursors, row_key

FIELDS = ["name", "id"]
ROWS = [{"name": "a", "id": 1}, {"name": "b", "id": 2}]


def test_row_key_reads_dicts_and_objects() -> None:
    assert row_key(ROWS[0], FIELDS) == ("a", 1)
    assert row_key(SimpleNamespace(name="a", id=1), FIELDS) == ("a", 1)


def test_first_page_links_next_only_when_more_rows() -> None:
    assert link_cursors("name", FIELDS, ROWS, None, True) == (
        Cursor("name", "next", ("b", 2)),
        None,
    )
    assert link_cursors("name", FIELDS, ROWS, None, False) == (None, None)
    assert link_cursors("name", FIELDS, [], None, False) == (None, None)


def test_next_step_always_links_back() -> None:
    after = Cursor("name", "next", ("0", 0))
    assert link_cursors("name", FIELDS, ROWS, after, False) == (
        None,
        Cursor("name", "prev", ("a", 1)),
    )


def test_empty_page_steps_back_onto_the_cursor_key() -> None:
    after = Cursor("name", "next", ("z", 9))
    assert link_cursors("name", FIELDS, [], after, False) == (
        None,
        Cursor("name", "prev", ("z", 9), inclusive=True),
    )
    before = Cursor("name", "prev", ("0", 0))
    assert link_cursors("name", FIELDS, [], before, False) == (
        Cursor("name", "next", ("0", 0), inclusive=True),
        None,
    )


def test_previous_step_links_forward_and_back_when_more() -> None:
    before = Cursor("name", "prev", ("c", 3))
    assert link_cursors("name", FIELDS, ROWS, before, True) == (
        Cursor("name", "next", ("b", 2)),
        Cursor("name", "prev", ("a", 1)),
    )
