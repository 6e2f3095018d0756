"""Check the soak's ledger against what the database holds afterwards.

``verify(ledger, query)`` returns a ``Verdict``: counts of acknowledged
writes (POST 201, PATCH 200, DELETE 204) and of those lost, of
unacknowledged writes applied, not applied and half-applied, plus the
read-model invariant and counter drift from ``reliability.invariants``.
``query`` runs SQL and returns rows as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reliability.invariants import Query, counter_drift, read_model_mismatches
from reliability.soak_clients import JobTrack, Ledger


@dataclass
class Verdict:
    acked: int = 0
    lost: int = 0
    unacked_applied: int = 0
    unacked_not_applied: int = 0
    half_applied: int = 0
    read_model_mismatches: int = 0
    counter_drift: int = 0
    problems: list[str] = field(default_factory=list)

    def fail(self, message: str) -> None:
        self.problems.append(message)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _job_rows(query: Query, ids: list[int]) -> dict[int, tuple[str, str, int]]:
    """Return ``{id: (name, current_status, history rows)}`` of the jobs that exist."""
    if not ids:
        return {}
    rows = query(
        "SELECT j.id, j.name, coalesce(j.current_status, ''), "
        "(SELECT count(*) FROM jobs_jobstatus s WHERE s.job_id = j.id) "
        f"FROM jobs_job j WHERE j.id IN ({','.join(map(str, ids))})"
    )
    return {int(r[0]): (r[1], r[2], int(r[3])) for r in rows}


def _check_last_patch(job: JobTrack, name: str, current: str, verdict: Verdict) -> bool:
    """Check that the job's current status is the last applied PATCH's.

    The name says which PATCH was the last one applied; its status must be
    the current one (a PATCH renames and appends in one transaction).
    Returns False when the name is unknown (nothing else to check).
    """
    versions = {p[0]: i for i, p in enumerate(job.patches)}
    if name == job.name:
        last = -1
        expected_status = "PENDING"
    elif name in versions:
        last = versions[name]
        expected_status = job.patches[last][1]
    else:
        verdict.fail(f"job {job.job_id}: unexpected name {name!r}")
        return False
    if current != expected_status:
        verdict.half_applied += 1
        verdict.fail(
            f"job {job.job_id}: name {name!r} but current status {current} (expected {expected_status})"
        )
    last_acked = max((i for i, p in enumerate(job.patches) if p[2]), default=-1)
    if last < last_acked:
        verdict.lost += 1
        verdict.fail(
            f"job {job.job_id}: PATCH #{last_acked + 1} answered 200 but the job shows #{last + 1}"
        )
    return True


def _check_job(
    job: JobTrack, row: tuple[str, str, int] | None, orphans: int, verdict: Verdict
) -> None:
    acked_patches = [p for p in job.patches if p[2]]
    unacked = len(job.patches) - len(acked_patches)
    verdict.acked += 1 + len(acked_patches) + (job.deleted == "acked")
    if job.deleted == "acked":
        if row is not None or orphans:
            verdict.lost += 1
            verdict.fail(
                f"job {job.job_id}: DELETE answered 204 but the job or its history is still there"
            )
        return
    if row is None:
        if job.deleted == "maybe":
            verdict.unacked_applied += 1
            if orphans:
                verdict.half_applied += 1
                verdict.fail(
                    f"job {job.job_id}: deleted without answer, {orphans} status rows left behind"
                )
            return
        verdict.lost += 1
        verdict.fail(f"job {job.job_id}: acknowledged by POST 201 but missing")
        return
    if job.deleted == "maybe":
        verdict.unacked_not_applied += 1
    name, current, history = row
    applied = history - 1  # the PENDING of the create
    if applied < len(acked_patches):
        verdict.lost += len(acked_patches) - applied
        verdict.fail(
            f"job {job.job_id}: {len(acked_patches)} PATCHes answered 200, only {applied} statuses appended"
        )
    if applied > len(job.patches):
        verdict.fail(
            f"job {job.job_id}: {applied} statuses appended for {len(job.patches)} PATCHes sent"
        )
    if not _check_last_patch(job, name, current, verdict):
        return
    unacked_applied = applied - len(acked_patches)
    if 0 <= unacked_applied <= unacked:
        verdict.unacked_applied += unacked_applied
        verdict.unacked_not_applied += unacked - unacked_applied


def verify(ledger: Ledger, query: Query) -> Verdict:
    """Compare every client's ledger with the database; see the module doc."""
    verdict = Verdict()
    ids = sorted(ledger.jobs)
    rows: dict[int, tuple[str, str, int]] = {}
    for start in range(0, len(ids), 500):
        rows.update(_job_rows(query, ids[start : start + 500]))
    gone = [i for i in ids if i not in rows]
    orphans: dict[int, int] = {}
    if gone:
        for orphan_id, count in query(
            f"SELECT job_id, count(*) FROM jobs_jobstatus WHERE job_id IN ({','.join(map(str, gone))}) GROUP BY 1"
        ):
            orphans[int(orphan_id)] = int(count)
    for job_id in ids:
        _check_job(
            ledger.jobs[job_id], rows.get(job_id), orphans.get(job_id, 0), verdict
        )
    for name in ledger.unacked_creates:
        found = query(
            "SELECT count(*), coalesce(min((SELECT count(*) FROM jobs_jobstatus s WHERE s.job_id = j.id)), 0) "
            f"FROM jobs_job j WHERE j.name = {_quote(name)}"
        )[0]
        jobs, history = int(found[0]), int(found[1])
        if jobs == 0:
            verdict.unacked_not_applied += 1
        elif jobs == 1 and history >= 1:
            verdict.unacked_applied += 1
        else:
            verdict.half_applied += 1
            verdict.fail(f"unanswered POST {name!r}: {jobs} jobs, {history} statuses")
    verdict.read_model_mismatches = read_model_mismatches(query)
    verdict.counter_drift = counter_drift(query)
    if verdict.read_model_mismatches:
        verdict.fail(
            f"{verdict.read_model_mismatches} jobs break the read-model invariant"
        )
    if verdict.counter_drift:
        verdict.fail(f"{verdict.counter_drift} status counters differ from a recount")
    return verdict
