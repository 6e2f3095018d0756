"""Client input that used to answer 500, cost without bound or slip past a rule
(issue 17, points 3, 7, 8, 10 and 11): always the JSON envelope, bounded, refused."""

import json

import pytest
from django.db import IntegrityError, transaction

from jobs.models import Job
from jobs.services import job_create
from jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

URL = "/api/jobs/"
# Rendered as nothing, or as a blank: U+2800 braille blank, U+3164 and U+FFA0
# Hangul fillers, U+115F/U+1160, U+200E/U+200F direction marks, U+00AD soft
# hyphen, U+061C, U+034F, U+17B4/U+17B5, the bidi controls and invisible
# operators.
INVISIBLE = [
    "\u2800",
    "\u3164",
    "\u200e",
    "\u200f",
    "\u00ad",
    "\u115f\u1160",
    "\uffa0",
    "\u061c\u034f",
    "\u17b4\u17b5",
    "\u202a\u202b\u202c\u202d\u202e",
    "\u2061\u2062\u2063\u2064",
    "\u2066\u2067\u2068\u2069\u206a\u206f",
    # Control characters: C0 (but NUL, which DRF refuses), DEL and C1.
    "\x01\x02\x03\x04\x05\x06\x07\x08",
    "\x0e\x1b",
    "\x7f",
    "\x80\x84\x86\x9f",
]


def _raw(api_client, method: str, url: str, body: str):
    return getattr(api_client, method)(
        url, data=body.encode(), content_type="application/json"
    )


# ---- Point 3: a lone surrogate in the body --------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        '{"\\ud800": 1}',
        '{"name": "\\ud800"}',
        '{"name": "ok", "\\udfff\\ud800x": [1]}',
        '{"name": ["\\ud800"]}',
    ],
)
def test_post_with_a_lone_surrogate_is_a_json_400(api_client, body: str) -> None:
    response = _raw(api_client, "post", URL, body)

    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail.startswith("Malformed request body: ")
    assert "lone surrogate" in detail
    response.content.decode("utf-8")  # the answer itself is valid UTF-8
    assert not Job.objects.exists()


def test_patch_with_a_lone_surrogate_status_is_a_json_400(api_client) -> None:
    job = JobFactory()
    response = _raw(
        api_client, "patch", f"{URL}{job.pk}/", '{"status_type": "\\ud800"}'
    )

    assert response.status_code == 400
    assert "lone surrogate" in response.json()["detail"]


def test_surrogate_pairs_are_text_and_accepted(api_client) -> None:
    response = _raw(api_client, "post", URL, '{"name": "Rocket \\ud83d\\ude80"}')

    assert response.status_code == 201
    assert response.json()["name"] == "Rocket \U0001f680"


# ---- Point 7: many unknown keys ---------------------------------------------------


def test_many_unknown_fields_are_reported_ten_and_counted(api_client) -> None:
    keys = {f"k{i}": i for i in range(50_000)}
    response = _raw(api_client, "post", URL, json.dumps({"name": "x", **keys}))

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == [*(f"k{i}" for i in range(10)), "..."]
    assert errors["k0"] == ["Unknown field."]
    assert errors["..."] == ["49990 more unknown fields."]
    assert len(response.content) < 2_000


def test_unknown_field_names_are_cut_at_40_characters(api_client) -> None:
    response = _raw(api_client, "post", URL, json.dumps({"name": "x", "y" * 5000: 1}))

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["y" * 40]


# ---- Point 8: a search term with no trigram ----------------------------------------


@pytest.mark.parametrize("term", ["%%%", "***", "a**", "%%%%%%%%"])
def test_search_without_a_trigram_is_a_400(api_client, term: str) -> None:
    response = api_client.get(URL, {"search": term})

    assert response.status_code == 400
    message = response.json()["errors"]["search"][0]
    assert message.startswith("Search needs 3 letters or digits in a row")
    assert repr(term) in message


@pytest.mark.parametrize("term", ["---", "...", "0% d", "**a", "(4)"])
def test_search_with_a_trigram_is_answered(api_client, term: str) -> None:
    assert api_client.get(URL, {"search": term}).status_code == 200


# ---- Point 10: a name is a JSON string ----------------------------------------------


@pytest.mark.parametrize("name", [123, 0, 1.5, True, {"a": 1}])
def test_post_name_that_is_not_a_string_is_400(api_client, name) -> None:
    response = _raw(api_client, "post", URL, json.dumps({"name": name}))

    assert response.status_code == 400
    assert response.json()["errors"]["name"] == ["Not a valid string."]
    assert not Job.objects.exists()


def test_patch_name_that_is_not_a_string_is_400(api_client) -> None:
    job = JobFactory(name="Kept")
    response = _raw(
        api_client, "patch", f"{URL}{job.pk}/", '{"name": 0, "status_type": "RUNNING"}'
    )

    assert response.status_code == 400
    assert response.json()["errors"]["name"] == ["Not a valid string."]
    job.refresh_from_db()
    assert (job.name, job.current_status) == ("Kept", "PENDING")


# ---- Point 11: names that render blank ----------------------------------------------


@pytest.mark.parametrize("name", INVISIBLE)
def test_post_invisible_name_is_blank(api_client, name: str) -> None:
    response = api_client.post(URL, {"name": f" {name} "}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"]["name"] == ["This field may not be blank."]


@pytest.mark.parametrize("name", INVISIBLE)
def test_database_refuses_invisible_name(name: str) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.create(name=name)


def test_invisible_characters_are_trimmed_but_kept_inside(api_client) -> None:
    response = api_client.post(
        URL, {"name": "\u200e\u2800Render\u00adfarm\u3164"}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["name"] == "Render\u00adfarm"


def test_emoji_sequences_keep_their_last_character() -> None:
    # A variation selector or a tag ends a visible emoji: never trimmed.
    heart, flag = "I \u2764\ufe0f", "Scotland \U0001f3f4\U000e0067\U000e0062\U000e007f"
    assert job_create(name=heart).name == heart
    assert job_create(name=flag).name == flag


# ---- An invalid status echoes at most 40 characters of it -----------------------


@pytest.mark.parametrize(
    "status_type",
    ["A" * 2_000_000, ["RUNNING"] * 200_000, {str(n): n for n in range(50_000)}],
)
def test_invalid_status_is_echoed_cut_at_40_characters(api_client, status_type) -> None:
    job = JobFactory()
    response = api_client.patch(
        f"{URL}{job.pk}/", {"status_type": status_type}, format="json"
    )

    assert response.status_code == 400
    assert len(response.content) < 500  # was twice the body: 4 MB
    (message,) = response.json()["errors"]["status_type"]
    assert message == f'"{str(status_type)[:40]}..." is not a valid choice.'
    assert Job.objects.get(pk=job.pk).statuses.count() == 1


def test_short_invalid_status_is_echoed_whole(api_client) -> None:
    job = JobFactory()
    response = api_client.patch(
        f"{URL}{job.pk}/", {"status_type": "DONE"}, format="json"
    )

    assert response.json()["errors"]["status_type"] == ['"DONE" is not a valid choice.']


# ---- A key given twice: which value counts is not the client's to guess ----------


@pytest.mark.parametrize(
    ("method", "body"),
    [
        ("post", '{"name": "checked", "name": "stored"}'),
        ("patch", '{"status_type": "RUNNING", "status_type": "FAILED"}'),
        ("patch", '{"name": "x", "name": {"a": 1, "a": 2}}'),
    ],
)
def test_duplicate_key_is_a_json_400_and_writes_nothing(
    api_client, method: str, body: str
) -> None:
    job = JobFactory(name="before")
    url = URL if method == "post" else f"{URL}{job.pk}/"

    response = _raw(api_client, method, url, body)  # the last value won: 201/200

    assert response.status_code == 400
    assert response.json()["detail"].startswith(
        "Malformed request body: JSON parse error - duplicate key "
    )
    assert list(Job.objects.values_list("name", flat=True)) == ["before"]
    assert job.statuses.count() == 1
