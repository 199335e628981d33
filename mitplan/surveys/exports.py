"""A survey's responses for the city's statisticians: CSV, XLSX and SPSS (.sav),
and a codebook (its own CSV, and a second sheet of the XLSX).

One row per response: id, sent at, language, source, source note, then the answers
(columns named after the question codes, so they stay the same from one export to
the next; the codebook says what each holds):

    single     q           the choice's code ("_other" for "other, namely")
               q_other_text  what "other" meant, where the question offers it
    multiple   q_a, q_b …  1 chosen / 0 not chosen (empty: not answered or not asked)
               q_other, q_other_text
    scale      q           the number; "don't know" is "dont_know" in CSV/XLSX and a
                           declared missing value in .sav (99, or above the scale)
    matrix     q_item …    the code of the answer chosen in that line
    ranking    q_a, q_b …  the place the answer was given (1 = first)
    number     q           the number
    texts      q           the text

In .sav the choice codes become numbers (their place among the answers, "other"
the next one; that place cannot change once a survey has responses,
changes.py) with value labels, because SPSS analyses categories as numbers; the
codebook lists both. Labels are in the language of the staff member who exports,
German where a text has no translation. Names are valid SPSS variable names: at
most 64 bytes, unique regardless of case, none of SPSS's reserved words.

Every text cell, in all three formats, passes through core.exports.neutralise: a
resident's "=HYPERLINK(…)" must not become a formula in Excel, including after
SPSS has saved the data as a spreadsheet.

Memory: an export reads the responses with `values_list(…).iterator(2000)` and
writes each row at once, so it runs in the same memory for 100 or 1,000,000
responses. `python -m bench.survey_exports` (ten questions, SQLite, one process
per format) measured the peak memory an export adds at 100,000 and 1,000,000
responses: CSV 4.7 and 5.0 MB (7 s, 71 s), XLSX 5.0 and 5.3 MB (59 s, 415 s:
openpyxl without lxml), .sav 5.7 and 5.8 MB (15 s, 117 s). Every format is built in an
anonymous temporary file first and handed out only when complete: a failure
half-way (an exception, a full disk) raises ExportFailed and the view says so,
instead of a download that looks finished but lacks rows. That holds for CSV too:
streaming straight from the database would start the download before the last row
is read, and a connection cut by an error reads as a complete file in many clients
(and behind proxies that buffer). The file is still streamed to the browser
(FileResponse), so memory stays flat; the cost is that the download starts once
the file is built.

XLSX: openpyxl's write-only workbook (rows go to a temporary file, strings are
written inline, not into a shared table held in memory). A sheet holds at most
1,048,576 rows; more responses continue on a further sheet.

SPSS: pyreadstat.write_sav takes a whole pandas or polars data frame (neither is
installed; pyreadstat only pulls in narwhals) and holds every value of every row
at once, so its memory grows with the number of responses: about 1,000,000 × 30
values × 8 bytes plus the texts as Python objects is well over a gigabyte. So this
module writes the documented SPSS system file format itself, streaming (PSPP's
developer guide, "System File Format"; ReadStat reads it, and the tests read every
file back with pyreadstat.read_sav): the file header, variable records (type 2, with
the variable label and the declared missing values), value labels (types 3 and 4),
info records 7 (subtype 3 machine integers with character code 65001, subtype 4
floating point, 11 measurement level and display width, 13 long variable names,
14 very long strings, 20 the encoding UTF-8), the dictionary's end (999), then the
cases. String variables need a fixed width before the first case, so the rows go
through a temporary spool file first (one pass over the database, which also keeps
the widths right if a response arrives meanwhile), then the dictionary, then the
cases. The cases are written with SPSS's standard bytecode compression (header
compression 1, what SPSS itself writes by default): each 8-byte unit is a command
byte, small whole numbers and blank string units need no more, so a text column
as wide as its longest answer costs one byte per 8 blank bytes instead of all of
them (for a long free text, gigabytes at 1,000,000 responses). `compress=False`
writes the plain uncompressed 8-byte cases.
"""

from __future__ import annotations

import contextlib
import contextvars
import csv
import datetime
import io
import marshal
import math
import os
import re
import shutil
import struct
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from django.conf import settings
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet import _writer as _openpyxl_writer

from mitplan.core.exports import (
    XLSX_CELL_MAX_LENGTH,
    XLSX_CONTENT_TYPE,
    neutralise,
    sheet_title_clean,
)
from mitplan.processes.rules import require

from .answers import DONT_KNOW, OTHER, Definition, parse_number
from .models import Question, Response

__all__ = ["FORMATS", "Export", "ExportFailed", "survey_export"]

FORMATS = ("csv", "xlsx", "sav", "codebook")
SUFFIXES = {"csv": ".csv", "xlsx": ".xlsx", "sav": ".sav", "codebook": ".csv"}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "codebook": "text/csv; charset=utf-8",
    "xlsx": XLSX_CONTENT_TYPE,
    "sav": "application/x-spss-sav",
}
CHUNK_SIZE = 2000
# Excel's sheet: 1,048,576 rows, one of them the header.
XLSX_ROWS_PER_SHEET = 1_048_575

# What the tables write for "other" and "don't know": a choice code starts with a
# letter, so "_other" is never one; neither starts a formula.
OTHER_VALUE = "_other"
DONT_KNOW_VALUE = "dont_know"

NOMINAL, ORDINAL, SCALE = 1, 2, 3


class ExportFailed(Exception):
    """The export could not be completed; nothing was handed out."""


@dataclass
class Column:
    """One column of the table and one variable of the .sav file."""

    name: str
    label: str
    kind: str  # what it holds, for the codebook
    is_numeric: bool = False  # in .sav
    # (value in CSV/XLSX, value in .sav, label), for the codebook and value labels
    values: list = field(default_factory=list)
    sav_codes: dict | None = None  # table value → number in .sav
    missing: tuple = ()  # declared missing values in .sav
    measure: int = NOMINAL
    decimals: int = 0
    width: int = 8  # display width in SPSS
    is_datetime: bool = False


@dataclass
class Layout:
    columns: list[Column]
    # One per question: (answers, "other" texts) → its columns' values.
    extractors: list[Callable[[dict, dict], list]]


@dataclass
class Export:
    file: BinaryIO  # positioned at the start; the caller closes it
    filename: str
    content_type: str
    rows: int


def survey_export(
    survey,
    fmt: str,
    *,
    language: str | None = None,
    compress: bool = True,
    actor=None,
) -> Export:
    """The export `fmt` (one of FORMATS) of the survey's responses, complete in a
    temporary file, with texts in `language` (German where untranslated); raise
    ExportFailed if it cannot be completed. `actor` (staff downloading in the
    admin) must read the process's responses; None is the platform (a command,
    the benchmark), as in limesurvey.import_structure."""
    if actor is not None:
        require("surveys.read_responses", actor, survey.process)
    if fmt not in FORMATS:
        raise ValueError(fmt)
    language = language or settings.LANGUAGE_CODE
    out = workdir = None
    try:
        # Every temporary file of the export (openpyxl's too) goes into a directory
        # of its own, removed at the end whatever happened: a failure leaves none
        # behind. The finished file is anonymous, so it outlives the directory.
        workdir = tempfile.mkdtemp(prefix="mitplan-export-", dir=_temporary_dir())
        out = _temporary_file(workdir)
        with translation.override(language):
            layout = survey_layout(survey)
            if fmt == "csv":
                rows = csv_write(survey, layout, out)
            elif fmt == "xlsx":
                rows = xlsx_write(survey, layout, out, workdir=workdir)
            elif fmt == "sav":
                rows = sav_write(
                    survey, layout, out, compress=compress, workdir=workdir
                )
            else:
                rows = codebook_csv_write(layout, out)
            name = _("responses") if fmt != "codebook" else _("codebook")
        out.flush()
        out.seek(0)
    except Exception as error:  # a full disk, the database, a bug: never half a file
        if out is not None:
            _close_quietly(out)
        raise ExportFailed(str(error)) from error
    finally:
        if workdir is not None:
            _remove_quietly(workdir)
    filename = f"{survey.slug}-{name}-{timezone.localdate().isoformat()}"
    return Export(out, filename + SUFFIXES[fmt], CONTENT_TYPES[fmt], rows)


def _temporary_dir() -> str | None:
    return getattr(settings, "FILE_UPLOAD_TEMP_DIR", None)


def _temporary_file(directory: str | None = None):
    """An anonymous file (gone when closed), with a large buffer for many small
    writes."""
    return tempfile.TemporaryFile(buffering=1 << 20, dir=directory or _temporary_dir())


def _close_quietly(file) -> None:
    """Close `file` after a failure. Closing flushes its buffer, which on a full
    disk fails again; that must not hide the first error (the descriptor is closed
    all the same)."""
    with contextlib.suppress(Exception):
        file.close()


def _remove_quietly(directory: str) -> None:
    shutil.rmtree(directory, ignore_errors=True)
    prefix = os.path.join(directory, "")
    # openpyxl lists its temporary files to remove them at exit; forget ours, one
    # by one (another export may be adding its own meanwhile).
    for path in list(_openpyxl_writer.ALL_TEMP_FILES):
        if path.startswith(prefix):
            with contextlib.suppress(ValueError):
                _openpyxl_writer.ALL_TEMP_FILES.remove(path)


# openpyxl's write-only sheets spool their rows to named temporary files in the
# system's temporary directory, removed only once the workbook is saved (or when
# the process exits): an export that fails half-way would leave them behind. Within
# xlsx_write they go into the export's own directory instead, removed with it.
_openpyxl_dir: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "openpyxl_dir", default=None
)
_openpyxl_create_temporary_file = _openpyxl_writer.create_temporary_file


def _openpyxl_temporary_file(suffix=""):
    directory = _openpyxl_dir.get()
    if directory is None:
        return _openpyxl_create_temporary_file(suffix)
    with tempfile.NamedTemporaryFile(
        mode="w+", suffix=suffix, prefix="openpyxl.", delete=False, dir=directory
    ) as file:
        name = file.name
    _openpyxl_writer.ALL_TEMP_FILES.append(name)  # WorksheetWriter.cleanup expects it
    return name


_openpyxl_writer.create_temporary_file = _openpyxl_temporary_file


# --- Columns ---------------------------------------------------------------


def survey_layout(survey) -> Layout:
    """The columns of the survey's export, labelled in the active language."""
    languages = dict(settings.LANGUAGES)
    columns = [
        Column("id", _("Response number"), _("Number"), True, measure=SCALE, width=10),
        Column(
            "sent_at",
            _("Sent at"),
            _("Date and time (local time in %(zone)s)") % {"zone": settings.TIME_ZONE},
            True,
            measure=SCALE,
            width=20,
            is_datetime=True,
        ),
        Column(
            "language",
            _("Language answered in"),
            _("Language code"),
            values=[(code, code, name) for code, name in languages.items()],
        ),
        Column(
            "source",
            _("Source"),
            _("Code"),
            values=[
                (code, code, str(label)) for code, label in Response.Source.choices
            ],
        ),
        Column("source_note", _("Where it was collected"), _("Text")),
    ]
    extractors = []
    for question in Definition.of(survey).questions:
        question_columns, extract = _question_columns(question)
        columns.extend(question_columns)
        extractors.append(extract)
    for column, name in zip(
        columns, spss_names([c.name for c in columns]), strict=True
    ):
        column.name = name
    return Layout(columns, extractors)


def _question_columns(question) -> tuple[list[Column], Callable]:
    kind = question.kind
    code = question.code
    text = _plain(question.text)
    kind_label = str(question.get_kind_display())
    options = question.options()
    option_codes = [c.code for c in options]
    other_label = _plain(question.other_label) or _("Other")
    numbered = {c.code: n for n, c in enumerate(options, start=1)}
    option_values = [(c.code, numbered[c.code], _plain(c.label)) for c in options]
    other_text = Column(
        f"{code}_other_text",
        f"{text}: {other_label}",
        _('Text ("other, namely …")'),
    )

    if kind == Question.Kind.SINGLE:
        values = list(option_values)
        codes = dict(numbered)
        if question.allows_other:
            codes[OTHER_VALUE] = len(options) + 1
            values.append((OTHER_VALUE, len(options) + 1, other_label))
        columns = [Column(code, text, kind_label, True, values, codes)]
        if question.allows_other:
            columns.append(other_text)

        def extract(answers, others):
            value = answers.get(code)
            if not isinstance(value, str):
                value = None
            elif value == OTHER:
                value = OTHER_VALUE
            if question.allows_other:
                return [value, _text(others.get(code))]
            return [value]

        return columns, extract

    if kind == Question.Kind.MULTIPLE:
        flag_kind = _("%(kind)s: 1 chosen, 0 not chosen") % {"kind": kind_label}
        flags = [(1, 1, _("chosen")), (0, 0, _("not chosen"))]
        columns = [
            Column(
                f"{code}_{c.code}", f"{text}: {_plain(c.label)}", flag_kind, True, flags
            )
            for c in options
        ]
        wanted = list(option_codes)
        if question.allows_other:
            columns.append(
                Column(
                    f"{code}_other", f"{text}: {other_label}", flag_kind, True, flags
                )
            )
            columns.append(other_text)
            wanted.append(OTHER)
        empty = [None] * len(columns)

        def extract(answers, others):
            value = answers.get(code)
            if not isinstance(value, list):
                return empty
            chosen = [int(c in value) for c in wanted]
            if question.allows_other:
                chosen.append(_text(others.get(code)))
            return chosen

        return columns, extract

    if kind == Question.Kind.SCALE:
        values = []
        if question.scale_min_label:
            values.append(
                (
                    question.scale_min,
                    question.scale_min,
                    _plain(question.scale_min_label),
                )
            )
        if question.scale_max_label:
            values.append(
                (
                    question.scale_max,
                    question.scale_max,
                    _plain(question.scale_max_label),
                )
            )
        codes, missing = None, ()
        if question.allows_dont_know:
            dont_know = dont_know_code(question.scale_min, question.scale_max)
            codes, missing = {DONT_KNOW_VALUE: dont_know}, (dont_know,)
            values.append((DONT_KNOW_VALUE, dont_know, _("don't know")))
        column = Column(
            code,
            text,
            _("%(kind)s from %(low)d to %(high)d")
            % {
                "kind": kind_label,
                "low": question.scale_min,
                "high": question.scale_max,
            },
            True,
            values,
            codes,
            missing,
            measure=ORDINAL,
        )

        def extract(answers, others):
            value = answers.get(code)
            if value == DONT_KNOW:
                return [DONT_KNOW_VALUE]
            if isinstance(value, bool) or not isinstance(value, int):
                return [None]
            return [value]

        return [column], extract

    if kind == Question.Kind.MATRIX:
        items = question.items()
        item_codes = [c.code for c in items]
        columns = [
            Column(
                f"{code}_{item.code}",
                f"{text}: {_plain(item.label)}",
                kind_label,
                True,
                list(option_values),
                dict(numbered),
            )
            for item in items
        ]

        def extract(answers, others):
            value = answers.get(code)
            if not isinstance(value, dict):
                return [None] * len(item_codes)
            return [_choice(value.get(item), numbered) for item in item_codes]

        return columns, extract

    if kind == Question.Kind.RANKING:
        place_kind = _("%(kind)s: place given (1 = first)") % {"kind": kind_label}
        columns = [
            Column(
                f"{code}_{c.code}",
                f"{text}: {_plain(c.label)}",
                place_kind,
                True,
                measure=ORDINAL,
            )
            for c in options
        ]

        def extract(answers, others):
            value = answers.get(code)
            if not isinstance(value, list):
                return [None] * len(option_codes)
            places = {c: n for n, c in enumerate(value, start=1)}
            return [places.get(c) for c in option_codes]

        return columns, extract

    if kind == Question.Kind.NUMBER:
        unit = _plain(question.unit)
        column = Column(
            code,
            f"{text} ({unit})" if unit else text,
            kind_label,
            True,
            measure=SCALE,
            decimals=2,
            width=12,
        )

        def extract(answers, others):
            value = answers.get(code)
            return [parse_number(value) if value is not None else None]

        return [column], extract

    # Short and long texts (and, defensively, any kind added later).
    column = Column(code, text, kind_label)

    def extract(answers, others):
        return [_text(answers.get(code))]

    return [column], extract


def _choice(value, numbered: dict):
    return value if isinstance(value, str) and value in numbered else None


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def _plain(text) -> str:
    """A label on one line."""
    return " ".join(str(text or "").split())


def dont_know_code(low: int, high: int) -> int:
    """The .sav value of "don't know": 99, or 999, 9999 … above the scale."""
    code = 99
    while low <= code <= high:
        code = code * 10 + 9
    return code


# SPSS: a name starts with a letter and holds letters, digits and . _ $ # @; these
# are its reserved words; names are compared without regard to case.
_RESERVED = {
    *("ALL", "AND", "BY", "EQ", "GE", "GT", "LE"),
    *("LT", "NE", "NOT", "OR", "TO", "WITH"),
}
_NAME_CHARACTERS = re.compile(r"[^A-Za-z0-9_]")
NAME_MAX_BYTES = 64


def spss_names(wanted: list[str]) -> list[str]:
    """Valid, unique SPSS variable names for `wanted`, in order: only ASCII letters,
    digits and _, a letter first, at most 64 bytes, none a reserved word; a clash
    (also in case, or by shortening) gets a number: age, age_2."""
    taken: set[str] = set()
    names = []
    for name in wanted:
        name = _NAME_CHARACTERS.sub("_", name)
        if not name or not name[0].isalpha():
            name = "v_" + name
        if name.upper() in _RESERVED:
            name += "_"
        name = name[:NAME_MAX_BYTES]
        candidate, number = name, 1
        while candidate.upper() in taken:
            number += 1
            suffix = f"_{number}"
            candidate = name[: NAME_MAX_BYTES - len(suffix)] + suffix
        taken.add(candidate.upper())
        names.append(candidate)
    return names


# --- Rows ------------------------------------------------------------------


def response_rows(survey, layout: Layout) -> Iterator[list]:
    """One list of values per response, in the order of `layout.columns`: texts,
    codes, whole numbers, Decimals, local datetimes or None (no answer)."""
    responses = (
        Response.objects.filter(survey=survey)
        .order_by("pk")
        .values_list(
            "pk", "submitted_at", "language", "source", "source_note", "answers"
        )
    )
    zone = timezone.get_default_timezone()
    extractors = layout.extractors
    for pk, sent_at, language, source, note, answers in responses.iterator(
        chunk_size=CHUNK_SIZE
    ):
        if not isinstance(answers, dict):
            answers = {}
        others = answers.get(OTHER)
        if not isinstance(others, dict):
            others = {}
        sent_at = timezone.make_naive(sent_at, zone).replace(microsecond=0)
        row = [pk, sent_at, language, source, note or None]
        for extract in extractors:
            row.extend(extract(answers, others))
        yield row


def _table_cell(value):
    """A value for CSV: texts neutralised, numbers kept as numbers."""
    if isinstance(value, str | Promise):
        return neutralise(str(value))
    return value


# --- CSV -------------------------------------------------------------------


def _text_writer(out: BinaryIO):
    stream = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=False)
    stream.write("\ufeff")  # Excel reads UTF-8 only with the mark
    # Every field quoted, as core.exports does: a ; or , inside a cell cannot start a
    # new one in a program that guesses another delimiter.
    return stream, csv.writer(stream, quoting=csv.QUOTE_ALL)


def csv_write(survey, layout: Layout, out: BinaryIO) -> int:
    stream, writer = _text_writer(out)
    writer.writerow([c.name for c in layout.columns])
    count = 0
    for row in response_rows(survey, layout):
        writer.writerow(
            [
                v.isoformat(sep=" ")
                if isinstance(v, datetime.datetime)
                else _table_cell(v)
                for v in row
            ]
        )
        count += 1
    stream.flush()
    stream.detach()
    return count


def codebook_rows(layout: Layout) -> Iterator[list]:
    """variable, label, kind, value, value in SPSS, value label: a row for each
    variable, then one for each of its labelled values."""
    for column in layout.columns:
        yield [column.name, column.label, column.kind, None, None, None]
        for value, sav_value, label in column.values:
            yield [column.name, None, None, value, sav_value, label]


def codebook_header() -> list[str]:
    return [
        _("variable"),
        _("question or meaning"),
        _("kind"),
        _("value"),
        _("value in SPSS"),
        _("value label"),
    ]


def codebook_csv_write(layout: Layout, out: BinaryIO) -> int:
    stream, writer = _text_writer(out)
    writer.writerow(codebook_header())
    for row in codebook_rows(layout):
        writer.writerow([_table_cell(v) for v in row])
    stream.flush()
    stream.detach()
    return len(layout.columns)


# --- XLSX ------------------------------------------------------------------


def _xlsx_value(value):
    if isinstance(value, str | Promise):  # lazy translations are text too
        return neutralise(str(value))[:XLSX_CELL_MAX_LENGTH]
    return value


def xlsx_write(
    survey, layout: Layout, out: BinaryIO, *, workdir: str | None = None
) -> int:
    """Write the responses and the codebook as a workbook to `out`; openpyxl's
    temporary files go into `workdir` (the caller removes it)."""
    if workdir is None:
        directory = tempfile.mkdtemp(prefix="mitplan-export-", dir=_temporary_dir())
        try:
            return xlsx_write(survey, layout, out, workdir=directory)
        finally:
            _remove_quietly(directory)
    token = _openpyxl_dir.set(workdir)
    workbook = Workbook(write_only=True)
    try:
        return _xlsx_write(survey, layout, out, workbook)
    except Exception:
        # Close the half-written sheets now, while their files still exist, rather
        # than when they are garbage collected.
        for sheet in workbook.worksheets:
            for stream in (getattr(sheet, "_rows", None), sheet._writer):
                with contextlib.suppress(Exception):
                    if stream is not None:
                        stream.close()
        raise
    finally:
        _openpyxl_dir.reset(token)


def _xlsx_write(survey, layout: Layout, out: BinaryIO, workbook: Workbook) -> int:
    bold = Font(bold=True)
    title = sheet_title_clean(_("Responses"))

    def new_sheet(name: str, header: list):
        sheet = workbook.create_sheet(name)
        sheet.freeze_panes = "A2"
        cells = []
        for value in header:
            cell = WriteOnlyCell(sheet, value=_xlsx_value(value))
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)
        return sheet

    def responses_sheet(number: int):
        name = title if number == 1 else sheet_title_clean(f"{title} ({number})")
        return new_sheet(name, [column.name for column in layout.columns])

    sheets = 1
    sheet = responses_sheet(sheets)
    on_sheet = count = 0
    datetime_columns = [n for n, c in enumerate(layout.columns) if c.is_datetime]
    for row in response_rows(survey, layout):
        if on_sheet == XLSX_ROWS_PER_SHEET:
            sheets += 1
            sheet = responses_sheet(sheets)
            on_sheet = 0
        cells = [_xlsx_value(v) for v in row]
        for index in datetime_columns:
            if cells[index] is not None:
                cell = WriteOnlyCell(sheet, value=cells[index])
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
                cells[index] = cell
        sheet.append(cells)
        on_sheet += 1
        count += 1

    codebook = new_sheet(sheet_title_clean(_("Codebook")), codebook_header())
    for row in codebook_rows(layout):
        codebook.append([_xlsx_value(v) for v in row])
    workbook.save(out)
    return count


# --- SPSS system file ------------------------------------------------------

SYSMIS = -sys.float_info.max
HIGHEST = sys.float_info.max
LOWEST = math.nextafter(-sys.float_info.max, 0)
BIAS = 100.0
STRING_MAX = 32767  # bytes, SPSS's widest string
SEGMENT = 255  # a string variable record is at most this wide
VARIABLE_LABEL_MAX = 255  # bytes
VALUE_LABEL_MAX = 120  # bytes
FORMAT_A, FORMAT_F, FORMAT_DATETIME = 1, 5, 22
# SPSS counts time in seconds from the first day of the Gregorian calendar.
_SPSS_EPOCH = datetime.datetime(1582, 10, 14)
_MONTHS = (
    *("Jan", "Feb", "Mar", "Apr", "May", "Jun"),
    *("Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
)

_D = struct.Struct("<d")
_SYSMIS_BYTES = _D.pack(SYSMIS)
_SPACES = b" " * 8
_CODE_RAW, _CODE_SPACES, _CODE_SYSMIS = 253, 254, 255


def _round8(width: int) -> int:
    return (width + 7) // 8 * 8


def _utf8_cut(data: bytes, limit: int) -> bytes:
    """At most `limit` bytes, never half a character."""
    if len(data) <= limit:
        return data
    return data[:limit].decode("utf-8", "ignore").encode("utf-8")


def segment_widths(width: int) -> list[int]:
    """The widths of the variable records of a string `width` bytes wide: one up to
    255; a "very long string" has one per 252 bytes, all 255 but the last."""
    if width <= SEGMENT:
        return [width]
    count = (width + 251) // 252
    return [SEGMENT] * (count - 1) + [width - (count - 1) * 252]


@dataclass
class _SavVariable:
    column: Column
    short_name: str
    width: int  # 0 numeric, else string width in bytes
    segments: list[int] = field(default_factory=list)
    index: int = 0  # 1-based position of its first 8-byte unit

    @property
    def units(self) -> int:
        return 1 if not self.width else sum(_round8(w) // 8 for w in self.segments)


def _sav_value(column: Column, value):
    """A row's value as the .sav stores it: a float or None (system missing) for a
    numeric variable, UTF-8 bytes for a string."""
    if not column.is_numeric:
        if value is None:
            return b""
        return _utf8_cut(neutralise(str(value)).encode("utf-8"), STRING_MAX)
    if value is None:
        return None
    if column.sav_codes is not None and isinstance(value, str):
        return float(column.sav_codes[value]) if value in column.sav_codes else None
    if column.is_datetime:
        return (value - _SPSS_EPOCH).total_seconds()
    return float(value)


def sav_write(
    survey,
    layout: Layout,
    out: BinaryIO,
    *,
    compress: bool = True,
    workdir: str | None = None,
) -> int:
    """Write the responses as an SPSS system file to `out`; return how many. The
    spool is an anonymous file in `workdir`."""
    columns = layout.columns
    widths = [0] * len(columns)
    strings = [n for n, c in enumerate(columns) if not c.is_numeric]
    count = 0
    spool = _temporary_file(workdir)
    try:
        for row in response_rows(survey, layout):
            values = [_sav_value(c, v) for c, v in zip(columns, row, strict=True)]
            for n in strings:
                if len(values[n]) > widths[n]:
                    widths[n] = len(values[n])
            marshal.dump(values, spool)
            count += 1
        variables = _sav_variables(columns, widths)
        _sav_dictionary(out, survey, variables, count, compress=compress)
        spool.seek(0)
        encode = _case_encoder(variables, compress)
        if compress:
            compressor = _Compressor(out)
            for _n in range(count):
                compressor.add(*encode(marshal.load(spool)))  # noqa: S302 - our spool
            compressor.close()
        else:
            for _n in range(count):
                out.write(encode(marshal.load(spool)))  # noqa: S302 - our spool
    finally:
        _close_quietly(spool)  # only read from by now, or failed already
    return count


def _sav_variables(columns: list[Column], widths: list[int]) -> list[_SavVariable]:
    variables = []
    index = 1
    for number, (column, width) in enumerate(
        zip(columns, widths, strict=True), start=1
    ):
        width = 0 if column.is_numeric else max(1, min(width, STRING_MAX))
        variable = _SavVariable(
            column,
            short_name=f"V{_base36(number)}",
            width=width,
            segments=segment_widths(width) if width else [],
            index=index,
        )
        index += variable.units
        variables.append(variable)
    return variables


def _base36(number: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


def _format(kind: int, width: int, decimals: int = 0) -> int:
    return (kind << 16) | (min(width, 255) << 8) | decimals


def _name8(name: str) -> bytes:
    return name.encode("ascii").ljust(8)


def _sav_dictionary(out, survey, variables, count: int, *, compress: bool) -> None:
    i32 = struct.Struct("<i").pack
    now = timezone.localtime()
    label = _utf8_cut(_plain(survey.title).encode("utf-8"), 64)
    units = sum(v.units for v in variables)
    out.write(
        b"$FL2"
        + b"@(#) SPSS DATA FILE mitplan".ljust(60)
        + struct.pack("<iiiii", 2, units, 1 if compress else 0, 0, count)
        + _D.pack(BIAS)
        + f"{now.day:02d} {_MONTHS[now.month - 1]} {now.year % 100:02d}".encode()
        + now.strftime("%H:%M:%S").encode()
        + label.ljust(64)
        + b"\0\0\0"
    )
    for variable in variables:
        column = variable.column
        text = _utf8_cut(column.label.encode("utf-8"), VARIABLE_LABEL_MAX)
        if column.is_numeric:
            if column.is_datetime:
                fmt = _format(FORMAT_DATETIME, 20)
            else:
                fmt = _format(FORMAT_F, max(column.width, 8), column.decimals)
            missing = [float(m) for m in column.missing][:3]
            out.write(
                i32(2)
                + struct.pack("<iiiii", 0, 1 if text else 0, len(missing), fmt, fmt)
                + _name8(variable.short_name)
            )
            if text:
                out.write(i32(len(text)) + text.ljust(_round4(len(text)), b" "))
            for value in missing:
                out.write(_D.pack(value))
            continue
        for number, width in enumerate(variable.segments):
            fmt = _format(FORMAT_A, width)
            name = (
                variable.short_name
                if number == 0
                else f"{variable.short_name}_{_base36(number)}"
            )
            has_label = bool(text) and number == 0
            out.write(
                i32(2)
                + struct.pack("<iiiii", width, int(has_label), 0, fmt, fmt)
                + _name8(name)
            )
            if has_label:
                out.write(i32(len(text)) + text.ljust(_round4(len(text)), b" "))
            for _unit in range(_round8(width) // 8 - 1):  # continuation records
                out.write(i32(2) + struct.pack("<iiiii", -1, 0, 0, 0, 0) + b" " * 8)
    for variable in variables:  # value labels (types 3 and 4), numbers only
        column = variable.column
        if not column.is_numeric or not column.values:
            continue
        out.write(i32(3) + i32(len(column.values)))
        for _value, sav_value, text in column.values:
            data = _utf8_cut(_plain(text).encode("utf-8"), VALUE_LABEL_MAX)
            padded = (len(data) + 1 + 7) // 8 * 8 - 1
            out.write(
                _D.pack(float(sav_value)) + bytes([len(data)]) + data.ljust(padded)
            )
        out.write(i32(4) + i32(1) + i32(variable.index))

    def info(subtype: int, size: int, payload: bytes) -> None:
        out.write(
            i32(7) + i32(subtype) + i32(size) + i32(len(payload) // size) + payload
        )

    info(3, 4, struct.pack("<8i", 1, 0, 0, -1, 1, 1, 2, 65001))
    info(4, 8, struct.pack("<3d", SYSMIS, HIGHEST, LOWEST))
    display = b""
    for variable in variables:
        column = variable.column
        width = min(max(column.width, len(column.name)), 40)
        alignment = 1 if column.is_numeric else 0
        for _segment in variable.segments or [0]:
            display += struct.pack("<3i", column.measure, width, alignment)
    info(11, 4, display)
    names = "\t".join(f"{v.short_name}={v.column.name}" for v in variables)
    info(13, 1, names.encode("utf-8"))
    very_long = b"".join(
        f"{v.short_name}={v.width:05d}".encode() + b"\0\t"
        for v in variables
        if v.width > SEGMENT
    )
    if very_long:
        info(14, 1, very_long)
    info(20, 1, b"UTF-8")
    out.write(i32(999) + i32(0))


def _round4(length: int) -> int:
    return (length + 3) // 4 * 4


def _case_encoder(variables: list[_SavVariable], compress: bool):
    """A function from a spooled row to its case: bytes (uncompressed), or the
    command bytes and the 8-byte units that follow them (compressed)."""
    plans = []
    for variable in variables:
        if not variable.width:
            plans.append(None)
            continue
        # Where each segment's data starts in the value, and its storage width.
        plans.append(
            [
                (
                    n * SEGMENT,
                    SEGMENT if n < len(variable.segments) - 1 else None,
                    _round8(w),
                )
                for n, w in enumerate(variable.segments)
            ]
        )

    def pieces(value: bytes, plan):
        for start, length, storage in plan:
            piece = value[start : start + length] if length else value[start:]
            yield piece, storage

    if not compress:
        pack = _D.pack

        def encode(values) -> bytes:
            parts = []
            for plan, value in zip(plans, values, strict=True):
                if plan is None:
                    parts.append(_SYSMIS_BYTES if value is None else pack(value))
                else:
                    for piece, storage in pieces(value, plan):
                        parts.append(piece.ljust(storage))
            return b"".join(parts)

        return encode

    pack = _D.pack

    def encode_compressed(values):
        codes = bytearray()
        data = []
        for plan, value in zip(plans, values, strict=True):
            if plan is None:
                if value is None:
                    codes.append(_CODE_SYSMIS)
                elif value.is_integer() and -99 <= value <= 151:
                    codes.append(int(value) + 100)
                else:
                    codes.append(_CODE_RAW)
                    data.append(pack(value))
                continue
            for piece, storage in pieces(value, plan):
                used = _round8(len(piece))
                if used:
                    piece = piece.ljust(used)
                    for start in range(0, used, 8):
                        unit = piece[start : start + 8]
                        if unit == _SPACES:
                            codes.append(_CODE_SPACES)
                        else:
                            codes.append(_CODE_RAW)
                            data.append(unit)
                blank = (storage - used) // 8
                if blank:
                    codes += bytes([_CODE_SPACES]) * blank
        return codes, data

    return encode_compressed


class _Compressor:
    """SPSS bytecode compression: blocks of 8 command bytes, each followed by the
    8-byte units of its commands that carry data (253); blocks run across cases."""

    def __init__(self, out):
        self.out = out
        self.commands = bytearray()
        self.data: list[bytes] = []

    def add(self, codes: bytearray, data: list[bytes]) -> None:
        position, taken, length = 0, 0, len(codes)
        while position < length:
            room = 8 - len(self.commands)
            part = codes[position : position + room]
            carried = part.count(_CODE_RAW)
            self.commands += part
            if carried:
                self.data.extend(data[taken : taken + carried])
                taken += carried
            position += len(part)
            if len(self.commands) == 8:
                self.out.write(bytes(self.commands) + b"".join(self.data))
                self.commands.clear()
                self.data.clear()

    def close(self) -> None:
        if self.commands:  # the last block, padded with "ignore" commands
            self.commands += bytes(8 - len(self.commands))
            self.out.write(bytes(self.commands) + b"".join(self.data))
            self.commands.clear()
            self.data.clear()
