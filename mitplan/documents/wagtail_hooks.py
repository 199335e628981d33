"""Staff screens: videos as snippets (documents have Wagtail's own screens)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Video


class VideoViewSet(SnippetViewSet):
    model = Video
    icon = "media"
    menu_label = _("Videos")
    list_display = ["title"]
    search_fields = ["title"]


register_snippet(VideoViewSet)
