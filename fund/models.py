"""The community fund: funders and their contributions, rounds with criteria, applications with
their budgets and revisions, reviews, declared ties, decisions, grants, payouts and reports, and
the ledger every euro moves through.

Money is in whole cents (`*_cents`, integers), never a float. Every movement of money is a
`LedgerEntry`; the database refuses to change or delete one (migration 0002). The figures kept on
rows (`Contribution.unallocated_cents`, `RoundFunding.awarded_cents`, `Round.awarded_cents`,
`Grant.paid_cents` ...) are written in the same transaction as the entries that move them, guarded
by CHECK constraints, and `manage.py check_fund_ledger` verifies them against the ledger's sums.

`fund` imports from `initiatives`. It knows a research question of the knowledge base and a
meeting only as what an application came from (`Application.research_question`,
`Application.meeting`); fund/origins.py is the one module that reads them (DESIGN.md: seams).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, Municipality, Theme

# The largest amount anyone may type anywhere in the fund: ten million euros.
MAX_CENTS = 10_000_000_00


def positive(field: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gt": 0}) & Q(**{f"{field}__lte": MAX_CENTS}),
        name=f"%(app_label)s_%(class)s_{field}_positive",
    )


class Funder(models.Model):
    """Who puts money in: the province, a municipality, a bank, a foundation. Public."""

    class Kind(models.TextChoices):
        PROVINCE = "province", _("province")
        MUNICIPALITY = "municipality", _("municipality")
        BANK = "bank", _("bank")
        FOUNDATION = "foundation", _("foundation")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("about this funder"), blank=True, max_length=2000)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("funder")
        verbose_name_plural = _("funders")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("fund:funder", args=[self.slug])


class Contribution(models.Model):
    """Money in from a funder. An earmark limits which grants its money may pay for: only
    initiatives in one municipality, or only applications on one theme (or both)."""

    funder = models.ForeignKey(
        Funder, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("funder")
    )
    amount_cents = models.BigIntegerField(_("amount"))
    received_on = models.DateField(_("received on"))
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    earmark_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("only for initiatives in"),
    )
    earmark_theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("only for the theme"),
    )
    note = models.TextField(_("note for the treasurers"), blank=True, max_length=2000)
    # Derived from the ledger: what is in no round yet (contributions and releases in, round
    # budgets out). A reversed contribution has none left.
    unallocated_cents = models.BigIntegerField(default=0, editable=False)
    reversed_at = models.DateTimeField(null=True, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The one-time key of the form it was recorded with: a double click or a form sent again
    # records one contribution (fund/contributions.py). Empty for contributions made in code.
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            positive("amount_cents"),
            models.CheckConstraint(
                condition=Q(unallocated_cents__gte=0) & Q(unallocated_cents__lte=F("amount_cents")),
                name="fund_contribution_unallocated_within_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.funder} {self.received_on:%Y-%m-%d}"

    @property
    def is_earmarked(self) -> bool:
        return self.earmark_municipality_id is not None or self.earmark_theme_id is not None


class Round(models.Model):
    """A call for applications with a budget taken from the fund, criteria and fair-spread
    rules. Open from `opens_on` up to and including `closes_on`."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    description = models.TextField(_("what this round is for"), max_length=4000)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    decisions_by = models.DateField(_("decisions by"), null=True, blank=True)
    max_per_application_cents = models.BigIntegerField(_("at most per application"))
    # Fair spread, per initiative per calendar year (of the decision), over all rounds.
    max_grants_per_year = models.PositiveSmallIntegerField(
        _("at most this many grants per initiative per year"), null=True, blank=True
    )
    max_cents_per_year = models.BigIntegerField(
        _("at most this much per initiative per year"), null=True, blank=True
    )
    first_timers_first = models.BooleanField(
        _("priority for initiatives that never received a grant"), default=False
    )
    min_reviews = models.PositiveSmallIntegerField(_("reviews needed before a decision"), default=2)
    # Derived from the ledger: the money the round took from the fund, and what it awarded.
    budget_cents = models.BigIntegerField(_("budget"), default=0, editable=False)
    awarded_cents = models.BigIntegerField(default=0, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The key of the form that opened it: the same form sent twice (a double click, a retried
    # request) opens one round (fund/rounds.py).
    opened_with = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        constraints = [
            positive("max_per_application_cents"),
            models.CheckConstraint(
                condition=Q(budget_cents__gte=0) & Q(budget_cents__lte=MAX_CENTS),
                name="fund_round_budget_in_range",
            ),
            # Two awards at once can never take a round past its budget.
            models.CheckConstraint(
                condition=Q(awarded_cents__gte=0) & Q(awarded_cents__lte=F("budget_cents")),
                name="fund_round_awarded_within_budget",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="fund_round_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(max_cents_per_year__isnull=True) | Q(max_cents_per_year__gt=0),
                name="fund_round_max_cents_per_year_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("fund:round", args=[self.slug])

    @property
    def is_open(self) -> bool:
        today = timezone.localdate()
        return self.closed_at is None and self.opens_on <= today <= self.closes_on

    @property
    def available_cents(self) -> int:
        return self.budget_cents - self.awarded_cents


class Criterion(models.Model):
    """What reviewers score an application on (1 to 5), with the weight it carries."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=120)
    description = models.CharField(_("explanation"), max_length=500, blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["round", "position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=1) & Q(weight__lte=10), name="fund_criterion_weight_1_10"
            ),
            models.UniqueConstraint(fields=["round", "name"], name="fund_criterion_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class RoundFunding(models.Model):
    """The money a round took from one contribution, and how much of it its grants took."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="fundings")
    contribution = models.ForeignKey(
        Contribution, on_delete=models.PROTECT, related_name="round_fundings"
    )
    # Derived from the ledger (round budgets in, round releases out; awards).
    reserved_cents = models.BigIntegerField(default=0)
    awarded_cents = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "contribution"], name="fund_roundfunding_unique"
            ),
            models.CheckConstraint(
                condition=Q(awarded_cents__gte=0) & Q(awarded_cents__lte=F("reserved_cents")),
                name="fund_roundfunding_awarded_within_reserved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.contribution_id}"


class ApplicationQuerySet(models.QuerySet["Application"]):
    def submitted(self) -> "ApplicationQuerySet":
        """Everything the committee sees: submitted, and decided or withdrawn after that."""
        return self.exclude(status=Application.Status.DRAFT)


class Application(models.Model):
    """An initiative asks a round for money. A draft is the initiative's own; submitting freezes
    a revision, and so does every change after it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        WITHDRAWN = "withdrawn", _("withdrawn")
        AWARDED = "awarded", _("awarded")
        REJECTED = "rejected", _("rejected")

    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="applications", verbose_name=_("round")
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.PROTECT,
        related_name="fund_applications",
        verbose_name=_("initiative"),
    )
    co_applicants = models.ManyToManyField(
        Initiative,
        blank=True,
        related_name="fund_co_applications",
        verbose_name=_("initiatives applying with you"),
    )
    title = models.CharField(_("what do you want to do?"), max_length=150)
    summary = models.TextField(_("in short, in plain language"), max_length=600)
    plan = models.TextField(_("the plan"), max_length=8000)
    why = models.TextField(_("why is it needed?"), max_length=4000)
    for_whom = models.TextField(_("for whom?"), max_length=2000)
    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("theme"),
    )
    # What it came from (optional): fund/origins.py is the seam that reads these.
    research_question = models.ForeignKey(
        "knowledgebase.Item",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("research question it came from"),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("network meeting it came from"),
    )
    amount_cents = models.BigIntegerField(_("amount asked"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # The number of the latest frozen revision (0 while a draft was never submitted).
    revision = models.PositiveIntegerField(default=0, editable=False)
    # The key of the form that started it: a double click on "save" makes one draft, not two.
    form_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            positive("amount_cents"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="fund_application_submitted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("fund:application", args=[self.pk])


class BudgetLine(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines"
    )
    description = models.CharField(_("what for"), max_length=200)
    amount_cents = models.BigIntegerField(_("amount"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["application", "position", "pk"]
        constraints = [positive("amount_cents")]

    def __str__(self) -> str:
        return self.description


class ApplicationAttachment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to="fund/applications/%Y/")
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "pk"]

    def __str__(self) -> str:
        return self.name


class ApplicationRevision(models.Model):
    """A frozen copy of a submitted application: its fields, budget lines, co-applicants and
    attachments' names as they were, kept for good."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "number"], name="fund_revision_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} v{self.number}"


class Tie(models.Model):
    """A tie a committee member or treasurer declared to an initiative: they take no part in
    anything about its applications and grants. Ending a tie keeps the row."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fund_ties"
    )
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="+", verbose_name=_("initiative")
    )
    description = models.CharField(_("what is the tie?"), max_length=300)
    declared_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-declared_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "initiative"],
                condition=Q(ended_at__isnull=True),
                name="fund_tie_one_current_per_initiative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.initiative}"


class Review(models.Model):
    """A committee member's review of one application: a score per criterion and a
    recommendation. Only the committee sees reviews, each member after submitting their own."""

    class Recommendation(models.TextChoices):
        AWARD = "award", _("award in full")
        PART = "part", _("award in part")
        REJECT = "reject", _("reject")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="fund_reviews"
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=10, choices=Recommendation.choices, blank=True
    )
    recommended_cents = models.BigIntegerField(_("amount to award"), null=True, blank=True)
    comment = models.TextField(_("comment for the committee"), max_length=4000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["application", "submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="fund_review_one_per_reviewer"
            ),
            models.CheckConstraint(
                condition=Q(recommended_cents__isnull=True) | Q(recommended_cents__gt=0),
                name="fund_review_recommended_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.reviewer_id}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="fund_score_unique"),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="fund_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"


class Decision(models.Model):
    """One entry of a round's decision list (besluitenlijst): append-only, numbered from 1 in
    each round, each carrying the hash of the one before it (fund/decision_list.py). The
    database refuses to change or delete one (migration 0002), except forgetting who decided
    when that person's account is deleted: `decided_by` is not part of the hashed content."""

    class Outcome(models.TextChoices):
        AWARD = "award", _("awarded")
        PART = "part", _("awarded in part")
        REJECT = "reject", _("rejected")

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="decisions")
    number = models.PositiveIntegerField()
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    amount_cents = models.BigIntegerField(default=0)
    reason = models.TextField(max_length=4000)
    # The canonical text that is hashed (JSON, sorted keys): the facts of the decision, the
    # recusals by reason, and the previous entry's hash.
    content = models.TextField()
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["round", "number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="fund_decision_unique_number"),
            models.CheckConstraint(
                condition=(Q(outcome="reject") & Q(amount_cents=0))
                | (~Q(outcome="reject") & Q(amount_cents__gt=0)),
                name="fund_decision_amount_fits_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round_id} #{self.number}"


class Recusal(models.Model):
    """Someone of the committee who took no part in a decision, and why. The decision's hashed
    content holds the reasons; these rows name the people, and lose the name when an account
    is deleted."""

    class Reason(models.TextChoices):
        APPLICANT = "applicant", _("member of the applying initiative")
        CO_APPLICANT = "co_applicant", _("member of an initiative applying with it")
        TIE = "tie", _("declared a tie to the initiative")

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="recusals")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)

    class Meta:
        ordering = ["decision", "pk"]

    def __str__(self) -> str:
        return f"{self.decision_id}: {self.reason}"


class Grant(models.Model):
    """An awarded application: the money reserved for it, paid out, returned and released."""

    class Status(models.TextChoices):
        AWARDED = "awarded", _("awarded")
        REPORTING = "reporting", _("report due")
        SETTLED = "settled", _("settled")

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="grant")
    # Kept here as well for the public lists (they group by these).
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="grants")
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="fund_grants")
    awarded_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.AWARDED)
    report_due_on = models.DateField(null=True, blank=True)
    settled_at = models.DateTimeField(null=True, blank=True)
    # Derived from the ledger.
    awarded_cents = models.BigIntegerField()
    paid_cents = models.BigIntegerField(default=0)
    repaid_cents = models.BigIntegerField(default=0)
    released_cents = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["-awarded_on", "-pk"]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        constraints = [
            positive("awarded_cents"),
            # Never paid out more than awarded, never released what was paid.
            models.CheckConstraint(
                condition=Q(paid_cents__gte=0)
                & Q(released_cents__gte=0)
                & Q(paid_cents__lte=F("awarded_cents") - F("released_cents")),
                name="fund_grant_paid_within_awarded",
            ),
            models.CheckConstraint(
                condition=Q(repaid_cents__gte=0) & Q(repaid_cents__lte=F("paid_cents")),
                name="fund_grant_repaid_within_paid",
            ),
        ]

    def __str__(self) -> str:
        return str(self.application)

    def get_absolute_url(self) -> str:
        return reverse("fund:grant", args=[self.pk])

    @property
    def open_cents(self) -> int:
        """Awarded and neither paid out nor released."""
        return self.awarded_cents - self.paid_cents - self.released_cents


class GrantFunding(models.Model):
    """The money of one contribution a grant was given, and how much of it was paid out."""

    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="fundings")
    round_funding = models.ForeignKey(
        RoundFunding, on_delete=models.PROTECT, related_name="grant_fundings"
    )
    contribution = models.ForeignKey(
        Contribution, on_delete=models.PROTECT, related_name="grant_fundings"
    )
    # Derived from the ledger.
    amount_cents = models.BigIntegerField()
    paid_cents = models.BigIntegerField(default=0)
    repaid_cents = models.BigIntegerField(default=0)
    released_cents = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["grant", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["grant", "contribution"], name="fund_grantfunding_unique"
            ),
            positive("amount_cents"),
            models.CheckConstraint(
                condition=Q(paid_cents__gte=0)
                & Q(released_cents__gte=0)
                & Q(paid_cents__lte=F("amount_cents") - F("released_cents")),
                name="fund_grantfunding_paid_within_amount",
            ),
            models.CheckConstraint(
                condition=Q(repaid_cents__gte=0) & Q(repaid_cents__lte=F("paid_cents")),
                name="fund_grantfunding_repaid_within_paid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grant_id}: {self.contribution_id}"


class Payout(models.Model):
    """A tranche of a grant: a treasurer proposes it, a second person approves it, and only then
    is it paid (a ledger entry). The form's idempotency key makes a double click one payout."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("waiting for approval")
        APPROVED = "approved", _("approved")
        CANCELLED = "cancelled", _("cancelled")

    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="payouts")
    amount_cents = models.BigIntegerField(_("amount"))
    description = models.CharField(_("description"), max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    idempotency_key = models.UUIDField(unique=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["grant", "proposed_at", "pk"]
        constraints = [
            positive("amount_cents"),
            # Four eyes: whoever proposed it never approves it.
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True)
                | Q(proposed_by__isnull=True)
                | ~Q(approved_by=F("proposed_by")),
                name="fund_payout_four_eyes",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_at__isnull=False),
                name="fund_payout_approved_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grant_id}: {self.amount_cents}"


class Report(models.Model):
    """What an initiative reports about a grant (verantwoording): a short story and a photo
    below the threshold of fund/accountability.py, and also the spending per budget line and
    receipts above it; with figures of what it did. Accepted by the committee."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        CHANGES_REQUESTED = "changes", _("changes requested")
        ACCEPTED = "accepted", _("accepted")

    grant = models.OneToOneField(Grant, on_delete=models.PROTECT, related_name="report")
    story = models.TextField(_("what did you do, and what did it bring?"), max_length=6000)
    photo = models.ImageField(_("a photo"), upload_to="fund/reports/%Y/", blank=True)
    photo_description = models.CharField(_("what the photo shows"), max_length=200, blank=True)
    people_reached = models.PositiveIntegerField(_("people reached"), null=True, blank=True)
    volunteers = models.PositiveIntegerField(_("volunteers"), null=True, blank=True)
    volunteer_hours = models.PositiveIntegerField(_("volunteer hours"), null=True, blank=True)
    spent_cents = models.BigIntegerField(_("spent in total"), null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    committee_note = models.TextField(_("note from the committee"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(spent_cents__isnull=True) | Q(spent_cents__gte=0),
                name="fund_report_spent_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grant_id}: {self.status}"


class ReportLine(models.Model):
    """What was spent on one budget line of the application (for the fuller report)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="lines")
    budget_line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="+")
    spent_cents = models.BigIntegerField(_("spent"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "budget_line"], name="fund_reportline_unique"
            ),
            models.CheckConstraint(
                condition=Q(spent_cents__gte=0) & Q(spent_cents__lte=MAX_CENTS),
                name="fund_reportline_spent_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.budget_line_id}"


class Receipt(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="receipts")
    file = models.FileField(upload_to="fund/receipts/%Y/")
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class LedgerEntry(models.Model):
    """One movement of money, traced to the contribution it is part of. Append-only: a mistake is
    put right by a reversing entry (`reverses`, the opposite amount), never by a change. The
    database refuses UPDATE and DELETE (migration 0002), except forgetting who recorded it.

    What each kind moves (amount > 0; a reversal moves it back):
    contribution   money in                       -> the fund (unallocated)
    round_budget   the fund                       -> a round's budget
    round_release  a round's budget not awarded   -> the fund
    award          a round's budget               -> a grant (reserved)
    payout         a grant's reserved money       -> paid out to the initiative
    repayment      paid out, paid back            -> the fund
    release        a grant's money not paid out   -> the fund
    """

    class Kind(models.TextChoices):
        CONTRIBUTION = "contribution", _("contribution")
        ROUND_BUDGET = "round_budget", _("round budget")
        ROUND_RELEASE = "round_release", _("round budget back to the fund")
        AWARD = "award", _("grant awarded")
        PAYOUT = "payout", _("payout")
        REPAYMENT = "repayment", _("repayment")
        RELEASE = "release", _("unspent money back to the fund")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    amount_cents = models.BigIntegerField()
    contribution = models.ForeignKey(
        Contribution, on_delete=models.PROTECT, related_name="ledger_entries"
    )
    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, null=True, blank=True, related_name="ledger_entries"
    )
    grant = models.ForeignKey(
        Grant, on_delete=models.PROTECT, null=True, blank=True, related_name="ledger_entries"
    )
    payout = models.ForeignKey(
        Payout, on_delete=models.PROTECT, null=True, blank=True, related_name="ledger_entries"
    )
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversed_by"
    )
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        constraints = [
            # An entry moves money; a reversal moves exactly the opposite way.
            models.CheckConstraint(
                condition=(Q(reverses__isnull=True) & Q(amount_cents__gt=0))
                | (Q(reverses__isnull=False) & Q(amount_cents__lt=0)),
                name="fund_ledgerentry_sign_fits_reversal",
            ),
            models.CheckConstraint(
                condition=Q(amount_cents__gte=-MAX_CENTS) & Q(amount_cents__lte=MAX_CENTS),
                name="fund_ledgerentry_amount_in_range",
            ),
            models.CheckConstraint(
                condition=Q(kind="contribution")
                | (Q(kind__in=["round_budget", "round_release"]) & Q(round__isnull=False))
                | (
                    Q(kind__in=["award", "payout", "repayment", "release"])
                    & Q(grant__isnull=False)
                    & Q(round__isnull=False)
                ),
                name="fund_ledgerentry_kind_has_its_links",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount_cents}"
