"""Benchmark-only settings: the product settings plus the naive baseline.

Only ``ROOT_URLCONF`` changes, so the product API is served exactly as
deployed and the baseline pays the same middleware and DRF cost.
"""

from config.settings.base import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
