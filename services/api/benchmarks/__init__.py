"""Benchmark harness: our API against the naive design, over real HTTP.

Nothing here is part of the product.  ``benchmarks.settings`` extends the
real settings with one extra URL, ``/bench/naive/jobs/``, which serves the
naive baseline through the same Django, DRF and gunicorn stack as the
product API, so both pay the same framework cost.  ``python -m
benchmarks.run`` drives a whole run (see ``docs/performance.md``).
"""
