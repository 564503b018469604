from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import COORDINATOR
from omzien.demo import DEMO_PASSWORD, demo_loader

COORDINATOR_EMAIL = "coordinator@demo.omziennaarelkaar.nl"
MEMBER_EMAIL = "lid@demo.omziennaarelkaar.nl"


def demo_user(email: str, name: str, *, groups: tuple[str, ...] = (), staff: bool = False) -> User:
    """A demo person with a confirmed address; made once, left as it is on later runs."""
    user, created = User.objects.get_or_create(
        email=email, defaults={"name": name, "is_staff": staff}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        user.groups.set(Group.objects.filter(name__in=groups))
    return user


@demo_loader
def load_people() -> list[str]:
    demo_user(COORDINATOR_EMAIL, "Carla Coördinator", groups=(COORDINATOR,), staff=True)
    demo_user(MEMBER_EMAIL, "Bram Bewoner")
    return [
        f"Demo password for every demo account: {DEMO_PASSWORD}",
        f"Coordinator: {COORDINATOR_EMAIL} (asks to set up two-factor login on first login)",
        f"Initiative member: {MEMBER_EMAIL}",
    ]
