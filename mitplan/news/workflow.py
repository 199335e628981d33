"""Who writes and who publishes the news: editors draft, a process owner publishes.

After `migrate` (and whenever a news index page is created) every news index gets
- the Wagtail workflow "Articles: review by a process owner", one GroupApprovalTask
  for the process owners' group;
- page permissions below it: the "Editors" group may add and edit (not publish),
  the process owners may add, edit and publish.
Idempotent: run again, it adds what is missing and changes nothing staff changed
(a renamed workflow, a group given more)."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from mitplan.processes import roles

WORKFLOW_NAME = _("Articles: review by a process owner")
TASK_NAME = _("Review by a process owner")
EDITORS = _("Editors")
EDITOR_PERMISSIONS = ("add_page", "change_page")
OWNER_PERMISSIONS = ("add_page", "change_page", "publish_page")


def _in_site_language(text) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


def editors_group() -> Group:
    group, _created = Group.objects.get_or_create(name=_in_site_language(EDITORS))
    admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if admin is not None:
        group.permissions.add(admin)
    return group


def articles_workflow() -> Workflow | None:
    """The workflow (None before the process owners' group exists)."""
    owners = roles.group_of(roles.PROCESS_OWNERS)
    if owners is None:
        return None
    task = GroupApprovalTask.objects.filter(groups=owners).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=_in_site_language(TASK_NAME))
        task.groups.set([owners])
    workflow = Workflow.objects.filter(workflow_tasks__task=task).order_by("pk").first()
    if workflow is None:
        workflow = Workflow.objects.create(name=_in_site_language(WORKFLOW_NAME))
        # Not workflow.workflow_tasks.create(): a cluster's relation saves nothing.
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def _grant(group: Group, page, codenames) -> None:
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=codenames
    ):
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=permission
        )


def index_set_up(index, *, workflow=None, editors=None) -> None:
    """One news index: its workflow and who may do what below it."""
    workflow = workflow or articles_workflow()
    if workflow is None:
        return
    WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
    _grant(editors or editors_group(), index, EDITOR_PERMISSIONS)
    owners = roles.group_of(roles.PROCESS_OWNERS)
    if owners is not None:
        _grant(owners, index, OWNER_PERMISSIONS)


def news_workflow_ensure() -> None:
    from .models import NewsIndexPage

    workflow = articles_workflow()
    if workflow is None:
        return
    editors = editors_group()
    for index in NewsIndexPage.objects.all():
        index_set_up(index, workflow=workflow, editors=editors)


def after_migrate(sender, using="default", plan=None, **kwargs):
    """post_migrate of news: only when migrations ran forward (not a flush)."""
    if plan is None or (plan and all(backwards for _migration, backwards in plan)):
        return
    news_workflow_ensure()
