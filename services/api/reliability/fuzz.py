"""Contract fuzzing: schemathesis over the schema the API itself serves.

Starts gunicorn on a fresh database (``<CHECK_DB>_fuzz`` on the shared
server, a few seeded jobs), then runs ``schemathesis run`` against
``/api/schema/`` with every check and every phase (examples, coverage,
fuzzing, stateful: the schema's links chain create -> patch -> get ->
delete).  Bounded by ``--max-examples`` per operation and ``--max-time``
seconds, seeded by ``--seed``; a failure prints schemathesis' report with
the reproducing ``curl`` and exits non-zero.

    python -m reliability.fuzz [--max-examples 25] [--max-time 60] [--seed 14]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from reliability.cluster import free_port
from reliability.stack import API_DIR, RUN_DIR, Gunicorn, api_env, drop, log, prepare

CONFIG = API_DIR / "reliability" / "schemathesis.toml"


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--max-examples",
        type=int,
        default=25,
        help="test cases per operation and phase",
    )
    parser.add_argument(
        "--max-time", type=int, default=60, help="seconds for the whole run"
    )
    parser.add_argument(
        "--seed", type=int, default=14, help="hypothesis seed (same seed, same cases)"
    )
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("FUZZ_PORT") or 0) or None
    )
    parser.add_argument("--workers", default="2", help="schemathesis workers")
    parser.add_argument(
        "--phases",
        default="examples,coverage,fuzzing,stateful",
        help="schemathesis phases (all by default)",
    )
    parser.add_argument(
        "--include-path", default=None, help="only the operations of this path"
    )
    return parser.parse_args(argv)


def _schemathesis(args: argparse.Namespace, port: int, report_dir: Path) -> list[str]:
    """The schemathesis command line: every check, every phase, bounded."""
    return [
        str(Path(sys.executable).parent / "schemathesis"),
        *("--config-file", str(CONFIG), "run", f"http://127.0.0.1:{port}/api/schema/"),
        *("--checks", "all", "--phases", args.phases),
        *("--max-examples", str(args.max_examples), "--max-time", str(args.max_time)),
        *(
            "--seed",
            str(args.seed),
            "--workers",
            args.workers,
            # gunicorn's worker timeout: a slow answer on a loaded machine is
            # not a failure (ST112), a hung request still is.
            "--request-timeout",
            "30",
        ),
        *(("--include-path", args.include_path) if args.include_path else ()),
        *("--suppress-health-check", "too_slow,filter_too_much"),
        *("--generation-database", "none"),
        *("--report", "junit", "--report-dir", str(report_dir)),
    ]


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    database = os.environ.get("CHECK_DB", "jobs_check") + "_fuzz"
    url = f"postgres://postgres@127.0.0.1:{os.environ.get('PGPORT', '5432')}/{database}"
    port = args.port or free_port()
    log(f"fresh database {database}, 20 seeded jobs")
    prepare(url, seed=20)
    server = Gunicorn(port, api_env(url), RUN_DIR / "fuzz" / "gunicorn.log")
    server.start()
    try:
        cmd = _schemathesis(args, port, RUN_DIR / "fuzz" / "report")
        log(" ".join(cmd))
        return subprocess.run(cmd, cwd=API_DIR, check=False).returncode
    finally:
        server.stop()
        drop(url)


if __name__ == "__main__":
    sys.exit(main())
