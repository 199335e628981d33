from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "mitplan.news"
    label = "news"
    verbose_name = _("News")

    def ready(self):
        from django.db.models.signals import post_migrate, post_save

        from mitplan.processes import roles
        from mitplan.processes.notices import add_notice_source
        from mitplan.processes.portal import add_panel

        from . import panels, selectors, workflow
        from .models import NewsIndexPage

        for panel in panels.PANELS:
            add_panel(panel)
        add_notice_source(selectors.current_notices)
        roles.grant(
            roles.PROCESS_OWNERS,
            "news.add_category",
            "news.change_category",
            "news.delete_category",
            "wagtailimages.add_image",
            "wagtailimages.choose_image",
        )

        from wagtail.signals import page_published

        from .models import ArticlePage

        def notice_published(sender, instance, **kwargs):
            # Withdrawn or ended is one fact in every language: an Arabic reader
            # must not keep seeing a notice withdrawn on the German page.
            ArticlePage.objects.filter(
                translation_key=instance.translation_key
            ).exclude(pk=instance.pk).update(
                is_withdrawn=instance.is_withdrawn,
                notice_ends_at=instance.notice_ends_at,
            )

        page_published.connect(
            notice_published,
            sender=ArticlePage,
            dispatch_uid="news.notice.translations",
            weak=False,
        )

        def index_created(sender, instance, created, raw=False, **kwargs):
            if created and not raw:
                workflow.index_set_up(instance)

        post_save.connect(
            index_created,
            sender=NewsIndexPage,
            dispatch_uid="news.index.workflow",
            weak=False,
        )
        post_migrate.connect(
            workflow.after_migrate, sender=self, dispatch_uid="mitplan.news.workflow"
        )
