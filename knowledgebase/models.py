"""The provincial knowledge base: items of five kinds, answers to questions, attachments,
initiatives that adopted a practice, and the searches that found nothing.

`knowledgebase` imports from `initiatives`. It knows `meetings` only as the model a meeting
report item points at (`Item.meeting`); publishing a report goes through meetings/knowledge.py.
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, Municipality, Theme
from omzien.markdown import render_markdown
from omzien.search.vectors import prefix_vector, stemmed_vector

# Long texts written in Markdown; each is rendered once on save into `Item.rendered`.
MARKDOWN_FIELDS = (
    "body",
    "goal",
    "target_group",
    "approach",
    "success_factors",
    "costs",
    "results",
)

SEARCH_WEIGHTS = {
    "A": ["title"],
    "B": ["summary", "search_labels"],
    "C": ["plain_text"],
    "D": ["attachment_text"],
}

# Item.facet_keys: one word per linked row, a prefix and its id ("theme3"); taken as they are.
FACET_CONFIG = "simple"
FACET_PREFIXES = {
    "theme": "theme",
    "municipality": "municipality",
    "initiative": "initiative",
    "question": "question",
}


class ItemQuerySet(models.QuerySet["Item"]):
    def published(self) -> "ItemQuerySet":
        return self.filter(status=Item.Status.PUBLISHED)

    def research_questions(self) -> "ItemQuerySet":
        return self.filter(kind=Item.Kind.RESEARCH_QUESTION)


class ItemManager(models.Manager["Item"]):
    def get_queryset(self) -> ItemQuerySet:
        # The vectors are for the database; reading them back costs and serves nothing.
        return ItemQuerySet(self.model, using=self._db).defer(
            "search_vector", "search_prefix_vector", "facet_vector"
        )

    def published(self) -> ItemQuerySet:
        return self.get_queryset().published()

    def research_questions(self) -> ItemQuerySet:
        return self.get_queryset().research_questions()


class Item(models.Model):
    """One piece of knowledge. Which fields matter depends on the kind: a practice uses the
    template fields (goal ... results), a document its `document_type`, `issued_by` and
    attachments, a meeting report its `meeting`, a question to the network its answers."""

    class Kind(models.TextChoices):
        PRACTICE = "practice", _("Practice")
        RESEARCH_QUESTION = "research_question", _("Research question")
        DOCUMENT = "document", _("Document")
        MEETING_REPORT = "meeting_report", _("Meeting report")
        NETWORK_QUESTION = "network_question", _("Question to the network")

    class KnowledgeType(models.TextChoices):
        EXPERIENCE = "experience", _("Experience")
        PRACTICE_DESCRIPTION = "practice_description", _("Practice description")
        RESEARCH = "research", _("Research")
        POLICY = "policy", _("Policy")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    class DocumentType(models.TextChoices):
        POLICY_RULE = "policy_rule", _("Policy rule")
        LETTER = "letter", _("Letter")
        STATEMENT = "statement", _("Statement")
        STUDY = "study", _("Study")
        MANIFESTO = "manifesto", _("Manifesto")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    title = models.CharField(_("title"), max_length=200)
    # Only for reading: the address holds the number, and an old slug redirects to the new one.
    slug = models.SlugField(_("slug"), max_length=200, allow_unicode=False, blank=True)
    summary = models.TextField(
        _("summary in plain language"),
        max_length=800,
        blank=True,
        help_text=_("A few short sentences that anyone understands."),
    )
    body = models.TextField(_("text"), blank=True, help_text=_("You can use Markdown."))

    # A practice (praktijkvoorbeeld) on the network's template.
    goal = models.TextField(_("goal"), blank=True)
    target_group = models.TextField(_("for whom"), blank=True)
    approach = models.TextField(_("approach"), blank=True)
    success_factors = models.TextField(_("what makes it work"), blank=True)
    costs = models.TextField(_("what it cost"), blank=True)
    results = models.TextField(_("what it yielded"), blank=True)

    # A document.
    document_type = models.CharField(
        _("type of document"), max_length=20, choices=DocumentType.choices, blank=True
    )
    issued_by = models.CharField(_("by"), max_length=200, blank=True)
    issued_on = models.DateField(_("date of the document"), null=True, blank=True)

    knowledge_type = models.CharField(
        _("type of knowledge"), max_length=24, choices=KnowledgeType.choices
    )
    last_checked = models.DateField(
        _("last checked"),
        default=date.today,
        help_text=_("The day someone last checked that this is still right."),
    )

    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="knowledge_items"
    )
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities"), blank=True, related_name="knowledge_items"
    )
    initiatives = models.ManyToManyField(
        Initiative,
        verbose_name=_("initiatives it concerns"),
        blank=True,
        related_name="knowledge_items",
    )
    research_questions = models.ManyToManyField(
        "self",
        verbose_name=_("research questions it helps answer"),
        symmetrical=False,
        blank=True,
        related_name="evidence",
        limit_choices_to={"kind": "research_question"},
    )

    # Who contributed it: the initiative is shown, the person never is.
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("contributed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
    )
    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="knowledge_items",
    )
    meeting = models.OneToOneField(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="knowledge_item",
    )

    moderation_note = models.TextField(_("note from the coordinator"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)

    # Written on save: each Markdown field as sanitised HTML, and all of them as plain text
    # (for the search vector and the highlighted snippets).
    rendered = models.JSONField(default=dict, editable=False, blank=True)
    plain_text = models.TextField(editable=False, blank=True, default="")
    # Names of the themes, municipalities, initiatives and research questions, and the text of the
    # attachments: a generated column sees only its own row (knowledgebase/indexing.py).
    search_labels = models.TextField(editable=False, blank=True, default="")
    attachment_text = models.TextField(editable=False, blank=True, default="")
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

    # Its themes, municipalities, initiatives (contributed or about) and research questions as
    # words ("theme3 municipality12 initiative40 question7"), kept with `search_labels` by
    # indexing.refresh_labels: the search page filters on them with a GIN index, which PostgreSQL
    # combines with the words' index (filters.py); a filter through the link tables made it check
    # the words row by row (bench/knowledge_search_plans.py).
    facet_keys = models.TextField(editable=False, blank=True, default="")
    facet_vector = models.GeneratedField(
        expression=SearchVector("facet_keys", config=FACET_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ItemManager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("knowledge item")
        verbose_name_plural = _("knowledge items")
        indexes = [
            GinIndex(F("search_vector"), name="kb_item_search_idx"),
            GinIndex(F("search_prefix_vector"), name="kb_item_search_prefix_idx"),
            # The search page reads published items only: with these, PostgreSQL counts the
            # matches of a common word from the index and the visibility map alone, without
            # reading the rows or their vectors (bench/knowledge_search_plans.py).
            GinIndex(
                F("search_vector"),
                name="kb_item_search_pub_idx",
                condition=Q(status="published"),
            ),
            GinIndex(
                F("search_prefix_vector"),
                name="kb_item_search_prefix_pub_idx",
                condition=Q(status="published"),
            ),
            GinIndex(
                F("facet_vector"),
                name="kb_item_facets_pub_idx",
                condition=Q(status="published"),
            ),
            models.Index(
                fields=["status", "-published_at", "-id"], name="kb_item_status_published_idx"
            ),
            models.Index(fields=["status", "kind"], name="kb_item_status_kind_idx"),
            models.Index(fields=["status", "submitted_at"], name="kb_item_status_submitted_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="kb_item_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.slug = slugify(self.title)[:200] or "item"
        self.render()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "slug", "rendered", "plain_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("knowledgebase:detail", args=[self.pk, self.slug or "item"])

    def render(self) -> None:
        from knowledgebase.plain_text import plain_text_of

        self.rendered = {
            name: render_markdown(getattr(self, name))
            for name in MARKDOWN_FIELDS
            if getattr(self, name)
        }
        self.plain_text = "\n\n".join(plain_text_of(html) for html in self.rendered.values())

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_practice(self) -> bool:
        return self.kind == self.Kind.PRACTICE

    @property
    def is_research_question(self) -> bool:
        return self.kind == self.Kind.RESEARCH_QUESTION

    @property
    def is_network_question(self) -> bool:
        return self.kind == self.Kind.NETWORK_QUESTION

    def html(self, field: str) -> str:
        """The sanitised HTML of a Markdown field, rendered when the item was saved."""
        return self.rendered.get(field, "")


class Answer(models.Model):
    """An answer to a question to the network, by a member on behalf of an initiative (or by a
    coordinator). The asker or a coordinator marks the one that helped."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="answers")
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("on behalf of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="knowledge_answers",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="knowledge_answers",
    )
    body = models.TextField(_("answer"), help_text=_("You can use Markdown."))
    body_html = models.TextField(editable=False, blank=True)
    helped = models.BooleanField(_("this helped"), default=False)
    removed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-helped", "created_at", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(helped=True),
                name="kb_answer_one_that_helped",
                violation_error_message=_(
                    "Another answer is already marked as the one that helped."
                ),
            )
        ]
        indexes = [models.Index(fields=["item", "created_at"], name="kb_answer_item_idx")]

    def __str__(self) -> str:
        return f"{self.item}: {self.body[:40]}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.body_html = render_markdown(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)


def attachment_path(attachment: "Attachment", filename: str) -> str:
    # The stored name is the portal's own; the name people see is `Attachment.name`.
    return timezone.now().strftime(f"knowledge/%Y/%m/{attachment.token}.{attachment.extension}")


class Attachment(models.Model):
    """A PDF or office file of an item. Its text is extracted in the background
    (knowledgebase/attachment_text.py) and searched with the item."""

    class TextStatus(models.TextChoices):
        PENDING = "pending", _("Being read")
        READY = "ready", _("Read")
        FAILED = "failed", _("Could not be read")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    token = models.CharField(max_length=32, editable=False)
    extension = models.CharField(max_length=8, editable=False)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveBigIntegerField(editable=False)
    pages = models.PositiveIntegerField(null=True, blank=True, editable=False)
    text_status = models.CharField(
        max_length=10, choices=TextStatus.choices, default=TextStatus.PENDING, editable=False
    )
    problem = models.CharField(_("problem"), max_length=300, blank=True, editable=False)
    text = models.TextField(blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class Adoption(models.Model):
    """ "We did this too": an initiative that took up a practice, with a short note."""

    practice = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="adoptions")
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="adopted_practices",
    )
    note = models.CharField(
        _("how it went"),
        max_length=500,
        blank=True,
        help_text=_("One or two sentences: what you did the same, or differently."),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("adoption of a practice")
        verbose_name_plural = _("adoptions of practices")
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "initiative"],
                name="kb_adoption_once_per_initiative",
                violation_error_message=_("Your initiative already said it did this too."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative} / {self.practice}"


class MissedSearch(models.Model):
    """A search that found nothing, counted per month. Anonymous: only the words (folded, as the
    search compares them) and a count; never who searched, when exactly, or from where."""

    month = models.DateField()  # the first day of the month
    words = models.CharField(max_length=200)
    count = models.PositiveIntegerField(default=1)
    # The research question a coordinator made of it, if any.
    research_question = models.ForeignKey(
        Item, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-month", "-count", "words"]
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")
        constraints = [
            models.UniqueConstraint(fields=["month", "words"], name="kb_missed_search_once")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.words} ({self.count})"


# --- contribute ---
class RevisionSource(models.Model):
    """Who a revision of an item came from, as the history shows it: the contributing initiative
    or "a coordinator", never a person's address (the person is `Revision.user`)."""

    revision = models.OneToOneField(
        "reversion.Revision", on_delete=models.CASCADE, related_name="knowledge_source"
    )
    initiative = models.ForeignKey(
        Initiative, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by_coordinator = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("source of a revision")
        verbose_name_plural = _("sources of revisions")

    def __str__(self) -> str:
        return f"{self.revision_id}"
