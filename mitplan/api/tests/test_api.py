import json

import pytest

from mitplan.contributions.models import Contribution, Statement
from mitplan.contributions.tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db


def test_processes_with_phases_and_fields(client):
    [process] = [
        p for p in client.get("/api/v1/processes").json() if p["slug"] == "lip-2"
    ]
    assert process["mandate_reference"] == "Drucks. 2136/2018"
    assert process["status"] == "paused"
    assert len(process["fields_of_action"]) == 6
    assert client.get("/api/v1/processes/lip-2").json()["slug"] == "lip-2"
    assert client.get("/api/v1/processes/nope").status_code == 404


def test_published_contributions_only_and_no_personal_data(client):
    public = ContributionFactory(title="Öffentlich", pseudonym="Geheimname")
    ContributionFactory(title="Wartet", moderation_state="pending")
    Statement.objects.create(
        contribution=public,
        expert_group=public.field_of_action.expert_group,
        outcome="partly",
        text_de="Teilweise.",
        published_at=public.published_at,
    )
    body = client.get("/api/v1/contributions?q=Öffentlich").json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["statement"]["outcome"] == "partly"
    text = json.dumps(client.get("/api/v1/contributions").json())
    assert "Wartet" not in text
    assert "Geheimname" not in text and "pseudonym" not in text and "author" not in text


def test_filters_and_pagination_like_the_list_page(client):
    ContributionFactory.create_batch(3, kind="critique", language="tr")
    body = client.get(
        "/api/v1/contributions?kind=critique&language=tr&page_size=2"
    ).json()
    assert body["count"] >= 3
    assert all(item["kind"] == "critique" for item in body["items"])
    assert client.get("/api/v1/contributions?page=99999").status_code in (200, 404)
    assert (
        client.get("/api/v1/contributions?kind=xx&q=" + "x" * 3000).status_code == 200
    )


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/contributions?page=9223372036854775808",
        "/api/v1/contributions?page=99999999999999999999999",
        "/api/v1/contributions?page=%C2%B2",
        "/api/v1/contributions?page_size=100000",
        "/api/v1/contributions?page_size=0",
        "/api/v1/contributions?kind=%00",
        "/api/v1/contributions?process=lip%00",
        "/api/v1/processes/lip%00",
        "/api/v1/contributions/9223372036854775808",
        "/api/v1/contributions/99999999999999999999999",
        "/api/v1/contributions/%C2%B2",
        "/api/v1/processes/" + "x" * 300,
        "/api/v1/nothing-here",
    ],
)
def test_odd_input_gets_a_json_error_never_a_server_error(client, address):
    response = client.get(address)
    assert 400 <= response.status_code < 500, (address, response.status_code)
    assert response["Content-Type"].startswith("application/json"), address
    assert "detail" in response.json()


def test_too_many_query_fields_and_wrong_methods_get_json_errors(client, settings):
    over = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1
    response = client.get("/api/v1/contributions?" + "&".join(["a="] * over))
    # So many fields make the address too long as well (414 before 400).
    assert response.status_code in (400, 414)
    assert response.json()["detail"]
    for method in (client.post, client.put, client.delete):
        response = method("/api/v1/contributions")
        assert response.status_code == 405
        assert response["Content-Type"].startswith("application/json")


def test_every_status_an_operation_answers_is_in_the_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            assert {"200", "400", "422", "500"} <= set(operation["responses"]), path
            if "{" in path:
                assert "404" in operation["responses"], path


def test_detail_and_unknown(client):
    contribution = ContributionFactory()
    assert (
        client.get(f"/api/v1/contributions/{contribution.pk}").json()["id"]
        == contribution.pk
    )
    pending = ContributionFactory(moderation_state="pending")
    assert client.get(f"/api/v1/contributions/{pending.pk}").status_code == 404
    assert client.get("/api/v1/contributions/abc").status_code == 422


def test_openapi_schema_and_local_docs(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/contributions" in schema["paths"]
    docs = client.get("/api/v1/docs").content.decode()
    assert "cdn." not in docs and "/static/ninja/" in docs


def test_list_queries_do_not_grow(client, django_assert_max_num_queries):
    ContributionFactory.create_batch(5)
    client.get("/api/v1/contributions")
    with django_assert_max_num_queries(6):
        client.get("/api/v1/contributions")
    assert Contribution.objects.count() >= 5


def test_an_unknown_process_lists_nothing_and_counts_follow_changes(client):
    empty = client.get("/api/v1/contributions?process=gibt-es-nicht").json()
    assert empty == {"items": [], "count": 0}
    before = client.get("/api/v1/contributions?process=lip-2").json()["count"]
    ContributionFactory()
    after = client.get("/api/v1/contributions?process=lip-2").json()["count"]
    assert after == before + 1
    assert client.get("/api/v1/contributions").json()["count"] == after


@pytest.mark.parametrize("page", ["1_0", "+1", " 1", "١", "1.0", "0x1", "1e2"])
def test_page_numbers_are_ascii_digits_only(client, page):
    from urllib.parse import quote

    response = client.get("/api/v1/contributions?page=" + quote(page))
    assert response.status_code == 422
    assert client.get("/api/v1/contributions?page=2&page_size=5").status_code == 200


@pytest.mark.parametrize("written", ["1_0", "+1", "041", "١", " 1", "1e1"])
def test_a_contribution_id_is_written_one_way(client, written):
    from urllib.parse import quote

    response = client.get("/api/v1/contributions/" + quote(written))
    assert response.status_code in (404, 422)
    assert response["Content-Type"].startswith("application/json")
