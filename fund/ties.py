"""Ties to initiatives that members of the committee and treasurers declare (belangenverstrengeling).

A tie (a volunteer there, family on its board, paid by it ...) has the same effect as being a
member of the initiative: the person takes no part in anything about the applications and grants
of that initiative, nor of those it applies with (fund.permissions.conflicts). Memberships count
as ties without declaring them. Ending a tie keeps it, with the moment it ended.

The initiative is typed by (part of) its name; when more than one fits, the form offers them to
choose from (no JavaScript needed).
"""

from typing import Any

from django import forms
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from fund.errors import FundRuleError
from fund.models import Tie
from initiatives.models import Initiative, Membership

# More matches than this: the person types more of the name.
MAX_CHOICES = 20


def matching_initiatives(text: str) -> QuerySet[Initiative]:
    """Approved initiatives by name: the exact name (any case) if there is one, else those whose
    name contains the text."""
    text = " ".join(text.split())
    approved = Initiative.objects.approved().select_related("municipality").order_by("name", "pk")
    exact = approved.named(text)
    if exact.exists():
        return exact
    return approved.filter(name__icontains=text)


class InitiativeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Initiative) -> str:
        return f"{obj.name} ({obj.municipality.name})"


class TieForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Initiative"),
        max_length=120,
        help_text=gettext_lazy(
            "Type its name, or part of it. If more initiatives fit, you choose one."
        ),
        error_messages={"required": gettext_lazy("Type the name of the initiative.")},
    )
    initiative = InitiativeChoiceField(
        label=gettext_lazy("Which initiative do you mean?"),
        queryset=Initiative.objects.none(),
        widget=forms.RadioSelect,
        required=False,
        empty_label=None,
    )
    description = forms.CharField(
        label=gettext_lazy("What is the tie?"),
        max_length=300,
        help_text=gettext_lazy(
            "For example: I volunteer there; my partner is on its board. The committee sees this; "
            "the public decision list only says that you take no part."
        ),
        error_messages={"required": gettext_lazy("Say in a few words what the tie is.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.matches: list[Initiative] = []
        if self.is_bound:
            typed = str(self.data.get("name", "")).strip()
            if typed:
                self.matches = list(matching_initiatives(typed)[: MAX_CHOICES + 1])
        field = self.fields["initiative"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Initiative.objects.filter(pk__in=[i.pk for i in self.matches]).order_by(
            "name", "pk"
        )

    @property
    def offers_choice(self) -> bool:
        """More than one initiative fits what was typed: the form shows them to choose from."""
        return 1 < len(self.matches) <= MAX_CHOICES

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if "name" in self.errors:
            return data
        chosen = data.get("initiative")
        if chosen is not None:
            return data
        if not self.matches:
            self.add_error(
                "name",
                _("No initiative in the directory has this name. Check the spelling."),
            )
        elif len(self.matches) > MAX_CHOICES:
            self.add_error("name", _("Many initiatives fit this; type more of the name."))
        elif len(self.matches) > 1:
            self.add_error("initiative", _("More initiatives fit this; choose the one you mean."))
        else:
            data["initiative"] = self.matches[0]
        return data


def declare(user: User, initiative: Initiative, description: str) -> Tie:
    """A new current tie; FundRuleError (on `name`) when there is one already, or when the
    person is a member of the initiative (that counts already)."""
    if Membership.objects.filter(user=user, initiative=initiative).exists():
        raise FundRuleError(
            _("You are a member of %(initiative)s; that counts as a tie already.")
            % {"initiative": initiative.name},
            field="name",
        )
    already = _("You have declared a tie to %(initiative)s already.") % {
        "initiative": initiative.name
    }
    if Tie.objects.filter(user=user, initiative=initiative, ended_at=None).exists():
        raise FundRuleError(already, field="name")
    try:
        with transaction.atomic():
            return Tie.objects.create(user=user, initiative=initiative, description=description)
    except IntegrityError:  # the same tie declared twice at once
        raise FundRuleError(already, field="name") from None


def end(tie: Tie) -> bool:
    """Ends a current tie; False when it had ended already (a double click)."""
    return bool(Tie.objects.filter(pk=tie.pk, ended_at=None).update(ended_at=timezone.now()))


def current_ties(user: User) -> QuerySet[Tie]:
    return (
        Tie.objects.filter(user=user, ended_at=None)
        .select_related("initiative__municipality")
        .order_by("initiative__name", "pk")
    )


def ended_ties(user: User) -> QuerySet[Tie]:
    return (
        Tie.objects.filter(user=user, ended_at__isnull=False)
        .select_related("initiative__municipality")
        .order_by("-ended_at", "-pk")
    )


def memberships(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("initiative__municipality")
        .order_by("initiative__name", "pk")
    )
