"""Keep-alive HTTP measurement with the standard library only.

One ``http.client.HTTPConnection`` per client is reused for every request
(HTTP/1.1 keep-alive), so a sample is the server's latency plus one
loopback round trip, never a TCP handshake.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

# A request: (method, path, JSON body or None[, extra request headers]).
RequestSpec = tuple[str, str, dict | None] | tuple[str, str, dict | None, dict]
RequestSource = Callable[[], RequestSpec]


class RequestFailedError(Exception):
    """A measured request answered outside 2xx or the connection broke."""


@dataclass
class Sample:
    """Latencies (milliseconds) of one case, in request order."""

    latencies_ms: list[float] = field(default_factory=list)
    elapsed_s: float = 0.0
    first_ms: float | None = None
    errors: list[str] = field(default_factory=list)

    def percentile(self, pct: float) -> float | None:
        """Return the ``pct`` percentile (inclusive method), or None."""
        data = self.latencies_ms
        if not data:
            return None
        if len(data) == 1:
            return data[0]
        cuts = statistics.quantiles(data, n=100, method="inclusive")
        return cuts[round(pct) - 1]

    @property
    def rps(self) -> float | None:
        """Requests per second over the measured loop."""
        if not self.latencies_ms or self.elapsed_s <= 0:
            return None
        return len(self.latencies_ms) / self.elapsed_s


class Client:
    """One keep-alive connection to the server under test."""

    def __init__(self, host: str, port: int, timeout_s: float = 600.0) -> None:
        self.host = host
        self.port = port
        self.timeout_s = timeout_s
        self._conn: http.client.HTTPConnection | None = None

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            self._conn = http.client.HTTPConnection(
                self.host, self.port, timeout=self.timeout_s
            )
        return self._conn

    def close(self) -> None:
        """Close the connection (the next request opens a new one)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def request(self, spec: RequestSpec) -> tuple[float, int, bytes]:
        """Send one request; return (latency ms, status, body).

        Raises:
            RequestFailedError: the status is not 2xx, or the connection
                failed (the connection is reset for the next call).
        """
        method, path, body, *extra = spec
        headers = {"Accept": "application/json", **(extra[0] if extra else {})}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        conn = self._connection()
        start = time.perf_counter()
        try:
            conn.request(method, path, body=payload, headers=headers)
            response = conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            raise RequestFailedError(f"{method} {path}: {exc!r}") from exc
        latency_ms = (time.perf_counter() - start) * 1000.0
        if response.will_close:
            self.close()
        if not 200 <= response.status < 300:
            snippet = data[:200].decode(errors="replace")
            raise RequestFailedError(f"{method} {path}: {response.status} {snippet}")
        return latency_ms, response.status, data

    def get_json(self, path: str) -> object:
        """GET ``path`` and decode its JSON body (setup helper)."""
        return json.loads(self.request(("GET", path, None))[2])


def cycle(specs: list[RequestSpec]) -> RequestSource:
    """Return a source that yields ``specs`` round-robin forever."""

    def generator() -> Iterator[RequestSpec]:
        while True:
            yield from specs

    it = generator()
    return lambda: next(it)


def measure(
    client: Client,
    source: RequestSource,
    *,
    warmup: int,
    iterations: int,
    min_iterations: int,
    budget_s: float,
) -> Sample:
    """Measure one case at concurrency 1.

    Runs ``warmup`` unmeasured requests (the first one's latency is kept as
    ``first_ms``), then up to ``iterations`` measured ones, stopping early
    once ``budget_s`` seconds have passed and ``min_iterations`` are done.
    A failing request is recorded in ``errors`` and ends the case.
    """
    sample = Sample()
    try:
        # Warm-up shares the budget: a request that takes seconds is warm
        # after one or two runs, and must not cost minutes of warm-up.
        warm_start = time.perf_counter()
        for index in range(warmup):
            latency, _, _ = client.request(source())
            if index == 0:
                sample.first_ms = latency
            if time.perf_counter() - warm_start > budget_s / 2:
                break
        start = time.perf_counter()
        for index in range(iterations):
            latency, _, _ = client.request(source())
            sample.latencies_ms.append(latency)
            spent = time.perf_counter() - start
            if spent > budget_s and index + 1 >= min_iterations:
                break
        sample.elapsed_s = time.perf_counter() - start
    except RequestFailedError as exc:
        sample.errors.append(str(exc))
    return sample


@dataclass
class ThroughputResult:
    """Outcome of a fixed-duration run with several concurrent clients."""

    clients: int
    duration_s: float
    completed: int
    errors: list[str]
    latencies_ms: list[float]

    @property
    def rps(self) -> float:
        """Completed requests per second of wall time."""
        return self.completed / self.duration_s if self.duration_s else 0.0


def _client_loop(
    client: Client,
    source: RequestSource,
    barrier: threading.Barrier,
    deadline_box: list[float],
    latencies: list[float],
) -> None:
    """One throughput client: connect, wait for all, request until the deadline."""
    try:
        client.request(source())  # open the connection before the clock
        barrier.wait()
        deadline = deadline_box[0]
        while True:
            latency, _, _ = client.request(source())
            if time.perf_counter() > deadline:
                break
            latencies.append(latency)
    finally:
        client.close()


def throughput(
    host: str,
    port: int,
    source_factory: Callable[[int], RequestSource],
    *,
    clients: int,
    duration_s: float,
) -> ThroughputResult:
    """Run ``clients`` keep-alive clients in threads for ``duration_s``
    (requests still in flight at the deadline finish but are not counted)."""
    deadline_box: list[float] = []

    def start_clock() -> None:
        deadline_box.append(time.perf_counter() + duration_s)

    # The clock starts when every client has its connection open.
    barrier = threading.Barrier(clients + 1, action=start_clock)
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []

    def worker(index: int) -> None:
        local: list[float] = []
        try:
            _client_loop(
                Client(host, port), source_factory(index), barrier, deadline_box, local
            )
        except (RequestFailedError, threading.BrokenBarrierError) as exc:
            with lock:
                errors.append(repr(exc))
            if not barrier.broken:
                barrier.abort()
        finally:
            with lock:
                latencies.extend(local)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    with contextlib.suppress(threading.BrokenBarrierError):
        barrier.wait()
    for thread in threads:
        thread.join()
    return ThroughputResult(
        clients=clients,
        duration_s=duration_s,
        completed=len(latencies),
        errors=errors,
        latencies_ms=latencies,
    )
