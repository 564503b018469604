import re
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from initiatives.logo import reencode_logo
from initiatives.models import FIRST_FOUNDING_YEAR, Claim, Initiative, Listing, Membership


class MultilineField(forms.CharField):
    """Text with line breaks as the database keeps them: browsers send "\r\n", we store "\n",
    so a text sent back unchanged does not count as changed."""

    def to_python(self, value: object) -> str:
        text = super().to_python(value) or ""
        return text.replace("\r\n", "\n").replace("\r", "\n")


MAX_NAMED = 50
NAME_WITH_PLACE = re.compile(r"^(?P<name>.+?)\s*\((?P<place>[^()]+)\)$")


class InitiativeNamesField(forms.CharField):
    """Names of approved initiatives, one per line or separated by commas: the initiatives a
    knowledge item concerns, the initiatives applying to the fund together. Two initiatives with
    the same name are told apart by their municipality in brackets: "Buurtkracht (Utrecht)"."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, *args: Any, max_names: int = MAX_NAMED, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.max_names = max_names
        self.known: list[Initiative] = []  # those already linked: they settle a shared name

    def clean(self, value: Any) -> list[Initiative]:
        text = super().clean(value) or ""
        names = self._split(text)
        if len(names) > self.max_names:
            raise forms.ValidationError(
                _("Name at most %(count)s initiatives.") % {"count": self.max_names}
            )
        found, unknown, unclear = self._match(names)
        problems = []
        if unknown:
            problems.append(
                _(
                    "We do not know these initiatives in the directory: %(names)s. Check the spelling."
                )
                % {"names": ", ".join(f"“{name}”" for name in unknown)}
            )
        if unclear:
            problems.append(
                _(
                    "More than one initiative is called %(names)s. Add the municipality in "
                    "brackets, for example “%(example)s (Utrecht)”."
                )
                % {
                    "names": ", ".join(f"“{name}”" for name in unclear),
                    "example": unclear[0],
                }
            )
        if problems:
            raise forms.ValidationError([str(problem) for problem in problems])
        return found

    def _split(self, text: str) -> list[str]:
        names: list[str] = []
        for line in text.replace("\r", "\n").split("\n"):
            line = line.strip()
            if not line:
                continue
            # A name may hold a comma itself: the whole line first, then its parts.
            parts = [line] if self._exists(line) else [p.strip() for p in line.split(",")]
            for part in parts:
                if part and part.casefold() not in {n.casefold() for n in names}:
                    names.append(part)
        return names

    def _exists(self, name: str) -> bool:
        if "," not in name:
            return True
        return Initiative.objects.approved().named(name).exists()

    def _match(self, names: list[str]) -> tuple[list[Initiative], list[str], list[str]]:
        if not names:
            return [], [], []
        wanted: dict[str, tuple[str, str | None]] = {}
        for name in names:
            match = NAME_WITH_PLACE.match(name)
            if match:
                wanted[name] = (match["name"].strip(), match["place"].strip())
            else:
                wanted[name] = (name, None)
        plain = {n.lower() for n, _place in wanted.values()}
        candidates = list(
            Initiative.objects.approved()
            .alias(lower_name=Lower("name"))
            .filter(Q(lower_name__in=plain) | Q(pk__in=[i.pk for i in self.known]))
            .select_related("municipality")
            .order_by("pk")
        )
        known_ids = {i.pk for i in self.known}
        found: list[Initiative] = []
        unknown: list[str] = []
        unclear: list[str] = []
        for typed, (name, place) in wanted.items():
            same = [i for i in candidates if i.name.lower() == name.lower()]
            if place is not None:
                same = [i for i in same if i.municipality.name.lower() == place.lower()]
            if len(same) > 1:
                same = [i for i in same if i.pk in known_ids] or same
            if not same:
                unknown.append(typed)
            elif len(same) > 1:
                unclear.append(typed)
            elif same[0] not in found:
                found.append(same[0])
        return found, unknown, unclear


def _profile_field(field: models.Field, **kwargs: Any) -> forms.Field | None:
    """A typed "buurtkracht.nl" becomes https://buurtkracht.nl (Django 6's default too); long
    texts keep their line breaks as "\n"."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    if isinstance(field, models.TextField):
        kwargs["form_class"] = MultilineField
    return field.formfield(**kwargs)


class InitiativeForm(forms.ModelForm):
    """The profile, in the order a person fills it in on a phone."""

    class Meta:
        model = Initiative
        formfield_callback = _profile_field
        fields = [
            "name",
            "municipality",
            "place",
            "pitch",
            "description",
            "themes",
            "target_groups",
            "activities",
            "founded_year",
            "legal_form",
            "volunteers",
            "website",
            "facebook",
            "instagram",
            "linkedin",
            "logo",
            "address",
            "latitude",
            "longitude",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "legal_form": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 8}),
            "activities": forms.Textarea(attrs={"rows": 4}),
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        }
        help_texts = {
            "latitude": _("Optional: a point on the map, for example 52.10353."),
            "longitude": _("For example 5.10985. Leave both empty to use your municipality."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["founded_year"].widget.attrs.update({"inputmode": "numeric"})
        municipality, volunteers = self.fields["municipality"], self.fields["volunteers"]
        assert isinstance(municipality, forms.ModelChoiceField)
        assert isinstance(volunteers, forms.ChoiceField)
        municipality.empty_label = _("Choose a municipality")
        volunteers.choices = [("", _("Not sure")), *Initiative.Volunteers.choices]
        for name in ("themes", "target_groups"):
            self.fields[name].label_from_instance = lambda label: label.display_name  # type: ignore[attr-defined]

    def clean_founded_year(self) -> int | None:
        year = self.cleaned_data.get("founded_year")
        if year is not None and not FIRST_FOUNDING_YEAR <= year <= timezone.localdate().year:
            raise forms.ValidationError(
                _("Give a year between %(first)s and now.") % {"first": FIRST_FOUNDING_YEAR}
            )
        return year

    def clean_logo(self) -> object:
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            return reencode_logo(logo)
        return logo

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        name, municipality = cleaned.get("name"), cleaned.get("municipality")
        if name and municipality:
            namesakes = Initiative.objects.approved().filter(municipality=municipality)
            namesake = namesakes.named(name).exclude(pk=self.instance.pk).first()
            if namesake is not None:  # approved, so public: the message may link to it
                link = format_html(
                    '<a class="utrecht-link utrecht-link--html-a" href="{}">{}</a>',
                    namesake.get_absolute_url(),
                    namesake.name,
                )
                self.add_error(
                    "name",
                    format_html(
                        str(
                            _(
                                "There is already an initiative with this name in "
                                "{municipality}: {link}. Choose another name, or ask to join it."
                            )
                        ),
                        municipality=municipality,
                        link=link,
                    ),
                )
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None):
            self.add_error("longitude", _("Give both coordinates, or neither."))
        elif (
            latitude is not None
            and longitude is not None
            and not (51.8 <= latitude <= 52.4 and 4.7 <= longitude <= 5.7)
        ):
            self.add_error("latitude", _("This point lies outside the province of Utrecht."))
        return cleaned


class ConfirmNotDuplicateForm(forms.Form):
    """Shown with the similar initiatives: the registrant says theirs is a different one."""

    is_new = forms.BooleanField(
        label=_("My initiative is not one of these; register it as a new one."), required=True
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The registrant receives this by e-mail."),
        max_length=2000,
    )


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send an invitation link that is valid for 14 days."),
        # Someone else's address: the browser should not offer the admin's own.
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Membership.Role.choices, label=_("Role"))


class JoinForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the admins"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
        help_text=_("Who are you and how would you like to help?"),
    )


class ClaimForm(forms.ModelForm):
    class Meta:
        model = Claim
        fields = ["message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}


class DeclineClaimForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The person receives this by e-mail."),
        max_length=2000,
    )


class AnswerForm(forms.Form):
    accept = forms.TypedChoiceField(
        choices=[("yes", _("Accept")), ("no", _("Decline"))],
        coerce=lambda value: value == "yes",
    )


class ListingForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("Do you need it or offer it?"),
        choices=[(Listing.Kind.NEED, _("We need this")), (Listing.Kind.OFFER, _("We offer this"))],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Listing
        fields = ["kind", "category", "text"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        assert isinstance(category, forms.ChoiceField)
        category.choices = [("", _("Choose a category")), *Listing.Category.choices]


class ContactForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("The initiative replies to this address; it is not shown to anyone."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    message = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 6}), max_length=3000
    )
    # A field people never see (hidden by CSS, skipped by keyboard and screen readers): bots fill it.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    @property
    def is_from_a_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
