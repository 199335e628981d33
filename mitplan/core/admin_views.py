"""Shared pieces of the staff screens (Wagtail admin)."""

from django.shortcuts import redirect
from wagtail.admin.views.generic import CreateView, IndexView


class NoAddIndexView(IndexView):
    """Residents send contributions and reports; staff never add them here (offline
    input has its own screen). Wagtail's viewsets have no switch for that."""

    def get_add_url(self):
        return None


class RedirectToIndex(CreateView):
    def dispatch(self, request, *args, **kwargs):
        return redirect(self.index_url_name)
