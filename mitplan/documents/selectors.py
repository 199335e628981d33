"""Reading documents and videos the way pages show them."""

from django.db.models import Prefetch

from .models import Caption, Video


def videos_to_show():
    """Videos with what their player needs (file, poster, captions and their files)
    in two queries, however many videos a page shows."""
    return Video.objects.select_related("file", "poster").prefetch_related(
        Prefetch("captions", queryset=Caption.objects.select_related("file"))
    )
