from datetime import datetime

import pytest

from core.pagination.cursor import Cursor, encode_cursor
from jobs.models import Job, JobStatus, StatusType
from jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

URL = "/api/jobs/"
JOB_KEYS = {
    "id",
    "name",
    "current_status",
    "status_changed_at",
    "created_at",
    "updated_at",
}


def test_job_list_create_api_post_creates_pending_job(api_client) -> None:
    response = api_client.post(URL, {"name": "  Fluid Dynamics Simulation  "})

    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == JOB_KEYS
    assert body["name"] == "Fluid Dynamics Simulation"
    assert body["current_status"] == "PENDING"
    assert datetime.fromisoformat(body["created_at"]).utcoffset().total_seconds() == 0
    assert body["created_at"].endswith("Z")
    assert list(
        JobStatus.objects.filter(job_id=body["id"]).values_list(
            "status_type", flat=True
        )
    ) == ["PENDING"]


def test_job_list_create_api_post_trims_invisible_characters(api_client) -> None:
    response = api_client.post(URL, {"name": "\u200b\u00a0Render farm\ufeff\u3000"})

    assert response.status_code == 201
    assert response.json()["name"] == "Render farm"


def test_job_list_create_api_post_accepts_200_chars_after_trim(api_client) -> None:
    name = "n" * 200
    response = api_client.post(URL, {"name": f"   {name}\t"})

    assert response.status_code == 201
    assert response.json()["name"] == name


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"name": ""}, "may not be blank"),
        ({"name": "   \t "}, "may not be blank"),
        # Non-ASCII spaces and invisible format characters are blank too.
        ({"name": "\u00a0\u3000\u2003"}, "may not be blank"),
        ({"name": "\u200b\ufeff\u180e\u2060"}, "may not be blank"),
        ({"name": "x" * 201}, "no more than 200 characters"),
        ({}, "required"),
        ({"name": None}, "may not be null"),
        ({"name": ["a"]}, "Not a valid string"),
    ],
)
def test_job_list_create_api_post_bad_name_is_400_naming_field(
    api_client, payload: dict, message: str
) -> None:
    response = api_client.post(URL, payload)

    assert response.status_code == 400
    body = response.json()
    assert message in body["errors"]["name"][0]
    assert body["detail"].startswith("name: ")
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    ("field", "message"),
    [("status", "Unknown field."), ("current_status", "This field is read-only.")],
)
def test_job_list_create_api_post_extra_field_is_400(
    api_client, field: str, message: str
) -> None:
    response = api_client.post(URL, {"name": "ok", field: "RUNNING"})

    assert response.status_code == 400
    assert response.json()["errors"] == {field: [message]}


def test_job_list_create_api_post_non_object_body_is_400(api_client) -> None:
    response = api_client.post(URL, ["name"])

    assert response.status_code == 400
    assert "non_field_errors" in response.json()["errors"]


def test_job_list_create_api_get_lists_newest_first(api_client) -> None:
    older, newer = JobFactory(), JobFactory()

    response = api_client.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"next", "previous", "results"}
    assert [job["id"] for job in body["results"]] == [newer.pk, older.pk]
    assert body["results"][0]["current_status"] == "PENDING"
    assert body["next"] is None
    assert body["previous"] is None


def test_job_list_create_api_get_page_is_one_query(
    api_client, django_assert_num_queries
) -> None:
    JobFactory.create_batch(5)

    with django_assert_num_queries(1):
        response = api_client.get(URL, {"page_size": 2})

    assert response.status_code == 200
    assert len(response.json()["results"]) == 2


def test_job_list_create_api_get_next_link_walks_all_pages(api_client) -> None:
    jobs = JobFactory.create_batch(5)

    seen: list[int] = []
    url: str | None = f"{URL}?page_size=2"
    while url:
        body = api_client.get(url).json()
        seen += [job["id"] for job in body["results"]]
        url = body["next"]
        if url:
            assert url.startswith("http://testserver/api/jobs/?")
            assert "cursor=" in url

    assert seen == sorted((job.pk for job in jobs), reverse=True)


def test_job_list_create_api_get_filters_by_status(api_client) -> None:
    pending = JobFactory()
    running = JobFactory()
    JobStatus.objects.create(job=running, status_type=StatusType.RUNNING)

    response = api_client.get(URL, {"status": "RUNNING"})

    assert [job["id"] for job in response.json()["results"]] == [running.pk]
    both = api_client.get(URL, {"status": "RUNNING,PENDING"}).json()["results"]
    assert {job["id"] for job in both} == {pending.pk, running.pk}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "running"}, "status"),
        ({"status": "BOGUS"}, "status"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "201"}, "page_size"),
        ({"page_size": "ten"}, "page_size"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"ordering": "id"}, "ordering"),
    ],
)
def test_job_list_create_api_get_bad_query_is_400(
    api_client, params: dict, field: str
) -> None:
    JobFactory()

    response = api_client.get(URL, params)

    assert response.status_code == 400
    body = response.json()
    assert field in body["errors"]
    assert body["detail"]


def test_job_list_create_api_get_unknown_param_is_400_naming_it(api_client) -> None:
    JobFactory.create_batch(3)

    response = api_client.get(URL, {"sort": "name", "limit": "2", "page": "3"})

    assert response.status_code == 400
    body = response.json()
    assert set(body["errors"]) == {"sort", "limit", "page"}
    assert body["errors"]["sort"] == [
        "Unknown query parameter. Allowed: status, search, ordering, page_size, cursor."
    ]
    assert body["detail"].startswith("sort: Unknown query parameter.")


def test_job_list_create_api_get_every_known_param_is_accepted(api_client) -> None:
    JobFactory(name="render farm")
    params = {"status": "PENDING", "search": "farm", "ordering": "name"}
    cursor = encode_cursor(Cursor("name", "next", ("", 0)))

    response = api_client.get(URL, {**params, "page_size": "1", "cursor": cursor})

    assert response.status_code == 200, response.content
    assert [job["name"] for job in response.json()["results"]] == ["render farm"]


def test_job_list_create_api_get_many_unknown_params_are_capped(api_client) -> None:
    params = {f"p{index:02d}": "x" for index in range(30)}

    response = api_client.get(URL, params)

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert len(errors) == 11
    assert errors["..."] == ["20 more unknown parameters."]


@pytest.mark.parametrize(
    ("name", "status_code"),
    [
        ("\U0001f600" * 199, 201),
        ("\U0001f600" * 200, 201),
        ("\U0001f600" * 201, 400),
        ("\U00020000" * 200, 201),  # CJK Extension B: outside the BMP
        ("\u6f22" * 200, 201),
        ("\u6f22" * 201, 400),
        ("e\u0301" * 100, 201),  # 100 graphemes, 200 code points
        ("e\u0301" * 100 + "\u0301", 400),
        ("\U0001f1eb\U0001f1f7" * 100, 201),  # 100 flags
    ],
)
def test_job_list_create_api_post_name_length_counts_code_points(
    api_client, name: str, status_code: int
) -> None:
    # The web form counts the same way (apps/web/src/features/jobs/job-name.ts).
    response = api_client.post(URL, {"name": f" {name}\u200b"})

    assert response.status_code == status_code, response.content
    if status_code == 201:
        assert Job.objects.get(pk=response.json()["id"]).name == name


def test_job_list_create_api_get_bytes_are_drf_serializer_bytes(api_client) -> None:
    # The page goes out as values() rows through core.renderers; the bytes
    # must be those of JobSerializer rendered by DRF's JSONRenderer.
    from rest_framework.renderers import JSONRenderer

    from jobs.serializers import JobSerializer

    for name in ["Fluid Dynamics Simulation", "Zeichen \u2028 und ä", 'quote " \\']:
        JobFactory(name=name)
    JobStatus.objects.create(job=Job.objects.first(), status_type=StatusType.FAILED)
    response = api_client.get(URL)
    jobs = Job.objects.order_by("-created_at", "-id")
    expected = {
        "next": None,
        "previous": None,
        "results": JobSerializer(jobs, many=True).data,
    }
    assert response.content == JSONRenderer().render(expected)


@pytest.mark.parametrize(
    "query",
    [
        "page_size=1&page_size=2",
        "ordering=name&ordering=-name",
        "search=farm&search=zzz",
        "cursor=&cursor=",
    ],
)
def test_job_list_create_api_get_repeated_single_param_is_400(
    api_client, query: str
) -> None:
    JobFactory.create_batch(2)
    name = query.split("=")[0]

    response = api_client.get(f"{URL}?{query}")  # one value was silently dropped

    assert response.status_code == 400
    assert response.json()["errors"] == {name: [f"Give {name} once; got 2 values."]}


def test_job_list_create_api_get_repeated_status_is_one_filter(api_client) -> None:
    JobFactory(name="a")

    response = api_client.get(f"{URL}?status=PENDING&status=RUNNING&status=")

    assert response.status_code == 200
    assert [job["name"] for job in response.json()["results"]] == ["a"]
