"""Staff exports and statistics read in words, not codes (the open-data API keeps
its codes); staff here use the admin in English."""

import csv
import io

import openpyxl
import pytest

from mitplan.contributions.models import Statement
from mitplan.processes.models import FieldOfAction, Process

from .factories import ContributionFactory
from .staff import PROCESS_OWNERS, staff_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(client):
    return staff_login(client, "amt", PROCESS_OWNERS, language="en")


@pytest.fixture
def answered(owner):
    field = FieldOfAction.objects.get(slug="bildung")
    contribution = ContributionFactory(
        field_of_action=field,
        expert_group=field.expert_group,
        kind="wish",
        language="ar",
        title="=1+1",
        pseudonym="Leyla",
        processing_state="answered",
    )
    Statement.objects.create(
        contribution=contribution,
        expert_group=field.expert_group,
        outcome=Statement.Outcome.NOT_TAKEN,
        text_de="Nicht übernommen.",
        published_at=contribution.published_at,
    )
    tag = contribution.process.tags.order_by("pk").first()
    if tag is not None:
        contribution.tags.add(tag)
    return contribution


def export_url(file_format):
    process = Process.objects.get(slug="lip-2")
    return f"/admin/participation/contributions/export/{process.pk}.{file_format}"


def csv_rows(client):
    response = client.get(export_url("csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_has_human_headings_and_values(client, answered):
    rows = csv_rows(client)
    row = next(row for row in rows if row["ID"] == str(answered.pk))
    assert row["Field of action"] == answered.field_of_action.name_en
    assert row["Kind"] == "Wish"
    assert row["Language"] == "Arabic"
    assert row["Moderation"] == "Published"
    assert row["Processing"] == "Answered"
    assert row["Outcome"] == "Not taken into the draft"
    assert row["Expert group"] == answered.expert_group.name_en
    assert row["Source"] == "Online"
    tag = answered.tags.first()
    if tag is not None:
        assert row["Tags"] == tag.name_en
    # Residents' text is still neutralised; pseudonyms only for those allowed.
    assert row["Title"] == "'=1+1"
    assert row["Pseudonym"] == "Leyla"
    codes = {"wish", "not_taken", "bildung", "ar", "field_of_action"}
    assert not codes & {*row.keys(), *row.values()}


def test_the_xlsx_has_human_headings_values_and_column_widths(client, answered):
    response = client.get(export_url("xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    assert header[:4] == ["ID", "Field of action", "Kind", "Title"]
    row = dict(zip(header, next(r for r in rows if r[0] == answered.pk), strict=True))
    assert row["Kind"] == "Wish" and row["Language"] == "Arabic"
    assert row["Title"] == "'=1+1"
    text_column = openpyxl.utils.get_column_letter(header.index("Text") + 1)
    assert sheet.column_dimensions[text_column].width >= 60
    assert sheet.column_dimensions["A"].width <= 10


def test_the_statistics_name_languages_and_their_columns(client, answered):
    process = Process.objects.get(slug="lip-2")
    html = client.get(
        f"/admin/participation/contributions/statistics/{process.pk}/"
    ).content.decode()
    assert '<th scope="row">Arabic</th>' in html
    assert '<th scope="row">ar</th>' not in html
    assert '<th scope="col">Language</th>' in html
    assert '<th scope="col">Value</th>' not in html
