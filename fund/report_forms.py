"""The forms of reports: the initiative's report (a draft until submitted) and the committee's
review."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fund import accountability as rules
from fund.models import BudgetLine, Report
from fund.money import EuroField, euros
from fund.report_files import ACCEPT, CheckedReceipt, check_receipt, reencode_photo

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files at once (Django's documented pattern); each is checked by the form."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def _figure(label: "StrOrPromise", help_text: "StrOrPromise", maximum: int) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=0,
        max_value=maximum,
        error_messages={
            "invalid": _("Fill in a whole number, for example 25."),
            "min_value": _("A number cannot be negative."),
            "max_value": _(
                "That is more than we can take as right: at most %(limit_value)s. Is there a "
                "typing mistake?"
            ),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "fund-number-input"}),
    )


class ReportForm(forms.Form):
    story = forms.CharField(
        label=_("What did you do, and what did it bring?"),
        help_text=_(
            "A short story in your own words: what happened, who took part, what changed. It is "
            "shown on the grant's public page once the fund committee accepts the report."
        ),
        max_length=6000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    photo = forms.FileField(
        label=_("A photo"),
        help_text=_(
            "A JPEG, PNG or WebP of at most 10 MB. Ask the people in it whether they agree to it "
            "being on the portal."
        ),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)
    photo_description = forms.CharField(
        label=_("What the photo shows"),
        help_text=_(
            "In a few words, for people who cannot see it. For example: neighbours cooking "
            "together in the community centre."
        ),
        max_length=200,
        required=False,
    )
    people_reached = _figure(
        _("People reached"),
        _("How many people took part or benefited? An estimate is fine."),
        rules.MAX_PEOPLE_REACHED,
    )
    volunteers = _figure(_("Volunteers"), _("How many volunteers helped?"), rules.MAX_VOLUNTEERS)
    volunteer_hours = _figure(
        _("Volunteer hours"),
        _("Together, about how many hours did the volunteers put in?"),
        rules.MAX_VOLUNTEER_HOURS,
    )

    def __init__(
        self,
        *args: Any,
        report: Report | None,
        budget_lines: list[BudgetLine],
        full: bool,
        **kwargs: Any,
    ) -> None:
        if report is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "story": report.story,
                "photo_description": report.photo_description,
                "people_reached": report.people_reached,
                "volunteers": report.volunteers,
                "volunteer_hours": report.volunteer_hours,
            } | {f"line_{line.budget_line_id}": line.spent_cents for line in report.lines.all()}
        super().__init__(*args, **kwargs)
        self.full = full
        self.budget_lines = budget_lines
        if not (report and report.photo):
            del self.fields["remove_photo"]
        if full:
            for line in budget_lines:
                self.fields[f"line_{line.pk}"] = EuroField(
                    label=line.description,
                    help_text=gettext("Budgeted: %(amount)s. What did you spend on it?")
                    % {"amount": euros(line.amount_cents)},
                    min_cents=0,
                    required=False,
                )
            self.fields["receipts"] = MultipleFileField(
                label=_("Add receipts"),
                help_text=_(
                    "PDF, JPEG or PNG, at most 10 MB each. You may choose several files at once."
                ),
                required=False,
            )

    def mark_needed(self, *, has_photo: bool) -> None:
        """Show which fields submitting needs (the form is rendered without browser checks, so
        a draft can still be saved with them empty; fund.accountability checks on submitting)."""
        needed = ["story", "photo_description", "people_reached", "volunteers", "volunteer_hours"]
        needed += [f"line_{line.pk}" for line in self.budget_lines if self.full]
        if not has_photo:
            needed.append("photo")
        for name in needed:
            self.fields[name].required = True

    def line_fields(self) -> list[forms.BoundField]:
        return [self[f"line_{line.pk}"] for line in self.budget_lines if self.full]

    def clean_photo(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("photo")
        return reencode_photo(upload) if upload else None

    def clean_receipts(self) -> list[CheckedReceipt]:
        checked = []
        problems = []
        for upload in self.cleaned_data.get("receipts") or []:
            try:
                checked.append(check_receipt(upload))
            except forms.ValidationError as error:
                problems.append(f"{upload.name}: {' '.join(error.messages)}")
        if problems:
            raise forms.ValidationError(problems)
        return checked

    def draft(self, delete_receipt: int | None = None) -> rules.Draft:
        data = self.cleaned_data
        values = {
            name: data[name]
            for name in ("story", "photo_description", "people_reached", "volunteers")
            if name in data
        }
        if "volunteer_hours" in data:
            values["volunteer_hours"] = data["volunteer_hours"]
        values["story"] = values.get("story", "").strip()
        values["photo_description"] = values.get("photo_description", "").strip()
        return rules.Draft(
            values=values,
            photo=data.get("photo"),
            remove_photo=bool(data.get("remove_photo")),
            lines={line.pk: data.get(f"line_{line.pk}") for line in self.budget_lines}
            if self.full
            else {},
            receipts=data.get("receipts") or [],
            delete_receipt=delete_receipt,
        )


class ReviewForm(forms.Form):
    ACCEPT = "accept"
    CHANGES = "changes"

    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[
            (ACCEPT, _("Accept the report: the grant is settled")),
            (CHANGES, _("Ask for changes")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose: accept, or ask for changes.")},
    )
    note = forms.CharField(
        label=_("Note for the initiative"),
        help_text=_("Required when you ask for changes: say what should change, and why."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == self.CHANGES and not (data.get("note") or "").strip():
            self.add_error("note", gettext("Say what should change."))
        return data
