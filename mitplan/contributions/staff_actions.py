"""What staff do on the screen of one contribution, one class per change (the shape
of wagtail/actions/): who may, which form, one service call, what the screen says.

The services write the contribution's public history and Wagtail's audit log, so an
action adds neither. Other apps register their own actions (comments: hide a
comment; moderation: close an abuse report) with `add_staff_action`."""

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from . import rules, services
from .admin_forms import EditForm, ForwardForm, MergeForm, RejectForm, StatementForm
from .models import Contribution, Statement


class StaffAction:
    """One change. `name` is the value of the button's `action` field; a form's
    errors show on the screen under `form_name`."""

    name = ""
    form_class = None
    form_name = ""

    def allowed(self, user, contribution) -> bool:
        """Moderating is for process owners (and superusers)."""
        return rules.can_moderate(user, contribution.process)

    def form(self, request, contribution):
        return self.form_class(request.POST) if self.form_class else None

    def run(self, request, contribution, form) -> str | None:
        """Carry it out; what the screen says, or None when the form got errors."""
        raise NotImplementedError


_actions: dict[str, StaffAction] = {}


def add_staff_action(action: StaffAction) -> None:
    taken = _actions.get(action.name)
    if taken is not None and type(taken) is not type(action):
        raise ImproperlyConfigured(f"Staff action {action.name!r} is registered twice.")
    _actions[action.name] = action


def staff_action(name: str) -> StaffAction | None:
    return _actions.get(name)


def carry_out_staff_action(request, contribution, name: str, forms: dict):
    """The screen's POST: the action's message, or None when a form had errors (its
    errors are then in `forms`). PermissionDenied for an unknown action or one the
    user may not take; ValidationError from the service passes through."""
    from django.core.exceptions import PermissionDenied

    action = staff_action(name)
    if action is None or not action.allowed(request.user, contribution):
        raise PermissionDenied
    form = action.form(request, contribution)
    if form is not None:
        forms[action.form_name or action.name] = form
        if not form.is_valid():
            return None
    return action.run(request, contribution, form)


# --- The contribution's own actions ---------------------------------------------------


def reason_reach(contribution, subscriber_count: int) -> str:
    """Who learns a rejection's reason, and how: staff must not promise more."""
    from django.utils.translation import ngettext

    reach = []
    if subscriber_count:
        if contribution.moderation_state == Contribution.Moderation.PENDING:
            # Before publication only the author could subscribe (on the form).
            reach.append(_("The author gets the reason by e-mail."))
        else:
            reach.append(
                ngettext(
                    "%(count)s confirmed subscriber gets the reason by e-mail.",
                    "%(count)s confirmed subscribers get the reason by e-mail.",
                    subscriber_count,
                )
                % {"count": subscriber_count}
            )
    if contribution.author_id is not None:
        reach.append(_("The author sees the reason under My contributions."))
    if not reach:
        reach.append(
            _("The author left no way to reach them, so the reason is kept here only.")
        )
    return " ".join(reach)


def subscriber_count(contribution) -> int:
    from mitplan.notifications.services import confirmed_count

    from .following import topic

    return confirmed_count(topic(contribution))


class Publish(StaffAction):
    name = "publish"

    def run(self, request, contribution, form):
        services.contribution_publish(contribution=contribution, actor=request.user)
        return _("Published.")


class Reject(StaffAction):
    name = "reject"
    form_class = RejectForm

    def run(self, request, contribution, form):
        # Who is reached depends on the state before the rejection.
        reach = reason_reach(contribution, subscriber_count(contribution))
        services.contribution_reject(
            contribution=contribution,
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
        return _("Rejected.") + " " + reach


class Edit(StaffAction):
    name = "edit"
    form_class = EditForm

    def run(self, request, contribution, form):
        services.contribution_edit(
            contribution=contribution, actor=request.user, **form.cleaned_data
        )
        return _("Saved, with the public note.")


class Merge(StaffAction):
    name = "merge"
    form_class = MergeForm

    def run(self, request, contribution, form):
        target = Contribution.objects.filter(pk=form.cleaned_data["target"]).first()
        if target is None:
            form.add_error("target", _("There is no contribution with this number."))
            return None
        services.contribution_merge(
            duplicate=contribution, target=target, actor=request.user
        )
        return _("Merged.")


class Forward(StaffAction):
    name = "forward"

    def form(self, request, contribution):
        return ForwardForm(request.POST, process=contribution.process)

    def run(self, request, contribution, form):
        services.contribution_forward(
            contribution=contribution,
            actor=request.user,
            expert_group=form.cleaned_data["expert_group"],
        )
        return _("Forwarded to the expert group.")


class DraftStatement(StaffAction):
    """Expert groups write statements too; who may publish or change a published one
    is the service's rule (statement_draft, statement_publish)."""

    name = "draft_statement"
    form_name = "statement"

    def allowed(self, user, contribution) -> bool:
        return rules.can_see_internal(user, contribution)

    def form(self, request, contribution):
        return StatementForm(request.POST, contribution_language=contribution.language)

    service = staticmethod(services.statement_draft)

    def _write(self, request, contribution, form):
        return self.service(
            contribution=contribution,
            outcome=form.cleaned_data["outcome"],
            text=form.cleaned_data["text_de"],
            translations=form.translations(),
            actor=request.user,
        )

    def run(self, request, contribution, form):
        statement = _statement(contribution)
        was_published = statement is not None and statement.is_published
        self._write(request, contribution, form)
        if was_published:
            # statement_draft edits a published statement in place (and lets only
            # those who may publish do so): say that it is public at once.
            return _(
                "The published statement was changed; the public page shows the "
                "new text now."
            )
        return _("Statement saved as a draft.")


class PublishStatement(DraftStatement):
    name = "publish_statement"

    service = staticmethod(services.statement_write_and_publish)

    def run(self, request, contribution, form):
        self._write(request, contribution, form)
        return _("Statement published.")


def _statement(contribution):
    try:
        return contribution.statement
    except Statement.DoesNotExist:
        return None


def register() -> None:
    for action in (
        Publish,
        Reject,
        Edit,
        Merge,
        Forward,
        DraftStatement,
        PublishStatement,
    ):
        add_staff_action(action())
