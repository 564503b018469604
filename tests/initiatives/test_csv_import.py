"""Importing the network's spreadsheet: `manage.py import_initiatives FILE`."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from initiatives.models import AuditEntry, Initiative
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[2] / "initiatives" / "sample_import.csv"
HEADER = "name,municipality,place,pitch,themes,target_groups,founded_year,legal_form,website\n"
GOOD = (
    "Buurtkracht Lunetten,Utrecht,Lunetten,Buren helpen elkaar.,Welzijn|Zorg,Ouderen,2017,"
    "stichting,www.buurtkracht.example\n"
    "Samen Sterk Doorn,GM1581,Doorn,Bewoners maken het dorp mooier.,Leefbaarheid,,2019,"
    "vereniging,\n"
)


def run(tmp_path: Path, text: str, *args: str, encoding: str = "utf-8") -> tuple[str, str]:
    path = tmp_path / "initiatieven.csv"
    path.write_text(text, encoding=encoding)
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        call_command("import_initiatives", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(tmp_path: Path, text: str, *args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    path = tmp_path / "initiatieven.csv"
    path.write_text(text, encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError) as failure:
        call_command("import_initiatives", str(path), *args, stdout=out, stderr=err)
    return err.getvalue(), str(failure.value)


def test_a_good_file_imports_approved_initiatives_with_their_themes(tmp_path: Path) -> None:
    out, _ = run(tmp_path, HEADER + GOOD)

    assert "created 2, updated 0, unchanged 0, skipped 0" in out
    lunetten = Initiative.objects.get(name="Buurtkracht Lunetten")
    assert lunetten.is_public
    assert lunetten.slug == "buurtkracht-lunetten"
    assert lunetten.municipality.name == "Utrecht"
    assert sorted(lunetten.themes.values_list("name", flat=True)) == ["Welzijn", "Zorg"]
    assert list(lunetten.target_groups.values_list("name", flat=True)) == ["Ouderen"]
    assert lunetten.legal_form == Initiative.LegalForm.FOUNDATION
    assert lunetten.website == "https://www.buurtkracht.example"
    doorn = Initiative.objects.get(name="Samen Sterk Doorn")
    assert doorn.municipality.name == "Utrechtse Heuvelrug"
    assert AuditEntry.objects.filter(action="imported", user=None).count() == 2


def test_importing_again_updates_instead_of_duplicating(tmp_path: Path) -> None:
    run(tmp_path, HEADER + GOOD)
    changed = GOOD.replace("Buurtkracht Lunetten,Utrecht", "BUURTKRACHT LUNETTEN,utrecht").replace(
        "2017", "2015"
    )

    out, _ = run(tmp_path, HEADER + changed)

    assert "created 0, updated 1, unchanged 1, skipped 0" in out
    assert Initiative.objects.count() == 2
    assert Initiative.objects.get(slug="buurtkracht-lunetten").founded_year == 2015
    entry = AuditEntry.objects.filter(action="imported").first()
    assert entry is not None
    assert entry.changes["founded_year"] == ["2017", "2015"]


def test_an_existing_pending_initiative_is_approved_by_the_import(tmp_path: Path) -> None:
    pending = InitiativeFactory(name="Buurtkracht Lunetten", status=Initiative.Status.PENDING)

    run(tmp_path, HEADER + GOOD)

    pending.refresh_from_db()
    assert pending.is_public
    assert Initiative.objects.filter(name__iexact="buurtkracht lunetten").count() == 1


def test_a_bad_row_is_reported_with_its_line_and_reason_and_nothing_is_imported(
    tmp_path: Path,
) -> None:
    bad = (
        "Eettafel Utreg,Utreg,,Samen eten.,,,,,\n"
        "Taalcafé Zeist,Zeist,,Nederlands oefenen.,,,twintig,,\n"
        "Kledingbank Soest,Soest,,Kleding voor wie het krap heeft.,Sport,,,,\n"
    )

    err, failure = run_failing(tmp_path, HEADER + GOOD + bad)

    assert "line 4: municipality 'Utreg' is not one of the 26 municipalities" in err
    assert "line 5: founded_year 'twintig' is not a year" in err
    assert "line 6: themes 'Sport' is not one of: Armoede, Eenzaamheid" in err
    assert "Nothing imported" in failure
    assert not Initiative.objects.exists()


def test_line_numbers_count_the_lines_of_a_description_over_several_lines(
    tmp_path: Path,
) -> None:
    header = "name,municipality,pitch,description\n"
    rows = 'Een,Utrecht,Iets.,"Eerste alinea.\n\nTweede alinea."\nTwee,Utreg,Iets.,\n'

    err, _ = run_failing(tmp_path, header + rows)

    assert "line 5: municipality 'Utreg'" in err


def test_with_skip_bad_rows_the_good_rows_are_imported(tmp_path: Path) -> None:
    bad = "Eettafel Utreg,Utreg,,Samen eten.,,,,,\n"

    out, err = run(tmp_path, HEADER + bad + GOOD, "--skip-bad-rows")

    assert "line 2: municipality 'Utreg'" in err
    assert "created 2, updated 0, unchanged 0, skipped 1" in out
    assert Initiative.objects.count() == 2


def test_a_semicolon_file_with_a_bom_from_dutch_excel_imports(tmp_path: Path) -> None:
    out, _ = run(tmp_path, SAMPLE.read_text(encoding="utf-8"), encoding="utf-8-sig")

    assert "created 4" in out
    lunetten = Initiative.objects.get(name="Buurtkracht Lunetten")
    assert str(lunetten.latitude) == "52.07050"
    assert Initiative.objects.get(name="Repair Café Houten").municipality.name == "Houten"
    energy = Initiative.objects.get(name="Energiecoöperatie Vleuten")
    assert energy.legal_form == Initiative.LegalForm.COOPERATIVE


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (",Utrecht,,Iets.,,,,,", "line 2: name is empty"),
        ("Iets,Utrecht,,,,,,,", "line 2: pitch is empty"),
        ("Iets,Utrecht,,Mail jan@example.nl,,,,,", "pitch contains an e-mail address"),
        ("Iets,Utrecht,,Iets.,,,,clubhuis,", "legal_form 'clubhuis' is not one of"),
        ("Iets,Utrecht,,Iets.,,,,,mailto:jan", "website 'https://mailto:jan' is not a web address"),
        ("Iets,Utrecht,,Iets.,,Katten,,,", "target_groups 'Katten' is not one of"),
        ("Iets,Utrecht,,Iets.,,,2999,,", "founded_year '2999' is not a year"),
        (
            "Iets,Utrecht,,Iets.,,,,,\nIETS,Utrecht,,Nog eens.,,,,,",
            "line 3: the same initiative as line 2",
        ),
    ],
)
def test_each_kind_of_bad_row_gets_a_clear_reason(tmp_path: Path, row: str, reason: str) -> None:
    err, _ = run_failing(tmp_path, HEADER + row + "\n")

    assert reason in err


def test_a_point_needs_both_coordinates_within_the_netherlands(tmp_path: Path) -> None:
    header = "name,municipality,pitch,latitude,longitude\n"
    rows = "Een,Utrecht,Iets.,52.1,\nTwee,Utrecht,Iets.,5.1,52.1\n"

    err, _ = run_failing(tmp_path, header + rows)

    assert "line 2: give both latitude and longitude, or neither" in err
    assert "line 3: latitude '5.1' is not a point in the Netherlands" in err


def test_columns_the_portal_does_not_keep_are_ignored_and_named(tmp_path: Path) -> None:
    text = "name,municipality,pitch,email,telefoon\nEen,Utrecht,Iets.,jan@example.nl,0612345678\n"

    out, _ = run(tmp_path, text)

    assert "Columns not imported: email, telefoon" in out
    assert "jan@example.nl" not in str(list(Initiative.objects.values()))


def test_a_file_without_the_required_columns_is_refused(tmp_path: Path) -> None:
    _, failure = run_failing(tmp_path, "naam,gemeente\nEen,Utrecht\n")

    assert "the header has no column municipality, name, pitch" in failure


def test_a_dry_run_saves_nothing(tmp_path: Path) -> None:
    out, _ = run(tmp_path, HEADER + GOOD, "--dry-run")

    assert "Dry run, nothing saved: created 2" in out
    assert not Initiative.objects.exists()


def test_importing_a_name_with_a_sharp_s_again_updates_it(tmp_path: Path) -> None:
    """Python's casefold() makes "Straße" into "strasse"; the database's lower() keeps the ß."""
    row = "Straße Samen,Utrecht,,Buren maken de straat groener.,,,2020,stichting,\n"
    run(tmp_path, HEADER + row)
    out, _err = run(tmp_path, HEADER + row.replace("groener", "mooier"))
    initiative = Initiative.objects.get()
    assert initiative.pitch == "Buren maken de straat mooier."
    assert "updated 1" in out


def test_two_spellings_the_database_counts_as_one_name_are_one_initiative(
    tmp_path: Path,
) -> None:
    rows = (
        "STRASSE SAMEN,Utrecht,,Een.,,,2020,stichting,\n"
        "Straße Samen,Utrecht,,Twee.,,,2020,stichting,\n"
        "strasse samen,Utrecht,,Drie.,,,2020,stichting,\n"
    )
    run_failing(tmp_path, HEADER + rows)
    assert not Initiative.objects.exists()
