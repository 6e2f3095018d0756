"""Backups: ``pg_dump`` in custom format, and a restore into a fresh database.

    python -m reliability.backup dump [--database-url URL] [--out-dir DIR]
    python -m reliability.backup restore FILE [--database-url URL]

Without ``--database-url`` both act on the running compose stack (``make
up``): ``docker compose exec db pg_dump``, and for restore: stop ``api``,
drop and recreate the stack's database, ``pg_restore``, start ``api``.
With a URL they use the local client tools against that database; a
restore then drops and recreates *that* database, so it refuses ``jobs``
unless ``--force``.  After a restore the read-model invariant and the
counters are checked (``reliability.invariants``); exit 1 if they drifted.
Dumps go to ``./backups/jobs-<UTC time>.dump`` (git-ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
from pathlib import Path

import psycopg

from reliability import compose
from reliability.invariants import (
    Query,
    counter_drift,
    read_model_mismatches,
    triggers_move_read_model,
)
from reliability.stack import REPO_ROOT, log


def _compose_db() -> tuple[str, str]:
    return compose.setting("POSTGRES_USER", "jobs"), compose.setting(
        "POSTGRES_DB", "jobs"
    )


def _compose_exec(service: str, *argv: str) -> list[str]:
    return [*compose.command(), "exec", "-T", service, *argv]


def _psql(base: list[str]) -> Query:
    """A ``Query`` that feeds SQL (one statement or a script) to psql ``base``."""

    def query(sql: str) -> list[tuple[str, ...]]:
        out = subprocess.run(
            [*base, "-X", "-qAt", "-F", "\t", "-v", "ON_ERROR_STOP=1"],
            input=sql,
            capture_output=True,
            text=True,
            check=True,
        )
        return [tuple(line.split("\t")) for line in out.stdout.splitlines() if line]

    return query


def dump(database_url: str | None, out_dir: Path) -> Path:
    """Write a custom-format dump; return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = out_dir / f"jobs-{stamp}.dump"
    if database_url:
        cmd = ["pg_dump", "-Fc", "--no-owner", "-d", database_url]
    else:
        user, db = _compose_db()
        cmd = _compose_exec("db", "pg_dump", "-Fc", "--no-owner", "-U", user, "-d", db)
    with path.open("wb") as handle:
        subprocess.run(cmd, stdout=handle, check=True)
    log(f"backup written: {path} ({path.stat().st_size} bytes)")
    return path


def _restore_native(path: Path, database_url: str) -> Query:
    base, _, name = database_url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    restore_cmd = ["pg_restore", "--no-owner", "--exit-on-error", "-d", database_url]
    subprocess.run([*restore_cmd, str(path)], check=True)
    return _psql(["psql", "-d", database_url])


def _restore_compose(path: Path) -> Query:
    """Stop api, recreate the stack's database from ``path``, start api again."""
    user, db = _compose_db()
    admin = _psql(_compose_exec("db", "psql", "-U", user, "-d", "postgres"))
    subprocess.run([*compose.command(), "stop", "api"], check=True)
    admin(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    admin(f'CREATE DATABASE "{db}" OWNER "{user}"')
    restore_cmd = ["pg_restore", "--no-owner", "--exit-on-error", "-U", user, "-d", db]
    with path.open("rb") as handle:
        subprocess.run(_compose_exec("db", *restore_cmd), stdin=handle, check=True)
    subprocess.run([*compose.command(), "up", "-d", "--wait", "api"], check=True)
    return _psql(_compose_exec("db", "psql", "-U", user, "-d", db))


def restore(path: Path, database_url: str | None) -> int:
    """Restore ``path`` into a fresh database; return the check's exit status.

    Checks the read-model invariant, the counters and the triggers (a
    status appended in a transaction that is rolled back); 1 if any fails.
    """
    query = (
        _restore_native(path, database_url) if database_url else _restore_compose(path)
    )
    jobs = query("SELECT count(*) FROM jobs_job")[0][0]
    statuses = query("SELECT count(*) FROM jobs_jobstatus")[0][0]
    mismatches, drift = read_model_mismatches(query), counter_drift(query)
    triggers = triggers_move_read_model(query)
    print(
        f"restored {path}: {jobs} jobs, {statuses} statuses, read-model mismatches "
        f"{mismatches}, counter drift {drift}, triggers {'work' if triggers else 'BROKEN'}"
    )
    return 1 if mismatches or drift or not triggers else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_dump = sub.add_parser("dump")
    p_dump.add_argument("--database-url")
    p_dump.add_argument("--out-dir", type=Path, default=REPO_ROOT / "backups")
    p_restore = sub.add_parser("restore")
    p_restore.add_argument("file", type=Path)
    p_restore.add_argument("--database-url")
    p_restore.add_argument(
        "--force",
        action="store_true",
        help="allow restoring over a database named jobs",
    )
    args = parser.parse_args(argv)
    if args.command == "dump":
        dump(args.database_url, args.out_dir)
        return 0
    if (
        args.database_url
        and args.database_url.rstrip("/").endswith("/jobs")
        and not args.force
    ):
        raise SystemExit(
            "refusing to drop and recreate the database 'jobs' without --force"
        )
    # reliability.sh runs from services/api; make passes FILE relative to the root.
    path = next((p for p in (args.file, REPO_ROOT / args.file) if p.is_file()), None)
    if path is None:
        raise SystemExit(f"no such backup file: {args.file}")
    return restore(path, args.database_url)


if __name__ == "__main__":
    sys.exit(main())
