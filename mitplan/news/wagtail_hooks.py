"""Staff screens: the news categories (the pages themselves are in the page tree)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Category


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = Category._meta.verbose_name_plural
    list_display = ["name", "slug"]


register_snippet(CategoryViewSet)
