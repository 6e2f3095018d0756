"""Django admin for jobs and statuses, usable at 10M rows.

What makes it cheap at that size:

* no full-table ``COUNT(*)``: ``show_full_result_count = False`` and a
  paginator that counts at most ``COUNT_CAP`` rows (beyond that, narrow the
  list with the status filter or the search);
* orderings that walk an index (``-created_at, -id`` for jobs, ``-id`` for
  statuses) and no facet counts;
* the status filter on ``current_status`` uses the ``(current_status,
  created_at DESC, id DESC)`` index; search is ``icontains`` on the name,
  which the trigram index on ``UPPER(name)`` serves;
* statuses are linked from a job (its ten latest are shown), not loaded as an
  inline formset, and the status's job is a raw id field, not a select of
  every job.

The read model (``current_status`` and friends) is read-only here: writes go
through the services, so the triggers keep it exact.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join

from jobs.models import NAME_BLANK_CHARACTERS, Job, JobStatus
from jobs.services import job_create, job_rename

COUNT_CAP = 10_000
LATEST_STATUSES_SHOWN = 10


class CappedCountPaginator(Paginator):
    """A paginator whose count stops at ``COUNT_CAP`` rows.

    ``SELECT COUNT(*) FROM (... LIMIT cap + 1)`` reads at most ``cap + 1``
    index entries, so the page costs the same on 10M rows as on 10k.  The
    admin then offers the pages up to the cap.
    """

    @cached_property
    def count(self) -> int:
        object_list = self.object_list
        if isinstance(object_list, QuerySet):
            return min(object_list[: COUNT_CAP + 1].count(), COUNT_CAP)
        return min(len(object_list), COUNT_CAP)


class LargeTableAdmin(admin.ModelAdmin):
    """Shared settings of admin pages over tables with millions of rows."""

    paginator = CappedCountPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    list_per_page = 50
    list_max_show_all = 0


class JobAdminForm(forms.ModelForm):
    """The job form, trimming and refusing names as the API does."""

    class Meta:
        model = Job
        fields = ["name"]

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip(NAME_BLANK_CHARACTERS)
        if not name:
            raise forms.ValidationError("The name may not be blank.")
        return name


@admin.register(Job)
class JobAdmin(LargeTableAdmin):
    form = JobAdminForm
    list_display = [
        "id",
        "name",
        "current_status",
        "status_changed_at",
        "created_at",
        "updated_at",
    ]
    list_display_links = ["id", "name"]
    list_filter = ["current_status"]
    search_fields = ["name"]
    ordering = ["-created_at", "-id"]
    fields = [
        "name",
        "current_status",
        "status_changed_at",
        "current_status_id",
        "created_at",
        "updated_at",
        "latest_statuses",
    ]
    readonly_fields = [
        "current_status",
        "status_changed_at",
        "current_status_id",
        "created_at",
        "updated_at",
        "latest_statuses",
    ]

    @admin.display(description="Status history")
    def latest_statuses(self, job: Job) -> str:
        """The job's latest statuses and a link to its whole history."""
        if job.pk is None:
            return "-"
        statuses = job.statuses.order_by("-timestamp", "-id")[:LATEST_STATUSES_SHOWN]
        rows = format_html_join(
            "",
            "<li>{} at {}</li>",
            ((status.status_type, status.timestamp) for status in statuses),
        )
        history_url = reverse("admin:jobs_jobstatus_changelist")
        return format_html(
            '<ul>{}</ul><a href="{}?job__id__exact={}">All statuses of this job</a>',
            rows,
            history_url,
            job.pk,
        )

    def get_deleted_objects(
        self, objs: Any, request: HttpRequest
    ) -> tuple[list[str], dict[str, int], set[str], list[str]]:
        # The admin would load every status of every job to list them; the
        # database deletes them by ON DELETE CASCADE, so only say so.
        jobs = list(objs)
        to_delete = [f"{job} and all its statuses" for job in jobs]
        perms_needed: set[str] = set()
        if not self.has_delete_permission(request):
            perms_needed.add(str(Job._meta.verbose_name))
        return (
            to_delete,
            {str(Job._meta.verbose_name_plural): len(jobs)},
            perms_needed,
            [],
        )

    def save_model(
        self, request: HttpRequest, obj: Job, form: ModelForm[Job], change: bool
    ) -> None:
        # Through the services: a new job gets its PENDING status, and a
        # rename never writes the (possibly stale) read-model columns back.
        if change:
            saved = job_rename(job_id=obj.pk, name=obj.name)
        else:
            saved = job_create(name=obj.name)
        obj.pk = saved.pk
        obj.refresh_from_db()


@admin.register(JobStatus)
class JobStatusAdmin(LargeTableAdmin):
    list_display = ["id", "job_link", "status_type", "timestamp"]
    list_filter = ["status_type"]
    list_select_related = ["job"]
    raw_id_fields = ["job"]
    ordering = ["-id"]

    def get_fields(
        self, request: HttpRequest, obj: JobStatus | None = None
    ) -> tuple[str, ...]:
        # A new status takes its timestamp from the database clock; an
        # existing one may be corrected (the triggers follow any change).
        if obj is None:
            return ("job", "status_type")
        return ("job", "status_type", "timestamp")

    @admin.display(description="Job", ordering="job_id")
    def job_link(self, status: JobStatus) -> str:
        url = reverse("admin:jobs_job_change", args=[status.job_id])
        return format_html('<a href="{}">{}</a>', url, status.job)

    def lookup_allowed(self, lookup: str, value: str, request: Any = None) -> bool:
        # The "All statuses of this job" link filters on the job's id.
        return lookup == "job__id__exact" or super().lookup_allowed(
            lookup, value, request
        )
