from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, Municipality
from omzien.key_figures import KeyFigure, register_key_figure


def _initiatives() -> int:
    return Initiative.objects.approved().count()


def _municipalities() -> int:
    return (
        Municipality.objects.filter(initiatives__status=Initiative.Status.APPROVED)
        .distinct()
        .count()
    )


def register() -> None:
    register_key_figure(KeyFigure(_("initiatives"), _initiatives, "initiatives:directory"))
    register_key_figure(
        KeyFigure(
            _("municipalities with an initiative"), _municipalities, "initiatives:white-spots"
        )
    )
