"""The project's own housekeeping, run with the suite: migrations, lint, types, translations."""

import os
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]
DUTCH = ROOT / "locale" / "nl" / "LC_MESSAGES"


@pytest.mark.django_db
def test_the_models_and_migrations_agree() -> None:
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_the_code_is_ruff_clean() -> None:
    for command in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *command], cwd=ROOT, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr


# The packages mypy checks, at the level pyproject.toml sets (annotated functions throughout).
TYPED_PACKAGES = ["accounts", "initiatives", "knowledgebase", "meetings", "omzien"]


def test_the_code_type_checks() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", *TYPED_PACKAGES], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


# What makemessages must not walk: tools, data, third-party files and the tests.
NOT_SOURCES = shutil.ignore_patterns(
    ".*",
    "__pycache__",
    "node_modules",
    "var",
    "staticfiles",
    "test-artifacts",
    "vendor",
    "tests",
    "bench",
    "*.png",
)


def test_the_templates_are_tidy() -> None:
    folders = [str(path) for path in ROOT.glob("*/templates")] + [str(ROOT / "templates")]
    for mode in ("--check", "--lint"):
        result = subprocess.run(
            [sys.executable, "-m", "djlint", mode, *sorted(set(folders))],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout[-3000:]


def _extract_messages(tmp_path: Path) -> polib.POFile:
    """Run makemessages on a copy of the sources, so the committed catalogue stays untouched."""
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=NOT_SOURCES)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "nl", "--no-obsolete", "--no-location"],
        cwd=copy,
        # makemessages needs no database; this keeps the copy from starting one of its own.
        env=os.environ | {"DATABASE_URL": "postgres://unused@localhost/unused"},
        check=True,
        capture_output=True,
    )
    return polib.pofile(str(copy / "locale" / "nl" / "LC_MESSAGES" / "django.po"))


def test_every_string_has_a_dutch_translation(tmp_path: Path) -> None:
    catalogue = _extract_messages(tmp_path)
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert missing == [], f"Strings without a Dutch translation: {missing}"
    assert fuzzy == [], f"Dutch translations marked fuzzy (unchecked): {fuzzy}"


def _translations(catalogue: polib._BaseFile) -> dict[tuple[str, str], tuple[str, ...]]:
    return {
        (entry.msgid, entry.msgid_plural): (
            tuple(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural))
            if entry.msgid_plural
            else (entry.msgstr,)
        )
        for entry in catalogue
        if entry.msgid and (entry.msgstr or any(entry.msgstr_plural.values()))
    }


def test_the_compiled_catalogue_matches_the_dutch_translations() -> None:
    written = _translations(polib.pofile(str(DUTCH / "django.po")))
    compiled = _translations(polib.mofile(str(DUTCH / "django.mo")))
    assert compiled == written, "Run `make messages` to compile locale/nl."
