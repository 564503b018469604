"""One predicate per rule of the fund, used by views and templates alike.

Conflicts of interest: a committee member or treasurer who is a member of the applying
initiative or of a co-applying one, or who declared a tie to one of them, takes no part in that
application: no review, no decision, no payout approval, no report acceptance. `conflicts()`
says which, by reason; the decision list names them (fund/decision_list.py).
"""

from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from accounts.permissions import group_names
from accounts.roles import FUND_COMMITTEE, TREASURER
from fund.models import Application, Grant, Payout, Recusal, Report, Review, Round, Tie
from initiatives.models import Initiative
from initiatives.permissions import is_member, memberships_of

Person = User | AnonymousUser
# Kept on the user object for the rest of the request; an attribute of our own on Django's user.
KEPT_TIES = "_fund_ties"


def is_committee(user: Person) -> bool:
    return user.is_authenticated and FUND_COMMITTEE in group_names(user)


def is_treasurer(user: Person) -> bool:
    return user.is_authenticated and TREASURER in group_names(user)


def is_fund_insider(user: Person) -> bool:
    """The committee and the treasurers: they see submitted applications and the fund's work."""
    return is_committee(user) or is_treasurer(user)


def tied_initiatives(user: Person) -> set[int]:
    """The initiatives this person declared a current tie to, read once per request."""
    if not user.is_authenticated:
        return set()
    kept: set[int] | None = getattr(user, KEPT_TIES, None)
    if kept is None:
        kept = set(
            Tie.objects.filter(user=user, ended_at=None).values_list("initiative_id", flat=True)
        )
        setattr(user, KEPT_TIES, kept)
    return kept


def conflicts(user: Person, application: Application) -> list[str]:
    """Why this person may take no part in this application (Recusal.Reason values), or []."""
    if not user.is_authenticated:
        return []
    reasons: list[str] = []
    mine = memberships_of(user)
    ties = tied_initiatives(user)
    co_applicants = {i.pk for i in application.co_applicants.all()}
    if application.initiative_id in mine:
        reasons.append(Recusal.Reason.APPLICANT)
    if co_applicants & mine.keys():
        reasons.append(Recusal.Reason.CO_APPLICANT)
    if ({application.initiative_id} | co_applicants) & ties:
        reasons.append(Recusal.Reason.TIE)
    return reasons


def is_applicant(user: Person, application: Application) -> bool:
    """A member of the initiative that applies (co-applicants see it once it is submitted)."""
    return is_member(user, application.initiative)


# --- rounds ---


def can_open_round(user: Person) -> bool:
    return is_committee(user)


def can_manage_round(user: Person, round_: Round) -> bool:
    return is_committee(user) and round_.closed_at is None


# --- applications ---


def can_apply_for(user: Person, initiative: Initiative) -> bool:
    """Members of an approved initiative apply for it (DESIGN.md's roles table)."""
    return initiative.status == Initiative.Status.APPROVED and is_member(user, initiative)


def can_view_application(user: Person, application: Application) -> bool:
    """A draft is the applying initiative's alone (everyone else gets a 404); once submitted, the
    co-applicants and the fund's committee and treasurers see it too."""
    if is_applicant(user, application):
        return True
    if application.status == Application.Status.DRAFT:
        return False
    if is_fund_insider(user):
        return True
    mine = memberships_of(user)
    return any(i.pk in mine for i in application.co_applicants.all())


def can_edit_application(user: Person, application: Application) -> bool:
    """The applicant changes a draft, or a submitted application while the round is open (each
    change after submission is a new revision)."""
    if not is_applicant(user, application):
        return False
    if application.status == Application.Status.DRAFT:
        return True
    return application.status == Application.Status.SUBMITTED and application.round.is_open


def can_withdraw_application(user: Person, application: Application) -> bool:
    return is_applicant(user, application) and application.status in (
        Application.Status.DRAFT,
        Application.Status.SUBMITTED,
    )


# --- reviews and decisions ---


def can_review(user: Person, application: Application) -> bool:
    return (
        is_committee(user)
        and application.status == Application.Status.SUBMITTED
        and not conflicts(user, application)
    )


def can_see_reviews(user: Person, application: Application, own: Review | None) -> bool:
    """A reviewer sees the others' reviews only after submitting their own (or once decided);
    applicants never do; a member with a conflict never does."""
    if not is_committee(user) or conflicts(user, application):
        return False
    decided = application.status in (Application.Status.AWARDED, Application.Status.REJECTED)
    return decided or (own is not None and own.submitted_at is not None)


def can_decide(user: Person, application: Application, own: Review | None) -> bool:
    """A committee member without a conflict who reviewed it decides (so they decide having seen
    the reviews); the round's rule on the number of reviews is checked by fund/decisions.py."""
    return can_review(user, application) and own is not None and own.submitted_at is not None


def can_declare_ties(user: Person) -> bool:
    return is_fund_insider(user)


# --- money ---


def can_record_money(user: Person) -> bool:
    """Funders, contributions and their reversals: the treasurers."""
    return is_treasurer(user)


def can_propose_payout(user: Person, grant: Grant) -> bool:
    return (
        is_treasurer(user)
        and grant.status != Grant.Status.SETTLED
        and not conflicts(user, grant.application)
    )


def can_approve_payout(user: Person, payout: Payout) -> bool:
    """Four eyes: another treasurer or a committee member, never the one who proposed it, and
    nobody with a conflict."""
    return (
        is_fund_insider(user)
        and payout.status == Payout.Status.PROPOSED
        and payout.proposed_by_id != user.pk
        and not conflicts(user, payout.grant.application)
    )


# --- accountability ---


def can_report(user: Person, grant: Grant) -> bool:
    return is_member(user, grant.initiative) and grant.status != Grant.Status.SETTLED


def can_accept_report(user: Person, report: Report) -> bool:
    return (
        is_committee(user)
        and report.status == Report.Status.SUBMITTED
        and not conflicts(user, report.grant.application)
    )


# --- payouts ---


def can_see_payouts(user: Person) -> bool:
    """The queue of payouts and who proposed and approved them: the committee and treasurers."""
    return is_fund_insider(user)


def can_cancel_payout(user: Person, payout: Payout) -> bool:
    """Whoever proposed a payout may take it back while it waits for approval."""
    return (
        is_treasurer(user)
        and payout.status == Payout.Status.PROPOSED
        and payout.proposed_by_id is not None
        and payout.proposed_by_id == user.pk
    )


def can_record_repayment(user: Person, grant: Grant) -> bool:
    """A treasurer without a conflict records money an initiative paid back."""
    return is_treasurer(user) and not conflicts(user, grant.application)


# --- reports ---


def can_view_report(user: Person, grant: Grant) -> bool:
    """The report as it is being written: the initiative's members, the committee and the
    treasurers (an accepted report's story, photo and figures are public on the grant's page)."""
    return is_member(user, grant.initiative) or is_fund_insider(user)


def can_review_report(user: Person, grant: Grant) -> bool:
    """The committee, without a conflict, looks at the report of a grant (whatever its state)."""
    return is_committee(user) and not conflicts(user, grant.application)
