from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundConfig(AppConfig):
    name = "fund"
    verbose_name = _("Community fund")

    def ready(self) -> None:
        from fund import models, transparency
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
        # Each part of the app registers what it adds to the rest of the portal here, one line
        # per part (queues, key figures, personal data, demo data, clash warnings).
        transparency.register()  # the grants in sitemap.xml
