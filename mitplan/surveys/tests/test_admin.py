"""The staff screens: the survey form with its questions and answers, the change
lock once responses exist, the monitor, closing, access codes, paper
questionnaires and quotes, each for the staff of the survey's process only."""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from conftest import staff_member
from mitplan.processes.roles import EXPERT_GROUPS
from mitplan.surveys import services
from mitplan.surveys.models import AccessCode, Draft, Question, Quote, Response, Survey

from .factories import FULL, admin_in_english, survey_build

pytestmark = pytest.mark.django_db


class _FormData(HTMLParser):
    """What a browser would send for the first <form method=post> with fields."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select = None
        self._option = None
        self._textarea = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and not a.get("disabled"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "file"):
                return
            self.data.setdefault(a["name"], []).append(
                a.get("value", "on" if kind == "checkbox" else "")
            )
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self._first = None
            self._chosen = False
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._first is None:
                self._first = value
            if "selected" in a:
                self.data.setdefault(self._select, []).append(value)
                self._chosen = True
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self.data.setdefault(self._textarea, []).append("")

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            if not self._chosen and self._first is not None:
                self.data.setdefault(self._select, []).append(self._first)
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data


def form_data(html: str) -> dict:
    parser = _FormData()
    parser.feed(html)
    return {k: v if len(v) > 1 else v[0] for k, v in parser.data.items()}


def edit_url(survey):
    return reverse("surveys:edit", args=[survey.pk])


@pytest.fixture
def owner_client(client, process_owner):
    client.force_login(admin_in_english(process_owner))
    return client


def answered(survey, n=1):
    for i in range(n):
        services.response_submit(
            survey=survey,
            answers=FULL,
            language="de",
            key=services.respondent_key(f"d{i}"),
        )


def test_the_form_shows_questions_and_answers_and_saves_unchanged(
    owner_client, process
):
    survey = survey_build(process)
    page = owner_client.get(edit_url(survey))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Frage pick" in html and "Antwort a" in html
    data = form_data(html)
    data["title_de"] = "Neue Testumfrage"
    saved = owner_client.post(edit_url(survey), data)
    assert saved.status_code == 302, saved.content.decode()[:3000]
    survey.refresh_from_db()
    assert survey.title_de == "Neue Testumfrage"
    assert Question.objects.filter(survey=survey).count() == 8


def test_with_responses_wording_may_change_but_not_the_meaning(owner_client, process):
    survey = survey_build(process)
    answered(survey)
    data = form_data(owner_client.get(edit_url(survey)).content.decode())
    kinds = [k for k in data if k.endswith("-kind")]
    first_kind = next(k for k in kinds if data[k] == "single")
    changed = {**data, first_kind: "multiple"}
    refused = owner_client.post(edit_url(survey), changed)
    assert refused.status_code == 200
    assert "its kind cannot change" in refused.content.decode()
    assert Question.objects.get(survey=survey, code="pick").kind == "single"
    text = first_kind.replace("-kind", "-text_de")
    reworded = owner_client.post(edit_url(survey), {**data, text: "Frage pick, klarer"})
    assert reworded.status_code == 302
    assert (
        Question.objects.get(survey=survey, code="pick").text_de == "Frage pick, klarer"
    )


def test_a_condition_on_a_later_page_is_refused(owner_client, process):
    survey = survey_build(process)
    data = form_data(owner_client.get(edit_url(survey)).content.decode())
    first = next(k for k, v in data.items() if k.endswith("-code") and v == "pick")
    condition = first.replace("-code", "-condition")
    refused = owner_client.post(
        edit_url(survey), {**data, condition: '{"question": "more", "answered": true}'}
    )
    assert refused.status_code == 200
    assert Question.objects.get(survey=survey, code="pick").condition is None


def test_expert_groups_and_residents_are_kept_out(client, process):
    from django.contrib.auth import get_user_model

    survey = survey_build(process)
    resident = get_user_model().objects.create_user(
        username="resident", password="x" * 12
    )
    for user in (staff_member("expert", EXPERT_GROUPS), resident):
        client.force_login(user)
        for name in (
            "surveys_monitor",
            "surveys_codes",
            "surveys_paper",
            "surveys_quotes",
        ):
            response = client.get(reverse(name, args=[survey.pk]))
            assert response.status_code in (302, 403), name
        assert client.post(reverse("surveys_close", args=[survey.pk])).status_code in (
            302,
            403,
        )
    survey.refresh_from_db()
    assert survey.closed_at is None


def test_the_monitor_shows_days_languages_and_drop_off(owner_client, process):
    survey = survey_build(process)
    answered(survey, 3)
    Draft.objects.create(survey=survey, respondent_key="late", answers={"pick": "b"})
    html = owner_client.get(
        reverse("surveys_monitor", args=[survey.pk])
    ).content.decode()
    assert "<meter" in html
    assert "75 %" in html  # 3 sent of 4 started


def test_closing_publishes_final_results(owner_client, process):
    survey = survey_build(process)
    answered(survey, 2)
    assert (
        owner_client.get(reverse("surveys_close", args=[survey.pk])).status_code == 200
    )
    assert (
        owner_client.post(reverse("surveys_close", args=[survey.pk])).status_code == 302
    )
    survey.refresh_from_db()
    assert survey.closed_at is not None
    assert survey.final_results["response_count"] == 2


def test_access_codes_are_made_printed_and_listed(owner_client, process):
    survey = survey_build(process, audience=Survey.Audience.ACCESS_CODE)
    url = reverse("surveys_codes", args=[survey.pk])
    assert owner_client.post(url, {"count": "0"}).status_code == 200
    assert not AccessCode.objects.filter(survey=survey).exists()
    assert (
        owner_client.post(url, {"count": "12", "group": "=HYPERLINK(1)"}).status_code
        == 302
    )
    assert AccessCode.objects.filter(survey=survey).count() == 12
    sheet = owner_client.get(
        reverse("surveys_codes_sheet", args=[survey.pk])
    ).content.decode()
    code = AccessCode.objects.filter(survey=survey).first().code
    assert code in sheet and "/umfragen/test-survey/" in sheet
    listing = owner_client.get(reverse("surveys_codes_csv", args=[survey.pk]))
    body = b"".join(
        listing.streaming_content if listing.streaming else [listing.content]
    )
    text = body.decode("utf-8-sig")
    assert code in text and "'=HYPERLINK(1)" in text


def test_a_paper_questionnaire_is_counted_with_its_source(owner_client, process):
    survey = survey_build(process)
    url = reverse("surveys_paper", args=[survey.pk])
    form = owner_client.get(url)
    assert form.status_code == 200
    data = form_data(form.content.decode())
    names = {q.code: f"q_{q.code}" for q in Question.objects.filter(survey=survey)}
    assert "Question pick" in form.content.decode()
    data.update(
        {
            "source": "event",
            "source_note": "Stadtteilfest",
            "language": "de",
            names["pick"]: "b",
        }
    )
    saved = owner_client.post(url, data)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    response = Response.objects.get(survey=survey)
    assert response.source == "event" and response.entered_by is not None
    assert response.answers["pick"] == "b"
    # An answer to a question the condition hides is refused, nothing stored.
    data.update({names["pick"]: "b", names["why"]: "versteckt"})
    refused = owner_client.post(url, data)
    assert refused.status_code == 200
    assert Response.objects.filter(survey=survey).count() == 1


def test_quotes_are_picked_and_withdrawn(owner_client, process):
    survey = survey_build(process)
    answered(survey)
    more = Question.objects.get(survey=survey, code="more")
    url = reverse("surveys_quotes", args=[survey.pk])
    html = owner_client.get(f"{url}?question={more.pk}").content.decode()
    assert "Mehr Sprachkurse, bitte." in html
    response = Response.objects.get(survey=survey)
    owner_client.post(f"{url}?question={more.pk}", {"response": str(response.pk)})
    quote = Quote.objects.get(question=more)
    assert quote.text == "Mehr Sprachkurse, bitte."
    public = "/de/lip/umfragen/test-survey/ergebnisse/"
    assert "Mehr Sprachkurse, bitte." in Client().get(public).content.decode()
    assert (
        owner_client.post(
            f"{url}?question={more.pk}", {"response": "x\x00"}
        ).status_code
        == 404
    )
    owner_client.post(f"{url}?question={more.pk}", {"withdraw": str(quote.pk)})
    assert not Quote.objects.filter(question=more).exists()
    # Withdrawn: gone from the public page at once, not at the next response.
    assert "Mehr Sprachkurse, bitte." not in Client().get(public).content.decode()
