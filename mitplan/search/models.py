"""The search index: one row per searchable thing and language.

Our own table rather than Wagtail's search backend, because Wagtail's database
backend has one text-search configuration for all languages, and a German page needs
the German dictionary (stems, stop words) while an English one needs the English.
On PostgreSQL each row also has a `search_vector` (tsvector, GIN index) that a
trigger computes with the row's `config`; the column, the trigger and the index are
PostgreSQL only and live in `postgres.py`, so SQLite migrates and searches the
`folded_*` columns instead (see selectors.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    kind = models.CharField(_("kind"), max_length=30)
    # What the entry is for ("page:12", "contribution:7"); one object may have an
    # entry per language (a field of action in ten languages).
    object_key = models.CharField(_("object"), max_length=80)
    # The versions of one thing in several languages share a group (a page's
    # translation key), so a reader gets their language, else the German original.
    group_key = models.CharField(_("translation group"), max_length=80)
    language = models.CharField(_("language"), max_length=8)
    # The PostgreSQL text-search configuration of `language` ("german", "simple").
    config = models.CharField(_("text-search configuration"), max_length=30)
    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=500)
    process = models.ForeignKey(
        "processes.Process",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("process"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Case- and accent-folded copies for the database fallback (SQLite).
    folded_title = models.CharField(max_length=500, editable=False)
    folded_body = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            models.Index(fields=["object_key"]),
            models.Index(fields=["language", "group_key"]),
        ]

    def __str__(self):
        return self.title
