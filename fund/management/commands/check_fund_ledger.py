"""Checks the fund's ledger (for the nightly timer): every figure kept on a row equals the sum of
the ledger's entries, and each contribution's entries add up to it (fund/ledger_check.py).

Prints each mismatch and exits with status 1 when there is one; prints one line otherwise.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fund.ledger_check import check


class Command(BaseCommand):
    help = "Check that every figure of the community fund matches its ledger."

    def handle(self, *args: Any, **options: Any) -> None:
        mismatches, entries = check()
        if mismatches:
            for mismatch in mismatches:
                self.stdout.write(f"MISMATCH {mismatch}")
            raise CommandError(
                f"fund ledger: {len(mismatches)} figure(s) do not match the ledger", returncode=1
            )
        self.stdout.write(f"fund ledger OK: every figure matches its {entries} entries")
