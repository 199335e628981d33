"""Importing LimeSurvey survey structures (.lss): the two real exports kept beside
the project, small documents written here for each mapping and both layouts,
conditions, hostile files, the management command and the staff screen."""

import io
import itertools
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import include, path
from django.utils import timezone, translation
from wagtail.admin.auth import require_admin_access
from wagtail.models import ModelLogEntry

from config import urls as site_urls
from mitplan.surveys import conditions, limesurvey, limesurvey_views
from mitplan.surveys.limesurvey import ImportRefused, import_structure, plain_text
from mitplan.surveys.models import Choice, Question, Survey

pytestmark = pytest.mark.django_db

# The staff screen as the lead mounts it at the Wagtail admin root (Wagtail wraps
# hook URLs in require_admin_access); the site's own addresses after it.
urlpatterns = [
    path(
        "admin/",
        include(
            [
                path(
                    str(url.pattern), require_admin_access(url.callback), name=url.name
                )
                for url in limesurvey_views.URLS
            ]
        ),
    ),
    *site_urls.urlpatterns,
]
IMPORT_URL = "/admin/participation/surveys/import-limesurvey/"

SHARED = Path(
    os.environ.get("MITPLAN_LIMESURVEY_TESTDATA")
    or Path(settings.BASE_DIR).parent / "shared" / "testdata" / "limesurvey"
)
needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(),
    reason=(
        f"the real LimeSurvey exports are not here ({SHARED}): they live beside the "
        "project, not in it (set MITPLAN_LIMESURVEY_TESTDATA to their folder)"
    ),
)
EXPORT_696688 = "limesurvey_survey_696688_surveyObjExport.lss"
EXPORT_161359 = "limesurvey_survey_161359_quickTranslation.lss"


def counts():
    return (
        Survey.objects.count(),
        Question.objects.count(),
        Choice.objects.count(),
        ModelLogEntry.objects.filter(action=limesurvey.LOG_IMPORTED).count(),
    )


def english(function, *args, **kwargs):
    """Messages are compared in English, whatever the catalogs say."""
    with translation.override("en"):
        return function(*args, **kwargs)


# --- Small .lss documents -------------------------------------------------------

SID = "123"


def Q(qid, title, kind, texts, **fields):
    """A question for lss(): lines are subquestions (title, texts[, scale]),
    answers are (code, texts[, scale])."""
    return {
        "qid": str(qid),
        "title": title,
        "type": kind,
        "texts": texts,
        "gid": str(fields.pop("gid", 1)),
        "relevance": fields.pop("relevance", "1"),
        "mandatory": fields.pop("mandatory", "N"),
        "other": fields.pop("other", "N"),
        "helps": fields.pop("helps", {}),
        "preg": fields.pop("preg", ""),
        "lines": fields.pop("lines", ()),
        "answers": fields.pop("answers", ()),
        **fields,
    }


def _cells(row: dict) -> str:
    return "".join(
        f"<{k}><![CDATA[{v}]]></{k}>" if str(v) != "" else f"<{k}/>"
        for k, v in row.items()
    )


def _table(name: str, rows: list) -> str:
    if not rows:
        return ""
    fields = list(dict.fromkeys(k for row in rows for k in row))
    return (
        f"<{name}><fields>"
        + "".join(f"<fieldname>{f}</fieldname>" for f in fields)
        + "</fields><rows>"
        + "".join(f"<row>{_cells(row)}</row>" for row in rows)
        + f"</rows></{name}>"
    )


def lss(
    questions,
    *,
    languages=("de", "en"),
    groups=None,
    legacy=False,
    attributes=(),
    conditions=(),
    titles=None,
    survey=None,
    languages_element=True,
) -> bytes:
    """A survey structure as LimeSurvey 4–6 write it (texts in *_l10ns tables) or,
    with legacy, as LimeSurvey 3 does (a language column on every row)."""
    groups = groups or [
        {"gid": 1, "names": {"de": "Teil 1", "en": "Part 1"}, "relevance": ""}
    ]
    titles = titles if titles is not None else {"de": "Umfrage", "en": "Survey"}
    ids = itertools.count(5000)
    tables = {k: [] for k in ("groups", "group_l10ns", "questions", "subquestions")}
    tables |= {k: [] for k in ("question_l10ns", "answers", "answer_l10ns")}
    for order, group in enumerate(groups, start=1):
        common = {"gid": group["gid"], "sid": SID, "group_order": order}
        for language in languages:
            texts = {
                "group_name": group["names"].get(language, ""),
                "description": group.get("descriptions", {}).get(language, ""),
            }
            if legacy:
                tables["groups"].append(
                    {
                        **common,
                        **texts,
                        "language": language,
                        "grelevance": group.get("relevance", ""),
                    }
                )
            else:
                tables["group_l10ns"].append(
                    {
                        "id": next(ids),
                        "gid": group["gid"],
                        **texts,
                        "language": language,
                    }
                )
        if not legacy:
            tables["groups"].append(
                {**common, "grelevance": group.get("relevance", "")}
            )

    def add_question(table, common, texts, helps):
        if legacy:
            for language in languages:
                tables[table].append(
                    {
                        **common,
                        "question": texts.get(language, ""),
                        "help": helps.get(language, ""),
                        "language": language,
                    }
                )
        else:
            tables[table].append(common)
            for language in languages:
                tables["question_l10ns"].append(
                    {
                        "id": next(ids),
                        "qid": common["qid"],
                        "question": texts.get(language, ""),
                        "help": helps.get(language, ""),
                        "language": language,
                    }
                )

    for order, question in enumerate(questions, start=1):
        common = {
            "qid": question["qid"],
            "parent_qid": 0,
            "sid": SID,
            "gid": question["gid"],
            "type": question["type"],
            "title": question["title"],
            "preg": question["preg"],
            "other": question["other"],
            "mandatory": question["mandatory"],
            "question_order": order,
            "scale_id": 0,
            "relevance": question["relevance"],
        }
        add_question("questions", common, question["texts"], question["helps"])
        for number, line in enumerate(question["lines"], start=1):
            sub = {
                **common,
                "qid": int(question["qid"]) * 100 + number,
                "parent_qid": question["qid"],
                "type": "T",
                "title": line[0],
                "other": "N",
                "mandatory": "N",
                "question_order": number,
                "scale_id": line[2] if len(line) > 2 else 0,
                "relevance": "1",
            }
            add_question("subquestions", sub, line[1], {})
        for number, answer in enumerate(question["answers"], start=1):
            scale = answer[2] if len(answer) > 2 else 0
            if legacy:
                for language in languages:
                    tables["answers"].append(
                        {
                            "qid": question["qid"],
                            "code": answer[0],
                            "answer": answer[1].get(language, ""),
                            "sortorder": number,
                            "language": language,
                            "scale_id": scale,
                        }
                    )
            else:
                aid = next(ids)
                tables["answers"].append(
                    {
                        "aid": aid,
                        "qid": question["qid"],
                        "code": answer[0],
                        "sortorder": number,
                        "scale_id": scale,
                    }
                )
                for language in languages:
                    tables["answer_l10ns"].append(
                        {
                            "id": next(ids),
                            "aid": aid,
                            "answer": answer[1].get(language, ""),
                            "language": language,
                        }
                    )
    survey_row = {
        "sid": SID,
        "language": languages[0],
        "additional_languages": " ".join(languages[1:]),
        "startdate": "",
        "expires": "",
        **(survey or {}),
    }
    settings_rows = [
        {
            "surveyls_survey_id": SID,
            "surveyls_language": language,
            "surveyls_title": titles.get(language, ""),
            "surveyls_description": "",
            "surveyls_welcometext": "",
            "surveyls_endtext": "",
        }
        for language in languages
    ]
    attribute_rows = [
        {
            "qid": a[0],
            "attribute": a[1],
            "value": a[2],
            "language": a[3] if len(a) > 3 else "",
        }
        for a in attributes
    ]
    condition_rows = [
        {
            "cid": number,
            "qid": c["qid"],
            "cqid": c["cqid"],
            "cfieldname": c["cfieldname"],
            "method": c.get("method", "=="),
            "value": c["value"],
            "scenario": c.get("scenario", 1),
        }
        for number, c in enumerate(conditions, start=1)
    ]
    languages_xml = (
        "<languages>"
        + "".join(f"<language>{language}</language>" for language in languages)
        + "</languages>"
        if languages_element
        else ""
    )
    body = "".join(
        [
            _table("answers", tables["answers"]),
            _table("answer_l10ns", tables["answer_l10ns"]),
            _table("conditions", condition_rows),
            _table("groups", tables["groups"]),
            _table("group_l10ns", tables["group_l10ns"]),
            _table("questions", tables["questions"]),
            _table("subquestions", tables["subquestions"]),
            _table("question_l10ns", tables["question_l10ns"]),
            _table("question_attributes", attribute_rows),
            _table("surveys", [survey_row]),
            _table("surveys_languagesettings", settings_rows),
        ]
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<document>'
        "<LimeSurveyDocType>Survey</LimeSurveyDocType>"
        f"<DBVersion>{366 if legacy else 640}</DBVersion>{languages_xml}{body}"
        "</document>"
    ).encode()


def texts(de, en=None):
    return {"de": de, "en": en if en is not None else de}


YES_NO = [("A1", texts("Ja", "Yes")), ("A2", texts("Nein", "No"))]


def imported(data, process, **kwargs):
    report = import_structure(data, process=process, **kwargs)
    survey = Survey.objects.get(pk=report.survey_id)
    questions = {
        q.code: q
        for q in survey.questions.prefetch_related("choices").order_by("sort_order")
    }
    return report, survey, questions


def result_of(report, code):
    return next(r for r in report.questions if r.code == code)


def codes_of(question, role=Choice.Role.OPTION):
    return [c.code for c in question.choices.all() if c.role == role]


# --- The real exports ---------------------------------------------------------------


@needs_shared
def test_the_limesurvey_6_export_is_imported_with_its_other_options(process):
    data = (SHARED / EXPORT_696688).read_bytes()
    with translation.override("en"):  # the report's words, checked below
        report, survey, questions = imported(data, process)

    assert list(questions) == [
        "MultipleChoice",
        "MultipleComment",
        "YesNo",
        "ArrayYUN",
        "ListRadio",
        "ShortText",
        "Numerical",
    ]
    kinds = {code: q.kind for code, q in questions.items()}
    assert kinds == {
        "MultipleChoice": "multiple",
        "MultipleComment": "multiple",
        "YesNo": "single",
        "ArrayYUN": "matrix",
        "ListRadio": "single",
        "ShortText": "short_text",
        "Numerical": "number",
    }
    assert survey.title_en == "SurveyObj export answers test"
    assert survey.title_de == survey.title_en  # no German: copied, and reported
    assert survey.audience == Survey.Audience.ANYONE
    radio = questions["ListRadio"]
    assert radio.text_en == "List (radio)"
    assert radio.allows_other
    assert [(c.code, c.label_en) for c in radio.options()] == [
        ("A1", "Answer one"),
        ("A2", "Answer two"),
    ]
    assert questions["MultipleChoice"].allows_other
    assert [(c.code, c.label_en) for c in questions["MultipleChoice"].options()] == [
        ("SQ001", "Choice 1"),
        ("SQ002", "Choice 2"),
    ]
    assert [(c.code, c.label_de) for c in questions["YesNo"].options()] == [
        ("Y", "Ja"),
        ("N", "Nein"),
    ]
    grid = questions["ArrayYUN"]
    assert [(c.code, c.label_en) for c in grid.items()] == [("SQ001", "Row 1")]
    assert codes_of(grid) == ["Y", "U", "N"]
    assert {q.page for q in questions.values()} == {1}
    # The file has no conditions (every relevance is "1").
    assert all(r.condition_status == "none" for r in report.questions)
    assert all(q.condition is None for q in questions.values())
    with translation.override("en"):
        assert any("comment boxes" in p for p in report.problems_of("MultipleComment"))
        assert any("no German texts" in p for p in report.survey_problems)
    assert report.unsupported_languages == []
    assert report.languages == ["en"]


@needs_shared
def test_the_four_language_export_keeps_three_languages_and_reports_swedish(process):
    data = (SHARED / EXPORT_161359).read_bytes()
    with translation.override("en"):
        report, survey, questions = imported(data, process)

    assert list(questions) == ["Q00"]
    question = questions["Q00"]
    assert question.kind == "long_text"
    text = "A first example question. Please answer this question:"
    assert question.text_en == text
    assert question.text_ar == text
    assert question.text_de == text
    assert question.help_text_en == "This is a question help text."
    assert (survey.title_de, survey.title_en, survey.title_ar) == (
        "Germ",
        "translation",
        "Arabic",
    )
    assert sorted(report.languages) == ["ar", "de", "en"]
    assert report.unsupported_languages == ["sv"]
    assert any("sv" in p for p in report.survey_problems)
    assert sorted(result_of(report, "Q00").languages) == ["ar", "de", "en"]
    assert survey.slug == "germ"


@needs_shared
@pytest.mark.parametrize("name", [EXPORT_696688, EXPORT_161359])
def test_real_exports_make_surveys_the_edit_screen_accepts(process, name):
    _report, _survey, questions = imported((SHARED / name).read_bytes(), process)
    for question in questions.values():
        question.full_clean(exclude=["survey"])
        for choice in question.choices.all():
            choice.full_clean(exclude=["question"])


# --- Layouts and mappings ---------------------------------------------------------

MAPPED = [
    Q(1, "list", "L", texts("Liste", "List"), answers=YES_NO, other="Y"),
    Q(2, "drop", "!", texts("Auswahl"), answers=YES_NO),
    Q(3, "comment", "O", texts("Mit Kommentar"), answers=YES_NO),
    Q(
        4,
        "many",
        "M",
        texts("Mehrere"),
        lines=[("SQ001", texts("Eins")), ("SQ002", texts("Zwei"))],
    ),
    Q(
        5,
        "manyc",
        "P",
        texts("Mehrere mit Kommentar"),
        lines=[("SQ001", texts("Eins"))],
    ),
    Q(6, "five", "5", texts("Fünf Punkte")),
    Q(7, "arr5", "A", texts("Matrix 5"), lines=[("SQ001", texts("Zeile"))]),
    Q(8, "arr10", "B", texts("Matrix 10"), lines=[("SQ001", texts("Zeile"))]),
    Q(9, "arryun", "C", texts("Ja/Unsicher/Nein"), lines=[("SQ001", texts("Zeile"))]),
    Q(
        10,
        "arrisd",
        "E",
        texts("Mehr/Gleich/Weniger"),
        lines=[("SQ001", texts("Zeile"))],
    ),
    Q(
        11,
        "flex",
        "F",
        texts("Matrix"),
        lines=[("SQ001", texts("Zeile 1")), ("SQ002", texts("Zeile 2"))],
        answers=[("A1", texts("gut", "good")), ("A2", texts("schlecht", "bad"))],
    ),
    Q(
        12,
        "bycol",
        "H",
        texts("Spalten"),
        lines=[("SQ001", texts("Spalte"))],
        answers=YES_NO,
    ),
    Q(
        13,
        "dual",
        "1",
        texts("Zwei Skalen"),
        lines=[("SQ001", texts("Zeile"))],
        answers=[("A1", texts("wichtig")), ("B1", texts("zufrieden"), 1)],
    ),
    Q(14, "rank", "R", texts("Rangfolge"), answers=YES_NO),
    Q(15, "num", "N", texts("Zahl")),
    Q(
        16,
        "nums",
        "K",
        texts("Zahlen", "Numbers"),
        lines=[
            ("SQ001", texts("Kinder", "Children")),
            ("SQ002", texts("Enkel", "Grandchildren")),
        ],
    ),
    Q(17, "short", "S", texts("Kurz")),
    Q(
        18,
        "shorts",
        "Q",
        texts("Kurze Texte"),
        lines=[("a", texts("A")), ("b", texts("B"))],
    ),
    Q(19, "long", "T", texts("Lang")),
    Q(20, "huge", "U", texts("Sehr lang")),
    Q(21, "yesno", "Y", texts("Ja oder nein")),
    Q(22, "gender", "G", texts("Geschlecht")),
    Q(23, "date", "D", texts("Datum")),
    Q(24, "display", "X", texts("Nur ein Text")),
    Q(25, "upload", "|", texts("Datei")),
    Q(26, "equation", "*", texts("Rechnung")),
    Q(
        27,
        "numbers",
        ":",
        texts("Zahlenmatrix"),
        lines=[("r1", texts("Zeile")), ("c1", texts("Spalte"), 1)],
    ),
    Q(
        28,
        "textgrid",
        ";",
        texts("Textmatrix"),
        lines=[("r1", texts("Zeile")), ("c1", texts("Spalte"), 1)],
    ),
    Q(29, "language", "I", texts("Sprache")),
    Q(30, "unknown", "~", texts("Unbekannt")),
    Q(31, "nolines", "K", texts("Ohne Zeilen")),
    Q(32, "noanswers", "L", texts("Ohne Antworten")),
]

KINDS = {
    "list": "single",
    "drop": "single",
    "comment": "single",
    "many": "multiple",
    "manyc": "multiple",
    "five": "scale",
    "arr5": "matrix",
    "arr10": "matrix",
    "arryun": "matrix",
    "arrisd": "matrix",
    "flex": "matrix",
    "bycol": "matrix",
    "dual": "matrix",
    "rank": "ranking",
    "num": "number",
    "nums_SQ001": "number",
    "nums_SQ002": "number",
    "short": "short_text",
    "shorts_a": "short_text",
    "shorts_b": "short_text",
    "long": "long_text",
    "huge": "long_text",
    "yesno": "single",
    "gender": "single",
}
NOT_IMPORTED = {
    "date": "date",
    "display": "not a question",
    "upload": "file",
    "equation": "Equation",
    "numbers": "number",
    "textgrid": "text",
    "language": "Language switch",
    "unknown": "unknown",
    "nolines": "no lines",
    "noanswers": "no answers",
}


@pytest.mark.parametrize("legacy", [False, True], ids=["l10ns", "legacy"])
def test_every_question_type_is_mapped_or_reported(process, legacy):
    with translation.override("en"):
        report, _survey, questions = imported(lss(MAPPED, legacy=legacy), process)

    assert {code: q.kind for code, q in questions.items()} == KINDS
    assert list(questions) == list(KINDS)  # in the file's order
    for code, words in NOT_IMPORTED.items():
        result = result_of(report, code)
        assert not result.is_imported
        assert any(words in reason for reason in result.problems), (code, result)
    assert {r.source_code for r in report.not_imported} == set(NOT_IMPORTED)

    assert questions["list"].allows_other
    assert codes_of(questions["list"]) == ["A1", "A2"]
    assert questions["list"].options()[1].label_en == "No"
    assert any("comment box" in p for p in report.problems_of("comment"))
    assert any("comment boxes" in p for p in report.problems_of("manyc"))
    assert codes_of(questions["many"]) == ["SQ001", "SQ002"]
    assert (questions["five"].scale_min, questions["five"].scale_max) == (1, 5)
    assert codes_of(questions["arr5"]) == ["a1", "a2", "a3", "a4", "a5"]
    assert [c.label_de for c in questions["arr10"].options()] == [
        str(n) for n in range(1, 11)
    ]
    assert codes_of(questions["arryun"]) == ["Y", "U", "N"]
    assert codes_of(questions["arrisd"]) == ["I", "S", "D"]
    flex = questions["flex"]
    assert codes_of(flex, Choice.Role.ITEM) == ["SQ001", "SQ002"]
    assert [(c.code, c.label_de, c.label_en) for c in flex.options()] == [
        ("A1", "gut", "good"),
        ("A2", "schlecht", "bad"),
    ]
    assert any("columns" in n for n in result_of(report, "bycol").notes)
    assert codes_of(questions["dual"]) == ["A1"]
    assert any("second scale (zufrieden)" in p for p in report.problems_of("dual"))
    assert codes_of(questions["rank"]) == ["A1", "A2"]
    children = questions["nums_SQ001"]
    assert children.text_de == "Zahlen – Kinder"
    assert children.text_en == "Numbers – Children"
    assert [c.code for c in questions["yesno"].options()] == ["Y", "N"]
    assert [(c.label_de, c.label_en) for c in questions["yesno"].options()] == [
        ("Ja", "Yes"),
        ("Nein", "No"),
    ]
    assert [c.code for c in questions["gender"].options()] == ["F", "M"]
    assert result_of(report, "list").languages == ["de", "en"]


def test_both_layouts_make_the_same_survey(process):
    def shape(data, slug):
        report, survey, questions = imported(data, process)
        return [
            (
                q.code,
                q.kind,
                q.page,
                q.text_de,
                q.text_en,
                q.is_required,
                q.condition,
                [(c.code, c.role, c.label_de, c.label_en) for c in q.choices.all()],
            )
            for q in questions.values()
        ]

    questions = [
        Q(1, "q1", "L", texts("Frage", "Question"), answers=YES_NO, mandatory="Y"),
        Q(2, "q2", "F", texts("Matrix"), gid=2, relevance='q1 == "A1"',
          lines=[("SQ001", texts("Zeile", "Line"))], answers=YES_NO),
    ]  # fmt: skip
    groups = [{"gid": 1, "names": texts("Eins")}, {"gid": 2, "names": texts("Zwei")}]
    modern = shape(lss(questions, groups=groups), "a")
    legacy = shape(
        lss(questions, groups=groups, legacy=True, languages_element=False), "b"
    )
    assert modern == legacy
    assert modern[1][6] == {"question": "q1", "in": ["A1"]}
    assert modern[0][5] is True


def test_groups_become_pages_in_group_order(process):
    groups = [
        {"gid": 7, "names": texts("Zuerst")},
        {"gid": 3, "names": texts("Leer")},
        {"gid": 5, "names": texts("Danach"), "descriptions": texts("<p>Erklärung</p>")},
    ]
    questions = [
        Q(1, "later", "S", texts("Später"), gid=5),
        Q(2, "first", "S", texts("Zuerst"), gid=7),
        Q(3, "shown", "X", texts("Nur Text"), gid=3),
    ]
    with translation.override("en"):
        report, _survey, found = imported(lss(questions, groups=groups), process)
    assert [(code, q.page) for code, q in found.items()] == [("first", 1), ("later", 2)]
    assert any("“Danach” (page 2) is not imported" in p for p in report.survey_problems)
    assert any(
        "“Leer” has no question that was imported" in n for n in report.survey_notes
    )


def test_texts_lose_their_html_but_keep_their_lines(process):
    html_text = (
        "<p>Erste Zeile<br />zweite&nbsp;Zeile</p>\n<p>Absatz mit <b>fett</b> "
        "&amp; &lt;Zeichen&gt;</p><script>alert(1)</script><ul><li>eins</li></ul>"
    )
    assert plain_text(html_text) == (
        "Erste Zeile\nzweite Zeile\n\nAbsatz mit fett & <Zeichen>\n\n– eins"
    )
    assert plain_text("<p>a</p>\n<p>b</p>", one_line=True) == "a b"
    questions = [
        Q(1, "q1", "L", {"de": html_text, "en": "<em>Plain</em>"},
          helps={"de": "Hilfe<br>zweizeilig"},
          answers=[("A1", {"de": "<strong>Ja</strong><br>sicher", "en": "Yes"})]),
    ]  # fmt: skip
    _report, _survey, found = imported(lss(questions), process)
    question = found["q1"]
    assert question.text_de.startswith("Erste Zeile\nzweite Zeile\n\nAbsatz")
    assert "alert" not in question.text_de
    assert question.text_en == "Plain"
    assert question.help_text_de == "Hilfe\nzweizeilig"
    assert question.options()[0].label_de == "Ja sicher"


def test_codes_are_made_valid_and_unique_and_the_renames_reported(process):
    questions = [
        Q(1, "Q1", "S", texts("a")),
        Q(2, "q1", "S", texts("b")),
        Q(3, "1st", "S", texts("c")),
        Q(4, "ärger", "L", texts("d"), answers=[("1", texts("x")), ("a1", texts("y"))]),
    ]
    with translation.override("en"):
        report, _survey, found = imported(lss(questions), process)
    assert list(found) == ["Q1", "q1_2", "q1st", "q_rger"]
    assert codes_of(found["q_rger"]) == ["a1", "a1_2"]
    notes = [f"{n.code}: {n.reason}" for n in report.notes]
    assert "q1_2: Its code q1 was made q1_2 (a valid, unique code)." in notes
    assert "q1st: Its code 1st was made q1st (a valid, unique code)." in notes
    assert (
        "q_rger: Codes of its answers made valid and unique: 1 → a1, a1 → a1_2."
        in notes
    )


def test_required_help_limits_units_and_other_labels(process):
    questions = [
        Q(1, "age", "N", texts("Alter"), mandatory="Y", helps=texts("In Jahren")),
        Q(2, "pick", "M", texts("Wähle"), other="Y",
          lines=[("a", texts("A")), ("b", texts("B")), ("c", texts("C"))]),
        Q(3, "soft", "S", texts("Weich"), mandatory="S"),
        Q(4, "hidden", "S", texts("Versteckt"), preg="/^[0-9]+$/"),
    ]  # fmt: skip
    attributes = [
        (1, "min_num_value_n", "0"),
        (1, "max_num_value_n", "120"),
        (1, "suffix", "Jahre", "de"),
        (1, "suffix", "years", "en"),
        (2, "max_answers", "2"),
        (2, "other_replace_text", "Sonstiges", "de"),
        (4, "hidden", "1"),
    ]
    with translation.override("en"):
        report, _survey, found = imported(
            lss(questions, attributes=attributes), process
        )
    age = found["age"]
    assert age.is_required and age.help_text_de == "In Jahren"
    assert (age.number_min, age.number_max) == (0, 120)
    assert (age.unit_de, age.unit_en) == ("Jahre", "years")
    pick = found["pick"]
    assert pick.max_choices == 2 and pick.allows_other
    assert pick.other_label_de == "Sonstiges"
    assert found["soft"].is_required is False
    assert any("soft mandatory" in p for p in report.problems_of("soft"))
    assert any("Hidden in LimeSurvey" in p for p in report.problems_of("hidden"))
    assert any("validation pattern" in p for p in report.problems_of("hidden"))


def test_languages_mitplan_lacks_are_reported_and_variants_mapped(process):
    questions = [Q(1, "q1", "S", {"de-informal": "Du", "sv": "Hej", "tr": "Merhaba"})]
    data = lss(
        questions,
        languages=("de-informal", "sv", "tr"),
        titles={"de-informal": "Umfrage", "sv": "Enkät", "tr": "Anket"},
    )
    with translation.override("en"):
        report, survey, found = imported(data, process)
    assert found["q1"].text_de == "Du"
    assert found["q1"].text_tr == "Merhaba"
    assert report.unsupported_languages == ["sv"]
    assert report.languages == ["de", "tr"]
    assert any("de-informal is imported as Deutsch" in n for n in report.survey_notes)
    assert survey.title_tr == "Anket"


def test_a_survey_in_no_language_of_mitplan_is_refused(process):
    data = lss([Q(1, "q1", "S", {"sv": "Hej"})], languages=("sv", "fi"), titles={})
    before = counts()
    with pytest.raises(ImportRefused) as refused:
        english(import_structure, data, process=process)
    assert "(sv, fi)" in english(lambda: refused.value.messages[0])
    assert counts() == before


def test_texts_missing_in_german_are_copied_and_reported(process):
    questions = [Q(1, "q1", "S", {"de": "", "en": "Only English"})]
    with translation.override("en"):
        report, _survey, found = imported(lss(questions), process)
    assert found["q1"].text_de == "Only English"
    assert any("no German question" in p for p in report.problems_of("q1"))


def test_dates_come_from_the_file(process):
    data = lss(
        [Q(1, "q1", "S", texts("a"))],
        survey={"startdate": "2030-03-01 09:00:00", "expires": "2030-04-01 00:00:00"},
    )
    _report, survey, _found = imported(data, process)
    local = timezone.localtime(survey.opens_at)
    assert (local.date().isoformat(), local.hour) == ("2030-03-01", 9)
    assert timezone.localtime(survey.closes_at).date().isoformat() == "2030-04-01"


def test_dates_come_from_the_phase_that_allows_surveys(db):
    import datetime

    from mitplan.processes.tests.factories import PhaseFactory, ProcessFactory

    process = ProcessFactory()
    PhaseFactory(
        process=process,
        starts_on=datetime.date(2030, 1, 1),
        ends_on=datetime.date(2030, 1, 31),
        actions=["contributions"],
    )
    PhaseFactory(
        process=process,
        starts_on=datetime.date(2030, 2, 1),
        ends_on=datetime.date(2030, 2, 28),
        actions=["surveys"],
    )
    with translation.override("en"):
        report, survey, _found = imported(lss([Q(1, "q1", "S", texts("a"))]), process)
    assert timezone.localtime(survey.opens_at).isoformat()[:16] == "2030-02-01T00:00"
    assert timezone.localtime(survey.closes_at).isoformat()[:16] == "2030-03-01T00:00"
    assert "Opening date taken from the process's phases." in report.survey_notes


def test_slugs_are_unique_within_the_process(process):
    data = lss([Q(1, "q1", "S", texts("a"))], titles={"de": "Wohnen in der Stadt"})
    first = import_structure(data, process=process)
    second = import_structure(data, process=process)
    assert (first.slug, second.slug) == ("wohnen-in-der-stadt", "wohnen-in-der-stadt-2")


# --- Conditions ---------------------------------------------------------------------

PAGE_ONE = [
    Q(1, "q1", "L", texts("Eins"), answers=YES_NO, other="Y"),
    Q(2, "q2", "N", texts("Alter")),
    Q(3, "q3", "S", texts("Stadt")),
    Q(4, "q4", "M", texts("Mehrere"), other="Y",
      lines=[("SQ001", texts("A")), ("SQ002", texts("B"))]),
    Q(5, "q5", "5", texts("Skala")),
    Q(6, "yn", "Y", texts("Ja/Nein")),
    Q(7, "grid", "F", texts("Matrix"), lines=[("SQ001", texts("Z"))], answers=YES_NO),
    Q(8, "codes", "L", texts("Zahlen"),
      answers=[("1", texts("eins")), ("2", texts("zwei")), ("3", texts("drei"))]),
    Q(9, "nums", "K", texts("Zahlen"), lines=[("SQ001", texts("Kinder"))]),
]  # fmt: skip
TWO_PAGES = [{"gid": 1, "names": texts("Eins")}, {"gid": 2, "names": texts("Zwei")}]


def with_condition(relevance, process, **kwargs):
    questions = [
        *PAGE_ONE,
        Q(20, "t", "S", texts("Ziel"), gid=2, relevance=relevance),
        Q(21, "u", "S", texts("Danach"), gid=2, relevance=kwargs.pop("later", "1")),
    ]
    with translation.override("en"):
        report = import_structure(
            lss(questions, groups=TWO_PAGES, **kwargs), process=process, dry_run=True
        )
    return report, result_of(report, "t")


@pytest.mark.parametrize(
    "relevance,condition",
    [
        ('((q1.NAOK == "A1"))', {"question": "q1", "in": ["A1"]}),
        ('q1 == "A1" or q1 == "A2"', {"question": "q1", "in": ["A1", "A2"]}),
        (
            'q1.NAOK eq "A2" || q1.NAOK == "-oth-"',
            {"question": "q1", "in": ["A2", "@other"]},
        ),
        ('q1 != "A1"', {"not": {"question": "q1", "in": ["A1"]}}),
        ("q2 > 18", {"question": "q2", "op": ">", "value": 18}),
        ("18 <= q2.NAOK", {"question": "q2", "op": ">=", "value": 18}),
        ('q2 ge "2.5"', {"question": "q2", "op": ">=", "value": 2.5}),
        ("!is_empty(q3)", {"question": "q3", "answered": True}),
        ("is_empty(q3.NAOK)", {"question": "q3", "answered": False}),
        ('q3 != ""', {"question": "q3", "answered": True}),
        ('q4_SQ001 == "Y"', {"question": "q4", "in": ["SQ001"]}),
        ('q4_SQ002.NAOK != "Y"', {"not": {"question": "q4", "in": ["SQ002"]}}),
        ("!is_empty(q4_other)", {"question": "q4", "in": ["@other"]}),
        ("q5 >= 4", {"question": "q5", "op": ">=", "value": 4}),
        ('yn == "Y"', {"question": "yn", "in": ["Y"]}),
        ("codes > 1", {"question": "codes", "in": ["a2", "a3"]}),
        ("nums_SQ001 > 0", {"question": "nums_SQ001", "op": ">", "value": 0}),
        ('123X1X1.NAOK == "A1"', {"question": "q1", "in": ["A1"]}),
        ('123X1X4SQ002 == "Y"', {"question": "q4", "in": ["SQ002"]}),
        (
            '(q1 == "A1" and q2 > 18) or (q4_SQ001 == "Y" and !is_empty(q3))',
            {
                "any": [
                    {
                        "all": [
                            {"question": "q1", "in": ["A1"]},
                            {"question": "q2", "op": ">", "value": 18},
                        ]
                    },
                    {
                        "all": [
                            {"question": "q4", "in": ["SQ001"]},
                            {"question": "q3", "answered": True},
                        ]
                    },
                ]
            },
        ),
        (
            'q1 == "A1" and !(q4_SQ001 == "Y" or q4_SQ002 == "Y")',
            {
                "all": [
                    {"question": "q1", "in": ["A1"]},
                    {"not": {"question": "q4", "in": ["SQ001", "SQ002"]}},
                ]
            },
        ),
        ("{q2 < 65}", {"question": "q2", "op": "<", "value": 65}),
        ("q2 &gt; 18", {"question": "q2", "op": ">", "value": 18}),
    ],
)
def test_relevance_expressions_become_conditions(process, relevance, condition):
    _report, result = with_condition(relevance, process)
    assert result.condition_status == "translated", result.problems
    assert result.condition == condition
    assert result.condition_source == relevance


@pytest.mark.parametrize(
    "relevance,reason",
    [
        ('regexMatch("/^B/", q3)', "function regexmatch()"),
        ('q3 == "Berlin"', "text answer q3"),
        ('q1.shown == "Ja"', "q1.shown, which is not an answer"),
        ('q9 == "A1"', "q9, which is no question"),
        ('grid_SQ001 == "A1"', "answer to the matrix grid"),
        ('q1 == "A9"', "“A9” is no answer of q1"),
        ('q1 = "A1"', "computes or assigns"),
        ("q2 + 1 > 3", "computes or assigns"),
        ('q4 == "Y"', "no answer of q4"),
        ('q1 == "A1" and', "cannot be read"),
        ('date == "x"', "date, which is not imported"),
        ("0", "never shows it"),
        ('q2 > "viel"', "compares the number q2"),
    ],
)
def test_relevance_that_cannot_be_said_is_reported_with_the_expression(
    process, relevance, reason
):
    questions = [*PAGE_ONE, Q(10, "date", "D", texts("Datum"))]
    with translation.override("en"):
        report = import_structure(
            lss(
                [
                    *questions,
                    Q(20, "t", "S", texts("Ziel"), gid=2, relevance=relevance),
                ],
                groups=TWO_PAGES,
            ),
            process=process,
            dry_run=True,
        )
    result = result_of(report, "t")
    assert result.condition_status == "not_translated"
    assert result.condition is None
    problem = " ".join(report.problems_of("t"))
    assert relevance in problem
    assert reason in problem


def test_a_condition_on_the_same_page_is_reported(process):
    report, result = with_condition("1", process, later="!is_empty(t)")
    later = result_of(report, "u")
    assert later.condition_status == "not_translated"
    assert any("t on the same page" in p for p in later.problems)
    assert result.condition_status == "none"


def test_always_true_relevance_is_no_condition(process):
    report, result = with_condition("1 or q1 == 'A1'", process)
    assert result.condition_status == "none"
    assert result.condition is None


def test_a_group_condition_joins_the_questions_own(process):
    groups = [
        {"gid": 1, "names": texts("Eins")},
        {"gid": 2, "names": texts("Zwei"), "relevance": "q2 >= 18"},
    ]
    questions = [
        *PAGE_ONE,
        Q(20, "t", "S", texts("Ziel"), gid=2, relevance='q1 == "A1"'),
    ]
    report = import_structure(
        lss(questions, groups=groups), process=process, dry_run=True
    )
    assert result_of(report, "t").condition == {
        "all": [
            {"question": "q2", "op": ">=", "value": 18},
            {"question": "q1", "in": ["A1"]},
        ]
    }


def test_conditions_rows_scenarios_are_alternatives_and_fields_must_all_hold(process):
    rows = [
        # scenario 1: q1 is A1 or A2 (one field: alternatives), and q2 > 18
        {"qid": 20, "cqid": 1, "cfieldname": f"{SID}X1X1", "value": "A1"},
        {"qid": 20, "cqid": 1, "cfieldname": f"{SID}X1X1", "value": "A2"},
        {
            "qid": 20,
            "cqid": 2,
            "cfieldname": f"{SID}X1X2",
            "method": ">",
            "value": "18",
        },
        # scenario 2: SQ002 of q4 chosen
        {
            "qid": 20,
            "cqid": 4,
            "cfieldname": f"{SID}X1X4",
            "value": "SQ002",
            "scenario": 2,
        },
    ]
    questions = [*PAGE_ONE, Q(20, "t", "S", texts("Ziel"), gid=2)]
    with translation.override("en"):
        report = import_structure(
            lss(questions, groups=TWO_PAGES, conditions=rows),
            process=process,
            dry_run=True,
        )
    result = result_of(report, "t")
    assert result.condition == {
        "any": [
            {
                "all": [
                    {"question": "q1", "in": ["A1", "A2"]},
                    {"question": "q2", "op": ">", "value": 18},
                ]
            },
            {"question": "q4", "in": ["SQ002"]},
        ]
    }
    assert result.condition_source == (
        "((q1 == “A1” or q1 == “A2”) and q2 > “18”) or (q4_SQ002 == “Y”)"
    )


def test_conditions_rows_that_cannot_be_said_are_reported(process):
    rows = [
        {
            "qid": 20,
            "cqid": 3,
            "cfieldname": f"{SID}X1X3",
            "method": "RX",
            "value": "^B",
        },
    ]
    questions = [*PAGE_ONE, Q(20, "t", "S", texts("Ziel"), gid=2)]
    with translation.override("en"):
        report = import_structure(
            lss(questions, groups=TWO_PAGES, conditions=rows),
            process=process,
            dry_run=True,
        )
    result = result_of(report, "t")
    assert result.condition_status == "not_translated"
    assert any("comparison “RX”" in p for p in result.problems)


def test_conditions_rows_for_empty_answers(process):
    rows = [
        {"qid": 20, "cqid": 3, "cfieldname": f"{SID}X1X3", "method": "!=", "value": ""}
    ]
    questions = [*PAGE_ONE, Q(20, "t", "S", texts("Ziel"), gid=2)]
    report = import_structure(
        lss(questions, groups=TWO_PAGES, conditions=rows), process=process, dry_run=True
    )
    assert result_of(report, "t").condition == {"question": "q3", "answered": True}


def test_imported_conditions_pass_the_edit_screens_check(process):
    questions = [
        *PAGE_ONE,
        Q(20, "t", "S", texts("Ziel"), gid=2,
          relevance='(q1 == "A1" and q2 > 18) or q4_SQ001 == "Y" or codes < 3'),
    ]  # fmt: skip
    _report, survey, found = imported(lss(questions, groups=TWO_PAGES), process)
    assert found["t"].condition is not None
    ordered = list(found.values())
    for question in ordered:
        earlier = {q.code: q for q in ordered if q.page < question.page}
        conditions.validate(question.condition, earlier=earlier)


# --- Hostile and broken files -------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE document [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<document><LimeSurveyDocType>Survey</LimeSurveyDocType><x>&lol3;</x></document>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<document><LimeSurveyDocType>Survey</LimeSurveyDocType><x>&secret;</x></document>"""


def _valid():
    return lss([Q(1, "q1", "S", texts("a"))])


@pytest.mark.parametrize(
    "data,code,words",
    [
        (BILLION_LAUGHS, "entities", "declares a document type or entities"),
        (EXTERNAL_ENTITY, "entities", "declares a document type or entities"),
        (b"<html><body>Hallo</body></html>", "not_limesurvey", "not a LimeSurvey"),
        (
            b"<document><LimeSurveyDocType>Group</LimeSurveyDocType></document>",
            "not_survey",
            "of the kind “Group”",
        ),
        (None, "too_large", "larger than 20 MB"),
        ("truncated", "invalid", "not complete, well-formed XML"),
        ("nul", "nul", "NUL bytes"),
        (b"   ", "empty", "empty"),
        (
            b'<?xml version="1.0"?><document><LimeSurveyDocType>Survey'
            b"</LimeSurveyDocType></document>",
            "no_questions",
            "no questions",
        ),
    ],
    ids=[
        "billion-laughs",
        "external-entity",
        "wrong-root",
        "wrong-doctype",
        "huge",
        "truncated",
        "nul",
        "empty",
        "no-questions",
    ],
)
def test_hostile_and_broken_files_are_refused_and_nothing_written(
    process, data, code, words
):
    if data is None:
        data = _valid() + b" " * (limesurvey.MAX_BYTES + 1 - len(_valid()))
    elif data == "truncated":
        data = _valid()[: len(_valid()) // 2]
    elif data == "nul":
        data = _valid().replace(b"<document>", b"<document>\x00")
    before = counts()
    with translation.override("en"):
        with pytest.raises(ImportRefused) as refused:
            import_structure(data, process=process)
        message = " ".join(refused.value.messages)
    assert refused.value.code == code
    assert words in message
    assert counts() == before


def test_a_failure_while_writing_leaves_nothing_behind(process, monkeypatch):
    data = lss([Q(1, "q1", "S", texts("a")), Q(2, "q2", "S", texts("b"))])
    saved = Question.save

    def failing(self, *args, **kwargs):
        if self.code == "q2":
            raise RuntimeError("disk full")
        return saved(self, *args, **kwargs)

    monkeypatch.setattr(Question, "save", failing)
    before = counts()
    with pytest.raises(RuntimeError):
        import_structure(data, process=process)
    assert counts() == before


def test_a_dry_run_writes_nothing(process):
    before = counts()
    report = import_structure(lss(MAPPED), process=process, dry_run=True)
    assert counts() == before
    assert report.dry_run and report.survey_id is None
    assert len(report.imported) == len(KINDS)


def test_the_import_is_logged(process, process_owner):
    report = import_structure(_valid(), process=process, actor=process_owner)
    entry = ModelLogEntry.objects.get(
        action=limesurvey.LOG_IMPORTED, object_id=str(report.survey_id)
    )
    assert entry.user_id == process_owner.pk
    assert entry.data["questions"] == 1


def test_only_staff_who_manage_surveys_may_import(process, django_user_model):
    resident = django_user_model.objects.create_user(username="r", password="x" * 12)
    before = counts()
    with pytest.raises(PermissionDenied):
        import_structure(_valid(), process=process, actor=resident)
    assert counts() == before


# --- The management command ---------------------------------------------------------


def run(*args):
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_limesurvey", *args, stdout=out)
    return out.getvalue()


def test_the_command_checks_and_prints_the_report(process, tmp_path):
    path = tmp_path / "survey.lss"
    path.write_bytes(lss(MAPPED))
    before = counts()
    output = run(str(path), "--process", process.slug, "--dry-run")
    assert counts() == before
    assert "Checked only, nothing was written." in output
    assert "page 1  list ← list (L): single [de, en], no condition" in output
    assert "nums_SQ002 ← nums (K): number [de, en]" in output
    assert "date: Date: mitplan has no date question" in output
    assert "Not imported: 10" in output
    assert "  display (X)" in output


def test_the_command_imports(process, tmp_path):
    path = tmp_path / "survey.lss"
    path.write_bytes(
        lss(
            [*PAGE_ONE, Q(20, "t", "S", texts("Ziel"), gid=2, relevance="q2 > 18")],
            groups=TWO_PAGES,
        )
    )
    output = run(str(path), "--process", process.slug)
    survey = Survey.objects.get(process=process, slug="umfrage")
    assert f"Imported as survey {survey.pk}." in output
    assert (
        'page 2  t ← t (S): short_text [de, en], condition {"question": "q2"' in output
    )
    assert survey.questions.count() == 10


@pytest.mark.parametrize(
    "make,words",
    [
        (lambda p: p.write_bytes(BILLION_LAUGHS), "declares a document type"),
        (lambda p: p.write_bytes(b"<document>"), "not complete, well-formed XML"),
        (lambda p: None, "cannot be read"),
        (  # a sparse file: refused by its size, never read
            lambda p: (p.touch(), os.truncate(p, limesurvey.MAX_BYTES + 1)),
            "larger than",
        ),
    ],
    ids=["hostile", "broken", "missing", "huge"],
)
def test_the_command_refuses_with_a_message(process, tmp_path, make, words):
    path = tmp_path / "survey.lss"
    make(path)
    before = counts()
    with pytest.raises(CommandError, match=words):
        run(str(path), "--process", process.slug)
    assert counts() == before


def test_the_command_refuses_an_unknown_process(tmp_path):
    path = tmp_path / "survey.lss"
    path.write_bytes(_valid())
    with pytest.raises(CommandError, match="no process with the slug"):
        run(str(path), "--process", "nowhere")


def test_the_command_exits_with_its_status(process, tmp_path, monkeypatch, capsys):
    from django.core.management import ManagementUtility

    # run_from_argv closes the database connections at the end; the test's
    # transaction needs them.
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)
    good, bad = tmp_path / "good.lss", tmp_path / "bad.lss"
    good.write_bytes(_valid())
    bad.write_bytes(b"\x00")
    with translation.override("en"):
        ManagementUtility(
            ["manage.py", "import_limesurvey", str(good), "--process", process.slug]
        ).execute()  # returns: status 0
        with pytest.raises(SystemExit) as exit_:
            ManagementUtility(
                ["manage.py", "import_limesurvey", str(bad), "--process", process.slug]
            ).execute()
    assert exit_.value.code == 1
    assert "NUL bytes" in capsys.readouterr().err


# --- The staff screen ---------------------------------------------------------------


def upload(data, name="survey.lss"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/xml")


@pytest.fixture
def owner_client(client, process_owner):
    from wagtail.users.models import UserProfile

    # The admin speaks the account's language; messages are compared in English.
    profile = UserProfile.get_for_user(process_owner)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(process_owner)
    return client


def form_key(response):
    return response.context["form"]["key"].value()


@pytest.mark.urls(__name__)
def test_residents_cannot_open_the_import(client, django_user_model):
    resident = django_user_model.objects.create_user(username="r", password="x" * 12)
    client.force_login(resident)
    assert client.get(IMPORT_URL).status_code in (302, 403)
    client.logout()
    assert client.get(IMPORT_URL).status_code == 302


@pytest.mark.urls(__name__)
def test_staff_check_a_file_then_import_it(owner_client, process):
    page = owner_client.get(IMPORT_URL)
    assert page.status_code == 200
    assert process in page.context["form"].fields["process"].queryset
    key = form_key(page)
    data = lss(MAPPED)
    before = counts()
    with translation.override("en"):
        checked = owner_client.post(
            IMPORT_URL,
            {
                "file": upload(data),
                "process": process.pk,
                "check_only": "on",
                "key": key,
            },
        )
    assert checked.status_code == 200
    assert counts() == before
    html = checked.content.decode()
    assert checked.context["report"].dry_run
    assert "nums_SQ001" in html and "Date: mitplan has no date question" in html

    imported_page = owner_client.post(IMPORT_URL, {"confirm": "1", "key": key})
    assert imported_page.status_code == 200
    survey = Survey.objects.get(pk=imported_page.context["report"].survey_id)
    assert survey.questions.count() == len(KINDS)
    assert ModelLogEntry.objects.filter(
        action=limesurvey.LOG_IMPORTED, object_id=str(survey.pk)
    ).exists()
    assert (
        f"/admin/participation/surveys/edit/{survey.pk}/"
        in imported_page.content.decode()
    )

    again = owner_client.post(IMPORT_URL, {"confirm": "1", "key": key})
    assert again.context["already"]["survey"] == survey
    assert Survey.objects.count() == before[0] + 1


@pytest.mark.urls(__name__)
def test_staff_import_at_once_and_a_resent_form_imports_once(owner_client, process):
    key = form_key(owner_client.get(IMPORT_URL))
    before = Survey.objects.count()
    for _attempt in range(2):
        response = owner_client.post(
            IMPORT_URL, {"file": upload(_valid()), "process": process.pk, "key": key}
        )
        assert response.status_code == 200
    assert Survey.objects.count() == before + 1
    assert response.context["already"] is not None


@pytest.mark.urls(__name__)
def test_staff_see_why_a_file_is_refused(owner_client, process):
    key = form_key(owner_client.get(IMPORT_URL))
    before = counts()
    with translation.override("en"):
        response = owner_client.post(
            IMPORT_URL,
            {"file": upload(BILLION_LAUGHS), "process": process.pk, "key": key},
        )
    assert response.status_code == 200
    assert "declares a document type or entities" in response.content.decode()
    assert counts() == before


@pytest.mark.urls(__name__)
def test_an_expired_check_asks_for_the_file_again(owner_client):
    with translation.override("en"):
        response = owner_client.post(IMPORT_URL, {"confirm": "1", "key": "k" * 32})
    assert "Please upload it again" in response.content.decode()
    assert response.context["report"] is None
    response = owner_client.post(IMPORT_URL, {"confirm": "1", "key": "<bad>"})
    assert response.context["errors"]


def test_garbage_values_in_a_well_formed_file_are_reported_not_crashed_on(process):
    long_title = "T" * 1500
    questions = [
        Q(1, "x" * 60 + "!?", "N", texts(long_title), relevance="q2 > NaN"),
        Q(2, "q2", "N", texts("Zahl"), gid=2, relevance='Q2x > "1e400"'),
        Q(3, "q3", "L", texts("Liste"), gid=2, answers=[("A1", texts("L" * 400))]),
        Q(4, "q4", "S", {"de": "Hallo {TOKEN:FIRSTNAME}", "en": ""}, gid=2,
          relevance="((" * 30 + "1" + "))" * 30),
    ]  # fmt: skip
    attributes = [
        (1, "min_num_value_n", "NaN"),
        (1, "max_num_value_n", "1e400"),
        (2, "max_num_value_n", "-Infinity"),
    ]
    data = lss(
        questions,
        groups=TWO_PAGES,
        attributes=attributes,
        titles={"de": "<b>Titel</b> " * 40},
        survey={"startdate": "gestern", "expires": "9999-12-31 23:59:59"},
    )
    data = data.replace(
        b"<question_order><![CDATA[2]]>", b"<question_order><![CDATA[x]]>"
    )
    with translation.override("en"):
        report, survey, found = imported(data, process)
    for question in found.values():
        question.full_clean(exclude=["survey"])
        for choice in question.choices.all():
            choice.full_clean(exclude=["question"])
    survey.full_clean(exclude=["process"])
    first = next(iter(found.values()))
    assert (
        len(first.code) <= 40 and first.number_min is None and first.number_max is None
    )
    assert len(first.text_de) == 1000 and first.text_de.endswith("…")
    assert any("shortened" in p for p in report.problems_of(first.code))
    assert any("not a number we can keep" in p for p in report.problems_of(first.code))
    assert result_of(report, "q2").condition_status == "not_translated"
    assert any("placeholder" in p for p in report.problems_of("q4"))
    assert any("“gestern” is not a date" in p for p in report.survey_problems)
    assert any(
        "“9999-12-31 23:59:59” is not a date" in p for p in report.survey_problems
    )
    assert survey.closes_at > survey.opens_at


@pytest.mark.urls(__name__)
def test_staff_uploads_over_the_limit_are_refused_before_reading(
    owner_client, process, monkeypatch
):
    monkeypatch.setattr(limesurvey_views, "MAX_BYTES", 100)
    key = form_key(owner_client.get(IMPORT_URL))
    before = counts()
    response = owner_client.post(
        IMPORT_URL, {"file": upload(_valid()), "process": process.pk, "key": key}
    )
    assert "larger than" in response.content.decode()
    assert counts() == before


@pytest.mark.urls(__name__)
def test_a_form_sent_twice_at_once_imports_once(owner_client, process, process_owner):
    from django.core.cache import cache

    key = form_key(owner_client.get(IMPORT_URL))
    cache.set(f"surveys:limesurvey:done:{process_owner.pk}:{key}", 0)  # under way
    before = counts()
    response = owner_client.post(
        IMPORT_URL, {"file": upload(_valid()), "process": process.pk, "key": key}
    )
    assert "is being imported" in response.content.decode()
    assert counts() == before


@pytest.mark.urls(__name__)
def test_admin_users_who_do_not_manage_surveys_cannot_import(client, django_user_model):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user(username="e", password="x" * 12)
    editor.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    client.force_login(editor)
    response = client.get(IMPORT_URL)
    # Wagtail turns PermissionDenied into a way back to the dashboard.
    assert (response.status_code, response.url) == (302, "/admin/")


def test_a_file_in_an_unknown_encoding_is_refused(process):
    data = _valid().replace(
        b'<?xml version="1.0" encoding="UTF-8"?>',
        b'<?xml version="1.0" encoding="x-bogus"?>',
    )
    assert b"x-bogus" in data
    before = counts()
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        import_structure(data, process=process)
    assert refused.value.code == "encoding"
    assert "declares a character encoding that is unknown" in (
        " ".join(refused.value.messages)
    )
    assert counts() == before


def test_a_survey_with_too_many_questions_is_refused_before_it_is_read(
    process, monkeypatch
):
    count = limesurvey.MAX_QUESTIONS + 1
    data = lss(
        [Q(n, f"q{n}", "S", texts(f"Frage {n}")) for n in range(1, count + 1)],
        legacy=True,  # a row per question and language: still 501 questions
    )

    def not_read(*args):
        raise AssertionError("the rows were read")

    monkeypatch.setattr(limesurvey, "_rows", not_read)
    before = counts()
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        import_structure(data, process=process, dry_run=True)
    assert refused.value.code == "too_many_questions"
    assert refused.value.messages == [
        f"The survey in the file has {count} questions; mitplan imports at most "
        f"{limesurvey.MAX_QUESTIONS} per survey."
    ]
    assert counts() == before


def test_the_limit_counts_questions_not_their_lines_and_languages():
    data = lss(
        [
            Q(1, "grid", "F", texts("Raster"), lines=[("SQ001", texts("a"))] * 3),
            Q(2, "q2", "S", texts("b")),
        ],
        legacy=True,
    )
    assert limesurvey.question_count(limesurvey.read_document(data)) == 2


def test_lines_split_into_too_many_questions_are_refused(process):
    count = limesurvey.MAX_QUESTIONS + 1
    lines = [(f"SQ{n:03d}", texts(f"Zeile {n}")) for n in range(count)]
    data = lss([Q(1, "nums", "K", texts("Zahlen"), lines=lines)])
    before = counts()
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        import_structure(data, process=process)
    assert refused.value.code == "too_many_questions"
    assert str(count) in " ".join(refused.value.messages)
    assert counts() == before


def test_codes_with_a_double_underscore_are_renamed_and_reported(process):
    """A question contact__work would have the form field of the line work of the
    matrix contact (q_contact__work)."""
    questions = [
        Q(1, "contact", "F", texts("Kontakt"), lines=[("work", texts("Arbeit"))],
          answers=YES_NO),
        Q(2, "contact__work", "S", texts("a")),
        Q(3, "contact_work", "S", texts("b")),
        Q(4, "x___y__", "S", texts("c")),
    ]  # fmt: skip
    with translation.override("en"):
        report, _survey, found = imported(lss(questions), process)
    assert list(found) == ["contact", "contact_work", "contact_work_2", "x_y_"]
    assert all("__" not in code for code in found)
    notes = [f"{n.code}: {n.reason}" for n in report.notes]
    assert (
        "contact_work: Its code contact__work was made contact_work "
        "(a valid, unique code)." in notes
    )
    assert (
        "contact_work_2: Its code contact_work was made contact_work_2 "
        "(a valid, unique code)." in notes
    )
    assert "x_y_: Its code x___y__ was made x_y_ (a valid, unique code)." in notes


def test_a_unique_code_never_gets_a_double_underscore():
    taken: set = set()
    assert limesurvey._valid_code("a_", "q", taken, question=True) == "a_"
    assert limesurvey._valid_code("a_", "q", taken, question=True) == "a_2"
    assert limesurvey._valid_code("a_", "a", taken) == "a__2"  # answers may
