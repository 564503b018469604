from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundConfig(AppConfig):
    name = "fund"
    verbose_name = _("Community fund")

    def ready(self) -> None:
        from fund import models
        from omzien import content_version

        # The tables the fund's public pages show; they have the trigger (migration 0003).
        content_version.watch(
            models.Funder,
            models.Contribution,
            models.Round,
            models.Criterion,
            models.RoundFunding,
            models.Application,
            models.Decision,
            models.Recusal,
            models.Grant,
            models.GrantFunding,
            models.Payout,
            models.Report,
            models.LedgerEntry,
        )
        self._register_with_the_portal()

    def _register_with_the_portal(self) -> None:
        """What the fund adds to the rest of the portal: the work queues of the committee and
        the treasurers, home and account, the sitemap, the meetings' clash warnings."""
        from fund import (
            accountability,
            applications,
            committee,
            meeting_clashes,
            money_sitemaps,
            payouts,
            portal,
            transparency,
        )

        money_sitemaps.register()
        meeting_clashes.register()
        applications.register()
        committee.register()
        payouts.register()
        accountability.register()
        portal.register()
        transparency.register()
