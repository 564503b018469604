"""The application form and its budget lines (a formset that needs no JavaScript).

A draft may be saved with texts still empty: those fields are needed to submit, not to save, so
they carry no "(optional)" but do not stop a save (`NeededToSubmit`). What is typed is checked
at once where it can be: amounts (negative, absurd, over the round's maximum), the names of
co-applying initiatives, the lengths. The amount asked may be left empty: it is then the total of
the budget.
"""

from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from fund import origins
from fund.applications import MAX_CO_APPLICANTS, MAX_LINES, Draft, applying_initiatives
from fund.models import MAX_CENTS, Application, Round
from fund.money import EuroField, euros
from initiatives.forms import InitiativeNamesField, MultilineField
from initiatives.models import Initiative, Theme
from omzien.widgets import QuickSelect


class NeededToSubmit(MultilineField):
    """A text the application needs before it is submitted, but a draft may leave empty."""

    def validate(self, value: Any) -> None:
        if value in self.empty_values:
            return
        super().validate(value)


class ApplicationForm(forms.ModelForm):
    initiative = forms.ModelChoiceField(
        queryset=Initiative.objects.none(),
        label=_("On behalf of"),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _(
                "Choose an initiative you are a member of, and that is in the directory."
            ),
            "required": _("Choose the initiative that applies."),
        },
    )
    amount = EuroField(
        label=_("Amount you ask"),
        required=False,
        max_cents=MAX_CENTS,
    )
    co_applicant_names = InitiativeNamesField(
        label=capfirst(Application._meta.get_field("co_applicants").verbose_name),
        max_names=MAX_CO_APPLICANTS,
        help_text=_(
            "Do you apply together with other initiatives of the network? Type their names, one "
            "per line or separated by commas. Their members see the application once it is "
            "submitted."
        ),
    )

    class Meta:
        model = Application
        fields = [
            "title",
            "summary",
            "plan",
            "why",
            "for_whom",
            "theme",
            "research_question",
            "meeting",
        ]
        field_classes = {
            "summary": NeededToSubmit,
            "plan": NeededToSubmit,
            "why": NeededToSubmit,
            "for_whom": NeededToSubmit,
        }
        widgets = {
            "title": forms.TextInput(attrs={"autocomplete": "off"}),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "plan": forms.Textarea(attrs={"rows": 8}),
            "why": forms.Textarea(attrs={"rows": 5}),
            "for_whom": forms.Textarea(attrs={"rows": 3}),
            "research_question": QuickSelect,
            "meeting": QuickSelect,
        }
        help_texts = {
            "title": _("One line, for example “Samen koken in de Dichterswijk”."),
            "summary": _(
                "A few short sentences that anyone understands: what you do, for whom, and what "
                "it brings. This is what the decision list shows when the money is awarded."
            ),
            "plan": _("What will you do, when, where, and with whom?"),
            "why": _("What do you see in the neighbourhood that makes this needed?"),
            "for_whom": _("Who takes part, and how many people do you expect to reach?"),
            "theme": _(
                "Some money in the fund is meant for one theme; choosing the theme lets it fit."
            ),
            "research_question": _(
                "A question of the knowledge agenda this helps answer, if there is one."
            ),
            "meeting": _("A network meeting of the last two years where this idea came up."),
        }

    def __init__(self, *args: Any, user: User, round_: Round, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.round = round_
        application: Application = self.instance
        self.only_initiative: Initiative | None = None
        self.order_fields(
            [
                "initiative",
                "title",
                "summary",
                "plan",
                "why",
                "for_whom",
                "amount",
                "theme",
                "co_applicant_names",
                "research_question",
                "meeting",
            ]
        )
        initiative = self.fields["initiative"]
        assert isinstance(initiative, forms.ModelChoiceField)
        if application.pk is not None:
            # Who applies is settled when the draft is started.
            del self.fields["initiative"]
        else:
            own = applying_initiatives(user)
            initiative.queryset = Initiative.objects.filter(pk__in=[i.pk for i in own]).order_by(
                "name", "pk"
            )
            if len(own) == 1:
                initiative.initial = own[0].pk
                initiative.widget = forms.HiddenInput()
                initiative.required = False
                self.only_initiative = own[0]
        self.fields["title"].error_messages["required"] = _(
            "Give your application a name, so that you find it back."
        )
        maximum = euros(round_.max_per_application_cents)
        self.fields["amount"].help_text = _(
            "At most %(maximum)s in this round, and not more than your budget adds up to. "
            "Leave it empty to ask for the total of your budget."
        ) % {"maximum": maximum}
        if application.pk is not None:
            self.initial.setdefault("amount", application.amount_cents)
        theme = self.fields["theme"]
        assert isinstance(theme, forms.ModelChoiceField)
        theme.queryset = Theme.objects.order_by("name")
        theme.label_from_instance = lambda t: t.display_name  # type: ignore[method-assign,assignment]
        theme.empty_label = str(_("No theme in particular"))
        question = self.fields["research_question"]
        assert isinstance(question, forms.ModelChoiceField)
        question.queryset = origins.research_questions(keep=application.research_question_id)
        question.label_from_instance = origins.question_label  # type: ignore[method-assign,assignment]
        question.empty_label = str(_("None"))
        meeting = self.fields["meeting"]
        assert isinstance(meeting, forms.ModelChoiceField)
        meeting.queryset = origins.held_meetings(keep=application.meeting_id)
        meeting.label_from_instance = origins.meeting_label  # type: ignore[method-assign,assignment]
        meeting.empty_label = str(_("None"))
        names = self.fields["co_applicant_names"]
        assert isinstance(names, InitiativeNamesField)
        if application.pk is not None:
            linked = list(application.co_applicants.order_by("name"))
            names.known = linked
            self.initial.setdefault("co_applicant_names", "\n".join(i.name for i in linked))

    def clean_initiative(self) -> Initiative | None:
        chosen: Initiative | None = self.cleaned_data.get("initiative")
        return chosen or self.only_initiative

    def clean_title(self) -> str:
        title = " ".join((self.cleaned_data.get("title") or "").split())
        if not title:
            raise forms.ValidationError(
                _("Give your application a name, so that you find it back.")
            )
        return title

    def clean_amount(self) -> int | None:
        cents: int | None = self.cleaned_data.get("amount")
        if cents is not None and cents > self.round.max_per_application_cents:
            raise forms.ValidationError(
                _("This round gives at most %(maximum)s per application.")
                % {"maximum": euros(self.round.max_per_application_cents)}
            )
        return cents

    def _post_clean(self) -> None:
        # The form never writes on its instance: fund/applications.py saves what `draft()` says,
        # under the application's lock, and a draft may leave the texts the model needs empty.
        pass

    def applicant(self) -> Initiative | None:
        if self.instance.pk is not None:
            return self.instance.initiative
        return self.cleaned_data.get("initiative")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        own = self.applicant()
        named: list[Initiative] = cleaned.get("co_applicant_names") or []
        if own is not None and any(i.pk == own.pk for i in named):
            self.add_error(
                "co_applicant_names",
                _(
                    "%(initiative)s is the initiative that applies; name only the initiatives "
                    "applying with it."
                )
                % {"initiative": own.name},
            )
        return cleaned

    def draft(self, lines: list[tuple[str, int]]) -> Draft:
        """What was filled in, once the form and the budget lines are valid."""
        data = self.cleaned_data
        amount = data.get("amount")
        return Draft(
            title=data["title"],
            summary=data.get("summary") or "",
            plan=data.get("plan") or "",
            why=data.get("why") or "",
            for_whom=data.get("for_whom") or "",
            theme=data.get("theme"),
            research_question_id=getattr(data.get("research_question"), "pk", None),
            meeting_id=getattr(data.get("meeting"), "pk", None),
            amount_cents=amount if amount is not None else sum(c for _d, c in lines),
            lines=lines,
            co_applicants=list(data.get("co_applicant_names") or []),
        )


class BudgetLineForm(forms.Form):
    description = forms.CharField(label=_("What for"), max_length=200, required=False)
    amount = EuroField(label=_("Amount"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        description = " ".join((cleaned.get("description") or "").split())
        cleaned["description"] = description
        amount = cleaned.get("amount")
        if description and amount is None and "amount" not in self.errors:
            self.add_error("amount", _("Fill in the amount for this line."))
        if amount is not None and not description:
            self.add_error("description", _("Say what this amount is for."))
        return cleaned


class BaseBudgetLines(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        # Each line's fields are told apart by its number, for whoever hears the form read out.
        number = (index or 0) + 1
        form.fields["description"].label = _("Line %(number)s: what for") % {"number": number}
        form.fields["amount"].label = _("Line %(number)s: amount") % {"number": number}
        form.number = number  # type: ignore[attr-defined]

    def lines(self) -> list[tuple[str, int]]:
        """The filled-in lines, in their order (empty lines are left out: emptying a line
        removes it)."""
        found = []
        for form in self.forms:
            description = form.cleaned_data.get("description")
            amount = form.cleaned_data.get("amount")
            if description and amount is not None:
                found.append((description, amount))
        return found

    def clean(self) -> None:
        if any(self.errors):
            return
        total = sum(cents for _d, cents in self.lines())
        if total > MAX_CENTS:
            raise forms.ValidationError(
                _("The budget adds up to %(total)s, more than the fund could ever give.")
                % {"total": euros(total)}
            )


BudgetLineFormSet = formset_factory(
    BudgetLineForm,
    formset=BaseBudgetLines,
    extra=0,
    max_num=MAX_LINES,
    absolute_max=MAX_LINES,
    validate_max=True,
)
BLANK_LINES = 3  # empty lines offered under the filled-in ones
MORE_LINES = 3  # "more lines" adds this many


def budget_formset(
    data: Any = None, *, application: Application | None = None, more: bool = False
) -> BaseBudgetLines:
    """The budget lines of `application` (or none) and a few empty ones; bound to `data` when
    the form was sent. `more`: the person asked for more empty lines (nothing is checked or
    saved then)."""
    if data is not None:
        if more:
            data = data.copy()
            total_text = str(data.get("lines-TOTAL_FORMS") or "0")
            total = int(total_text) if total_text.isdigit() and len(total_text) < 4 else 0
            data["lines-TOTAL_FORMS"] = str(min(MAX_LINES, max(0, total) + MORE_LINES))
        return BudgetLineFormSet(data, prefix="lines")  # type: ignore[return-value]
    initial = []
    if application is not None and application.pk is not None:
        initial = [
            {"description": line.description, "amount": line.amount_cents}
            for line in application.budget_lines.order_by("position", "pk")
        ]
    formset = formset_factory(
        BudgetLineForm,
        formset=BaseBudgetLines,
        extra=min(BLANK_LINES, MAX_LINES - len(initial)),
        max_num=MAX_LINES,
        absolute_max=MAX_LINES,
        validate_max=True,
    )
    return formset(initial=initial, prefix="lines")  # type: ignore[return-value]
