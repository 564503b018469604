"""The forms to contribute an item, one per kind, and the coordinators' moderation form.

Every form knows who fills it in: "on behalf of" offers only that person's approved initiatives
(a coordinator may also choose none), and the initiatives an item concerns are typed by name, not
picked from a list of thousands.
"""

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from initiatives.forms import InitiativeNamesField, MultilineField
from initiatives.models import Initiative, Municipality, Theme
from knowledgebase.models import Item
from knowledgebase.permissions import can_moderate, public_initiatives_of
from knowledgebase.plain_text import one_line


def _text_field(field: Any, **kwargs: Any) -> forms.Field | None:
    """Long texts keep their line breaks as "\n", so a text sent back unchanged is unchanged."""
    if isinstance(field, models.TextField):
        kwargs["form_class"] = MultilineField
    return field.formfield(**kwargs)


class ItemForm(forms.ModelForm):
    """What every kind shares; a form per kind adds its own fields in front (`kind_fields`)."""

    kind: str = ""
    kind_fields: tuple[str, ...] = ()
    default_knowledge_type = Item.KnowledgeType.EXPERIENCE
    summary_required = True

    on_behalf_of = forms.ModelChoiceField(
        queryset=Initiative.objects.none(),
        label=_("On behalf of"),
        help_text=_("The initiative that shares this. Its name is shown with it, yours is not."),
        empty_label=None,
    )
    concerns = InitiativeNamesField(
        label=_("Other initiatives it is about"),
        help_text=_(
            "Type their names, one per line or separated by commas. Your own initiative is "
            "always included."
        ),
    )
    publish_directly = forms.BooleanField(
        label=_("Publish directly, without review"),
        required=False,
    )

    class Meta:
        model = Item
        formfield_callback = _text_field
        fields = [
            "themes",
            "municipalities",
            "research_questions",
            "knowledge_type",
            "last_checked",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "municipalities": forms.CheckboxSelectMultiple,
            "research_questions": forms.CheckboxSelectMultiple,
            "knowledge_type": forms.RadioSelect,
            "last_checked": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "themes": _("Choose one or more; this helps people find it."),
            "municipalities": _("Where it happened or where it applies. Leave empty for all."),
            "research_questions": _(
                "Questions of the knowledge agenda that this helps answer, if any."
            ),
            "knowledge_type": _("Where the knowledge comes from."),
            "last_checked": _("The day you last checked that this is still right."),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.coordinator = can_moderate(user)
        item: Item = self.instance
        self.order_fields([*self.kind_fields, *self.Meta.fields])
        self.fields["summary"].required = self.summary_required
        if item.pk is None:
            item.kind = self.kind
            self.fields["knowledge_type"].initial = self.default_knowledge_type
        # A required choice shown as radio buttons needs no empty "---------" button.
        knowledge_type = self.fields["knowledge_type"]
        assert isinstance(knowledge_type, forms.ChoiceField)
        knowledge_type.choices = Item.KnowledgeType.choices
        # On behalf of: the person's approved initiatives, and the one the item has already.
        own = public_initiatives_of(user)
        ids = [i.pk for i in own] + ([item.initiative_id] if item.initiative_id else [])
        on_behalf = self.fields["on_behalf_of"]
        assert isinstance(on_behalf, forms.ModelChoiceField)
        on_behalf.queryset = Initiative.objects.filter(pk__in=ids).order_by("name")
        if self.coordinator:
            on_behalf.required = False
            on_behalf.empty_label = str(_("None: on behalf of the network"))
            on_behalf.help_text = _(
                "The initiative that shares this, or none when you write for the network."
            )
        if item.pk is not None:
            on_behalf.initial = item.initiative_id
        elif len(own) == 1:
            on_behalf.initial = own[0].pk
        self.order_fields(["on_behalf_of", *self.fields])
        # The initiatives it concerns, by name; the contributing one goes without saying.
        concerns = self.fields["concerns"]
        assert isinstance(concerns, InitiativeNamesField)
        if item.pk is not None:
            linked = [i for i in item.initiatives.all() if i.pk != item.initiative_id]
            concerns.known = linked
            self.initial.setdefault("concerns", "\n".join(i.name for i in linked))
        research_questions = self.fields["research_questions"]
        assert isinstance(research_questions, forms.ModelMultipleChoiceField)
        research_questions.queryset = (
            Item.objects.published().research_questions().exclude(pk=item.pk).order_by("title")
        )
        research_questions.label_from_instance = lambda q: q.title  # type: ignore[method-assign,assignment]
        for name in ("themes", "municipalities"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            model = Theme if name == "themes" else Municipality
            field.queryset = model.objects.order_by("name")
        self.fields["themes"].label_from_instance = lambda t: t.display_name  # type: ignore[attr-defined]
        if not self.coordinator or item.status == Item.Status.PUBLISHED:
            del self.fields["publish_directly"]
        else:
            self.fields["publish_directly"].help_text = _(
                "As a coordinator you may publish this at once. Otherwise it is saved as a draft."
            )

    def clean_title(self) -> str:
        # One line: the title is the subject of the e-mails about it, and a line of the feeds.
        title = one_line(self.cleaned_data.get("title") or "")
        if not title:
            raise forms.ValidationError(self.fields["title"].error_messages["required"])
        return title

    def clean_issued_by(self) -> str:
        return one_line(self.cleaned_data.get("issued_by") or "")

    def clean_on_behalf_of(self) -> Initiative | None:
        initiative: Initiative | None = self.cleaned_data.get("on_behalf_of")
        if initiative is None and not self.coordinator:
            raise forms.ValidationError(_("Choose the initiative that shares this."))
        if initiative is not None and not initiative.is_public:
            unchanged = initiative.pk == self.instance.initiative_id
            if not unchanged:
                raise forms.ValidationError(_("Choose an initiative that is in the directory."))
        return initiative

    def concerned_initiatives(self) -> list[Initiative]:
        """Those it concerns, the contributing initiative always among them."""
        found = list(self.cleaned_data.get("concerns") or [])
        own = self.cleaned_data.get("on_behalf_of")
        if own is not None and own not in found:
            found.insert(0, own)
        return found


class PracticeForm(ItemForm):
    kind = Item.Kind.PRACTICE
    kind_fields = (
        "title",
        "summary",
        "goal",
        "target_group",
        "approach",
        "success_factors",
        "costs",
        "results",
        "body",
    )
    default_knowledge_type = Item.KnowledgeType.PRACTICE_DESCRIPTION

    class Meta(ItemForm.Meta):
        fields = [
            "title",
            "summary",
            "goal",
            "target_group",
            "approach",
            "success_factors",
            "costs",
            "results",
            "body",
            *ItemForm.Meta.fields,
        ]
        widgets = (
            ItemForm.Meta.widgets
            | {
                name: forms.Textarea(attrs={"rows": 4})
                for name in ("summary", "goal", "target_group", "approach")
            }
            | {
                name: forms.Textarea(attrs={"rows": 3})
                for name in ("success_factors", "costs", "results")
            }
            | {"body": forms.Textarea(attrs={"rows": 6})}
        )
        labels = {"body": _("Anything else (optional)")}
        help_texts = ItemForm.Meta.help_texts | {
            "title": _("Short and concrete, for example “Samen koken in de Wijk”."),
            "summary": _(
                "In plain language: what you do, for whom, and what it brings. Short sentences, "
                "no jargon. At most 800 characters."
            ),
            "goal": _("What did you want to achieve?"),
            "target_group": _("Who is it for? Who takes part?"),
            "approach": _("What did you do, step by step? You can use Markdown."),
            "success_factors": _("Why does it work? What would you tell others who want to start?"),
            "costs": _("Money, time, volunteers, a place: what did it take?"),
            "results": _("What did it bring? Numbers are welcome, stories too."),
            "body": _("More background, links, tips. You can use Markdown."),
        }


class DocumentForm(ItemForm):
    kind = Item.Kind.DOCUMENT
    kind_fields = ("title", "summary", "document_type", "issued_by", "issued_on", "body")
    default_knowledge_type = Item.KnowledgeType.POLICY

    class Meta(ItemForm.Meta):
        fields = [
            "title",
            "summary",
            "document_type",
            "issued_by",
            "issued_on",
            "body",
            *ItemForm.Meta.fields,
        ]
        widgets = ItemForm.Meta.widgets | {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "body": forms.Textarea(attrs={"rows": 8}),
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {"body": _("Text or explanation (optional)")}
        help_texts = ItemForm.Meta.help_texts | {
            "title": _(
                "The name of the document, for example “Beleidsregel subsidie bewonersinitiatieven”."
            ),
            "summary": _(
                "In plain language: what is in it and why it matters to initiatives. At most 800 "
                "characters."
            ),
            "issued_by": _("Who wrote or published it, for example the municipality of Utrecht."),
            "issued_on": _("The date on the document, if it has one."),
            "body": _(
                "The text itself, or an explanation. You can use Markdown. A PDF can be added "
                "after saving."
            ),
        }


class ResearchQuestionForm(ItemForm):
    kind = Item.Kind.RESEARCH_QUESTION
    kind_fields = ("title", "summary", "body")
    default_knowledge_type = Item.KnowledgeType.RESEARCH

    class Meta(ItemForm.Meta):
        fields = ["title", "summary", "body", *ItemForm.Meta.fields]
        widgets = ItemForm.Meta.widgets | {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "body": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {
            "title": _("The question"),
            "summary": _("Explanation"),
            "body": _("Background (optional)"),
        }
        help_texts = ItemForm.Meta.help_texts | {
            "title": _("Ask it as a question, for example “Hoe bereik je eenzame ouderen?”."),
            "summary": _("Why does this question matter, and to whom? In plain language."),
            "body": _("What is known already, and where to look. You can use Markdown."),
        }


class OtherItemForm(ItemForm):
    """For the kinds that arrive another way (a meeting report, a question to the network), when
    a coordinator edits one."""

    kind_fields = ("title", "summary", "body")
    summary_required = False

    class Meta(ItemForm.Meta):
        fields = ["title", "summary", "body", *ItemForm.Meta.fields]
        widgets = ItemForm.Meta.widgets | {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "body": forms.Textarea(attrs={"rows": 8}),
        }


FORMS: dict[str, type[ItemForm]] = {
    Item.Kind.PRACTICE: PracticeForm,
    Item.Kind.DOCUMENT: DocumentForm,
    Item.Kind.RESEARCH_QUESTION: ResearchQuestionForm,
}


def form_for(kind: str) -> type[ItemForm]:
    return FORMS.get(kind, OtherItemForm)


class ModerationForm(forms.Form):
    """A coordinator's decision on a contribution, with a note for its contributor."""

    PUBLISH, CHANGES, REJECT = "publish", "changes", "reject"

    decision = forms.ChoiceField(
        label=_("Your decision"),
        widget=forms.RadioSelect,
        choices=[
            (PUBLISH, _("Publish")),
            (CHANGES, _("Ask for changes")),
            (REJECT, _("Reject")),
        ],
    )
    note = forms.CharField(
        label=_("Note for the contributor"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
        help_text=_(
            "They receive this by e-mail. Needed when you ask for changes or reject: say what "
            "and why."
        ),
    )

    def __init__(self, *args: Any, published: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if published:
            # A published item can only be taken down, with the reason.
            decision = self.fields["decision"]
            assert isinstance(decision, forms.ChoiceField)
            decision.choices = [(self.REJECT, _("Take it down (reject)"))]
            decision.initial = self.REJECT
            self.fields["note"].label = _("Reason")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        decision, note = cleaned.get("decision"), (cleaned.get("note") or "").strip()
        cleaned["note"] = note
        if decision == self.CHANGES and not note:
            self.add_error("note", _("Say what should change."))
        elif decision == self.REJECT and not note:
            self.add_error("note", _("Give the reason; the contributor receives it."))
        return cleaned
