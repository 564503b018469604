"""manage.py import_initiatives FILE [--skip-bad-rows] [--delimiter ;] [--dry-run]

See initiatives/csv_import.py for the columns; initiatives/sample_import.csv is an example.
"""

from argparse import ArgumentParser
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from initiatives.csv_import import ImportFileError, ImportResult, import_initiatives


class Command(BaseCommand):
    help = "Import initiatives from a CSV file (the network's spreadsheet); see sample_import.csv."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", type=Path, help="CSV file, UTF-8, with a header row")
        parser.add_argument(
            "--skip-bad-rows",
            action="store_true",
            help="import the good rows even when some are bad (the bad ones are reported)",
        )
        parser.add_argument(
            "--delimiter", choices=[",", ";"], help="column separator (default: detected)"
        )
        parser.add_argument("--dry-run", action="store_true", help="check and count, save nothing")

    def handle(self, *args: object, **options: object) -> None:
        path: Path = options["path"]  # type: ignore[assignment]
        try:
            text = path.read_text(encoding="utf-8-sig")
            result = import_initiatives(
                text,
                skip_bad_rows=bool(options["skip_bad_rows"]),
                dry_run=bool(options["dry_run"]),
                delimiter=options["delimiter"],  # type: ignore[arg-type]
            )
        except (OSError, UnicodeDecodeError, ImportFileError) as error:
            raise CommandError(_("%(path)s: %(error)s") % {"path": path, "error": error}) from error
        self.report(result, dry_run=bool(options["dry_run"]))
        if result.errors and not options["skip_bad_rows"]:
            raise CommandError(
                _(
                    "Nothing imported: fix the rows above, or use --skip-bad-rows to import the rest."
                )
            )

    def report(self, result: ImportResult, *, dry_run: bool) -> None:
        if result.ignored_columns:
            columns = ", ".join(result.ignored_columns)
            self.stdout.write(_("Columns not imported: %(columns)s") % {"columns": columns})
        for error in result.errors:
            self.stderr.write(str(error))
        summary = _(
            "created %(created)d, updated %(updated)d, unchanged %(unchanged)d, skipped %(skipped)d"
        ) % {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "skipped": result.skipped,
        }
        if dry_run:
            summary = _("Dry run, nothing saved: %(summary)s") % {"summary": summary}
        style = self.style.WARNING if result.errors else self.style.SUCCESS
        self.stdout.write(style(summary))
