"""LimeSurvey structure files (.lss) imported as a survey of a process.

A .lss file is XML that LimeSurvey 3 to 6 exports: tables of rows (groups,
questions, subquestions, answers, attributes, conditions, the survey's settings).
Two layouts exist. Since LimeSurvey 4 the texts sit in their own tables
(question_l10ns, answer_l10ns, group_l10ns); before, every question, answer and
group row carries a `language` column and repeats once per language. Both are read
into one structure here, then mapped onto ours:

    groups, in group_order              pages
    L ! O  list, dropdown, w/ comment   single (O loses its comment box)
    M P    multiple, w/ comments        multiple (P loses its comment boxes)
    Y G    yes/no, gender               single with Y/N, F/M
    5      five-point choice            scale 1–5
    A B C E F H 1  arrays               matrix: the subquestions are its lines, the
                                        answers (or the fixed points) its columns,
                                        with their codes (1: the first scale only)
    R      ranking                      ranking
    N      numerical input              number
    K Q    multiple numeric / texts     one number / short text per subquestion
    S / T U                             short text / long text
    D | * : ;                           not imported, reported with the reason
    X I    text display, language       not questions: reported as skipped

Relevance expressions (ExpressionScript) and <conditions> rows become our condition
JSON (conditions.py) where they say what our conditions can say about questions on
earlier pages; anything else is reported with the original expression. Nothing is
left behind silently: every question, text, language and condition that is not
imported as it was is in the ImportReport.

The file is untrusted input: size and NUL bytes are checked before parsing, and
defusedxml refuses DTDs and entities (billion laughs, external entities); malformed
XML and other documents than a survey structure are refused with a message for
staff (ImportRefused), and nothing is written."""

import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from html.parser import HTMLParser
from xml.etree.ElementTree import ParseError

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml import ElementTree as SafeElementTree
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from mitplan.core.audit import acting_account
from mitplan.processes.rules import require

from . import conditions
from .definition import MAX_QUESTIONS
from .models import Choice, Question, Survey

MAX_BYTES = 20 * 1024 * 1024
LOG_IMPORTED = "mitplan.survey.imported"
# Longer relevance expressions are computations, not conditions we could say.
MAX_EXPRESSION = 2000
MAX_PAGE = 50  # Question.page's validator
DAYS_OPEN = 30  # when neither the file nor the process dates the survey
SOURCE_LANGUAGE = settings.LANGUAGE_CODE

YES, NO = gettext_lazy("Yes"), gettext_lazy("No")
FIXED_OPTIONS = {
    "Y": [("Y", YES), ("N", NO)],
    "G": [("F", gettext_lazy("Female")), ("M", gettext_lazy("Male"))],
    "C": [("Y", YES), ("U", gettext_lazy("Uncertain")), ("N", NO)],
    "E": [
        ("I", gettext_lazy("Increase")),
        ("S", gettext_lazy("Same")),
        ("D", gettext_lazy("Decrease")),
    ],
    "A": [(str(point), str(point)) for point in range(1, 6)],
    "B": [(str(point), str(point)) for point in range(1, 11)],
}
SINGLE_TYPES = "L!OYG"
MULTIPLE_TYPES = "MP"
MATRIX_TYPES = "ABCEFH1"
SKIPPED_TYPES = {
    "X": gettext_lazy("Text display, not a question: its text is not imported"),
    "I": gettext_lazy(
        "Language switch, not a question: mitplan offers the survey's languages itself"
    ),
}
UNMAPPABLE_TYPES = {
    "D": gettext_lazy(
        "Date: mitplan has no date question (a short text would lose the date check)"
    ),
    "|": gettext_lazy("File upload: mitplan surveys take no files"),
    "*": gettext_lazy(
        "Equation: LimeSurvey computes it; mitplan has no computed answers"
    ),
    ":": gettext_lazy(
        "Array of numbers: every cell takes a number, a mitplan matrix takes one "
        "answer per line"
    ),
    ";": gettext_lazy(
        "Array of texts: every cell takes a text, a mitplan matrix takes one "
        "answer per line"
    ),
}
# Attributes that change what a person sees or may answer, and that we cannot keep.
LOST_ATTRIBUTES = {
    "hidden": gettext_lazy("Hidden in LimeSurvey; mitplan shows it"),
    "array_filter": gettext_lazy(
        "Its lines are filtered by another question's answers (array_filter); "
        "mitplan shows all lines"
    ),
    "array_filter_exclude": gettext_lazy(
        "Its lines are filtered by another question's answers "
        "(array_filter_exclude); mitplan shows all lines"
    ),
    "em_validation_q": gettext_lazy("Its validation expression is not imported"),
    "em_validation_sq": gettext_lazy(
        "The validation expression of its lines is not imported"
    ),
    "random_order": gettext_lazy(
        "LimeSurvey shows its answers in random order; mitplan in the file's order"
    ),
    "exclude_all_others": gettext_lazy(
        "An answer that excludes the others (exclude_all_others) is an ordinary "
        "answer in mitplan"
    ),
    "prefix": gettext_lazy("The prefix before the input is not imported"),
    "equals_num_value": gettext_lazy("The required total of its numbers is not kept"),
    "min_num_value": gettext_lazy("The smallest total of its numbers is not kept"),
    "max_num_value": gettext_lazy("The largest total of its numbers is not kept"),
}
NO_VALUE = {"", "0", "N"}


class ImportRefused(ValidationError):
    """The file is refused as a whole, before anything is written; the message
    says why, in the active language."""


# --- Reading the file ---------------------------------------------------------


def too_large() -> ImportRefused:
    """The refusal of a file over MAX_BYTES (callers check the size of an upload
    before reading it)."""
    return ImportRefused(
        _(
            "The file is larger than %(limit)d MB. A LimeSurvey survey structure "
            "(.lss) is much smaller: is it the right file?"
        )
        % {"limit": MAX_BYTES // (1024 * 1024)},
        code="too_large",
    )


def read_document(data: bytes):
    """The root element of a LimeSurvey survey structure file, or ImportRefused."""
    if not isinstance(data, bytes | bytearray):
        raise ImportRefused(_("The file could not be read."), code="unreadable")
    if len(data) > MAX_BYTES:
        raise too_large()
    if not data.strip():
        raise ImportRefused(_("The file is empty."), code="empty")
    if b"\x00" in data:
        raise ImportRefused(
            _(
                "The file contains NUL bytes, which no LimeSurvey export (UTF-8 XML) "
                "contains: it is damaged or another kind of file."
            ),
            code="nul",
        )
    try:
        root = SafeElementTree.fromstring(
            bytes(data), forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except (DTDForbidden, EntitiesForbidden):
        raise ImportRefused(
            _(
                "The file declares a document type or entities. LimeSurvey never "
                "writes them, and they can make a server run out of memory, so the "
                "file is refused."
            ),
            code="entities",
        ) from None
    except ExternalReferenceForbidden:
        raise ImportRefused(
            _(
                "The file refers to other files or addresses (external entities). "
                "LimeSurvey never writes them, so the file is refused."
            ),
            code="external",
        ) from None
    except LookupError:  # <?xml … encoding="x-bogus"?>: Python knows no such codec
        raise ImportRefused(
            _(
                "The file declares a character encoding that is unknown, so it "
                "cannot be read. LimeSurvey writes UTF-8: please export the survey "
                "from LimeSurvey again."
            ),
            code="encoding",
        ) from None
    except (ParseError, ValueError) as error:
        line = getattr(error, "position", (0, 0))[0]
        raise ImportRefused(
            _(
                "The file is not complete, well-formed XML (the error is in line "
                "%(line)d): it may be cut off or damaged. Please export it from "
                "LimeSurvey again."
            )
            % {"line": line},
            code="invalid",
        ) from None
    doctype = (root.findtext("LimeSurveyDocType") or "").strip()
    if root.tag != "document" or not doctype:
        raise ImportRefused(
            _(
                "This is not a LimeSurvey survey structure file. In LimeSurvey, "
                "export it with “Export → Survey structure (.lss)”."
            ),
            code="not_limesurvey",
        )
    if doctype != "Survey":
        raise ImportRefused(
            _(
                "This is a LimeSurvey export of the kind “%(kind)s”, not a whole "
                "survey. In LimeSurvey, export it with “Export → Survey structure "
                "(.lss)”."
            )
            % {"kind": doctype[:40]},
            code="not_survey",
        )
    return root


def plain_text(value: str, *, one_line: bool = False) -> str:
    """LimeSurvey's HTML as plain text: tags dropped, entities decoded, paragraphs
    and line breaks kept as line breaks (one line for labels and titles)."""
    if not value:
        return ""
    reader = _PlainText()
    reader.feed(value)
    reader.close()
    lines = [" ".join(line.split()) for line in "".join(reader.parts).split("\n")]
    if one_line:
        return " ".join(line for line in lines if line)
    text = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text)


class _PlainText(HTMLParser):
    BREAKS = {"br", "hr"}
    BLOCKS = {
        "p", "div", "li", "tr", "ul", "ol", "table", "blockquote", "pre",
        "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer",
    }  # fmt: skip
    HIDDEN = {"script", "style", "template", "head", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BREAKS:
            self.parts.append("\n")
        elif tag in self.BLOCKS:
            self.parts.append("\n")
            if tag == "li":
                self.parts.append("– ")

    def handle_startendtag(self, tag, attrs):
        if tag in self.BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            # Line breaks in HTML source are spaces; only tags break lines.
            self.parts.append(re.sub(r"\s+", " ", data.replace("\xa0", " ")))


# --- The structure in the file --------------------------------------------------


@dataclass
class _Answer:
    code: str
    order: int
    scale: int
    texts: dict = field(default_factory=dict)  # LimeSurvey language → HTML


@dataclass
class _Question:
    qid: str
    parent: str
    gid: str
    type: str
    title: str
    other: bool
    mandatory: str
    order: int
    scale: int
    relevance: str
    preg: str
    texts: dict = field(default_factory=dict)
    helps: dict = field(default_factory=dict)
    subquestions: list = field(default_factory=list)
    answers: list = field(default_factory=list)

    def lines(self, scale: int = 0) -> list:
        return [sq for sq in self.subquestions if sq.scale == scale]

    def options(self, scale: int = 0) -> list:
        return [a for a in self.answers if a.scale == scale]


@dataclass
class _Group:
    gid: str
    order: int
    relevance: str = ""
    names: dict = field(default_factory=dict)
    descriptions: dict = field(default_factory=dict)


@dataclass
class _Structure:
    sid: str
    languages: list  # LimeSurvey's codes, the base language first
    survey: dict
    settings: dict  # LimeSurvey language → surveys_languagesettings row
    groups: dict  # gid → _Group
    questions: list  # top-level questions in the survey's order
    by_qid: dict
    attributes: dict  # qid → {attribute: {language or "": value}}
    conditions: dict  # qid → [<conditions> rows]
    orphans: list  # codes of subquestions and answers of no question in the file


def _rows(root, name: str) -> list[dict]:
    return [
        {cell.tag: (cell.text or "").strip() for cell in row}
        for row in root.iterfind(f"{name}/rows/row")
    ]


def _int(value, default: int = 0) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def too_many_questions(count: int) -> ImportRefused:
    return ImportRefused(
        _(
            "The survey in the file has %(count)d questions; mitplan imports at "
            "most %(max)d per survey."
        )
        % {"count": count, "max": MAX_QUESTIONS},
        code="too_many_questions",
    )


def question_count(root) -> int:
    """How many questions (not subquestions) the document holds: counted on the
    raw rows, before anything is read into memory or mapped."""
    qids = set()
    for row in root.iterfind("questions/rows/row"):
        if (row.findtext("parent_qid") or "").strip() in ("", "0"):
            qids.add((row.findtext("qid") or "").strip())
    return len(qids)


def read_structure(root) -> _Structure:
    """The survey in a document from read_document, in either layout; refused with
    more than MAX_QUESTIONS questions."""
    count = question_count(root)
    if count > MAX_QUESTIONS:
        raise too_many_questions(count)
    survey = next(iter(_rows(root, "surveys")), {})
    languages = [
        (element.text or "").strip() for element in root.iterfind("languages/language")
    ]
    base = survey.get("language") or next((code for code in languages if code), "")
    if not any(languages):
        languages = [base, *survey.get("additional_languages", "").split()]
    languages = list(dict.fromkeys([base, *languages]))
    languages = [code for code in languages if code]

    groups = {}
    for row in _rows(root, "groups") + _rows(root, "group_l10ns"):
        gid = row.get("gid", "")
        group = groups.setdefault(gid, _Group(gid, _int(row.get("group_order"))))
        if "group_order" in row and "id" not in row:
            group.order = _int(row["group_order"])
        if row.get("grelevance"):
            group.relevance = row["grelevance"]
        if "group_name" in row:
            language = row.get("language") or base
            group.names[language] = row["group_name"]
            group.descriptions[language] = row.get("description", "")

    by_qid = {}
    for row in _rows(root, "questions") + _rows(root, "subquestions"):
        qid = row.get("qid", "")
        question = by_qid.get(qid)
        if question is None:
            question = by_qid[qid] = _Question(
                qid=qid,
                parent=row.get("parent_qid") or "0",
                gid=row.get("gid", ""),
                type=row.get("type", ""),
                title=row.get("title", ""),
                other=row.get("other") == "Y",
                mandatory=row.get("mandatory", "N"),
                order=_int(row.get("question_order")),
                scale=_int(row.get("scale_id")),
                relevance=row.get("relevance", ""),
                preg=row.get("preg", ""),
            )
        if "question" in row:  # the layout before LimeSurvey 4
            language = row.get("language") or base
            question.texts[language] = row["question"]
            question.helps[language] = row.get("help", "")
    for row in _rows(root, "question_l10ns"):
        question = by_qid.get(row.get("qid", ""))
        if question is not None:
            language = row.get("language") or base
            question.texts[language] = row.get("question", "")
            question.helps[language] = row.get("help", "")

    answers, by_aid, orphans = {}, {}, []
    for row in _rows(root, "answers"):
        question = by_qid.get(row.get("qid", ""))
        if question is None:
            orphans.append(row.get("code", ""))
            continue
        key = (question.qid, _int(row.get("scale_id")), row.get("code", ""))
        answer = answers.get(key)
        if answer is None:
            answer = answers[key] = _Answer(
                code=key[2], order=_int(row.get("sortorder")), scale=key[1]
            )
            question.answers.append(answer)
        if row.get("aid"):
            by_aid[row["aid"]] = answer
        if "answer" in row:  # the layout before LimeSurvey 4
            answer.texts[row.get("language") or base] = row["answer"]
    for row in _rows(root, "answer_l10ns"):
        answer = by_aid.get(row.get("aid", ""))
        if answer is not None:
            answer.texts[row.get("language") or base] = row.get("answer", "")

    attributes = {}
    for row in _rows(root, "question_attributes"):
        values = attributes.setdefault(row.get("qid", ""), {})
        values.setdefault(row.get("attribute", ""), {})[row.get("language", "")] = (
            row.get("value", "")
        )
    condition_rows = {}
    for row in _rows(root, "conditions"):
        condition_rows.setdefault(row.get("qid", ""), []).append(row)

    top = []
    for question in by_qid.values():
        parent = by_qid.get(question.parent) if question.parent != "0" else None
        if parent is not None:
            parent.subquestions.append(question)
        elif question.parent in ("0", ""):
            top.append(question)
        else:
            orphans.append(question.title)
    for question in by_qid.values():
        question.subquestions.sort(key=lambda sq: (sq.scale, sq.order, _int(sq.qid)))
        question.answers.sort(key=lambda a: (a.scale, a.order))

    def position(question):
        group = groups.get(question.gid)
        return (
            group.order if group else 10**9,
            _int(question.gid),
            question.order,
            _int(question.qid),
        )

    top.sort(key=position)
    return _Structure(
        sid=survey.get("sid", ""),
        languages=languages,
        survey=survey,
        settings={
            row.get("surveyls_language") or base: row
            for row in _rows(root, "surveys_languagesettings")
        },
        groups=groups,
        questions=top,
        by_qid=by_qid,
        attributes=attributes,
        conditions=condition_rows,
        orphans=list(dict.fromkeys(orphans)),
    )


# --- The report ---------------------------------------------------------------------


@dataclass
class Problem:
    code: str  # the question's code ("" for the survey as a whole)
    reason: str


@dataclass
class QuestionResult:
    code: str  # mitplan's code; LimeSurvey's when it was not imported
    source_code: str  # the question code (title) in LimeSurvey
    source_type: str  # LimeSurvey's question type letter
    kind: str = ""  # Question.Kind; "" when not imported
    page: int | None = None
    languages: list = field(default_factory=list)  # mitplan languages with a text
    condition: dict | None = None
    condition_source: str = ""  # the LimeSurvey expression or conditions
    condition_status: str = "none"  # none | translated | not_translated
    problems: list = field(default_factory=list)  # reasons (str)
    notes: list = field(default_factory=list)

    @property
    def is_imported(self) -> bool:
        return bool(self.kind)

    def get_kind_display(self) -> str:
        return str(Question.Kind(self.kind).label) if self.kind else ""

    @property
    def condition_json(self) -> str:
        return _json(self.condition) if self.condition is not None else ""


@dataclass
class ImportReport:
    dry_run: bool
    title: str = ""
    slug: str = ""
    source_id: str = ""
    languages: list = field(default_factory=list)
    unsupported_languages: list = field(default_factory=list)
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    questions: list = field(default_factory=list)  # QuestionResult
    problems: list = field(default_factory=list)  # Problem, every one
    notes: list = field(default_factory=list)  # Problem: how things were mapped
    survey_id: int | None = None

    @property
    def imported(self) -> list:
        return [q for q in self.questions if q.is_imported]

    @property
    def not_imported(self) -> list:
        return [q for q in self.questions if not q.is_imported]

    @property
    def survey_problems(self) -> list:
        return [p.reason for p in self.problems if not p.code]

    @property
    def survey_notes(self) -> list:
        return [p.reason for p in self.notes if not p.code]

    def problems_of(self, code: str) -> list[str]:
        return [p.reason for p in self.problems if p.code == code]


def report_lines(report: ImportReport) -> list[str]:
    """The report as lines of plain text (the management command prints them)."""
    lines = [
        _("Checked only, nothing was written.")
        if report.dry_run
        else _("Imported as survey %(id)s.") % {"id": report.survey_id},
        _("Survey: %(title)s (slug %(slug)s)")
        % {"title": report.title, "slug": report.slug},
        _("Open from %(opens)s to %(closes)s")
        % {
            "opens": timezone.localtime(report.opens_at).strftime("%Y-%m-%d %H:%M"),
            "closes": timezone.localtime(report.closes_at).strftime("%Y-%m-%d %H:%M"),
        },
        _("Languages: %(languages)s") % {"languages": ", ".join(report.languages)},
    ]
    if report.unsupported_languages:
        lines.append(
            _("Languages mitplan does not offer (not imported): %(languages)s")
            % {"languages": ", ".join(report.unsupported_languages)}
        )
    lines.append("")
    lines.append(_("Questions imported: %(count)d") % {"count": len(report.imported)})
    for result in report.imported:
        source = f"{result.source_code} ({result.source_type})"
        condition = {
            "none": _("no condition"),
            "translated": _("condition %(condition)s")
            % {"condition": _json(result.condition)},
            "not_translated": _("condition NOT translated"),
        }[result.condition_status]
        lines.append(
            _(
                "  page %(page)d  %(code)s ← %(source)s: %(kind)s "
                "[%(languages)s], %(condition)s"
            )
            % {
                "page": result.page,
                "code": result.code,
                "source": source,
                "kind": result.kind,
                "languages": ", ".join(result.languages),
                "condition": condition,
            }
        )
    if report.not_imported:
        lines.append("")
        lines.append(_("Not imported: %(count)d") % {"count": len(report.not_imported)})
        for result in report.not_imported:
            lines.append(f"  {result.source_code} ({result.source_type})")
    if report.problems:
        lines.append("")
        lines.append(_("Problems: %(count)d") % {"count": len(report.problems)})
        for problem in report.problems:
            lines.append(f"  {problem.code or _('survey')}: {problem.reason}")
    if report.notes:
        lines.append("")
        lines.append(_("Notes:"))
        for note in report.notes:
            lines.append(f"  {note.code or _('survey')}: {note.reason}")
    return lines


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


# --- Expressions --------------------------------------------------------------------

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
    | (?P<name>[0-9]+X[0-9]+X[0-9]+[A-Za-z0-9_]*(?:\.[A-Za-z_]+)?
              |[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_]+)?)
    | (?P<number>[0-9]+(?:\.[0-9]+)?)
    | (?P<op>===|!==|==|!=|<=|>=|&&|\|\||[<>!()+\-*/,=])
    )""",
    re.VERBOSE,
)
_WORD_OPERATORS = {
    "and": "and",
    "or": "or",
    "not": "!",
    "eq": "==",
    "ne": "!=",
    "lt": "<",
    "le": "<=",
    "gt": ">",
    "ge": ">=",
}
_COMPARISONS = {
    "==": "=",
    "===": "=",
    "!=": "!=",
    "!==": "!=",
    "<": "<",
    "<=": "<=",
    ">": ">",
    ">=": ">=",
}
_FLIPPED = {"=": "=", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
_MAX_NESTING = 40


class _Untranslatable(Exception):
    """A condition our conditions cannot say; the message says why."""


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    while position < len(text):
        if not text[position:].strip():
            break
        match = _TOKEN.match(text, position)
        if match is None:
            raise _Untranslatable(_("The expression cannot be read."))
        kind = match.lastgroup
        value = match.group(kind)
        if kind == "name" and value.lower() in _WORD_OPERATORS:
            kind, value = "op", _WORD_OPERATORS[value.lower()]
        elif kind == "op":
            value = {"&&": "and", "||": "or"}.get(value, value)
        tokens.append((kind, value))
        position = match.end()
    return tokens


class _ExpressionParser:
    """ExpressionScript as far as conditions need it: comparisons of a question's
    answer with a value, is_empty(), !, and, or and parentheses."""

    def __init__(self, text: str):
        self.tokens = _tokens(text)
        self.position = 0
        self.depth = 0

    def parse(self):
        if not self.tokens:
            return ("const", True)
        node = self.either()
        if self.position != len(self.tokens):
            raise _Untranslatable(_("The expression cannot be read."))
        return node

    def peek(self):
        if self.position < len(self.tokens):
            return self.tokens[self.position]
        return (None, None)

    def take(self):
        token = self.peek()
        self.position += 1
        return token

    def accept(self, *ops) -> str | None:
        kind, value = self.peek()
        if kind == "op" and value in ops:
            self.position += 1
            return value
        return None

    def either(self):
        parts = [self.both()]
        while self.accept("or"):
            parts.append(self.both())
        return parts[0] if len(parts) == 1 else ("or", parts)

    def both(self):
        parts = [self.negation()]
        while self.accept("and"):
            parts.append(self.negation())
        return parts[0] if len(parts) == 1 else ("and", parts)

    def negation(self):
        if self.accept("!"):
            self.enter()
            node = ("not", self.negation())
            self.depth -= 1
            return node
        return self.comparison()

    def comparison(self):
        left = self.primary()
        op = self.accept(*_COMPARISONS)
        if op is None:
            if self.accept("=", "+", "-", "*", "/"):
                raise _Untranslatable(_("The expression computes or assigns values."))
            return left
        right = self.primary()
        if self.accept(*_COMPARISONS):
            raise _Untranslatable(_("The expression cannot be read."))
        return ("cmp", _COMPARISONS[op], left, right)

    def enter(self):
        self.depth += 1
        if self.depth > _MAX_NESTING:
            raise _Untranslatable(_("The expression is nested too deeply."))

    def primary(self):
        kind, value = self.take()
        if kind == "op" and value == "(":
            self.enter()
            node = self.either()
            self.depth -= 1
            if not self.accept(")"):
                raise _Untranslatable(_("The expression cannot be read."))
            return node
        if kind == "op" and value == "-" and self.peek()[0] == "number":
            return ("num", -Decimal(self.take()[1]))
        if kind == "string":
            return ("str", re.sub(r"\\(.)", r"\1", value[1:-1]))
        if kind == "number":
            return ("num", Decimal(value))
        if kind == "name":
            if self.accept("("):
                self.enter()
                arguments = []
                if not self.accept(")"):
                    arguments.append(self.either())
                    while self.accept(","):
                        arguments.append(self.either())
                    if not self.accept(")"):
                        raise _Untranslatable(_("The expression cannot be read."))
                self.depth -= 1
                return ("call", value.lower(), arguments)
            if value.lower() in ("true", "false"):
                return ("const", value.lower() == "true")
            return ("var", value)
        raise _Untranslatable(_("The expression cannot be read."))


def _any(parts: list) -> dict:
    """Join alternatives; alternatives naming answers of one question become one."""
    flat = []
    for part in parts:
        flat.extend(part.get("any", [part]))
    merged = []
    for part in flat:
        earlier = next(
            (
                m
                for m in merged
                if set(m) == {"question", "in"}
                and set(part) == {"question", "in"}
                and m["question"] == part["question"]
            ),
            None,
        )
        if earlier is not None:
            earlier["in"] += [code for code in part["in"] if code not in earlier["in"]]
        elif "in" in part:
            merged.append({**part, "in": list(part["in"])})
        else:
            merged.append(part)
    return merged[0] if len(merged) == 1 else {"any": merged}


def _all(parts: list) -> dict | None:
    flat = []
    for part in parts:
        if part is not None:
            flat.extend(part.get("all", [part]))
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else {"all": flat}


def _negate(condition: dict) -> dict:
    if "not" in condition:
        return condition["not"]
    if "answered" in condition:
        return {**condition, "answered": not condition["answered"]}
    return {"not": condition}


# Numbers a condition may compare with: plain decimals that JSON and our number
# answers (answers.parse_number) hold; no NaN, no exponents, no 400 digits.
_PLAIN_NUMBER = re.compile(r"-?[0-9]{1,12}(\.[0-9]{1,6})?")


def _plain_number(text: str) -> Decimal | None:
    text = text.strip()
    if not _PLAIN_NUMBER.fullmatch(text):
        return None
    return Decimal(text)


def _number_of(node) -> Decimal | None:
    if node[0] == "num":
        return _plain_number(format(node[1], "f"))
    if node[0] == "str":
        return _plain_number(node[1])
    return None


def _json_number(number: Decimal):
    return int(number) if number == number.to_integral_value() else float(number)


def _text_of(node) -> str:
    if node[0] == "num":
        number = node[1]
        return str(_json_number(number))
    return node[1]


# --- Mapping ---------------------------------------------------------------------


@dataclass
class _Target:
    """What a LimeSurvey question became: the question(s) conditions may name."""

    source: _Question
    mode: str = ""  # single, multiple, scale, number, text, matrix, ranking, split
    questions: list = field(default_factory=list)
    results: list = field(default_factory=list)
    codes: dict = field(default_factory=dict)  # LimeSurvey code → our choice code
    parts: dict = field(default_factory=dict)  # split: subquestion → (Question, mode)


_CODE_CHARACTERS = re.compile(r"[^A-Za-z0-9_]+")
_UNDERSCORES = re.compile(r"__+")
_LETTER = re.compile(r"[A-Za-z]")
_PLACEHOLDER = re.compile(r"\{[^{}\s][^{}]*\}")


def _valid_code(raw: str, prefix: str, taken: set, *, question=False) -> str:
    """`raw` as a code our models accept, unique among `taken` (compared without
    case, so exports do not show q1 and Q1), which it joins. A question's code has
    no "__": that joins its code and a part in form field names (forms.field_name),
    so contact__work could clash with the line work of a matrix contact."""
    code = _CODE_CHARACTERS.sub("_", raw or "")
    if not code or not _LETTER.match(code):
        code = prefix + code
    if question:
        code = _UNDERSCORES.sub("_", code)
    code = code[:40]
    candidate, number = code, 1
    while candidate.lower() in taken:
        number += 1
        suffix = f"_{number}"
        stem = code[: 40 - len(suffix)]
        candidate = (stem.rstrip("_") if question else stem) + suffix
    taken.add(candidate.lower())
    return candidate


def _limit(model, name: str) -> int:
    return model._meta.get_field(name).max_length


class _Import:
    def __init__(self, structure: _Structure, process, report: ImportReport):
        self.structure = structure
        self.process = process
        self.report = report
        self.languages = {}  # LimeSurvey code → ours
        self.codes = set()
        self.targets = {}  # qid → _Target
        self.fills = []  # (object, field, question code) to complete in German

    # Reporting

    def problem(self, code: str, reason, result: QuestionResult | None = None):
        self.report.problems.append(Problem(code, str(reason)))
        if result is not None:
            result.problems.append(str(reason))

    def note(self, code: str, reason, result: QuestionResult | None = None):
        self.report.notes.append(Problem(code, str(reason)))
        if result is not None:
            result.notes.append(str(reason))

    # Languages and texts

    def map_languages(self):
        ours = [code for code, _name in settings.LANGUAGES]
        names = dict(settings.LANGUAGES)
        later = []
        for code in self.structure.languages:
            if code.lower() in ours and code.lower() not in self.languages.values():
                self.languages[code] = code.lower()
            else:
                later.append(code)
        for code in later:
            near = re.split(r"[-_]", code.lower())[0]
            if near in ours and near not in self.languages.values():
                self.languages[code] = near
                self.note(
                    "",
                    _("The LimeSurvey language %(code)s is imported as %(name)s.")
                    % {"code": code, "name": names[near]},
                )
            else:
                self.report.unsupported_languages.append(code)
                self.problem(
                    "",
                    _(
                        "The survey's texts in %(code)s are not imported: mitplan "
                        "does not offer that language."
                    )
                    % {"code": code},
                )
        order = {
            code: position for position, code in enumerate(self.structure.languages)
        }
        self.languages = dict(sorted(self.languages.items(), key=lambda i: order[i[0]]))
        if not self.languages:
            raise ImportRefused(
                _(
                    "None of the survey's languages (%(languages)s) is offered by "
                    "mitplan, so there is no text to import."
                )
                % {"languages": ", ".join(self.structure.languages) or "–"},
                code="no_language",
            )
        self.report.languages = list(dict.fromkeys(self.languages.values()))

    @property
    def base(self) -> str:
        """Our code of the survey's base language (the first imported)."""
        return next(iter(self.languages.values()))

    def put(self, obj, name: str, texts: dict, *, code: str, one_line=False) -> list:
        """Set the translations of `name` from LimeSurvey's texts per language;
        the languages set. Texts too long for the field are shortened (reported)."""
        limit = _limit(type(obj), name)
        found = []
        for source, ours in self.languages.items():
            raw = texts.get(source) or ""
            value = plain_text(raw, one_line=one_line)
            if not value:
                continue
            if limit and len(value) > limit:
                value = value[: limit - 1] + "…"
                self.problem(
                    code,
                    _(
                        "Its %(field)s in %(language)s is longer than %(limit)d "
                        "characters and was shortened."
                    )
                    % {
                        "field": type(obj)._meta.get_field(name).verbose_name,
                        "language": ours,
                        "limit": limit,
                    },
                )
            setattr(obj, f"{name}_{ours}", value)
            found.append(ours)
        self.fills.append((obj, name, code))
        return found

    def complete_german(self):
        """German is the source language: a field with a text in another language
        but none in German gets the base language's text there (reported)."""
        has_german = SOURCE_LANGUAGE in self.report.languages
        if not has_german:
            self.problem(
                "",
                _(
                    "The survey has no German texts: the %(language)s texts were "
                    "copied into the German fields, to be translated there."
                )
                % {"language": self.base},
            )
        reported = set()
        for obj, name, code in self.fills:
            if getattr(obj, f"{name}_{SOURCE_LANGUAGE}", ""):
                continue
            values = [
                (language, getattr(obj, f"{name}_{language}", ""))
                for language in [self.base, *self.report.languages]
            ]
            language, value = next(((lg, v) for lg, v in values if v), ("", ""))
            if not value:
                continue
            setattr(obj, f"{name}_{SOURCE_LANGUAGE}", value)
            if has_german and (code, name) not in reported:
                reported.add((code, name))
                self.problem(
                    code,
                    _(
                        "It has no German %(field)s: the %(language)s text was "
                        "copied into the German field."
                    )
                    % {
                        "field": type(obj)._meta.get_field(name).verbose_name,
                        "language": language,
                    },
                )

    # The survey

    def survey(self) -> Survey:
        settings_by_language = self.structure.settings
        survey = Survey(process=self.process, audience=Survey.Audience.ANYONE)

        def setting(key: str) -> dict:
            return {k: row.get(key, "") for k, row in settings_by_language.items()}

        self.put(survey, "title", setting("surveyls_title"), code="", one_line=True)
        self.put(
            survey,
            "introduction",
            {
                language: "<br><br>".join(
                    part
                    for part in (
                        row.get("surveyls_description", ""),
                        row.get("surveyls_welcometext", ""),
                    )
                    if plain_text(part)
                )
                for language, row in settings_by_language.items()
            },
            code="",
        )
        self.put(survey, "thanks_text", setting("surveyls_endtext"), code="")
        self.put(survey, "privacy_text", setting("surveyls_policy_notice"), code="")
        if not any(getattr(survey, f"title_{lg}", "") for lg in self.report.languages):
            fallback = f"LimeSurvey {self.structure.sid}".strip()
            setattr(survey, f"title_{self.base}", fallback)
            self.problem(
                "",
                _("The survey has no title; it is called “%(title)s” for now.")
                % {"title": fallback},
            )
        self.dates(survey)
        return survey

    def dates(self, survey: Survey):
        row = self.structure.survey
        opens = self.moment(row.get("startdate", ""), "startdate")
        closes = self.moment(row.get("expires", ""), "expires")
        taken = [n for n, v in (("startdate", opens), ("expires", closes)) if v]
        if taken:
            self.note(
                "",
                _("Dates taken from the file: %(which)s.")
                % {"which": ", ".join(taken)},
            )
        phases = list(self.process.phases.all())
        dated = [p for p in phases if "surveys" in (p.actions or [])] or phases
        if opens is None and dated:
            opens = _start_of(min(p.starts_on for p in dated))
            self.note("", _("Opening date taken from the process's phases."))
        if closes is None and dated and all(p.ends_on for p in dated):
            closes = _start_of(max(p.ends_on for p in dated) + timedelta(days=1))
            self.note("", _("Closing date taken from the process's phases."))
        if opens is None:
            opens = timezone.now().replace(microsecond=0)
            self.problem(
                "",
                _(
                    "Neither the file nor the process says when the survey opens: "
                    "it opens now. Please check its dates."
                ),
            )
        if closes is None or closes <= opens:
            closes = opens + timedelta(days=DAYS_OPEN)
            self.problem(
                "",
                _(
                    "Neither the file nor the process gives a closing date after the "
                    "opening: it closes %(days)d days after it opens. Please check "
                    "its dates."
                )
                % {"days": DAYS_OPEN},
            )
        elif closes <= timezone.now():
            self.problem(
                "",
                _(
                    "It closes on %(date)s, which is past: nobody could answer. "
                    "Please change its dates."
                )
                % {"date": timezone.localtime(closes).strftime("%Y-%m-%d")},
            )
        survey.opens_at, survey.closes_at = opens, closes

    def moment(self, value: str, name: str):
        if not value:
            return None
        try:
            moment = datetime.fromisoformat(value.strip().replace(" ", "T"))
            if not 1970 <= moment.year <= 2200:  # no arithmetic near year 9999
                raise ValueError(value)
        except ValueError:
            self.problem(
                "",
                _("Its %(name)s “%(value)s” is not a date; it is not used.")
                % {"name": name, "value": value[:30]},
            )
            return None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment

    def slug(self, survey: Survey) -> str:
        title = getattr(survey, f"title_{SOURCE_LANGUAGE}", "") or getattr(
            survey, f"title_{self.base}", ""
        )
        base = slugify(title)[:60].strip("-") or slugify(
            f"limesurvey-{self.structure.sid}"
        )
        taken = set(
            Survey.objects.filter(
                process=self.process, slug__startswith=base
            ).values_list("slug", flat=True)
        )
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        return slug

    # Questions

    def questions(self) -> list[Question]:
        if self.structure.orphans:
            self.problem(
                "",
                _(
                    "These lines or answers belong to no question in the file and are "
                    "not imported: %(codes)s."
                )
                % {"codes": ", ".join(self.structure.orphans[:20])},
            )
        made = []
        for source in self.structure.questions:
            target = self.question(source)
            self.targets[source.qid] = target
            made.extend(target.questions)
        self.paginate()
        for source in self.structure.questions:
            target = self.targets[source.qid]
            if target.questions:
                self.condition(target)
        for order, question in enumerate(made):
            question.sort_order = order
        return made

    def result(self, source: _Question, code: str = "") -> QuestionResult:
        result = QuestionResult(
            code=code or source.title, source_code=source.title, source_type=source.type
        )
        self.report.questions.append(result)
        return result

    def question(self, source: _Question) -> _Target:
        target = _Target(source)
        kind = source.type
        if kind in SKIPPED_TYPES or kind in UNMAPPABLE_TYPES:
            result = self.result(source)
            target.results.append(result)
            reason = str(SKIPPED_TYPES.get(kind) or UNMAPPABLE_TYPES[kind])
            snippet = plain_text(self.base_text(source.texts), one_line=True)[:80]
            if snippet:
                reason = f"{reason} (“{snippet}”)"
            self.problem(source.title, reason, result)
            return target
        builder = {
            **dict.fromkeys(SINGLE_TYPES, self.single),
            **dict.fromkeys(MULTIPLE_TYPES, self.multiple),
            **dict.fromkeys(MATRIX_TYPES, self.matrix),
            "5": self.scale,
            "R": self.ranking,
            "N": self.number,
            "S": self.text,
            "T": self.text,
            "U": self.text,
            "K": self.split,
            "Q": self.split,
        }.get(kind)
        if builder is None:
            result = self.result(source)
            target.results.append(result)
            self.problem(
                source.title,
                _("Its question type “%(type)s” is unknown to the importer.")
                % {"type": kind[:5]},
                result,
            )
            return target
        builder(target)
        for result in target.results:
            if result.is_imported:
                self.common_problems(source, result)
        return target

    def base_text(self, texts: dict) -> str:
        for source in self.languages:
            if texts.get(source):
                return texts[source]
        return next((text for text in texts.values() if text), "")

    def new_question(self, target, kind, *, code=None, texts=None, label=None):
        """A question of `kind` for the LimeSurvey question (or one line of it)."""
        source = target.source
        raw = code or source.title
        our_code = _valid_code(raw, "q", self.codes, question=True)
        result = self.result(source, our_code)
        result.kind = kind
        if our_code != raw:
            self.note(
                our_code,
                _("Its code %(old)s was made %(new)s (a valid, unique code).")
                % {"old": raw or "–", "new": our_code},
                result,
            )
        question = Question(code=our_code, kind=kind)
        question.is_required = source.mandatory == "Y"
        if source.mandatory == "S":
            self.problem(
                our_code,
                _(
                    "LimeSurvey asks for an answer but lets people go on without "
                    "(soft mandatory); in mitplan it is optional."
                ),
                result,
            )
        texts = texts if texts is not None else source.texts
        if label is not None:  # one line of a question: "question – line"
            texts = {
                language: " – ".join(
                    html.escape(part)
                    for part in (
                        plain_text(texts.get(language, ""), one_line=True),
                        plain_text(label.get(language, ""), one_line=True),
                    )
                    if part
                )
                for language in set(texts) | set(label)
            }
        result.languages = self.put(question, "text", texts, code=our_code)
        if not result.languages:
            setattr(question, f"text_{self.base}", raw)
            self.problem(
                our_code,
                _("It has no text in any imported language; its code stands in."),
                result,
            )
        self.put(question, "help_text", source.helps, code=our_code)
        raw_texts = " ".join([*texts.values(), *source.helps.values()])
        placeholder = _PLACEHOLDER.search(
            " ".join(
                plain_text(text) for text in [*texts.values(), *source.helps.values()]
            )
        )
        if placeholder:
            self.problem(
                our_code,
                _(
                    "Its text inserts answers or values (%(placeholder)s), which "
                    "mitplan does not do: the placeholder shows as written."
                )
                % {"placeholder": placeholder.group(0)[:60]},
                result,
            )
        if re.search(r"<(img|video|audio|iframe|object)\b", raw_texts, re.I):
            self.problem(
                our_code,
                _("Its text shows images or media, which are not imported."),
                result,
            )
        target.questions.append(question)
        target.results.append(result)
        return question, result

    def common_problems(self, source: _Question, result: QuestionResult):
        attributes = self.structure.attributes.get(source.qid, {})
        for name, reason in LOST_ATTRIBUTES.items():
            values = attributes.get(name, {})
            if any(value not in NO_VALUE for value in values.values()):
                self.problem(result.code, reason, result)
        if source.preg:
            self.problem(
                result.code,
                _("Its validation pattern (%(pattern)s) is not imported.")
                % {"pattern": source.preg[:60]},
                result,
            )
        for line in source.subquestions:
            if line.relevance not in ("", "1"):
                self.problem(
                    result.code,
                    _(
                        "Its line %(line)s is shown only if %(expression)s in "
                        "LimeSurvey; mitplan always shows it."
                    )
                    % {"line": line.title, "expression": line.relevance[:200]},
                    result,
                )

    def attribute(self, source: _Question, name: str) -> str:
        values = self.structure.attributes.get(source.qid, {}).get(name, {})
        return values.get("") or next((v for v in values.values() if v), "")

    def attribute_texts(self, source: _Question, name: str) -> dict:
        values = self.structure.attributes.get(source.qid, {}).get(name, {})
        if "" in values and values[""]:
            return dict.fromkeys(self.languages, values[""])
        return values

    def put_attribute(self, question, name: str, source: _Question, attribute: str):
        """Set the one-line texts of `name` from the question attribute `attribute`."""
        texts = self.attribute_texts(source, attribute)
        self.put(question, name, texts, code=question.code, one_line=True)

    def choices(self, question, result, entries, role=Choice.Role.OPTION):
        """Choices from (LimeSurvey code, texts) pairs of answers or subquestions:
        (LimeSurvey code → our code, the choices)."""
        taken, codes, made, renamed = set(), {}, [], []
        for position, (raw, texts) in enumerate(entries):
            code = _valid_code(raw, "a", taken)
            if code != raw:
                renamed.append(f"{raw or '–'} → {code}")
            choice = Choice(code=code, role=role, sort_order=position)
            found = self.put(choice, "label", texts, code=question.code, one_line=True)
            if not found:
                setattr(choice, f"label_{self.base}", raw)
                self.problem(
                    question.code,
                    _("Its answer %(code)s has no text; its code stands in.")
                    % {"code": raw},
                    result,
                )
            codes[raw] = code
            made.append(choice)
        if renamed:
            message = (
                _("Codes of its lines made valid and unique: %(codes)s.")
                if role == Choice.Role.ITEM
                else _("Codes of its answers made valid and unique: %(codes)s.")
            )
            self.note(question.code, message % {"codes": ", ".join(renamed)}, result)
        return codes, made

    def fixed(self, pairs) -> list:
        """Fixed answers (yes/no, gender, the points of an array) in every language
        the survey has."""
        entries = []
        for code, label in pairs:
            texts = {}
            for source, ours in self.languages.items():
                with translation.override(ours):
                    texts[source] = html.escape(str(label))
            entries.append((code, texts))
        return entries

    def fixed_in_german(self, options, pairs):
        """Fixed answers are ours to say in German too (not copied from another
        language)."""
        with translation.override(SOURCE_LANGUAGE):
            for choice, (_code, label) in zip(options, pairs, strict=True):
                setattr(choice, f"label_{SOURCE_LANGUAGE}", str(label))

    def set_choices(self, question, options=(), items=()):
        question.choices = [*options, *items]
        for position, choice in enumerate(question.choices.all()):
            choice.sort_order = position

    def single(self, target: _Target):
        source = target.source
        question, result = self.new_question(target, Question.Kind.SINGLE)
        target.mode = "single"
        if source.type in FIXED_OPTIONS:
            entries = self.fixed(FIXED_OPTIONS[source.type])
        else:
            entries = [(a.code, a.texts) for a in source.options()]
        if not entries:
            return self.unmappable(target, _("It offers no answers."))
        target.codes, options = self.choices(question, result, entries)
        if source.type in FIXED_OPTIONS:
            self.fixed_in_german(options, FIXED_OPTIONS[source.type])
        self.set_choices(question, options)
        if source.type == "O":
            self.problem(
                question.code,
                _("Its comment box is not imported (mitplan asks one question)."),
                result,
            )
        self.other(source, question, result)

    def other(self, source, question, result):
        if not source.other:
            return
        question.allows_other = True
        self.put_attribute(question, "other_label", source, "other_replace_text")

    def multiple(self, target: _Target):
        source = target.source
        question, result = self.new_question(target, Question.Kind.MULTIPLE)
        target.mode = "multiple"
        entries = [(line.title, line.texts) for line in source.lines()]
        if not entries:
            return self.unmappable(target, _("It offers no answers."))
        target.codes, options = self.choices(question, result, entries)
        self.set_choices(question, options)
        self.other(source, question, result)
        for name, attr in (
            ("min_answers", "min_choices"),
            ("max_answers", "max_choices"),
        ):
            value = _int(self.attribute(source, name), 0)
            if value > 0:
                setattr(question, attr, value)
        if source.type == "P":
            self.problem(
                question.code,
                _("The comment boxes of its answers are not imported."),
                result,
            )

    def scale(self, target: _Target):
        question, _result = self.new_question(target, Question.Kind.SCALE)
        target.mode = "scale"
        question.scale_min, question.scale_max = 1, 5

    def matrix(self, target: _Target):
        source = target.source
        question, result = self.new_question(target, Question.Kind.MATRIX)
        target.mode = "matrix"
        if source.type in FIXED_OPTIONS:
            entries = self.fixed(FIXED_OPTIONS[source.type])
        else:
            entries = [(a.code, a.texts) for a in source.options(0)]
        lines = [(line.title, line.texts) for line in source.lines(0)]
        if not entries or not lines:
            return self.unmappable(
                target, _("It has no lines or no answers to choose from.")
            )
        target.codes, options = self.choices(question, result, entries)
        if source.type in FIXED_OPTIONS:
            self.fixed_in_german(options, FIXED_OPTIONS[source.type])
        _codes, items = self.choices(question, result, lines, role=Choice.Role.ITEM)
        self.set_choices(question, options, items)
        if source.type == "H":
            self.note(
                question.code,
                _("LimeSurvey shows its lines as columns; mitplan shows them as rows."),
                result,
            )
        if source.type == "1" and (source.options(1) or source.lines(1)):
            self.problem(
                question.code,
                _(
                    "Its second scale (%(answers)s) is not imported: a mitplan matrix "
                    "has one answer per line."
                )
                % {
                    "answers": ", ".join(
                        plain_text(self.base_text(a.texts), one_line=True) or a.code
                        for a in source.options(1)
                    )
                    or "–"
                },
                result,
            )

    def ranking(self, target: _Target):
        source = target.source
        question, result = self.new_question(target, Question.Kind.RANKING)
        target.mode = "ranking"
        entries = [(a.code, a.texts) for a in source.options()]
        if not entries:
            return self.unmappable(target, _("It offers no answers."))
        target.codes, options = self.choices(question, result, entries)
        self.set_choices(question, options)
        limits = [
            _int(self.attribute(source, name), 0)
            for name in ("max_subquestions", "max_answers", "min_answers")
        ]
        if any(0 < limit < len(entries) for limit in limits):
            self.problem(
                question.code,
                _(
                    "LimeSurvey lets people rank only some answers; mitplan asks "
                    "them to rank all %(count)d."
                )
                % {"count": len(entries)},
                result,
            )

    def number(self, target: _Target, question=None, result=None):
        source = target.source
        if question is None:
            question, result = self.new_question(target, Question.Kind.NUMBER)
            target.mode = "number"
        for name, attr in (
            ("min_num_value_n", "number_min"),
            ("max_num_value_n", "number_max"),
        ):
            raw = self.attribute(source, name)
            if not raw:
                continue
            value = _plain_number(raw)
            if value is not None:
                value = value.quantize(Decimal("0.01"))
            if value is None or abs(value) >= 10**10:
                self.problem(
                    question.code,
                    _("Its limit %(name)s “%(value)s” is not a number we can keep.")
                    % {"name": name, "value": raw[:40]},
                    result,
                )
                continue
            setattr(question, attr, value)
        self.put_attribute(question, "unit", source, "suffix")

    def text(self, target: _Target):
        short = target.source.type == "S"
        self.new_question(
            target, Question.Kind.SHORT_TEXT if short else Question.Kind.LONG_TEXT
        )
        target.mode = "text"

    def split(self, target: _Target):
        """K (numbers) and Q (short texts): one question per subquestion."""
        source = target.source
        kind = Question.Kind.NUMBER if source.type == "K" else Question.Kind.SHORT_TEXT
        lines = source.lines()
        if not lines:
            return self.unmappable(target, _("It has no lines."))
        target.mode = "split"
        for line in lines:
            question, result = self.new_question(
                target,
                kind,
                code=f"{source.title}_{line.title}",
                label=line.texts,
            )
            self.note(
                question.code,
                _(
                    "One of %(count)d questions made of the lines of %(code)s "
                    "(mitplan has no question with several inputs)."
                )
                % {"count": len(lines), "code": source.title},
                result,
            )
            if kind == Question.Kind.NUMBER:
                self.number(target, question, result)
            target.parts[line.title] = (
                question,
                "number" if kind == Question.Kind.NUMBER else "text",
            )

    def unmappable(self, target: _Target, reason):
        """Undo a question half made: it is not imported, for `reason`."""
        for question in target.questions:
            self.codes.discard(question.code.lower())
        self.fills = [f for f in self.fills if f[0] not in target.questions]
        target.questions = []
        target.mode = ""
        if not target.results:
            target.results.append(self.result(target.source))
        for result in target.results:
            result.kind = ""
            result.code = target.source.title
            result.languages = []
            self.problem(result.code, reason, result)

    def paginate(self):
        """Pages: the groups with an imported question, in their order."""
        pages, page = {}, 0
        for source in self.structure.questions:
            target = self.targets[source.qid]
            if not target.questions:
                continue
            if source.gid not in pages:
                page += 1
                pages[source.gid] = min(page, MAX_PAGE)
                if page == MAX_PAGE + 1:
                    self.problem(
                        "",
                        _(
                            "The survey has more than %(max)d groups; the questions "
                            "of the later groups are all on page %(max)d."
                        )
                        % {"max": MAX_PAGE},
                    )
                self.describe_page(source.gid, pages[source.gid])
            for question in target.questions:
                question.page = pages[source.gid]
            for result in target.results:
                result.page = pages[source.gid]
        skipped = [
            group
            for gid, group in self.structure.groups.items()
            if gid not in pages and (group.names or group.descriptions)
        ]
        for group in skipped:
            self.note(
                "",
                _(
                    "The group “%(group)s” has no question that was imported, so it "
                    "is no page."
                )
                % {"group": plain_text(self.base_text(group.names), one_line=True)},
            )

    def describe_page(self, gid: str, page: int):
        group = self.structure.groups.get(gid)
        if group is None:
            return
        name = plain_text(self.base_text(group.names), one_line=True)
        self.note(
            "",
            _("Page %(page)d is the group “%(group)s”.")
            % {"page": page, "group": name},
        )
        if any(plain_text(text) for text in group.descriptions.values()):
            self.problem(
                "",
                _(
                    "The description of the group “%(group)s” (page %(page)d) is not "
                    "imported: mitplan pages have no introduction."
                )
                % {"group": name, "page": page},
            )

    # Conditions

    def condition(self, target: _Target):
        source = target.source
        page = target.questions[0].page
        parts, sources = [], []
        group = self.structure.groups.get(source.gid)
        try:
            if group is not None and group.relevance not in ("", "1"):
                sources.append(
                    _("group: %(expression)s") % {"expression": group.relevance}
                )
                parts.append(self.expression(group.relevance))
            rows = self.structure.conditions.get(source.qid)
            if rows:
                node, text = self.rows_expression(rows)
                sources.append(text)
                parts.append(self.translate(node))
            elif source.relevance not in ("", "1"):
                sources.append(source.relevance)
                parts.append(self.expression(source.relevance))
            condition = _all(parts) if parts else None
            if condition is not None:
                self.check_condition(condition, page)
        except _Untranslatable as refusal:
            for result in target.results:
                result.condition_source = "; ".join(sources)
                result.condition_status = "not_translated"
                self.problem(
                    result.code,
                    _(
                        "Its condition %(expression)s is not imported (%(reason)s): "
                        "mitplan shows it to everyone."
                    )
                    % {"expression": result.condition_source, "reason": refusal},
                    result,
                )
            return
        for question, result in zip(target.questions, target.results, strict=True):
            result.condition_source = "; ".join(sources)
            if condition is not None:
                question.condition = condition
                result.condition = condition
                result.condition_status = "translated"
            elif sources:
                self.note(
                    result.code,
                    _("Its condition %(expression)s always holds.")
                    % {"expression": result.condition_source},
                    result,
                )

    def check_condition(self, condition: dict, page: int):
        pages = {
            q.code: q.page for target in self.targets.values() for q in target.questions
        }
        for code in sorted(conditions.named_questions(condition)):
            if pages.get(code, page) == page:
                raise _Untranslatable(
                    _(
                        "it names %(code)s on the same page, and a mitplan condition "
                        "may only name questions on earlier pages"
                    )
                    % {"code": code}
                )
            if pages[code] > page:
                raise _Untranslatable(
                    _("it names %(code)s on a later page") % {"code": code}
                )
        earlier = {
            q.code: q
            for target in self.targets.values()
            for q in target.questions
            if q.page < page
        }
        try:
            conditions.validate(condition, earlier=earlier)
        except ValidationError as error:
            raise _Untranslatable(" ".join(error.messages)) from None

    def expression(self, text: str) -> dict | None:
        text = html.unescape(text).strip()
        if len(text) > MAX_EXPRESSION:
            raise _Untranslatable(_("the expression is too long"))
        if text.startswith("{") and text.endswith("}"):
            text = text[1:-1]
        return self.translate(_ExpressionParser(text).parse())

    def translate(self, node) -> dict | None:
        """Our condition for an expression node; None when it always holds."""
        kind = node[0]
        if kind == "or":
            parts = [self.translate(part) for part in node[1]]
            if any(part is None for part in parts):
                return None
            return _any(parts)
        if kind == "and":
            return _all([self.translate(part) for part in node[1]])
        if kind == "not":
            inner = self.translate(node[1])
            if inner is None:
                raise _Untranslatable(_("LimeSurvey never shows it"))
            return _negate(inner)
        if kind in ("const", "num", "str"):
            holds = node[1] if kind == "const" else _text_of(node) not in ("", "0")
            if holds:
                return None
            raise _Untranslatable(_("LimeSurvey never shows it"))
        if kind == "fail":
            raise _Untranslatable(node[1])
        if kind == "call":
            name, arguments = node[1], node[2]
            if name == "is_empty" and len(arguments) == 1:
                return self.empty(arguments[0])
            raise _Untranslatable(
                _("it uses the function %(name)s()") % {"name": name[:40]}
            )
        if kind == "cmp":
            return self.comparison(*node[1:])
        raise _Untranslatable(
            _("a question's answer alone is not a condition mitplan can read")
        )

    def reference(self, node):
        """(target, our question, mode, subquestion) for a variable."""
        if node[0] == "ref":
            source, line = node[1], node[2]
            name = source.title + (f"_{line}" if line else "")
        elif node[0] == "var":
            name, _dot, attribute = node[1].partition(".")
            if attribute and attribute.upper() not in ("NAOK", "VALUE", "CODE"):
                raise _Untranslatable(
                    _("it uses %(name)s, which is not an answer")
                    % {"name": node[1][:60]}
                )
            source, line = self.lookup(name)
        else:
            raise _Untranslatable(_("it compares two values, not an answer"))
        target = self.targets.get(source.qid)
        if target is None or not target.questions:
            raise _Untranslatable(
                _("it names %(code)s, which is not imported") % {"code": source.title}
            )
        if target.mode == "split":
            if line not in target.parts:
                raise _Untranslatable(
                    _("it names %(name)s, which is no line of %(code)s")
                    % {"name": name, "code": source.title}
                )
            question, mode = target.parts[line]
            return target, question, mode, ""
        if target.mode in ("matrix", "ranking"):
            raise _Untranslatable(
                _(
                    "it names an answer to the %(kind)s %(code)s; mitplan conditions "
                    "name answers to choice, number and text questions"
                )
                % {"kind": target.mode, "code": source.title}
            )
        return target, target.questions[0], target.mode, line

    def lookup(self, name: str):
        sgqa = re.fullmatch(r"([0-9]+)X([0-9]+)X([0-9]+)([A-Za-z0-9_]*)", name)
        if sgqa:
            digits, rest = sgqa.group(3), sgqa.group(4)
            for cut in range(len(digits), 0, -1):
                source = self.structure.by_qid.get(digits[:cut])
                if (
                    source is not None
                    and source.parent in ("0", "")
                    and source.gid == sgqa.group(2)
                ):
                    return source, digits[cut:] + rest
        titles = {q.title: q for q in self.structure.questions}
        if name in titles:
            return titles[name], ""
        for cut in [m.start() for m in re.finditer("_", name)]:
            if name[:cut] in titles:
                return titles[name[:cut]], name[cut + 1 :]
        raise _Untranslatable(
            _("it names %(name)s, which is no question of this survey")
            % {"name": name[:60]}
        )

    def empty(self, node) -> dict:
        target, question, mode, line = self.reference(node)
        if mode == "multiple" or line:
            return _negate(self.chosen(target, question, line))
        return {"question": question.code, "answered": False}

    def chosen(self, target, question, line) -> dict:
        """A multiple choice's answer `line` (a subquestion, or "other") chosen."""
        if line == "other" and question.allows_other:
            return {"question": question.code, "in": ["@other"]}
        if target.mode == "multiple" and line in target.codes:
            return {"question": question.code, "in": [target.codes[line]]}
        raise _Untranslatable(
            _("it names %(line)s, which is no answer of %(code)s")
            % {"line": line or "–", "code": target.source.title}
        )

    def comparison(self, op, left, right):
        if left[0] in ("num", "str") and right[0] in ("var", "ref"):
            left, right, op = right, left, _FLIPPED[op]
        if left[0] not in ("var", "ref") or right[0] not in ("num", "str"):
            raise _Untranslatable(_("it compares two values, not an answer"))
        target, question, mode, line = self.reference(left)
        value = _text_of(right)
        if value.strip() == "" and op in ("=", "!="):
            condition = self.empty(left)
            return condition if op == "=" else _negate(condition)
        if mode == "multiple" or line:
            if op in ("=", "!=") and value == "Y" and line != "other":
                chosen = self.chosen(target, question, line)
                return chosen if op == "=" else _negate(chosen)
            raise _Untranslatable(
                _("it compares %(name)s with “%(value)s”")
                % {"name": question.code + (f"_{line}" if line else ""), "value": value}
            )
        if mode in ("scale", "number"):
            number = _number_of(right)
            if number is None:
                raise _Untranslatable(
                    _("it compares the number %(code)s with “%(value)s”")
                    % {"code": question.code, "value": value[:40]}
                )
            return {"question": question.code, "op": op, "value": _json_number(number)}
        if mode == "single":
            return self.single_comparison(target, question, op, right)
        raise _Untranslatable(
            _(
                "it compares the text answer %(code)s with a value; mitplan "
                "conditions ask only whether a text was given"
            )
            % {"code": question.code}
        )

    def single_comparison(self, target, question, op, right) -> dict:
        value = _text_of(right)
        if op in ("=", "!="):
            if value == "-oth-" and question.allows_other:
                code = "@other"
            elif value in target.codes:
                code = target.codes[value]
            else:
                raise _Untranslatable(
                    _("“%(value)s” is no answer of %(code)s")
                    % {"value": value[:40], "code": target.source.title}
                )
            condition = {"question": question.code, "in": [code]}
            return condition if op == "=" else _negate(condition)
        # An order of answers: only if their codes are numbers.
        number = _number_of(right)
        numbers = {code: _number_of(("str", code)) for code in target.codes}
        if number is None or any(n is None for n in numbers.values()):
            raise _Untranslatable(
                _("it orders the answers of %(code)s, whose codes are not numbers")
                % {"code": target.source.title}
            )
        holds = conditions.OPERATORS[op]
        codes = [target.codes[c] for c, n in numbers.items() if holds(n, number)]
        if not codes:
            raise _Untranslatable(_("LimeSurvey never shows it"))
        return {"question": question.code, "in": codes}

    def rows_expression(self, rows: list):
        """The <conditions> rows of a question as an expression, as LimeSurvey
        reads them: scenarios are alternatives; within one, rows on the same
        answer field are alternatives and the fields must all hold."""
        rows = sorted(
            rows,
            key=lambda r: (
                _int(r.get("scenario"), 1),
                _int(r.get("cqid")),
                r.get("cfieldname", ""),
                r.get("value", ""),
            ),
        )
        scenarios = {}
        for row in rows:
            scenarios.setdefault(_int(row.get("scenario"), 1), []).append(row)
        alternatives, texts = [], []
        for scenario_rows in scenarios.values():
            groups = []  # [(key, [nodes], [texts])]
            for row in scenario_rows:
                key, node, text = self.row_node(row)
                if groups and groups[-1][0] == key and key is not None:
                    groups[-1][1].append(node)
                    groups[-1][2].append(text)
                else:
                    groups.append((key, [node], [text]))
            parts = [
                nodes[0] if len(nodes) == 1 else ("or", nodes)
                for _k, nodes, _t in groups
            ]
            alternatives.append(parts[0] if len(parts) == 1 else ("and", parts))
            texts.append(
                " and ".join(
                    f"({' or '.join(t)})" if len(t) > 1 else t[0]
                    for _k, _n, t in groups
                )
            )
        node = alternatives[0] if len(alternatives) == 1 else ("or", alternatives)
        text = " or ".join(f"({t})" for t in texts) if len(texts) > 1 else texts[0]
        return node, text

    def row_node(self, row: dict):
        field_name = row.get("cfieldname", "")
        method = (row.get("method") or "==").strip()
        value = row.get("value", "")
        source = self.structure.by_qid.get(row.get("cqid", ""))
        text = f"{field_name} {method} “{value}”"
        if source is None or field_name.startswith("{"):
            reason = _("it names %(name)s, which is no question of this survey") % {
                "name": field_name[:60]
            }
            return None, ("fail", reason), text
        resolved = field_name.startswith("+")
        prefix = re.match(r"\+?[0-9]+X[0-9]+X" + re.escape(source.qid), field_name)
        line = field_name[prefix.end() :] if prefix else ""
        if source.type in MULTIPLE_TYPES and not resolved:
            line, value = value, "Y"  # the answer chosen (or not, with !=)
        name = source.title + (f"_{line}" if line else "")
        text = f"{name} {method} “{value}”"
        if method not in _COMPARISONS:
            reason = _("it uses the comparison “%(method)s”") % {"method": method[:10]}
            return None, ("fail", reason), text
        if re.fullmatch(r"@.*@|\{.*\}", value):
            reason = _("it compares with another answer or value (%(value)s)") % {
                "value": value[:60]
            }
            return None, ("fail", reason), text
        # Rows on one field are alternatives; "+" names a field to hold on its own.
        key = None if resolved else (source.qid, field_name)
        reference = ("ref", source, line)
        return (
            key,
            ("cmp", _COMPARISONS[method], reference, ("str", value.strip())),
            text,
        )


def _start_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# --- The import -----------------------------------------------------------------


def import_structure(
    data: bytes, *, process, dry_run: bool = False, actor=None
) -> ImportReport:
    """Import a LimeSurvey structure file as one new survey of `process`, with its
    questions and choices, in one transaction; or, with dry_run, only say what the
    import would do. `actor` (staff importing in the admin) must manage the
    process's surveys; None is the platform (the management command).
    Raises ImportRefused for a file that cannot be imported at all."""
    if actor is not None:
        require("surveys.manage", actor, process)
    structure = read_structure(read_document(data))
    report = ImportReport(dry_run=dry_run, source_id=structure.sid)
    if not structure.questions:
        raise ImportRefused(
            _("The survey in the file has no questions."), code="no_questions"
        )
    work = _Import(structure, process, report)
    work.map_languages()
    survey = work.survey()
    questions = work.questions()
    if len(questions) > MAX_QUESTIONS:  # lines of arrays can become questions
        raise too_many_questions(len(questions))
    if not questions:
        raise ImportRefused(
            _("None of the survey's questions can be imported: %(reasons)s")
            % {"reasons": "; ".join(f"{p.code}: {p.reason}" for p in report.problems)},
            code="nothing_to_import",
        )
    work.complete_german()
    survey.slug = work.slug(survey)
    report.slug = survey.slug
    report.title = getattr(survey, f"title_{SOURCE_LANGUAGE}", "")
    report.opens_at, report.closes_at = survey.opens_at, survey.closes_at
    if dry_run:
        return report
    try:
        with transaction.atomic():
            survey.save()
            for question in questions:
                question.survey = survey
                question.save()
            log(
                survey,
                LOG_IMPORTED,
                user=acting_account(actor),
                data={
                    "source": "limesurvey",
                    "source_id": structure.sid,
                    "questions": len(questions),
                    "problems": len(report.problems),
                },
            )
    except IntegrityError:
        raise ImportRefused(
            _(
                "Another survey was saved with the same address at the same time: "
                "please import again."
            ),
            code="conflict",
        ) from None
    report.survey_id = survey.pk
    return report
