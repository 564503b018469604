from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgebaseConfig(AppConfig):
    name = "knowledgebase"
    verbose_name = _("Knowledge base")

    def ready(self) -> None:
        from knowledgebase import attachments, missed_searches, moderation, revisions, sitemaps
        from knowledgebase.models import Adoption, Answer, Attachment, Item
        from omzien import content_version

        revisions.register()
        sitemaps.register()
        # The coordinators' queues: contributions to review, knowledge the network lacks.
        moderation.register_work_queue_for_review()
        missed_searches.register_queue()
        attachments.register()
        self._register_portal()

        # Their tables have the trigger (migration 0002_content_version_triggers).
        content_version.watch(
            Item,
            Item.themes.through,
            Item.municipalities.through,
            Item.initiatives.through,
            Item.research_questions.through,
            Answer,
            Attachment,
            Adoption,
        )

    def _register_portal(self) -> None:
        """The rest of the portal: home, an initiative's page, a person's data."""
        from knowledgebase import personal_data, portal

        portal.register()
        personal_data.register()
