from django.db import transaction

from accounts.models import User
from accounts.personal_data import sections


def delete_account(user: User) -> None:
    """Erase a person: every app first removes or anonymises what it holds, then the account goes.

    Sessions end everywhere; memberships and the like are removed by their apps; records that
    others rely on (an audit line, a payout) are kept by those apps without the person's name.
    """
    with transaction.atomic():
        for section in sections():
            if section.erase is not None:
                section.erase(user)
        user.delete()
