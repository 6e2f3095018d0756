"""Locust users for ``reliability.load``: the dashboard's own request mix.

Each user (``FastHttpUser``: geventhttpclient, keep-alive, several times
cheaper per request than ``HttpUser``, so one Locust process can offer
the target on a machine it shares with the server) paces itself to
``LOAD_USER_RPS`` requests per second (``constant_throughput``), so users
x rate is the offered load: 80 % list
first pages (newest first, a status filter in a quarter of them), 10 %
stats, 10 % PATCH of a status on one of the seeded jobs.
"""

from __future__ import annotations

import os
import random

from locust import constant_throughput, task
from locust.contrib.fasthttp import FastHttpUser

from jobs.statuses import StatusType  # reliability.load puts services/api on the path

STATUSES = StatusType.values
MAX_JOB_ID = int(os.environ.get("LOAD_MAX_JOB_ID", "1000"))


class DashboardUser(FastHttpUser):
    wait_time = constant_throughput(float(os.environ.get("LOAD_USER_RPS", "20")))

    @task(6)
    def list_first_page(self) -> None:
        self.client.get("/api/jobs/?page_size=50", name="list")

    @task(2)
    def list_by_status(self) -> None:
        status = random.choice(STATUSES)
        self.client.get(f"/api/jobs/?page_size=50&status={status}", name="list ?status")

    @task(1)
    def stats(self) -> None:
        self.client.get("/api/jobs/stats/", name="stats")

    @task(1)
    def patch_status(self) -> None:
        job_id = random.randint(1, MAX_JOB_ID)
        self.client.patch(
            f"/api/jobs/{job_id}/",
            json={"status_type": random.choice(STATUSES)},
            name="patch",
        )
