"""Stream capacity: ``python -m benchmarks.streams`` (``make bench-streams N=``).

With the API (gunicorn, as deployed) and the events service (uvicorn on
``config.asgi``) serving ``jobs_bench_<N>`` (honcho runs both:
Procfile.bench), measures the list's first page (``GET /api/jobs/``, one
keep-alive client) in alternating phases: no stream open, then
``--streams`` idle event streams open on the events service, twice each,
so the machine's noise hits both alike.  In each streams phase one status
change is made and the time until every stream has its ``job`` event is
taken (the fan-out).  Prints and writes ``bench-results/streams-<N>.md``:
p50/p95 per phase, the fan-out, the events process's threads and memory.
"""

from __future__ import annotations

import argparse
import selectors
import socket
import statistics
import time
from pathlib import Path

from benchmarks.client import Client
from benchmarks.environment import REPO_ROOT
from benchmarks.serve import wait_ready

LIST = ("GET", "/api/jobs/?page_size=50", None)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.streams", description=__doc__
    )
    parser.add_argument("--n", type=int, required=True, help="number of jobs")
    parser.add_argument("--port", type=int, default=18100, help="the API")
    parser.add_argument(
        "--events-port", type=int, default=18102, help="the events service"
    )
    parser.add_argument("--streams", type=int, default=200)
    parser.add_argument(
        "--requests", type=int, default=300, help="list requests per phase"
    )
    parser.add_argument("--results-dir", type=Path, default=REPO_ROOT / "bench-results")
    return parser.parse_args(argv)


def open_streams(port: int, count: int) -> list[socket.socket]:
    """Open ``count`` event streams; return once each sent its first frame."""
    socks = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        sock.sendall(b"GET /api/jobs/events/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        socks.append(sock)
    for sock in socks:
        head = b""
        while b"retry:" not in head:
            head += sock.recv(65536)
        if not head.startswith(b"HTTP/1.1 200"):
            raise RuntimeError(f"a stream was refused: {head[:200]!r}")
    return socks


def fan_out_ms(
    api: Client, socks: list[socket.socket], job_id: int, status: str
) -> float:
    """PATCH job ``job_id``; return ms until every stream received its event."""
    needle = b'event: job\ndata: {"id":%d,' % job_id
    selector = selectors.DefaultSelector()
    seen: dict[socket.socket, bytes] = {}
    for sock in socks:
        selector.register(sock, selectors.EVENT_READ)
        seen[sock] = b""
    started = time.perf_counter()
    api.request(("PATCH", f"/api/jobs/{job_id}/", {"status_type": status}))
    waiting = set(socks)
    while waiting:
        for key, _ in selector.select(timeout=30):
            sock = key.fileobj
            seen[sock] += sock.recv(65536)  # type: ignore[union-attr]
            if needle in seen[sock]:  # type: ignore[index]
                waiting.discard(sock)  # type: ignore[arg-type]
                selector.unregister(sock)
        if time.perf_counter() - started > 30:
            raise RuntimeError(f"{len(waiting)} streams got no event in 30 s")
    return (time.perf_counter() - started) * 1000.0


def process_status(port: int) -> str:
    """Threads and resident memory of the process serving on ``port``."""
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        on_port = any(arg.endswith(b"=%d" % port) for arg in cmdline)
        if b"config.asgi:application" in cmdline and on_port:
            lines = (proc / "status").read_text().splitlines()
            keep = [
                line.split()[1]
                for line in lines
                if line.startswith(("Threads", "VmRSS"))
            ]
            return f"{keep[1]} threads, {int(keep[0]) // 1024} MB resident"
    return "?"


def main(argv: list[str] | None = None) -> None:
    """Run the phases; print and write the table."""
    args = parse_args(argv)
    wait_ready(args.port)
    wait_ready(args.events_port)
    api = Client("127.0.0.1", args.port)
    job_id = api.get_json("/api/jobs/?page_size=1")["results"][0]["id"]  # type: ignore[index]
    rows = []
    for phase, streams in enumerate([0, args.streams] * 2):
        socks = open_streams(args.events_port, streams)
        try:
            latencies = sorted(api.request(LIST)[0] for _ in range(args.requests))
            fan_out = (
                ""
                if not socks
                else f"{fan_out_ms(api, socks, job_id, 'RUNNING' if phase % 4 == 1 else 'FAILED'):.0f}"
            )
            memory = process_status(args.events_port)
        finally:
            for sock in socks:
                sock.close()
        p50 = statistics.median(latencies)
        p95 = latencies[int(len(latencies) * 0.95) - 1]
        rows.append(f"| {streams} | {p50:.2f} | {p95:.2f} | {fan_out} | {memory} |")
        print(rows[-1], flush=True)
        time.sleep(1)
    table = "\n".join(
        [
            f"# Streams: list p50 with idle event streams open (N={args.n:,})",
            "",
            f"{args.requests} × `GET {LIST[1]}` per phase, one keep-alive client.",
            "",
            "| open streams | list p50 ms | list p95 ms | fan-out ms (PATCH → every stream) | events process |",
            "| --- | --- | --- | --- | --- |",
            *rows,
            "",
        ]
    )
    args.results_dir.mkdir(parents=True, exist_ok=True)
    (args.results_dir / f"streams-{args.n}.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
