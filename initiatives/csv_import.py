"""Importing the network's own list of initiatives from a spreadsheet saved as CSV.

The file has a header row; the columns are those of COLUMNS (unknown ones are ignored and named,
so a column of e-mail addresses or phone numbers is never read). UTF-8 with or without BOM;
comma or semicolon separated (Dutch Excel writes semicolons), found by csv.Sniffer unless given.
Several themes or target groups in one cell are separated by "|".

An initiative is known by its name (in any case) and municipality: importing it again updates
it. Every row is checked first; when any is bad, nothing is imported unless bad rows are to be
skipped. Imported initiatives are approved: the list is the network's own.
"""

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives import audit
from initiatives.models import (
    FIRST_FOUNDING_YEAR,
    Initiative,
    Municipality,
    TargetGroup,
    Theme,
)
from initiatives.registration import public_slug

COLUMNS = [
    "name",
    "municipality",
    "place",
    "pitch",
    "description",
    "themes",
    "target_groups",
    "founded_year",
    "legal_form",
    "website",
    "latitude",
    "longitude",
]
REQUIRED_COLUMNS = {"name", "municipality", "pitch"}
LIST_SEPARATOR = "|"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
LEGAL_FORMS = {
    "": Initiative.LegalForm.INFORMAL,
    "informal": Initiative.LegalForm.INFORMAL,
    "informal group": Initiative.LegalForm.INFORMAL,
    "informele groep": Initiative.LegalForm.INFORMAL,
    "association": Initiative.LegalForm.ASSOCIATION,
    "vereniging": Initiative.LegalForm.ASSOCIATION,
    "foundation": Initiative.LegalForm.FOUNDATION,
    "stichting": Initiative.LegalForm.FOUNDATION,
    "cooperative": Initiative.LegalForm.COOPERATIVE,
    "coöperatie": Initiative.LegalForm.COOPERATIVE,
    "cooperatie": Initiative.LegalForm.COOPERATIVE,
}
# Rough bounds of the Netherlands: a point outside them is a typing error (or swapped columns).
LATITUDES = (Decimal("50.7"), Decimal("53.6"))
LONGITUDES = (Decimal("3.3"), Decimal("7.3"))
UPDATED_FIELDS = [
    "place",
    "pitch",
    "description",
    "founded_year",
    "legal_form",
    "website",
    "latitude",
    "longitude",
]


class ImportFileError(Exception):
    """The file as a whole cannot be read: not CSV, or a required column is missing."""


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return _("line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ReferenceData:
    """The municipalities, themes and target groups a row may name, looked up once per file."""

    municipalities: dict[str, Municipality]
    themes: dict[str, Theme]
    target_groups: dict[str, TargetGroup]

    @classmethod
    def load(cls) -> "ReferenceData":
        municipalities: dict[str, Municipality] = {}
        for municipality in Municipality.objects.all():
            for key in (municipality.name, municipality.cbs_code, municipality.slug):
                municipalities[key.casefold()] = municipality
        return cls(municipalities, _by_name_and_slug(Theme), _by_name_and_slug(TargetGroup))


def _by_name_and_slug(model: type[Theme | TargetGroup]) -> dict[str, Any]:
    return {key.casefold(): item for item in model.objects.all() for key in (item.name, item.slug)}


class ImportRowForm(forms.Form):
    """One row of the file. Messages name the column and quote the value, for the line report."""

    name = forms.CharField(max_length=120)
    municipality = forms.CharField()
    place = forms.CharField(max_length=100, required=False)
    pitch = forms.CharField(max_length=200)
    description = forms.CharField(required=False)
    themes = forms.CharField(required=False)
    target_groups = forms.CharField(required=False)
    founded_year = forms.CharField(required=False)
    legal_form = forms.CharField(required=False)
    website = forms.CharField(required=False, max_length=200)
    latitude = forms.CharField(required=False)
    longitude = forms.CharField(required=False)

    def __init__(self, data: dict[str, str], *, reference: ReferenceData) -> None:
        super().__init__(data)
        self.reference = reference
        for form_field in self.fields.values():
            form_field.error_messages = {
                "required": _("is empty"),
                "max_length": _("is longer than %(limit_value)d characters"),
            }

    def clean_municipality(self) -> Municipality:
        value = self.cleaned_data["municipality"]
        municipality = self.reference.municipalities.get(value.strip().casefold())
        if municipality is None:
            raise ValidationError(
                _("'%(value)s' is not one of the %(count)d municipalities"),
                params={"value": value, "count": len(set(self.reference.municipalities.values()))},
            )
        return municipality

    def clean_themes(self) -> list[Theme]:
        return self._names("themes", self.reference.themes)

    def clean_target_groups(self) -> list[TargetGroup]:
        return self._names("target_groups", self.reference.target_groups)

    def _names(self, column: str, known: dict[str, Any]) -> list[Any]:
        names = [name.strip() for name in self.cleaned_data[column].split(LIST_SEPARATOR)]
        unknown = [name for name in names if name and name.casefold() not in known]
        if unknown:
            choices = ", ".join(sorted({item.name for item in known.values()}))
            raise ValidationError(
                _("'%(value)s' is not one of: %(choices)s"),
                params={"value": unknown[0], "choices": choices},
            )
        return list(
            {known[name.casefold()].pk: known[name.casefold()] for name in names if name}.values()
        )

    def clean_founded_year(self) -> int | None:
        value = self.cleaned_data["founded_year"].strip()
        if not value:
            return None
        this_year = timezone.now().year
        if not value.isdigit() or not FIRST_FOUNDING_YEAR <= int(value) <= this_year:
            raise ValidationError(
                _("'%(value)s' is not a year between %(first)d and %(last)d"),
                params={"value": value, "first": FIRST_FOUNDING_YEAR, "last": this_year},
            )
        return int(value)

    def clean_legal_form(self) -> str:
        value = self.cleaned_data["legal_form"]
        legal_form = LEGAL_FORMS.get(value.strip().casefold())
        if legal_form is None:
            raise ValidationError(
                _("'%(value)s' is not one of: %(choices)s"),
                params={
                    "value": value,
                    "choices": "informele groep, vereniging, stichting, coöperatie",
                },
            )
        return legal_form

    def clean_website(self) -> str:
        value = self.cleaned_data["website"].strip()
        if value and "://" not in value:
            value = f"https://{value}"  # spreadsheets often hold www.example.nl
        try:
            if value:
                URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            raise ValidationError(
                _("'%(value)s' is not a web address"), params={"value": value}
            ) from None
        return value

    def clean_latitude(self) -> Decimal | None:
        return _coordinate(self.cleaned_data["latitude"], LATITUDES)

    def clean_longitude(self) -> Decimal | None:
        return _coordinate(self.cleaned_data["longitude"], LONGITUDES)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        point = [data.get(column, "bad") for column in ("latitude", "longitude")]
        if "bad" not in point and (point[0] is None) != (point[1] is None):
            raise ValidationError(_("give both latitude and longitude, or neither"))
        for column in ("name", "place", "pitch", "description"):
            if EMAIL.search(data.get(column) or ""):
                raise ValidationError(
                    _("%(column)s contains an e-mail address; the portal does not publish them"),
                    params={"column": column},
                )
        return data


def _coordinate(value: str, bounds: tuple[Decimal, Decimal]) -> Decimal | None:
    value = value.strip().replace(",", ".")  # Dutch spreadsheets write 52,09
    if not value:
        return None
    try:
        number = Decimal(value).quantize(Decimal("0.00001"))
    except InvalidOperation:
        number = None
    if number is None or not bounds[0] <= number <= bounds[1]:
        raise ValidationError(
            _("'%(value)s' is not a point in the Netherlands"), params={"value": value}
        )
    return number


def read_rows(
    text: str, *, delimiter: str | None = None
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header's columns, and each row with the line it starts on (1 is the header)."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ImportFileError(_("the file is empty"))
    if delimiter is None:
        delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [column.strip().casefold().replace(" ", "_") for column in next(reader)]
    missing = sorted(REQUIRED_COLUMNS - set(header))
    if missing:
        raise ImportFileError(
            _("the header has no column %(columns)s") % {"columns": ", ".join(missing)}
        )
    rows, line = [], reader.line_num
    for values in reader:
        start, line = line + 1, reader.line_num
        if any(value.strip() for value in values):
            rows.append((start, dict(zip(header, values, strict=False))))
    return header, rows


def _sniff_delimiter(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;").delimiter
    except csv.Error:
        first_line = text.split("\n", 1)[0]
        return ";" if first_line.count(";") > first_line.count(",") else ","


def check_rows(
    rows: list[tuple[int, dict[str, str]]], reference: ReferenceData
) -> tuple[list[tuple[int, dict[str, Any]]], list[RowError]]:
    """The rows that are good, cleaned, and a reason for each one that is not."""
    checked: list[tuple[int, dict[str, Any]]] = []
    errors: list[RowError] = []
    for line, values in rows:
        form = ImportRowForm(
            {column: values.get(column, "") for column in COLUMNS}, reference=reference
        )
        if form.is_valid():
            checked.append((line, form.cleaned_data))
        else:
            errors.append(RowError(line, _first_error(form)))
    lowered = database_lower(data["name"] for _line, data in checked)
    good: list[tuple[int, dict[str, Any]]] = []
    seen: dict[tuple[int, str], int] = {}
    for line, data in checked:
        key = (data["municipality"].pk, lowered[data["name"]])
        if key in seen:
            errors.append(
                RowError(line, _("the same initiative as line %(line)d") % {"line": seen[key]})
            )
            continue
        seen[key] = line
        good.append((line, data))
    errors.sort(key=lambda error: error.line)
    return good, errors


def database_lower(names: Iterable[str]) -> dict[str, str]:
    """Each name as the database lowers it, the way the unique-name rule compares names.

    Python's casefold() makes "Straße" into "strasse"; PostgreSQL's lower() keeps the ß.
    """
    names = sorted(set(names))
    if not names:
        return {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, lower(name) FROM unnest(%s::text[]) AS name", [names])
        return dict(cursor.fetchall())


def _first_error(form: ImportRowForm) -> str:
    """One reason per row is enough to fix it: the column, then what is wrong with its value."""
    column, errors = next(iter(form.errors.as_data().items()))
    message = " ".join(errors[0].messages)
    if column == NON_FIELD_ERRORS:
        return message
    return _("%(column)s %(message)s") % {"column": column, "message": message}


def import_initiatives(
    text: str, *, skip_bad_rows: bool = False, dry_run: bool = False, delimiter: str | None = None
) -> ImportResult:
    """Check every row, then import the good ones in one transaction (unless any is bad)."""
    header, rows = read_rows(text, delimiter=delimiter)
    good, errors = check_rows(rows, ReferenceData.load())
    result = ImportResult(
        errors=errors, ignored_columns=[column for column in header if column not in COLUMNS]
    )
    if errors and not skip_bad_rows:
        return result
    result.skipped = len(errors)
    with transaction.atomic():
        lowered = database_lower(data["name"] for _line, data in good)
        existing = _existing(set(lowered.values()))
        for _line, data in good:
            key = (data["municipality"].pk, lowered[data["name"]])
            outcome = _save(existing.get(key), data)
            setattr(result, outcome, getattr(result, outcome) + 1)
        if dry_run:
            transaction.set_rollback(True)
    return result


def _existing(lowered_names: set[str]) -> dict[tuple[int, str], Initiative]:
    """The initiatives the file names that are already in the directory, in one query.

    Locked until the import commits: a coordinator's approval or archiving meanwhile waits,
    instead of being overwritten by the status read here. A public one wins over a waiting one.
    """
    found = (
        Initiative.objects.annotate(lower_name=Lower("name"))
        .filter(lower_name__in=lowered_names)
        .select_for_update()
    )
    ordered = sorted(found, key=lambda initiative: initiative.status == Initiative.Status.APPROVED)
    return {
        (initiative.municipality_id, initiative.lower_name): initiative for initiative in ordered
    }


def _save(initiative: Initiative | None, data: dict[str, Any]) -> str:
    """Create or update one initiative; say which of created, updated, unchanged it was."""
    if initiative is None:
        initiative = Initiative(
            name=data["name"],
            municipality=data["municipality"],
            slug=public_slug(data["name"]),
            status=Initiative.Status.APPROVED,
            approved_at=timezone.now(),
            **{name: data[name] for name in UPDATED_FIELDS},
        )
        initiative.save()
        _set_lists(initiative, data)
        audit.record(initiative, by=None, action="imported")
        return "created"
    changes = _apply(initiative, data)
    if not changes:
        return "unchanged"
    initiative.updated_at = timezone.now()
    initiative.save()
    _set_lists(initiative, data)
    audit.record(initiative, by=None, action="imported", **changes)
    return "updated"


def _apply(initiative: Initiative, data: dict[str, Any]) -> dict[str, Any]:
    """Copy the row onto the initiative; the changes as {field: [old, new]} for the audit trail."""
    changes = {}
    for name in UPDATED_FIELDS:
        old, new = getattr(initiative, name), data[name]
        if old != new:
            changes[name] = [str(old or ""), str(new or "")]
            setattr(initiative, name, new)
    if initiative.status == Initiative.Status.PENDING:
        changes["status"] = [initiative.status, Initiative.Status.APPROVED]
        initiative.status, initiative.approved_at = Initiative.Status.APPROVED, timezone.now()
    for name in ("themes", "target_groups"):
        old_names = sorted(item.name for item in getattr(initiative, name).all())
        new_names = sorted(item.name for item in data[name])
        if old_names != new_names:
            changes[name] = [", ".join(old_names), ", ".join(new_names)]
    return changes


def _set_lists(initiative: Initiative, data: dict[str, Any]) -> None:
    initiative.themes.set(data["themes"])
    initiative.target_groups.set(data["target_groups"])
