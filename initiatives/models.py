from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import Coalesce, Greatest, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise, cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from omzien.markdown import render_markdown
from omzien.search.vectors import CONFIG, prefix_vector, stemmed_vector

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

FIRST_FOUNDING_YEAR = 1900


class Municipality(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    cbs_code = models.CharField(
        _("CBS code"), max_length=6, unique=True, help_text=_("For example GM0344.")
    )
    latitude = models.DecimalField(_("latitude of the centre"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitude of the centre"), max_digits=8, decimal_places=5)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class Label(models.Model):
    """A word from the network's own list that initiatives are tagged with."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    name_en = models.CharField(_("name in English"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the language of the page: English when it has one, else Dutch."""
        return (get_language() == "en" and self.name_en) or self.name


class Theme(Label):
    class Meta(Label.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class TargetGroup(Label):
    class Meta(Label.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class InitiativeQuerySet(models.QuerySet):
    def approved(self) -> "InitiativeQuerySet":
        return self.filter(status=Initiative.Status.APPROVED)

    def pending(self) -> "InitiativeQuerySet":
        return self.filter(status=Initiative.Status.PENDING)

    def visible_to(self, user: "User | AnonymousUser") -> "InitiativeQuerySet":
        """Approved ones for everybody; members also see their own; coordinators see all."""
        from initiatives.permissions import is_coordinator

        if is_coordinator(user):
            return self
        if not user.is_authenticated:
            return self.approved()
        mine = Membership.objects.filter(initiative=OuterRef("pk"), user=user)
        return self.filter(Q(status=Initiative.Status.APPROVED) | Exists(mine))

    def named(self, name: str) -> "InitiativeQuerySet":
        """Those whose name the unique-name rule counts as the same: compared by the database's
        own lower(), since Python's casefold() differs from it ("Straße" against "strasse")."""
        return self.alias(lower_name=Lower("name")).filter(lower_name=Lower(Value(name)))

    def with_offers(self) -> "InitiativeQuerySet":
        offers = Listing.objects.filter(initiative=OuterRef("pk"), kind=Listing.Kind.OFFER)
        return self.filter(Exists(offers))

    def with_last_seen(self) -> "InitiativeQuerySet":
        """`last_seen`: when the profile was last updated or confirmed as current."""
        return self.annotate(
            last_seen=Greatest("updated_at", Coalesce("confirmed_at", "updated_at"))
        )

    def not_confirmed_since(self, moment: datetime) -> "InitiativeQuerySet":
        return self.with_last_seen().filter(last_seen__lt=moment)

    def without_team(self) -> "InitiativeQuerySet":
        """Initiatives nobody belongs to (imported ones, or the last member left)."""
        return self.exclude(Exists(Membership.objects.filter(initiative=OuterRef("pk"))))


class InitiativeManager(models.Manager.from_queryset(InitiativeQuerySet)):  # type: ignore[misc]
    def get_queryset(self) -> InitiativeQuerySet:
        # The search vectors are read by PostgreSQL only: a page never needs them in Python.
        return super().get_queryset().defer("search_vector", "search_prefix_vector")


# What the directory's search reads, by weight: a match in the name ranks first.
SEARCH_WEIGHTS = {
    "A": ["name"],
    "B": ["pitch", "place", "search_municipality", "search_themes", "search_target_groups"],
    "C": ["description", "activities"],
}


class Initiative(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        ARCHIVED = "archived", _("stopped")

    class LegalForm(models.TextChoices):
        INFORMAL = "informal", _("informal group")
        ASSOCIATION = "association", _("association")
        FOUNDATION = "foundation", _("foundation")
        COOPERATIVE = "cooperative", _("cooperative")

    class Volunteers(models.TextChoices):
        FEW = "1-5", _("1 to 5")
        SOME = "6-20", _("6 to 20")
        MANY = "21-50", _("21 to 50")
        LOTS = "50+", _("more than 50")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    pitch = models.CharField(
        _("in one sentence"),
        max_length=200,
        help_text=_("What you do, for whom, in one sentence. Shown in the directory."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Tell your story. You can use Markdown: **bold**, lists, links."),
    )
    description_html = models.TextField(editable=False, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("municipality"),
    )
    place = models.CharField(
        _("village or neighbourhood"),
        max_length=100,
        blank=True,
        help_text=_("For example Zuilen."),
    )
    themes = models.ManyToManyField(
        Theme, related_name="initiatives", verbose_name=_("themes"), blank=True
    )
    target_groups = models.ManyToManyField(
        TargetGroup, related_name="initiatives", verbose_name=_("target groups"), blank=True
    )
    founded_year = models.PositiveSmallIntegerField(
        _("founded in"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_FOUNDING_YEAR), MaxValueValidator(2100)],
    )
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, default=LegalForm.INFORMAL
    )
    website = models.URLField(_("website"), blank=True)
    facebook = models.URLField(_("Facebook page"), blank=True)
    instagram = models.URLField(_("Instagram"), blank=True)
    linkedin = models.URLField(_("LinkedIn"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    address = models.CharField(
        _("address"),
        max_length=200,
        blank=True,
        help_text=_("Only if you have a place where people can come by."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    volunteers = models.CharField(
        _("number of volunteers, roughly"),
        max_length=10,
        choices=Volunteers.choices,
        blank=True,
    )
    activities = models.TextField(
        _("activities"),
        blank=True,
        help_text=_("What people can come to or ask for: one activity per line."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), default=timezone.now)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed as current at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)
    # The names of its municipality, themes and target groups (Dutch and English), for the search
    # vectors. Database triggers keep them current, whatever writes the rows (migration 0006).
    search_municipality = models.TextField(editable=False, blank=True, default="")
    search_themes = models.TextField(editable=False, blank=True, default="")
    search_target_groups = models.TextField(editable=False, blank=True, default="")
    search_vector = models.GeneratedField(
        expression=stemmed_vector(**SEARCH_WEIGHTS),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    search_prefix_vector = models.GeneratedField(
        expression=prefix_vector(**SEARCH_WEIGHTS),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = InitiativeManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            # Among the public ones only: a registrant must not learn, from a refusal, that
            # someone else registered the same name and waits for approval. Coordinators see
            # a clash of pending names when they approve.
            models.UniqueConstraint(
                "municipality",
                Lower("name"),
                condition=Q(status="approved"),
                name="initiative_unique_public_name",
                violation_error_message=_(
                    "There is already an initiative with this name in this municipality."
                ),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="initiative_point_has_both_coordinates",
            ),
        ]
        indexes = [
            GinIndex(F("search_vector"), name="initiative_search_idx"),
            GinIndex(F("search_prefix_vector"), name="initiative_search_prefix_idx"),
            models.Index(fields=["status", "name"], name="initiative_status_name_idx"),
            models.Index(fields=["status", "-created_at"], name="initiative_status_created_idx"),
            models.Index(fields=["status", "-updated_at"], name="initiative_status_updated_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.description_html = render_markdown(self.description)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def point(self) -> tuple[float, float]:
        """Where the initiative sits on the map: its own point, else its municipality's centre."""
        if self.latitude is not None and self.longitude is not None:
            return float(self.latitude), float(self.longitude)
        return float(self.municipality.latitude), float(self.municipality.longitude)

    @cached_property
    def has_team(self) -> bool:
        """Someone belongs to it: requests to join and messages reach a person."""
        return self.memberships.exists()

    def web_links(self) -> list[tuple[str | Promise, str]]:
        """The initiative's own places on the web that it filled in, each with what to call it."""
        links: list[tuple[str | Promise, str]] = [
            (_("Website"), self.website),
            ("Facebook", self.facebook),
            ("Instagram", self.instagram),
            ("LinkedIn", self.linkedin),
        ]
        return [(label, url) for label, url in links if url]

    def activity_lines(self) -> list[str]:
        return [line.strip() for line in self.activities.splitlines() if line.strip()]


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("admin")
        MEMBER = "member", _("member")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        ordering = ["initiative__name", "user__email"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="membership_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.initiative}"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


class Invitation(models.Model):
    VALID_DAYS = 14

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            # One invitation in use per address: a double click cannot send two. An expired one
            # still counts until a new invitation to the same address replaces it.
            models.UniqueConstraint(
                "initiative",
                Lower("email"),
                condition=Q(accepted_at__isnull=True, withdrawn_at__isnull=True),
                name="invitation_one_open_per_address",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.initiative}"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.withdrawn_at is None
            and self.expires_at > timezone.now()
        )


class JoinRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(_("message"), blank=True, max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "user"],
                condition=Q(status="open"),
                name="join_request_one_open_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.initiative}"


class Claim(models.Model):
    """A person says an initiative without a team is theirs ("dit is ons initiatief") and asks to
    become its first admin; coordinators confirm or decline it (initiatives/claims.py)."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="claims")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claims"
    )
    message = models.TextField(
        _("how are you connected to this initiative?"),
        max_length=1000,
        help_text=_(
            "For example: I am its chair, or I run the Tuesday coffee morning. A coordinator "
            "reads this and may get in touch."
        ),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decline_reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "user"],
                condition=Q(status="open"),
                name="claim_one_open_per_person",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="claim_status_created_idx")]

    def __str__(self) -> str:
        return f"{self.user} → {self.initiative}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Listing(models.Model):
    """Something an initiative needs or can offer to others."""

    class Kind(models.TextChoices):
        NEED = "need", _("needs")
        OFFER = "offer", _("offers")

    class Category(models.TextChoices):
        EXPERTISE = "expertise", _("expertise")
        SPACE = "space", _("space")
        MATERIALS = "materials", _("materials")
        VOLUNTEERS = "volunteers", _("volunteers")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="listings")
    kind = models.CharField(_("need or offer"), max_length=10, choices=Kind.choices)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    text = models.CharField(
        _("description"),
        max_length=200,
        help_text=_("Short and concrete, for example: a room for 20 people on weekday evenings."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The words of the text, for matching offers to needs (initiatives/exchange.py).
    search_vector = models.GeneratedField(
        expression=SearchVector("text", config=CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("need or offer")
        verbose_name_plural = _("needs and offers")
        indexes = [
            models.Index(fields=["kind", "category"], name="listing_kind_category_idx"),
            GinIndex(F("search_vector"), name="listing_search_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.text}"


class MatchSummary(models.Model):
    """When an initiative's admins last got the weekly summary of offers that fit its needs."""

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, primary_key=True, related_name="match_summary"
    )
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("summary of matching offers")
        verbose_name_plural = _("summaries of matching offers")

    def __str__(self) -> str:
        return f"{self.initiative}: {self.sent_at:%Y-%m-%d}"


class SentMatch(models.Model):
    """An offer that fits a need, once told to the need's initiative: never told twice."""

    need = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("offer told to a need")
        verbose_name_plural = _("offers told to needs")
        constraints = [
            models.UniqueConstraint(fields=["need", "offer"], name="sent_match_once"),
        ]

    def __str__(self) -> str:
        return f"{self.need_id} ← {self.offer_id}"


class AuditEntry(models.Model):
    """Who changed what about an initiative, and when: for coordinators."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="audit_entries"
    )
    # Kept when the person deletes their account: the change stays, the name goes.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The person the change is about (made admin, removed ...): a reference, not a copy of the
    # name, so the history shows the name of today and none once the account is deleted.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about"),
    )
    action = models.CharField(_("action"), max_length=40)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")

    def __str__(self) -> str:
        return f"{self.initiative}: {self.action}"
