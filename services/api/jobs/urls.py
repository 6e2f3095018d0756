"""Routes of the jobs API, mounted at ``/api/jobs/``."""

from django.urls import path

from jobs.apis import JobListCreateApi, JobStatsApi, JobStatusHistoryApi
from jobs.bulk_apis import JobBulkApi, JobBulkOperationApi
from jobs.detail_apis import JobDetailApi
from jobs.event_apis import job_events

app_name = "jobs"

urlpatterns = [
    path("", JobListCreateApi.as_view(), name="list"),
    path("stats/", JobStatsApi.as_view(), name="stats"),
    path("events/", job_events, name="events"),
    path("bulk/", JobBulkApi.as_view(), name="bulk"),
    path("bulk/<int:operation_id>/", JobBulkOperationApi.as_view(), name="bulk-detail"),
    path("<int:job_id>/", JobDetailApi.as_view(), name="detail"),
    path("<int:job_id>/statuses/", JobStatusHistoryApi.as_view(), name="statuses"),
]
