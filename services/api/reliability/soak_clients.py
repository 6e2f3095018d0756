"""The soak's clients: a bounded loop of list, POST, PATCH and DELETE.

Each client thread owns the jobs it creates, so what the database must hold
at the end is known exactly from what each client was told (its ledger):

* ``JobTrack.patches``: every PATCH sent, in order, as ``(name, status,
  acknowledged)``; a PATCH renames the job *and* appends a status, so a
  half-applied one shows as a name that does not match the current status.
* ``JobTrack.deleted``: ``"acked"`` after a 204, ``"maybe"`` after a DELETE
  without an answer (the job is then left alone).
* ``Ledger.unacked_creates``: names of POSTs that got no 201.

Every request becomes a ``Record`` (times in seconds of ``time.monotonic()``).
"""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
from dataclasses import dataclass, field

from jobs.statuses import StatusType

STATUSES = StatusType.values


@dataclass
class Record:
    client: int
    op: str
    started: float
    ended: float
    status: int | None  # None: no HTTP answer (connection reset, timeout)
    retry_after: bool = False
    error: str = ""
    connected: float = 0.0  # when the connection this request used was opened


@dataclass
class JobTrack:
    job_id: int
    name: str
    patches: list[tuple[str, str, bool]] = field(default_factory=list)
    deleted: str = ""  # "", "acked" or "maybe"


@dataclass
class Ledger:
    records: list[Record] = field(default_factory=list)
    jobs: dict[int, JobTrack] = field(default_factory=dict)
    unacked_creates: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class SoakClient(threading.Thread):
    """One keep-alive HTTP client looping until ``stop`` is set or ``max_requests``."""

    def __init__(
        self,
        index: int,
        host: str,
        port: int,
        ledger: Ledger,
        stop: threading.Event,
        *,
        max_requests: int,
        seed: int,
    ) -> None:
        super().__init__(name=f"soak-{index}", daemon=True)
        self.index = index
        self.host, self.port = host, port
        self.ledger = ledger
        self.stop = stop
        self.max_requests = max_requests
        self.rng = random.Random(seed * 1000 + index)  # noqa: S311 - a load mix, not crypto
        self.conn: http.client.HTTPConnection | None = None
        self.connected = 0.0
        self.mine: list[JobTrack] = []
        self.seq = 0

    def _request(
        self, op: str, method: str, path: str, body: object | None = None
    ) -> tuple[Record, object | None]:
        payload = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"} if payload is not None else {}
        started = time.monotonic()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=15)
                self.connected = started
            self.conn.request(method, path, body=payload, headers=headers)
            response = self.conn.getresponse()
            raw = response.read()
            record = Record(
                self.index,
                op,
                started,
                time.monotonic(),
                response.status,
                retry_after=response.getheader("Retry-After") is not None,
                connected=self.connected,
            )
            if response.getheader("Connection", "").lower() == "close":
                self._reset()
        except (OSError, http.client.HTTPException) as exc:
            record = Record(
                self.index,
                op,
                started,
                time.monotonic(),
                None,
                error=type(exc).__name__,
                connected=self.connected,
            )
            self._reset()
            raw = b""
        with self.ledger.lock:
            self.ledger.records.append(record)
        try:
            data = (
                json.loads(raw)
                if raw and record.status and record.status < 300
                else None
            )
        except ValueError:
            data = None
        return record, data

    def _reset(self) -> None:
        if self.conn is not None:
            self.conn.close()
        self.conn = None

    def _live(self) -> list[JobTrack]:
        return [job for job in self.mine if not job.deleted]

    def step(self) -> None:
        roll = self.rng.random()
        live = self._live()
        if roll < 0.40:
            status = self.rng.choice(["", *STATUSES])
            query = f"&status={status}" if status else ""
            self._request("list", "GET", f"/api/jobs/?page_size=20{query}")
        elif roll < 0.45:
            self._request("list", "GET", "/api/jobs/stats/")
        elif roll < 0.65 or not live:
            self.seq += 1
            name = f"soak-{self.index}-{self.seq}"
            record, data = self._request("post", "POST", "/api/jobs/", {"name": name})
            if record.status == 201 and isinstance(data, dict):
                job = JobTrack(int(data["id"]), name)
                self.mine.append(job)
                with self.ledger.lock:
                    self.ledger.jobs[job.job_id] = job
            else:
                with self.ledger.lock:
                    self.ledger.unacked_creates.append(name)
        elif roll < 0.88:
            job = self.rng.choice(live)
            previous = {p[1] for p in job.patches[-1:]} | (
                {"PENDING"} if not job.patches else set()
            )
            status = self.rng.choice([s for s in STATUSES if s not in previous])
            name = f"{job.name.split('~')[0]}~v{len(job.patches) + 1}"
            record, _ = self._request(
                "patch",
                "PATCH",
                f"/api/jobs/{job.job_id}/",
                {"name": name, "status_type": status},
            )
            job.patches.append((name, status, record.status == 200))
        else:
            job = self.rng.choice(live)
            record, _ = self._request("delete", "DELETE", f"/api/jobs/{job.job_id}/")
            job.deleted = "acked" if record.status == 204 else "maybe"

    def run(self) -> None:
        done = 0
        while not self.stop.is_set() and done < self.max_requests:
            self.step()
            done += 1
        self._reset()
