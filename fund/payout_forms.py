"""The forms of payouts: proposing one (with its idempotency key), and recording a repayment."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fund.money import EuroField
from fund.payouts import new_key


class PayoutForm(forms.Form):
    """A tranche of a grant. The hidden key is made when the form is shown; sent twice, it is
    one payout (fund/payouts.py)."""

    amount = EuroField(
        label=_("Amount"),
        help_text=_("In euros, for example 500 or 1.250,50."),
        error_messages={"required": _("Fill in the amount to pay out.")},
    )
    description = forms.CharField(
        label=_("Description"),
        help_text=_("For example: first tranche, or: the rest after the report."),
        max_length=200,
        required=False,
    )
    key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, room_cents: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("key", new_key())
            if room_cents > 0:
                self.initial.setdefault("amount", room_cents)
        # The most that may be proposed is checked under the grant's lock (fund/payouts.py), after
        # the key: the second of a double click must find the first, not be told it is too much.
        self.fields["key"].error_messages = {
            "required": _("This form is incomplete. Open it again."),
            "invalid": _("This form is incomplete. Open it again."),
        }


class RepaymentForm(forms.Form):
    """Money the initiative paid back. `repaid_before` is what was repaid when the form was
    shown: if it changed when the form comes back, this repayment was probably recorded."""

    amount = EuroField(
        label=_("Amount paid back"),
        help_text=_("In euros, as it came in on the fund's account."),
        error_messages={"required": _("Fill in the amount that was paid back.")},
    )
    repaid_before = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["repaid_before"].error_messages = {
            "required": _("This form is incomplete. Open it again."),
            "invalid": _("This form is incomplete. Open it again."),
        }
