from django.db import transaction

from accounts.models import User
from accounts.personal_data import Answers, sections


def delete_account(user: User, *, answers: Answers | None = None) -> None:
    """Erase a person: every app first removes or anonymises what it holds, then the account goes.

    Sessions end everywhere; memberships and the like are removed by their apps; records that
    others rely on (an audit line, a payout) are kept by those apps without the person's name.
    `answers` holds what the person chose on the deletion page (who takes over an initiative).
    """
    with transaction.atomic():
        for section in sections():
            if section.erase is not None:
                section.erase(user, answers or {})
        user.delete()
