"""Network meetings: regions, what an initiative can host, offers to host, meetings, who comes,
what they left behind (tasks, attendance, the report).

`meetings` imports from `initiatives`, never the other way round.
"""

import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, Municipality, Theme
from omzien.markdown import render_markdown

# A meeting room for more than this many people is not what the network's meetings are.
MAX_CAPACITY = 1000
# A host's answers count as stale after this long without a "still right" (issue 7, point 1).
CAPABILITY_STALE_AFTER = timedelta(days=365)


class Region(models.Model):
    """The province's usual regions, each a group of municipalities; coordinators keep them."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    municipalities = models.ManyToManyField(
        Municipality, related_name="regions", verbose_name=_("municipalities"), blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Weekday(models.IntegerChoices):
    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")
    SUNDAY = 7, _("Sunday")


class DayPart(models.TextChoices):
    MORNING = "morning", _("morning")
    AFTERNOON = "afternoon", _("afternoon")
    EVENING = "evening", _("evening")


class HostCapability(models.Model):
    """What an initiative can offer as the host of a network meeting; kept by its members."""

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="host_capability"
    )
    can_host = models.BooleanField(_("we can host a network meeting"), default=True)
    capacity = models.PositiveIntegerField(
        _("people in the largest room"),
        default=0,
        validators=[MaxValueValidator(MAX_CAPACITY)],
    )
    breakout_rooms = models.PositiveSmallIntegerField(
        _("rooms for smaller groups"), default=0, validators=[MaxValueValidator(50)]
    )
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    public_transport = models.BooleanField(_("public transport nearby"), default=False)
    parking = models.BooleanField(_("parking"), default=False)
    catering = models.BooleanField(_("kitchen or catering"), default=False)
    projector = models.BooleanField(_("projector or screen"), default=False)
    hybrid_kit = models.BooleanField(
        _("kit for hybrid meetings (camera, microphone, internet)"), default=False
    )
    weekdays = ArrayField(
        models.PositiveSmallIntegerField(choices=Weekday.choices),
        verbose_name=_("days"),
        default=list,
        blank=True,
    )
    day_parts = ArrayField(
        models.CharField(max_length=10, choices=DayPart.choices),
        verbose_name=_("parts of the day"),
        default=list,
        blank=True,
    )
    venue_name = models.CharField(_("name of the venue"), max_length=120, blank=True)
    address = models.CharField(
        _("address"), max_length=200, blank=True, help_text=_("Street, number, postcode, place.")
    )
    confirmed_at = models.DateTimeField(_("last confirmed"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("host capability")
        verbose_name_plural = _("host capabilities")

    def __str__(self) -> str:
        return str(self.initiative)

    @property
    def is_stale(self) -> bool:
        return self.confirmed_at < timezone.now() - CAPABILITY_STALE_AFTER


class HostOffer(models.Model):
    """An initiative offers to host a meeting; coordinators move it along until the report."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        TENTATIVE = "tentative", _("tentatively scheduled")
        CONFIRMED = "confirmed", _("confirmed")
        HELD = "held", _("held")
        REPORTED = "reported", _("reported")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    OPEN_STATUSES = (Status.PROPOSED, Status.TENTATIVE, Status.CONFIRMED)

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="host_offers")
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    theme = models.CharField(
        _("theme or question"),
        max_length=200,
        help_text=_("What would you like to explore with the other initiatives?"),
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="+", verbose_name=_("themes"))
    preferred_months = ArrayField(
        models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(12)]),
        verbose_name=_("preferred months"),
        default=list,
        blank=True,
    )
    note = models.TextField(_("note"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    decline_reason = models.TextField(_("reason"), blank=True)
    meeting = models.ForeignKey(
        "Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="host_offers",
        verbose_name=_("meeting"),
    )
    created_at = models.DateTimeField(_("offered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("host offer")
        verbose_name_plural = _("host offers")
        indexes = [models.Index(fields=["status", "created_at"], name="hostoffer_status_idx")]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.theme}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class MeetingQuerySet(models.QuerySet):
    def public(self) -> "MeetingQuerySet":
        """What visitors may see: everything but drafts."""
        return self.exclude(status=Meeting.Status.DRAFT)

    def upcoming(self) -> "MeetingQuerySet":
        return self.filter(status=Meeting.Status.PUBLISHED, ends_at__gte=timezone.now()).order_by(
            "starts_at"
        )

    def past(self) -> "MeetingQuerySet":
        return self.filter(
            status__in=(Meeting.Status.PUBLISHED, Meeting.Status.HELD),
            ends_at__lt=timezone.now(),
        ).order_by("-starts_at")


class Meeting(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    class Kind(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("hybrid")

    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=170, unique=True)
    question = models.CharField(_("theme or question"), max_length=250, blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="meetings", verbose_name=_("themes")
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("You can use Markdown.")
    )
    description_html = models.TextField(editable=False, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    host = models.ForeignKey(
        Initiative,
        on_delete=models.PROTECT,
        related_name="hosted_meetings",
        verbose_name=_("host"),
    )
    co_hosts = models.ManyToManyField(
        Initiative, blank=True, related_name="co_hosted_meetings", verbose_name=_("co-hosts")
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.IN_PERSON)
    venue_name = models.CharField(_("venue"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("municipality"),
    )
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    online_link = models.URLField(
        _("link to join online"),
        blank=True,
        help_text=_("Shown only to people who registered: on their page and in their e-mail."),
    )
    capacity = models.PositiveIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)]
    )
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, toilet, hearing loop, public transport: what to expect."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    # Calendar files: one UID for the meeting's whole life, SEQUENCE raised on every change.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Timed work done (meetings/reminders.py): never twice.
    host_briefed_at = models.DateTimeField(null=True, blank=True, editable=False)
    report_requested_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("network meeting")
        verbose_name_plural = _("network meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_it_starts",
                violation_error_message=_("The end must be after the start."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=MAX_CAPACITY),
                name="meeting_capacity_in_range",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="meeting_point_has_both_coordinates",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="meeting_status_starts_idx"),
            # The feeds: what ends after a moment (the last three months and later).
            models.Index(fields=["ends_at"], name="meeting_ends_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.description_html = render_markdown(self.description)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def has_online_part(self) -> bool:
        return self.kind in (self.Kind.ONLINE, self.Kind.HYBRID)


class AgendaItem(models.Model):
    """One timed item of a meeting's programme."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    starts_at = models.TimeField(_("time"))
    title = models.CharField(_("what"), max_length=150)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")

    def __str__(self) -> str:
        return f"{self.starts_at:%H.%M} {self.title}"


class Registration(models.Model):
    """Someone who comes (or waits for a place). A guest's counts once confirmed by e-mail."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("not yet confirmed")
        REGISTERED = "registered", _("registered")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    ACTIVE_STATUSES = (Status.UNCONFIRMED, Status.REGISTERED, Status.WAITING)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_registrations",
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"))
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_registrations",
        verbose_name=_("on behalf of"),
    )
    show_initiative = models.BooleanField(
        _("show the name of my initiative on the meeting's page"), default=False
    )
    needs = models.TextField(_("accessibility or dietary needs"), max_length=1000, blank=True)
    wants_to_help = models.BooleanField(_("I want to help prepare the next session"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UNCONFIRMED
    )
    # The secret of the guest's own page and of the links in their e-mails.
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # When the person joined the queue for a place: the waiting list's order.
    queued_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    attended = models.BooleanField(_("attended"), default=False)

    class Meta:
        ordering = ["queued_at", "created_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                "meeting",
                Lower("email"),
                condition=Q(status__in=("unconfirmed", "registered", "waiting")),
                name="registration_one_per_address",
                violation_error_message=_("This e-mail address is already registered."),
            ),
        ]
        indexes = [
            models.Index(fields=["meeting", "status", "queued_at"], name="registration_queue_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.name}"

    @property
    def is_guest(self) -> bool:
        return self.user_id is None


class WalkIn(models.Model):
    """People of an initiative who came without registering, counted after the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="walk_ins")
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="+", verbose_name=_("initiative")
    )
    people = models.PositiveSmallIntegerField(
        _("number of people"), default=1, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("walk-in")
        verbose_name_plural = _("walk-ins")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "initiative"],
                name="walkin_once_per_initiative",
                violation_error_message=_("This initiative is already on the list."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.initiative}"


class MeetingTask(models.Model):
    """One thing to do for a meeting, for the host or for a coordinator."""

    class Assignee(models.TextChoices):
        HOST = "host", _("host")
        COORDINATOR = "coordinator", _("coordinator")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=150)
    assignee = models.CharField(_("for"), max_length=12, choices=Assignee.choices)
    position = models.PositiveSmallIntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return self.title


class Report(models.Model):
    """What a meeting left behind: public on its page. A model of its own, so that the knowledge
    base (a later app) can publish it through one small function of this app."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="report")
    conclusions = models.TextField(_("conclusions"), help_text=_("You can use Markdown."))
    conclusions_html = models.TextField(editable=False, blank=True)
    follow_up = models.TextField(
        _("questions to follow up"), blank=True, help_text=_("One question per line.")
    )
    links = models.TextField(
        _("links"), blank=True, help_text=_("One address per line, for example a presentation.")
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return str(self.meeting)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.conclusions_html = render_markdown(self.conclusions)
        super().save(*args, **kwargs)

    def follow_up_lines(self) -> list[str]:
        return [line.strip() for line in self.follow_up.splitlines() if line.strip()]

    def link_lines(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]
