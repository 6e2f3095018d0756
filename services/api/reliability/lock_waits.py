"""Lock waits read from a PostgreSQL server log written with ``log_lock_waits``.

PostgreSQL logs ``process P still waiting for <lock> on <object> after X
ms`` once a wait passes ``deadlock_timeout`` and ``process P acquired
<lock> ... after Y ms`` when it ends; a wait cut short (statement or lock
timeout, deadlock) ends at the process's next log line instead.  The log
must use ``LOG_LINE_PREFIX`` (time, pid, application name) so each wait can
be told apart by who waited (``application_name``, e.g. ``PGAPPNAME``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from reliability.invariants import Query

LOG_LINE_PREFIX = "%m [%p] %a: "
SERVER_SETTINGS = (
    "log_lock_waits = on\n"
    f"log_line_prefix = '{LOG_LINE_PREFIX}'\n"
    "log_timezone = 'UTC'\n"
)

_LINE = re.compile(
    r"^(?P<ts>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+) UTC \[(?P<pid>\d+)\] (?P<app>[^:]*): (?P<msg>.*)$"
)
_WAIT = re.compile(
    r"LOG:  process \d+ (?P<what>still waiting for|acquired) (?P<lock>\S+) on (?P<on>.*?) after (?P<ms>[\d.]+) ms"
)

_RELATION = re.compile(r"^relation (\d+) of database \d+$")


@dataclass
class LockWait:
    app: str  # application_name of the waiting session
    lock: str  # e.g. AccessShareLock
    on: str  # e.g. "relation 16390 of database 16384"
    ms: float  # how long it waited (at least, when ``ended`` is "cut")
    ended: str  # "acquired", "cut" (error or next statement) or "open" (log ended)


def _time(raw: str) -> dt.datetime:
    return dt.datetime.strptime(raw, "%Y-%m-%d %H:%M:%S.%f")


def parse(text: str) -> list[LockWait]:
    """Return every wait longer than ``deadlock_timeout`` in the log ``text``."""
    open_waits: dict[str, tuple[dt.datetime, LockWait]] = {}
    waits: list[LockWait] = []
    last: dt.datetime | None = None
    for line in text.splitlines():
        head = _LINE.match(line)
        if head is None:
            continue  # DETAIL/STATEMENT continuation lines carry no prefix
        at, pid = _time(head["ts"]), head["pid"]
        last = at
        wait = _WAIT.search(head["msg"])
        if pid in open_waits and not (wait and wait["what"] == "still waiting for"):
            since, pending = open_waits.pop(pid)
            if wait:  # acquired: PostgreSQL measured the whole wait
                pending.ms, pending.ended = float(wait["ms"]), "acquired"
            elif "ERROR:" in head["msg"]:
                pending.ms = (at - since).total_seconds() * 1000 + pending.ms
                pending.ended = "cut"
            else:
                open_waits[pid] = (since, pending)
                continue
            waits.append(pending)
        elif wait and wait["what"] == "still waiting for":
            pending = LockWait(
                head["app"], wait["lock"], wait["on"], float(wait["ms"]), "open"
            )
            open_waits[pid] = (at, pending)
    for since, pending in open_waits.values():
        if last is not None:
            pending.ms += (last - since).total_seconds() * 1000
        waits.append(pending)
    return waits


def name_relations(waits: list[LockWait], query: Query) -> None:
    """Replace ``relation <oid> of database <oid>`` by the table's name, in place."""
    oids = {m[1] for w in waits if (m := _RELATION.match(w.on))}
    if not oids:
        return
    rows = query(
        f"SELECT oid::text, relname FROM pg_class WHERE oid IN ({','.join(sorted(oids))})"
    )
    names = dict(rows)
    for wait in waits:
        match = _RELATION.match(wait.on)
        if match and match[1] in names:
            wait.on = names[match[1]]
