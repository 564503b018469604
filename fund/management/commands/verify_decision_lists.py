"""Checks every round's decision list (fund/decision_list.py): every hash recomputed from its
content, every link to the entry before it, the numbers without a gap, and the content against
the row. Prints the first broken entry of each round and exits non-zero when there is one; for
a nightly timer, beside check_fund_ledger.

    manage.py verify_decision_lists [--round <slug>]
"""

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fund.decision_list import verify
from fund.models import Decision, Round


class Command(BaseCommand):
    help = "Verify the hash chains of the rounds' decision lists."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--round", dest="round", help="Only this round (its slug).")

    def handle(self, *args: Any, **options: Any) -> None:
        rounds = Round.objects.all()
        if options["round"]:
            rounds = rounds.filter(slug=options["round"])
            if not rounds.exists():
                raise CommandError(f"There is no round {options['round']!r}.")
        breaks = verify(rounds)
        for found in breaks:
            self.stderr.write(f"Broken: {found}")
        if breaks:
            sys.exit(1)
        entries = Decision.objects.filter(round__in=rounds).count()
        self.stdout.write(
            f"{rounds.count()} round(s), {entries} decision(s): every hash and link holds."
        )
