from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from omzien.key_figures import KeyFigure, register_key_figure


def _upcoming() -> int:
    return Meeting.objects.upcoming().count()


def register() -> None:
    register_key_figure(KeyFigure(_("upcoming meetings"), _upcoming, "meetings:agenda"))
