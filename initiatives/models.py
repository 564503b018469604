from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce, Greatest, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.markdown import render_markdown

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
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


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

    def with_offers(self) -> "InitiativeQuerySet":
        offers = Listing.objects.filter(initiative=OuterRef("pk"), kind=Listing.Kind.OFFER)
        return self.filter(Exists(offers))

    def not_confirmed_since(self, moment: "timezone.datetime") -> "InitiativeQuerySet":
        last_seen = Greatest("updated_at", Coalesce("confirmed_at", "updated_at"))
        return self.alias(last_seen=last_seen).filter(last_seen__lt=moment)


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
    search_vector = models.GeneratedField(
        expression=SearchVector("name", weight="A", config="dutch")
        + SearchVector("pitch", "place", weight="B", config="dutch")
        + SearchVector("description", "activities", weight="C", config="dutch"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            models.UniqueConstraint(
                "municipality",
                Lower("name"),
                name="initiative_unique_name_per_municipality",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="initiative_point_has_both_coordinates",
            ),
        ]
        indexes = [
            GinIndex(F("search_vector"), name="initiative_search_idx"),
            models.Index(fields=["status", "name"], name="initiative_status_name_idx"),
            models.Index(fields=["status", "-created_at"], name="initiative_status_created_idx"),
            models.Index(fields=["status", "-updated_at"], name="initiative_status_updated_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
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

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("need or offer")
        verbose_name_plural = _("needs and offers")
        indexes = [models.Index(fields=["kind", "category"], name="listing_kind_category_idx")]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.text}"


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
