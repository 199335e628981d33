from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "mitplan.news"
    label = "news"
    verbose_name = _("News")

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save
        from wagtail.images import get_image_model
        from wagtail.signals import page_published, page_unpublished

        from mitplan.processes import roles
        from mitplan.processes.notices import add_notice_source
        from mitplan.processes.portal import add_panel

        from . import panels, selectors, workflow
        from .models import ArticlePage, Category, NewsIndexPage

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

        # Local functions: connected with weak=False, or they would be collected.
        def changed(sender, **kwargs):
            selectors.site_news_changed()
            panels.panels_changed()

        for model in (ArticlePage, NewsIndexPage):
            post_save.connect(
                changed, sender=model, dispatch_uid=f"news.{model}.save", weak=False
            )
            post_delete.connect(
                changed, sender=model, dispatch_uid=f"news.{model}.delete", weak=False
            )
            page_published.connect(
                changed,
                sender=model,
                dispatch_uid=f"news.{model}.published",
                weak=False,
            )
            page_unpublished.connect(
                changed,
                sender=model,
                dispatch_uid=f"news.{model}.unpublished",
                weak=False,
            )
        post_save.connect(
            changed, sender=Category, dispatch_uid="news.category.save", weak=False
        )
        # The cached panels name their images' renditions.
        for signal in (post_save, post_delete):
            signal.connect(
                panels.panels_changed_by_image,
                sender=get_image_model(),
                dispatch_uid=f"news.image.{id(signal)}",
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
