"""Applying to the fund: starting a draft, changing it, and withdrawing it.

A member of an approved initiative starts an application for it in a round that is open or
still to open. A draft is the initiative's own: it may be saved with parts still missing
(submitting checks them, fund/submission.py). Once submitted it may still change while the round
is open and nobody decided on it; every such change is a new revision (fund/revisions.py).

Each action re-reads the application under its row lock (`lock_for_change`) and refuses when
someone else just changed where it stands (submitted, decided, withdrawn). A double click on
"save" of a new application makes one draft: the form's key is unique.
"""

from dataclasses import dataclass, field
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from fund.errors import FundRuleError
from fund.models import Application, BudgetLine, Round
from fund.permissions import Person, can_apply_for
from initiatives.models import Initiative, Theme
from initiatives.permissions import memberships_of

TEXT_FIELDS = ("title", "summary", "plan", "why", "for_whom")
MAX_LINES = 30
MAX_CO_APPLICANTS = 10


@dataclass
class Draft:
    """What a person filled in (fund/application_forms.py makes it from the form)."""

    title: str
    summary: str = ""
    plan: str = ""
    why: str = ""
    for_whom: str = ""
    theme: Theme | None = None
    research_question_id: int | None = None
    meeting_id: int | None = None
    amount_cents: int = 0
    lines: list[tuple[str, int]] = field(default_factory=list)
    co_applicants: list[Initiative] = field(default_factory=list)


def accepts_drafts(round_: Round) -> bool:
    """A round takes new applications until it closes (a draft may be started before it
    opens; submitting waits for the opening)."""
    return round_.closed_at is None and timezone.localdate() <= round_.closes_on


def closed_message(round_: Round) -> str:
    return _("The round “%(round)s” is closed: it takes no new applications.") % {
        "round": round_.name
    }


def applying_initiatives(user: Person) -> list[Initiative]:
    """The approved initiatives this person is a member of: those they may apply for."""
    mine = memberships_of(user)
    if not mine:
        return []
    return list(
        Initiative.objects.approved()
        .filter(pk__in=list(mine))
        .select_related("municipality")
        .order_by("name", "pk")
    )


def mine(user: Person) -> QuerySet[Application]:
    """The applications of this person's initiatives (drafts too), and the submitted ones their
    initiatives apply with, newest change first."""
    ids = list(memberships_of(user))
    own = Q(initiative__in=ids)
    together = Q(co_applicants__in=ids) & ~Q(status=Application.Status.DRAFT)
    matching = Application.objects.filter(own | together).values("pk")
    return (
        Application.objects.filter(pk__in=matching)
        .select_related("round", "initiative")
        .order_by("-updated_at", "-pk")
    )


def _apply(application: Application, draft: Draft) -> None:
    """Write the draft's values on the application (saved by the caller)."""
    for name in TEXT_FIELDS:
        setattr(application, name, getattr(draft, name))
    application.theme = draft.theme
    application.research_question_id = draft.research_question_id
    application.meeting_id = draft.meeting_id
    application.amount_cents = draft.amount_cents


def _write_lines(application: Application, lines: list[tuple[str, int]]) -> None:
    """The budget lines, in order. Lines keep their rows where they stay (a report may point
    at them)."""
    existing = list(BudgetLine.objects.filter(application=application).order_by("position", "pk"))
    for position, (description, cents) in enumerate(lines):
        if position < len(existing):
            line = existing[position]
            if (line.description, line.amount_cents, line.position) != (
                description,
                cents,
                position,
            ):
                line.description, line.amount_cents, line.position = description, cents, position
                line.save(update_fields=["description", "amount_cents", "position"])
        else:
            BudgetLine.objects.create(
                application=application,
                description=description,
                amount_cents=cents,
                position=position,
            )
    gone = [line.pk for line in existing[len(lines) :]]
    if gone:
        BudgetLine.objects.filter(pk__in=gone).delete()


def _write_co_applicants(application: Application, initiatives: list[Initiative]) -> None:
    wanted = [i for i in initiatives if i.pk != application.initiative_id][:MAX_CO_APPLICANTS]
    application.co_applicants.set(wanted)


def create_application(
    round_: Round,
    initiative: Initiative,
    draft: Draft,
    *,
    by: User,
    form_key: UUID | None = None,
) -> tuple[Application, bool]:
    """A new draft, and True; or, for a form sent twice (the same key), the draft the first
    sending made, and False. FundRuleError when the round is closed or the person may not
    apply for this initiative (a forged form)."""
    if form_key is not None:
        earlier = Application.objects.filter(form_key=form_key, created_by=by).first()
        if earlier is not None:
            return earlier, False
    if not accepts_drafts(round_):
        raise FundRuleError(closed_message(round_))
    if not can_apply_for(by, initiative):
        raise FundRuleError(
            _("Choose an initiative you are a member of, and that is in the directory."),
            field="initiative",
        )
    try:
        return _create(round_, initiative, draft, by=by, form_key=form_key), True
    except IntegrityError:
        if form_key is None:
            raise
    # The same form, sent twice at once: the first one made it. (A key that is someone else's
    # can only be forged: it is ignored.)
    earlier = Application.objects.filter(form_key=form_key, created_by=by).first()
    if earlier is not None:
        return earlier, False
    return _create(round_, initiative, draft, by=by, form_key=None), True


def _create(
    round_: Round, initiative: Initiative, draft: Draft, *, by: User, form_key: UUID | None
) -> Application:
    with transaction.atomic():
        application = Application(
            round=round_, initiative=initiative, created_by=by, form_key=form_key
        )
        _apply(application, draft)
        application.save()
        _write_lines(application, draft.lines)
        _write_co_applicants(application, draft.co_applicants)
    return application


def status_message(status: str) -> str:
    """Why an application cannot change (any more), by the status it has now."""
    if status in (Application.Status.AWARDED, Application.Status.REJECTED):
        return _("The committee has decided on this application; it can no longer change.")
    if status == Application.Status.WITHDRAWN:
        return _("This application was withdrawn; it can no longer change.")
    return _("This application can no longer change.")


def lock_for_change(application: Application) -> Application:
    """The application re-read under its row lock, if it may still change: a draft, or a
    submitted application in an open round. FundRuleError with the reason otherwise. Must run
    inside the caller's transaction."""
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("round", "initiative")
        .get(pk=application.pk)
    )
    if locked.status == Application.Status.DRAFT:
        return locked
    if locked.status == Application.Status.SUBMITTED:
        if not locked.round.is_open:
            raise FundRuleError(
                _("The round is closed; a submitted application can no longer change.")
            )
        return locked
    raise FundRuleError(status_message(locked.status))


@dataclass
class Saved:
    application: Application
    revision: int | None  # the number of the new revision, if the change made one


def update_application(application: Application, draft: Draft, *, by: User) -> Saved:
    """Save the changes. A submitted application must still meet every rule of submitting
    (submission.Refused with the problems otherwise, and nothing is saved); if anything
    changed, the change is its next revision."""
    from fund.revisions import freeze
    from fund.submission import Refused, problems

    with transaction.atomic():
        locked = lock_for_change(application)
        _apply(locked, draft)
        locked.updated_at = timezone.now()
        locked.save(
            update_fields=[
                *TEXT_FIELDS,
                "theme",
                "research_question",
                "meeting",
                "amount_cents",
                "updated_at",
            ]
        )
        _write_lines(locked, draft.lines)
        _write_co_applicants(locked, draft.co_applicants)
        number = None
        if locked.status == Application.Status.SUBMITTED:
            found = problems(locked, locked.round)
            if found:
                raise Refused(found)
            revision = freeze(locked, by=by)
            number = revision.number if revision is not None else None
    return Saved(locked, number)


@dataclass
class Withdrawn:
    deleted: bool  # a draft is thrown away: nobody else ever saw it
    already: bool = False


def withdraw(application: Application, *, by: User) -> Withdrawn:
    """Withdraw a submitted application, or throw a draft away. Refused once the committee
    decided, even when that happened a moment ago (read again under the lock)."""
    with transaction.atomic():
        locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
        if locked.status == Application.Status.WITHDRAWN:
            return Withdrawn(deleted=False, already=True)
        if locked.status in (Application.Status.AWARDED, Application.Status.REJECTED):
            raise FundRuleError(
                _(
                    "The committee has already decided on this application; it can no longer be withdrawn."
                )
            )
        if locked.status == Application.Status.DRAFT:
            locked.delete()
            return Withdrawn(deleted=True)
        now = timezone.now()
        Application.objects.filter(pk=locked.pk).update(
            status=Application.Status.WITHDRAWN, withdrawn_at=now, updated_at=now
        )
    return Withdrawn(deleted=False)


def register() -> None:
    """Called from FundConfig.ready(): what applying adds to the rest of the portal."""
    from fund import attachments

    attachments.register()
