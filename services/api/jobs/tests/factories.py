"""factory_boy factories for the jobs tables.

``JobFactory`` inserts the job and its initial PENDING status, like the
API does; the triggers then fill the read model in the database, so call
``refresh_from_db()`` on the instance before reading ``current_status``.
"""

import factory
from factory.django import DjangoModelFactory

from jobs.models import Job, JobStatus, StatusType


class JobFactory(DjangoModelFactory):
    class Meta:
        model = Job
        # A second save would write the stale in-memory read model over
        # what the trigger just wrote.
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Simulation {n:05d}")
    initial_status = factory.RelatedFactory(
        "jobs.tests.factories.JobStatusFactory",
        factory_related_name="job",
        status_type=StatusType.PENDING,
    )


class JobStatusFactory(DjangoModelFactory):
    class Meta:
        model = JobStatus

    job = factory.SubFactory(JobFactory, initial_status=None)
    status_type = StatusType.RUNNING
