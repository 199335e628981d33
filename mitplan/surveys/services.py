"""What happens to a survey's responses: a page's answers kept as a draft, a
response sent (with its tallies, in one transaction), staff closing a survey
(with its frozen final results), access codes, quotes."""

import hashlib
import hmac
import secrets
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from mitplan.core.audit import acting_account
from mitplan.core.submissions import Saved, content_digest, save_once
from mitplan.processes.rules import require

from . import answers as answer_rules
from . import following, rules, tallies
from .answers import AnswersRefused, Definition
from .models import AccessCode, Draft, Quote, Response, Survey, Tally

LOG_CLOSED = "mitplan.survey.closed"
LOG_CODES = "mitplan.survey.codes_created"
LOG_QUOTE = "mitplan.survey.quote_picked"
LOG_PAPER = "mitplan.survey.paper_entered"
# Unambiguous on paper: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class SurveyRefused(ValidationError):
    """A response that cannot be stored: the survey is closed, the person or code
    answered already, the code is unknown. The message is for the person."""


def respondent_key(token: str) -> str:
    """What a response keeps of the device's token: a keyed digest, so the stored
    value leads back to no cookie without the server's secret."""
    return hmac.new(
        settings.SECRET_KEY.encode(), f"survey:{token}".encode(), hashlib.sha256
    ).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(24)


def access_code_find(survey: Survey, code: str) -> AccessCode | None:
    cleaned = "".join(ch for ch in (code or "").upper() if ch.isalnum())[:20]
    if not cleaned:
        return None
    return AccessCode.objects.filter(survey=survey, code=cleaned).first()


def has_answered(survey: Survey, *, key: str = "", account=None, code=None) -> bool:
    if code is not None:
        return code.used_at is not None
    if account is not None and survey.audience == Survey.Audience.SIGNED_IN:
        return Response.objects.filter(survey=survey, account=account).exists()
    return (
        bool(key)
        and Response.objects.filter(survey=survey, respondent_key=key).exists()
    )


def draft_of(survey: Survey, key: str) -> Draft | None:
    return Draft.objects.filter(survey=survey, respondent_key=key).first()


def draft_save(
    *,
    survey: Survey,
    key: str,
    page_answers: dict,
    page_codes: list[str],
    language: str,
    access_code: AccessCode | None = None,
) -> Draft:
    """Keep one page's answers (replacing what that page held before) so the
    person can go back, resume later on this device, and review before sending."""
    with transaction.atomic():
        draft, _created = Draft.objects.select_for_update().get_or_create(
            survey=survey,
            respondent_key=key,
            defaults={"language": language, "access_code": access_code},
        )
        answers = {k: v for k, v in draft.answers.items() if k not in page_codes}
        others = {
            k: v
            for k, v in (answers.pop(answer_rules.OTHER, None) or {}).items()
            if k not in page_codes
        }
        answers.update(
            {k: v for k, v in page_answers.items() if k != answer_rules.OTHER}
        )
        others.update(page_answers.get(answer_rules.OTHER) or {})
        if others:
            answers[answer_rules.OTHER] = others
        draft.answers = answers
        draft.language = language
        if access_code is not None:
            draft.access_code = access_code
        draft.changed_at = timezone.now()
        draft.save()
    return draft


def response_submit(
    *,
    survey: Survey,
    answers: dict,
    language: str,
    key: str = "",
    account=None,
    access_code: AccessCode | None = None,
    source: str = Response.Source.ONLINE,
    source_note: str = "",
    entered_by=None,
    submission_key: str | None = None,
    definition: Definition | None = None,
) -> tuple[Response, Saved]:
    """Store a response and add it to the tallies, in one transaction. Online: the
    survey must be open, and each device (key), account or access code answers once.
    Paper and event questionnaires are entered by staff while the survey is open.
    Returns (response, Saved); a resent form returns the first response.
    definition: the questions as the caller read them in this request (saves
    reading them twice)."""
    survey = Survey.objects.select_related("process").get(pk=survey.pk)
    if submission_key:
        # Sent again (a double click whose twin already stored the response and
        # emptied the draft): the first response stands, whatever this one holds.
        first = Response.objects.filter(
            survey=survey, submission_key=submission_key
        ).first()
        if first is not None and (not answers or (key and first.respondent_key == key)):
            return first, Saved.RESENT
    if source == Response.Source.ONLINE:
        reason = rules.closed_reason(survey)
        if reason:
            raise SurveyRefused(reason, code="closed")
    else:
        require("surveys.enter_paper", entered_by, survey.process)
        if survey.is_over():
            raise SurveyRefused(
                _("This survey is closed: its final results are published."),
                code="closed",
            )
    if language not in dict(settings.LANGUAGES):
        raise SurveyRefused(_("This language is not offered."), code="language")
    if definition is None or definition.survey.pk != survey.pk:
        definition = Definition.of(survey)
    clean = answer_rules.check(definition, answers)  # AnswersRefused
    response = Response(
        survey=survey,
        answers=clean,
        language=language,
        source=source,
        source_note=source_note.strip()[:200],
        entered_by=entered_by if source != Response.Source.ONLINE else None,
        submission_key=submission_key,
        submission_digest=content_digest(answers=clean, language=language)
        if submission_key
        else "",
    )
    if source == Response.Source.ONLINE:
        if survey.audience == Survey.Audience.SIGNED_IN:
            if account is None or not account.is_authenticated:
                raise SurveyRefused(
                    _("Please sign in to answer this survey."), code="sign_in"
                )
            response.account = account
        elif survey.audience == Survey.Audience.ACCESS_CODE:
            if access_code is None or access_code.survey_id != survey.pk:
                raise SurveyRefused(
                    _("Please enter the access code from your invitation."),
                    code="code",
                )
            response.respondent_key = f"code:{access_code.pk}"
        else:
            if not key:
                raise SurveyRefused(
                    _("Please start the survey from its first page."), code="start"
                )
            response.respondent_key = key
    with transaction.atomic():
        if submission_key:
            first = Response.objects.filter(submission_key=submission_key).first()
            if first is not None:
                return first, _resent(first, response)
        # A code says "used already" below, which tells more than "answered".
        if (response.respondent_key or response.account_id) and access_code is None:
            taken = Response.objects.filter(survey=survey)
            taken = (
                taken.filter(account=response.account)
                if response.account_id
                else taken.filter(respondent_key=response.respondent_key)
            )
            if taken.exists():
                raise SurveyRefused(
                    _("You have already answered this survey. Thank you!"),
                    code="answered",
                )
        # One code, one response, also when two people send at once.
        if (
            access_code is not None
            and response.respondent_key
            and not AccessCode.objects.filter(pk=access_code.pk, used_at=None).update(
                used_at=timezone.now()
            )
        ):
            raise SurveyRefused(
                _("This access code has been used already."), code="code_used"
            )
        try:
            response, saved = save_once(response)
        except IntegrityError:
            # The same person sent from two tabs at once: the first one stands.
            raise SurveyRefused(
                _("You have already answered this survey. Thank you!"),
                code="answered",
            ) from None
        if saved is not Saved.CREATED:
            transaction.set_rollback(True)
            return response, saved
        tallies.add(
            survey.pk,
            source,
            tallies.response_keys(definition, clean, language),
        )
        Survey.objects.filter(pk=survey.pk).update(
            response_count=F("response_count") + 1,
            results_changed_at=timezone.now(),
        )
        if key:
            Draft.objects.filter(survey=survey, respondent_key=key).delete()
        if source != Response.Source.ONLINE:
            log(
                survey,
                LOG_PAPER,
                user=acting_account(entered_by),
                data={"response": response.pk, "source": source},
            )
    return response, Saved.CREATED


def _resent(first: Response, response: Response) -> Saved:
    if (
        first.submission_digest
        and first.submission_digest != response.submission_digest
    ):
        return Saved.CONFLICT
    return Saved.RESENT


def survey_close(*, survey: Survey, actor) -> Survey:
    """Close the survey now and freeze its results: the final results published
    from now on never change."""
    require("surveys.manage", actor, survey.process)
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        now = timezone.now()
        if survey.closed_at is None or survey.closed_at > now:
            survey.closed_at = now
        survey.save(update_fields=["closed_at"])
        results_freeze(survey)
        log(survey, LOG_CLOSED, user=acting_account(actor))
        following.followers_tell(survey, following.FINAL_PUBLISHED)
    return survey


def results_published(survey: Survey) -> None:
    """Staff made the interim results public: tell those who follow the survey."""
    following.followers_tell(survey, following.INTERIM_PUBLISHED)


def results_freeze(survey: Survey) -> bool:
    """Keep the tallies as the final results once the survey is over (idempotent;
    True if it froze them now). Call with the survey row locked or unlocked: the
    update takes only a survey without final results."""
    if survey.final_results is not None or not survey.is_over():
        return False
    frozen = {
        "frozen_at": timezone.now().isoformat(),
        "response_count": survey.response_count,
        "tallies": [
            list(row)
            for row in Tally.objects.filter(survey=survey)
            .exclude(count=0)
            .order_by("question", "key", "source", "group_by", "group_key")
            .values_list("question", "key", "source", "group_by", "group_key", "count")
        ],
    }
    changed = Survey.objects.filter(pk=survey.pk, final_results__isnull=True).update(
        final_results=frozen
    )
    if changed:
        survey.final_results = frozen
    return bool(changed)


def access_codes_create(*, survey: Survey, count: int, group: str, actor) -> list:
    """`count` new one-time codes for an invited group (printable, CSV)."""
    require("surveys.manage", actor, survey.process)
    if not 1 <= count <= 5000:
        raise ValidationError(_("Between 1 and 5000 codes at a time, please."))
    made = []
    with transaction.atomic():
        taken = set(AccessCode.objects.values_list("code", flat=True))
        while len(made) < count:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))
            if code not in taken:
                taken.add(code)
                made.append(AccessCode(survey=survey, code=code, group=group[:100]))
        AccessCode.objects.bulk_create(made)
        log(survey, LOG_CODES, user=acting_account(actor), data={"count": count})
    return made


def quote_pick(*, response: Response, question, actor, text: str | None = None):
    """Show a free-text answer with the results (after staff have read it)."""
    require("surveys.manage", actor, response.survey.process)
    if question.survey_id != response.survey_id or not question.is_text:
        raise ValidationError(_("Only free-text answers can be quoted."))
    answer = response.answers.get(question.code)
    if not isinstance(answer, str) or not answer:
        raise ValidationError(_("This response has no answer to that question."))
    quote, _created = Quote.objects.update_or_create(
        response=response,
        question=question,
        defaults={"text": (text or answer).strip(), "picked_by": actor},
    )
    log(
        response.survey, LOG_QUOTE, user=acting_account(actor), data={"quote": quote.pk}
    )
    _results_changed(response.survey)
    return quote


def quote_withdraw(*, quote: Quote, actor) -> None:
    """Take a quote back: gone from the public results at once (it may have shown
    more than it should)."""
    survey = quote.question.survey
    require("surveys.manage", actor, survey.process)
    quote.delete()
    _results_changed(survey)


def _results_changed(survey: Survey) -> None:
    # The cached results are keyed by the survey's changed_at (selectors).
    Survey.objects.filter(pk=survey.pk).update(changed_at=timezone.now())


@dataclass(frozen=True)
class TallyDrift:
    survey: Survey
    differences: list  # (question, key, source, group_by, group_key, stored, counted)


def tallies_recount(survey: Survey, *, fix: bool = False) -> TallyDrift:
    """Count every tally again from the stored responses and compare; with fix,
    replace the tallies by the counted ones (the survey row locked meanwhile, so
    no response is counted twice or lost)."""
    definition = Definition.of(survey)
    with transaction.atomic():
        if fix:
            Survey.objects.select_for_update().filter(pk=survey.pk).first()
        rows = (
            Response.objects.filter(survey=survey)
            .values_list("answers", "language", "source")
            .iterator(chunk_size=2000)
        )
        counted = tallies.computed(definition, rows)
        stored = tallies.stored(survey.pk)
        differences = [
            (*key, stored.get(key, 0), counted.get(key, 0))
            for key in sorted(set(counted) | set(stored))
            if stored.get(key, 0) != counted.get(key, 0)
        ]
        responses = Response.objects.filter(survey=survey).count()
        if survey.response_count != responses:
            differences.append(
                ("", "response_count", "", "", "", survey.response_count, responses)
            )
        if fix and differences:
            Tally.objects.filter(survey=survey).delete()
            for source in {key[2] for key in counted}:
                tallies.add(
                    survey.pk,
                    source,
                    Counter(
                        {
                            (q, k, gb, gk): n
                            for (q, k, s, gb, gk), n in counted.items()
                            if s == source
                        }
                    ),
                )
            Survey.objects.filter(pk=survey.pk).update(
                response_count=responses, results_changed_at=timezone.now()
            )
    return TallyDrift(survey=survey, differences=differences)


__all__ = ["AnswersRefused", "SurveyRefused"]
