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
import os
import subprocess
import sys
from pathlib import Path

import psycopg

from reliability.invariants import counter_drift, read_model_mismatches
from reliability.stack import REPO_ROOT, log

COMPOSE = ["docker", "compose"]


def _compose_db() -> tuple[str, str]:
    return os.environ.get("POSTGRES_USER", "jobs"), os.environ.get(
        "POSTGRES_DB", "jobs"
    )


def dump(database_url: str | None, out_dir: Path) -> Path:
    """Write a custom-format dump; return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = out_dir / f"jobs-{stamp}.dump"
    if database_url:
        cmd = ["pg_dump", "-Fc", "--no-owner", "-d", database_url]
    else:
        user, db = _compose_db()
        cmd = [
            *COMPOSE,
            "exec",
            "-T",
            "db",
            "pg_dump",
            "-Fc",
            "--no-owner",
            "-U",
            user,
            "-d",
            db,
        ]
    with path.open("wb") as handle:
        subprocess.run(cmd, stdout=handle, check=True)
    log(f"backup written: {path} ({path.stat().st_size} bytes)")
    return path


def _recreate(database_url: str) -> None:
    base, _, name = database_url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def restore(path: Path, database_url: str | None) -> int:
    """Restore ``path`` into a fresh database; return the check's exit status."""
    if database_url:
        _recreate(database_url)
        subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                "--exit-on-error",
                "-d",
                database_url,
                str(path),
            ],
            check=True,
        )

        def query(sql: str) -> list[tuple[str, ...]]:
            with psycopg.connect(database_url) as conn:
                return [
                    tuple(str(v) for v in row) for row in conn.execute(sql).fetchall()
                ]  # type: ignore[arg-type]
    else:
        user, db = _compose_db()
        psql = [
            *COMPOSE,
            "exec",
            "-T",
            "db",
            "psql",
            "-U",
            user,
            "-d",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
        ]
        subprocess.run([*COMPOSE, "stop", "api"], check=True)
        subprocess.run(
            [*psql, f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'], check=True
        )
        subprocess.run([*psql, f'CREATE DATABASE "{db}" OWNER "{user}"'], check=True)
        with path.open("rb") as handle:
            subprocess.run(
                [
                    *COMPOSE,
                    "exec",
                    "-T",
                    "db",
                    "pg_restore",
                    "--no-owner",
                    "--exit-on-error",
                    "-U",
                    user,
                    "-d",
                    db,
                ],
                stdin=handle,
                check=True,
            )
        subprocess.run([*COMPOSE, "start", "api"], check=True)

        def query(sql: str) -> list[tuple[str, ...]]:
            out = subprocess.run(
                [
                    *COMPOSE,
                    "exec",
                    "-T",
                    "db",
                    "psql",
                    "-U",
                    user,
                    "-d",
                    db,
                    "-XqAt",
                    "-c",
                    sql,
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            return [tuple(line.split("|")) for line in out.stdout.splitlines() if line]

    jobs = query("SELECT count(*) FROM jobs_job")[0][0]
    statuses = query("SELECT count(*) FROM jobs_jobstatus")[0][0]
    mismatches, drift = read_model_mismatches(query), counter_drift(query)
    print(
        f"restored {path}: {jobs} jobs, {statuses} statuses, read-model mismatches {mismatches}, counter drift {drift}"
    )
    return 1 if mismatches or drift else 0


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
    if not args.file.is_file():
        raise SystemExit(f"no such backup file: {args.file}")
    return restore(args.file, args.database_url)


if __name__ == "__main__":
    sys.exit(main())
