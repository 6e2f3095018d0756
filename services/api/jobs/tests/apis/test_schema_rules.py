"""The schema says exactly what the API refuses (issue 17, point 12).

schemathesis (``make fuzz``) sends what the schema calls valid and expects
a 2xx, and what it calls invalid and expects a 4xx; each rule here was a
disagreement it found.  The name rule is checked both ways: a string
matches ``NAME_PATTERN`` exactly when the API takes it as a name.
"""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from jobs.models import NAME_BLANK_CHARACTERS
from jobs.schema_rules import NAME_PATTERN
from jobs.serializers import JobCreateInputSerializer

pytestmark = pytest.mark.django_db

URL = "/api/jobs/"


@pytest.fixture
def schema(client) -> dict:
    return client.get("/api/schema/", {"format": "json"}).json()


def _params(schema: dict, path: str) -> dict[str, dict]:
    return {p["name"]: p["schema"] for p in schema["paths"][path]["get"]["parameters"]}


def test_request_bodies_refuse_unknown_fields_and_patch_an_empty_one(schema) -> None:
    components = schema["components"]["schemas"]
    create, update = (
        components["JobCreateInputRequest"],
        components["PatchedJobUpdateInputRequest"],
    )
    patch_body = schema["paths"]["/api/jobs/{job_id}/"]["patch"]["requestBody"]

    assert create["additionalProperties"] is False
    assert update["additionalProperties"] is False
    assert update["minProperties"] == 1
    assert patch_body["required"] is True


def test_names_are_strings_matching_the_exact_rule(schema) -> None:
    name = schema["components"]["schemas"]["JobCreateInputRequest"]["properties"][
        "name"
    ]
    assert name["type"] == "string"
    assert name["pattern"] == NAME_PATTERN
    assert "maxLength" not in name  # blank characters around do not count


@pytest.mark.parametrize("path", ["/api/jobs/", "/api/jobs/{job_id}/statuses/"])
def test_cursor_is_documented_as_the_token_it_is(schema, path: str) -> None:
    cursor = _params(schema, path)["cursor"]

    assert cursor == {
        "type": "string",
        "format": "keyset-cursor",
        "minLength": 1,
        "maxLength": 2048,
    }


def test_search_is_a_search_term_of_3_to_200_characters(schema) -> None:
    search = _params(schema, "/api/jobs/")["search"]

    assert search == {
        "type": "string",
        "format": "search-term",
        "minLength": 3,
        "maxLength": 200,
    }


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ({"ordering": ""}, "ordering"),
        ({"status": ""}, "status"),
        ({"status": ","}, "status"),
        ({"search": ""}, "search"),
        ({"search": "   "}, "search"),
        ({"cursor": ""}, "cursor"),
        ({"page_size": ""}, "page_size"),
    ],
)
def test_empty_query_values_are_400s(query: dict, param: str) -> None:
    response = APIClient().get(URL, query)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [param]


def test_empty_cursor_on_the_history_is_a_400(job) -> None:
    response = APIClient().get(f"/api/jobs/{job.pk}/statuses/", {"cursor": ""})

    assert response.status_code == 400


@pytest.mark.parametrize(
    "body", [{}, {"name": None}, {"status_type": None}, {"name": "x", "extra": 1}]
)
def test_patch_bodies_the_schema_refuses_are_400s(job, body: dict) -> None:
    response = APIClient().patch(f"/api/jobs/{job.pk}/", body, format="json")

    assert response.status_code == 400


_blanks = st.sampled_from(NAME_BLANK_CHARACTERS)
_names = st.one_of(
    st.text(max_size=205),
    st.builds(
        lambda before, core, after: before + core + after,
        st.text(_blanks, max_size=4),
        st.text(max_size=202),
        st.text(_blanks, max_size=4),
    ),
)


@settings(max_examples=300, deadline=None)
@given(_names)
def test_name_pattern_matches_exactly_the_names_the_api_takes(name: str) -> None:
    taken = JobCreateInputSerializer(data={"name": name}).is_valid()

    assert bool(re.search(NAME_PATTERN, name)) == taken, repr(name)
