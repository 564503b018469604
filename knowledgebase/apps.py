from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgebaseConfig(AppConfig):
    name = "knowledgebase"
    verbose_name = _("Knowledge base")

    def ready(self) -> None:
        from knowledgebase import attachments, revisions
        from knowledgebase.models import Adoption, Answer, Attachment, Item
        from omzien import content_version

        revisions.register()
        attachments.register()

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
