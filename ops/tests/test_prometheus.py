"""ops/prometheus/: the documented scrape config and the runbook's alerts.

promtool (Debian: apt-get install prometheus) checks the config and the rule
file it names, and runs the alerts' unit tests (alerts.test.yml: each alert
fires on its series and stays quiet below its threshold).
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import yaml

from conftest import REPO

PROM_DIR = REPO / "ops/prometheus"


@pytest.fixture(scope="module")
def promtool() -> str:
    path = shutil.which("promtool")
    if path is None:
        pytest.fail("promtool is not installed (apt-get install prometheus)")
    return path


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=PROM_DIR, capture_output=True, text=True)


def test_scrape_config_and_rules_are_valid(promtool: str) -> None:
    done = _run(promtool, "check", "config", "prometheus.yml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_alerts_fire_on_their_series_only(promtool: str) -> None:
    done = _run(promtool, "test", "rules", "alerts.test.yml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_scrape_targets_the_api_and_events_services_not_nginx() -> None:
    config = yaml.safe_load((PROM_DIR / "prometheus.yml").read_text())
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    assert set(jobs) == {"jobs-api", "jobs-events"}
    assert {job["metrics_path"] for job in jobs.values()} == {"/metrics"}
    assert jobs["jobs-api"]["static_configs"] == [{"targets": ["api:8000"]}]
    assert jobs["jobs-events"]["static_configs"] == [{"targets": ["events:8001"]}]


def test_every_alert_is_in_the_runbook() -> None:
    rules = yaml.safe_load((PROM_DIR / "alerts.yml").read_text())
    names = {rule["alert"] for group in rules["groups"] for rule in group["rules"]}
    runbook = (REPO / "docs/operations.md").read_text().split("## Runbook", 1)[1]
    assert names - set(re.findall(r"`(Jobs\w+)`", runbook)) == set()
