"""What ``seed_jobs`` generates: names, times and status paths, as SQL.

Every value is a hash of the row number or the job id, so one statement
inserts a batch of jobs and their statuses and the same seed gives the
same data.  Names look like ``Protein Folding #417`` (32 workloads x 1024
numbers, so at scale many jobs share a name); ``created_at`` is spread
over the 180 days before the anchor (whole seconds, so many jobs share
one); each job gets 1-4 statuses in time order along a realistic path,
with gaps of seconds to hours, one in sixteen zero (equal timestamps,
ordered by id).
"""

from typing import Any

WORKLOADS = [
    "Fluid Dynamics Simulation", "ML Model Training", "Protein Folding",
    "Climate Model Run", "Genome Alignment", "Render Farm Batch",
    "Seismic Imaging", "Monte Carlo Risk Analysis", "Molecular Dynamics",
    "Weather Forecast Ensemble", "Particle Track Reconstruction",
    "Drug Candidate Screening", "Crash Test Simulation", "Traffic Flow Model",
    "Telescope Image Stacking", "Video Transcoding", "Log Aggregation",
    "Data Warehouse ETL", "Hyperparameter Sweep", "Recommender Training",
    "Speech Model Fine-tuning", "Quantum Chemistry Calculation",
    "Finite Element Analysis", "Ocean Circulation Model", "Wind Turbine CFD",
    "Satellite Imagery Mosaic", "Portfolio Backtest", "Lattice QCD Run",
    "Supply Chain Optimization", "Backup Verification",
    "Galaxy Merger N-Body", "Battery Chemistry Screening",
]  # fmt: skip
assert len(WORKLOADS) == 32  # noqa: S101 (indexed by 5 hash bits)

# Status paths, repeated by weight (20 rows); NULL-padded to 4 columns.
PATHS = [
    ("PENDING",), ("PENDING",),
    ("PENDING", "RUNNING"), ("PENDING", "RUNNING"), ("PENDING", "RUNNING"),
    ("PENDING", "CANCELLED"),
    *[("PENDING", "RUNNING", "COMPLETED")] * 7,
    *[("PENDING", "RUNNING", "FAILED")] * 3,
    ("PENDING", "RUNNING", "CANCELLED"),
    ("PENDING", "RUNNING", "FAILED", "RUNNING"),  # retried, running again
    ("PENDING", "RUNNING", "FAILED", "RUNNING"),
    ("PENDING", "RUNNING", "RUNNING", "COMPLETED"),  # resumed after a restart
]  # fmt: skip
assert len(PATHS) == 20  # noqa: S101
MAX_STATUSES = 4
SPREAD_SECONDS = 180 * 86400

# Per-row attributes.  %(seed)s, %(anchor)s, %(workloads)s, %(paths)s and
# %(lens)s are query parameters; hn hashes the row number (name, created_at),
# hp hashes the job id (path, gaps between statuses).
NAME_SQL = "(%(workloads)s::text[])[1 + (hn & 31)] || ' #' || (1 + ((hn >> 5) & 1023))"
CREATED_SQL = (
    "%(anchor)s::timestamptz"
    f" - make_interval(secs => (((hn >> 20) & 16777215) %% {SPREAD_SECONDS}))"
)
PATH_SQL = "1 + ((hp & 1023) %% 20)"
GAP2_SQL = "CASE WHEN ((hp >> 10) & 15) = 0 THEN 0 ELSE (hp >> 14) & 4095 END"
GAP3_SQL = "((hp >> 26) & 32767)"
GAP4_SQL = "((hp >> 41) & 4095)"


def offset_sql(step: str) -> str:
    """Seconds from created_at to status number ``step`` (1-based), as SQL."""
    return (
        f"CASE WHEN {step} = 1 THEN 0 WHEN {step} = 2 THEN gap2 "
        f"WHEN {step} = 3 THEN gap2 + gap3 ELSE gap2 + gap3 + gap4 END"
    )


OFFSET_SQL = offset_sql("s.step")

# One batch: rows %(lo)s..%(hi)s become jobs (identity ids), then their
# statuses, in one statement with every trigger on: the triggers of
# migrations 0003/0004 write the read model and the counters.
BATCH_SQL = f"""
WITH new_jobs AS (
    INSERT INTO jobs_job (name, created_at, updated_at)
    SELECT name, created_at, created_at
      FROM (SELECT {NAME_SQL} AS name, {CREATED_SQL} AS created_at
              FROM (SELECT hashint8extended(g, %(seed)s) AS hn
                      FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) AS g) AS h
           ) AS a
    RETURNING id, created_at
), new_statuses AS (
    INSERT INTO jobs_jobstatus (job_id, status_type, "timestamp")
    SELECT r.id, (%(paths)s::text[])[r.p][s.step],
           r.created_at + make_interval(secs => {OFFSET_SQL})
      FROM (SELECT id, created_at, p, (%(lens)s::int[])[p] AS k, gap2, gap3, gap4
              FROM (SELECT id, created_at, {PATH_SQL} AS p,
                           {GAP2_SQL} AS gap2, {GAP3_SQL} AS gap3, {GAP4_SQL} AS gap4
                      FROM (SELECT id, created_at,
                                   hashint8extended(id, %(seed)s + 1) AS hp
                              FROM new_jobs) AS h
                    OFFSET 0) AS a) AS r
     CROSS JOIN LATERAL generate_series(1, r.k) AS s(step)
     ORDER BY r.id, s.step
    RETURNING job_id
)
SELECT min(job_id), max(job_id), count(*) FROM new_statuses
"""

# updated_at = time of the latest status, as if the API had appended it
# then (the trigger stamps the seeding statement's time).
UPDATED_AT_SQL = """
UPDATE jobs_job SET updated_at = status_changed_at
 WHERE id BETWEEN %s AND %s AND updated_at IS DISTINCT FROM status_changed_at
"""


def batch_params(seed: int, anchor: Any) -> dict[str, Any]:
    """Return the parameters every batch shares (``anchor``: a timestamptz)."""
    return {
        "seed": seed,
        "anchor": anchor,
        "workloads": WORKLOADS,
        "paths": [list(p) + [None] * (MAX_STATUSES - len(p)) for p in PATHS],
        "lens": [len(p) for p in PATHS],
    }
