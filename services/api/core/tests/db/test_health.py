"""Which database errors mean "unreachable" (core.db.health): a slow query
is not an outage, so a statement timeout never shortens the pool's wait."""

import psycopg
import pytest
from django.db import OperationalError, connection, transaction
from psycopg_pool import PoolTimeout

from core.db.health import is_unreachable


def _wrapped(cause: BaseException) -> OperationalError:
    error = OperationalError(str(cause))
    error.__cause__ = cause
    return error


def _sleep_past_a_statement_timeout() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = '10ms'")
        cursor.execute("SELECT pg_sleep(1)")


@pytest.mark.django_db
def test_statement_timeout_is_not_unreachable() -> None:
    with pytest.raises(OperationalError) as raised:
        _sleep_past_a_statement_timeout()

    assert not is_unreachable(raised.value)


def test_pool_timeout_and_refused_connection_are_unreachable() -> None:
    refused = None
    try:
        psycopg.connect("postgres://postgres@127.0.0.1:1/x", connect_timeout=1)
    except psycopg.OperationalError as exc:
        refused = exc

    assert refused is not None
    assert is_unreachable(_wrapped(refused))
    assert is_unreachable(_wrapped(PoolTimeout("couldn't get a connection")))
