from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _schema_ensure(sender, using="default", **kwargs):
    from django.db import connections

    from .postgres import schema_ensure

    schema_ensure(connections[using])


class SearchConfig(AppConfig):
    name = "mitplan.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from . import documents, fields, pages
        from .registry import add_kind

        pages.register()
        documents.register()
        fields.register()
        add_kind("contribution", _("Contribution"))
        # The PostgreSQL column, trigger and index (postgres.py), after every migrate.
        post_migrate.connect(_schema_ensure, sender=self, dispatch_uid="search-schema")
