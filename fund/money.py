"""Euros as people write them, and as whole cents as the fund keeps them. Never a float.

Shown the Dutch way (GLOSSARY.md): "€ 1.250,00". Typed as "1250", "1.250", "1250,50",
"1.250,50", "€ 1.250,-" or "1250.50" (a point followed by exactly two digits at the end is read as
cents, as many people type it); anything else is refused with a message, never guessed at.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MinLengthValidator,
    ProhibitNullCharactersValidator,
)
from django.utils.translation import gettext_lazy as _

from fund.models import MAX_CENTS

NBSP = "\u00a0"
# Whole euros with optional thousands points, then optional ",cc" / ",-" / ".cc".
_AMOUNT = re.compile(
    r"^(?P<euros>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<cents>\d{1,2}|-{1,2})|\.(?P<point_cents>\d{2}))?$"
)


def euros(cents: int | None) -> str:
    """12345 -> "€ 123,45"; 125000000 -> "€ 1.250.000,00" (a no-break space after the sign)."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(int(cents)), 100)
    grouped = f"{whole:,}".replace(",", ".")
    return f"{sign}€{NBSP}{grouped},{part:02d}"


def parse_euros(text: str) -> int:
    """The cents in what someone typed, or ValueError with a Dutch message."""
    cleaned = text.strip().replace("€", "").replace(" ", "").replace(NBSP, "")
    if cleaned.startswith("-"):
        raise ValueError(_("An amount cannot be negative."))
    match = _AMOUNT.match(cleaned)
    if not match:
        raise ValueError(_("Type an amount in euros, for example 1.250 or 1.250,50."))
    whole = int(match["euros"].replace(".", ""))
    cents_text = match["cents"] or match["point_cents"] or ""
    cents = 0 if not cents_text or cents_text.startswith("-") else int(cents_text.ljust(2, "0"))
    return whole * 100 + cents


def cents_of(amount: Decimal) -> int:
    """A Decimal in euros (from a fixture or an export) as cents, refusing fractions of cents."""
    try:
        cents = (amount * 100).to_integral_exact()
    except InvalidOperation as error:  # pragma: no cover - Decimal signals are off by default
        raise ValueError(str(error)) from error
    if cents != amount * 100:
        raise ValueError("an amount in euros has at most two decimals")
    return int(cents)


class EuroField(forms.CharField):
    """An amount in euros typed as text (a number field would lose the "1.250,50" people type),
    cleaned to whole cents between `min_cents` and `max_cents`."""

    def __init__(self, *, min_cents: int = 1, max_cents: int = MAX_CENTS, **kwargs: object) -> None:
        self.min_cents = min_cents
        self.max_cents = max_cents
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)  # type: ignore[arg-type]
        # The length validators of CharField would run on the cleaned cents (an int); the length
        # of the text is checked in to_python instead.
        self.validators = [
            v
            for v in self.validators
            if not isinstance(
                v, MaxLengthValidator | MinLengthValidator | ProhibitNullCharactersValidator
            )
        ]

    def widget_attrs(self, widget: forms.Widget) -> dict[str, str]:
        attrs = super().widget_attrs(widget)
        attrs |= {"inputmode": "decimal", "autocomplete": "off", "class": "fund-euro-input"}
        return attrs

    def prepare_value(self, value: object) -> object:
        # An initial value in cents shows as people type it: "1.250,00" without the sign.
        if isinstance(value, int):
            return euros(value).removeprefix("€" + NBSP)
        return value

    def to_python(self, value: object) -> int | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        if self.max_length is not None and len(text) > self.max_length:
            raise ValidationError(
                _("Type an amount in euros, for example 1.250 or 1.250,50."), code="invalid"
            )
        try:
            cents = parse_euros(text)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from error
        if cents < self.min_cents:
            raise ValidationError(
                _("The amount must be at least %(minimum)s.") % {"minimum": euros(self.min_cents)},
                code="min_value",
            )
        if cents > self.max_cents:
            raise ValidationError(
                _("The amount may be at most %(maximum)s.") % {"maximum": euros(self.max_cents)},
                code="max_value",
            )
        return cents
