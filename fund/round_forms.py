"""The committee's forms for a round: opening and changing it (with its criteria), adding money
to its budget. Amounts are typed in euros (`EuroField`) and kept in cents."""

import uuid
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from fund.models import Contribution, Criterion, Round
from fund.money import EuroField, euros
from fund.rounds import RULE_FIELDS, TEXT_FIELDS, CriterionText

MAX_CRITERIA = 12
NEW_CRITERIA_ROWS = 5
EXTRA_CRITERIA_ROWS = 3
MAX_GRANTS_PER_YEAR = 20
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def earmarked_money() -> QuerySet[Contribution]:
    """Earmarked contributions with money outside any round: what a committee may tick."""
    return (
        Contribution.objects.filter(reversed_at=None, unallocated_cents__gt=0)
        .exclude(earmark_municipality=None, earmark_theme=None)
        .select_related("funder", "earmark_municipality", "earmark_theme")
        .order_by("received_on", "pk")
    )


def earmark_text(contribution: Contribution) -> str:
    """ "only for initiatives in Amersfoort", "only for the theme loneliness", or both."""
    parts = []
    if contribution.earmark_municipality is not None:
        parts.append(
            _("only for initiatives in %(municipality)s")
            % {"municipality": contribution.earmark_municipality.name}
        )
    if contribution.earmark_theme is not None:
        parts.append(
            _("only for the theme %(theme)s") % {"theme": contribution.earmark_theme.display_name}
        )
    return str(_(" and ")).join(str(p) for p in parts)


class EarmarkedChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Contribution) -> str:
        return str(
            _("%(funder)s, received %(date)s: %(available)s available, %(earmark)s")
            % {
                "funder": obj.funder.name,
                "date": date_format(obj.received_on, "j F Y"),
                "available": euros(obj.unallocated_cents),
                "earmark": earmark_text(obj),
            }
        )


EARMARK_HELP = _(
    "Earmarked money may only pay for applications that fit its earmark, for example only "
    "initiatives in one municipality. Tick it to put it in this round: the round uses the ticked "
    "money first and takes the rest of the amount from the fund's general money. Applications "
    "that do not fit the earmark can only receive the general part; the round's page says how "
    "much of the budget is earmarked, and for whom."
)


class MoneyFields(forms.Form):
    """The amount to reserve for a round, and the earmarked money to use for it."""

    budget = EuroField(
        label=_("Budget"),
        help_text=_("In euros, for example 20.000. This money is reserved for the round at once."),
    )
    earmarked = EarmarkedChoice(
        label=_("Earmarked money to use"),
        queryset=Contribution.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=EARMARK_HELP,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = earmarked_money()
        if choices.exists():
            field = self.fields["earmarked"]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            field.queryset = choices
            field.error_messages["invalid_choice"] = _(
                "This money is no longer available; look at the list again."
            )
        else:
            del self.fields["earmarked"]

    def earmarked_chosen(self) -> list[Contribution]:
        return list(self.cleaned_data.get("earmarked") or [])


class BudgetForm(MoneyFields):
    """Adding money to an open round."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["budget"].label = _("Amount to add")
        self.fields["budget"].help_text = _(
            "In euros, for example 5.000. It is added to the round's budget at once."
        )


class RoundForm(MoneyFields):
    """Opening a round (`round_=None`: with its budget) or changing one. `rules_fixed`: an
    application was submitted, so the rules are shown but no longer change."""

    name = forms.CharField(
        label=_("Name of the round"),
        max_length=120,
        help_text=_("For example Voorjaar 2027. The round's web address is made from it."),
    )
    description = forms.CharField(
        label=_("What is this round for?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("In plain words: what kind of plans the round wants to support, and why."),
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE_WIDGET)
    closes_on = forms.DateField(
        label=_("Closes on"),
        widget=DATE_WIDGET,
        help_text=_("Applications may come in up to and including this day."),
    )
    decisions_by = forms.DateField(
        label=_("Decisions by"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("When applicants hear the committee's decision, at the latest."),
    )
    max_per_application_cents = EuroField(
        label=_("At most per application"),
        help_text=_("In euros. An application may not ask more than this."),
    )
    max_grants_per_year = forms.IntegerField(
        label=_("At most this many grants per initiative per year"),
        required=False,
        min_value=1,
        max_value=MAX_GRANTS_PER_YEAR,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_(
            "Fair spread: counted over all the fund's rounds in one calendar year. Leave it "
            "empty for no limit."
        ),
    )
    max_cents_per_year = EuroField(
        label=_("At most this much per initiative per year"),
        required=False,
        help_text=_(
            "Fair spread, in euros: counted over all the fund's rounds in one calendar year. "
            "Leave it empty for no limit."
        ),
    )
    first_timers_first = forms.BooleanField(
        label=_("Priority for initiatives that never received a grant"),
        required=False,
    )
    min_reviews = forms.IntegerField(
        label=_("Reviews needed before a decision"),
        min_value=1,
        max_value=5,
        initial=2,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_(
            "How many committee members review an application before it is decided: 1 to 5."
        ),
    )
    key = forms.CharField(widget=forms.HiddenInput, required=False)

    field_order = [
        "name",
        "description",
        "opens_on",
        "closes_on",
        "decisions_by",
        "budget",
        "earmarked",
        "max_per_application_cents",
        "max_grants_per_year",
        "max_cents_per_year",
        "first_timers_first",
        "min_reviews",
    ]

    def __init__(
        self, *args: Any, round_: Round | None = None, rules_fixed: bool = False, **kwargs: Any
    ) -> None:
        self.round = round_
        if round_ is not None:
            kwargs.setdefault(
                "initial", {name: getattr(round_, name) for name in TEXT_FIELDS + RULE_FIELDS}
            )
        else:
            kwargs.setdefault("initial", {"key": str(uuid.uuid4()), "min_reviews": 2})
        super().__init__(*args, **kwargs)
        messages = {
            "min_value": _("Give a number from %(limit_value)s."),
            "max_value": _("Give a number up to %(limit_value)s."),
            "invalid": _("Give a whole number."),
        }
        for name in ("max_grants_per_year", "min_reviews"):
            self.fields[name].error_messages.update(messages)
        self.fields["min_reviews"].error_messages["required"] = _(
            "Say how many reviews an application needs: 1 to 5."
        )
        if round_ is not None:
            for name in ("budget", "earmarked", "key"):
                self.fields.pop(name, None)
        if rules_fixed:
            for name in RULE_FIELDS:
                self.fields[name].disabled = True

    @property
    def is_new(self) -> bool:
        return self.round is None

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_key(self) -> uuid.UUID:
        try:
            return uuid.UUID(self.cleaned_data.get("key") or "")
        except ValueError:
            return uuid.uuid4()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.localdate()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        decisions_by = data.get("decisions_by")
        changed = set(self.changed_data)
        if closes_on is not None:
            if opens_on is not None and closes_on < opens_on:
                self.add_error("closes_on", _("The round cannot close before it opens."))
            elif (self.is_new or "closes_on" in changed) and closes_on < today:
                self.add_error("closes_on", _("This day has passed. Choose today or a later day."))
        if decisions_by is not None and (self.is_new or changed & {"decisions_by", "closes_on"}):
            if closes_on is not None and decisions_by < closes_on:
                self.add_error(
                    "decisions_by",
                    _("Decisions come after the round closes: choose its closing day or later."),
                )
            elif decisions_by < today:
                self.add_error(
                    "decisions_by", _("This day has passed. Choose today or a later day.")
                )
        maximum, budget = data.get("max_per_application_cents"), data.get("budget")
        if self.is_new and maximum is not None and budget is not None and maximum > budget:
            self.add_error(
                "max_per_application_cents",
                _("This is more than the whole budget (%(budget)s).") % {"budget": euros(budget)},
            )
        return data

    def round_values(self) -> dict[str, object]:
        """The round's columns, for opening it."""
        return {name: self.cleaned_data[name] for name in TEXT_FIELDS + RULE_FIELDS}

    def changes(self) -> dict[str, object]:
        """The columns this form changes, for a round that exists."""
        fields = set(TEXT_FIELDS + RULE_FIELDS)
        return {
            name: self.cleaned_data[name]
            for name in self.changed_data
            if name in fields and not self.fields[name].disabled
        }


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=120, required=False)
    description = forms.CharField(
        label=_("Explanation"),
        max_length=500,
        required=False,
        help_text=_("What reviewers look at, in one or two sentences."),
    )
    weight = forms.IntegerField(
        label=_("Weight (1 to 10)"),
        required=False,
        initial=1,
        min_value=1,
        max_value=10,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        weight = self.fields["weight"]
        weight.error_messages.update(
            {
                "min_value": _("A weight is a whole number from 1 to 10."),
                "max_value": _("A weight is a whole number from 1 to 10."),
                "invalid": _("A weight is a whole number from 1 to 10."),
            }
        )

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("name") and not data.get("description", "").strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.is_blank():
            return data
        if not data.get("name") and not self.has_error("name"):
            self.add_error("name", _("Give the criterion a name, or empty the whole row."))
        if data.get("weight") is None and not self.has_error("weight"):
            self.add_error("weight", _("A weight is a whole number from 1 to 10."))
        return data


class BaseCriteriaFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[str] = set()
        filled = 0
        for form in self.forms:
            if form.is_blank():
                continue
            filled += 1
            name = form.cleaned_data["name"]
            if name.casefold() in seen:
                form.add_error("name", _("Another criterion has this name already."))
            seen.add(name.casefold())
        if filled == 0:
            raise forms.ValidationError(
                _("Give the round at least one criterion, so that reviewers know what to score.")
            )
        if filled > MAX_CRITERIA:
            raise forms.ValidationError(
                _("A round has at most %(count)d criteria.") % {"count": MAX_CRITERIA}
            )

    def criteria(self) -> list[CriterionText]:
        return [
            CriterionText(
                form.cleaned_data["name"],
                form.cleaned_data.get("description", "").strip(),
                form.cleaned_data["weight"],
            )
            for form in self.forms
            if not form.is_blank()
        ]


def criteria_formset(data: Any = None, *, round_: Round | None = None) -> BaseCriteriaFormSet:
    """The criteria as rows: a round's own first, then empty rows to add one. Emptying a row
    removes its criterion."""
    existing = (
        []
        if round_ is None
        else [
            {"name": c.name, "description": c.description, "weight": c.weight}
            for c in Criterion.objects.filter(round=round_).order_by("position", "pk")
        ]
    )
    extra = NEW_CRITERIA_ROWS if round_ is None else EXTRA_CRITERIA_ROWS
    formset_class = forms.formset_factory(
        CriterionForm,
        formset=BaseCriteriaFormSet,
        extra=extra,
        max_num=MAX_CRITERIA + extra,
        validate_max=True,
        absolute_max=MAX_CRITERIA + extra,
    )
    formset = formset_class(data, initial=existing, prefix="criteria")
    assert isinstance(formset, BaseCriteriaFormSet)
    return formset
