import factory
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group

from accounts.models import User

PASSWORD = "een lange wandeling door het Kromme Rijngebied"


class UserFactory(factory.django.DjangoModelFactory):
    """A person who signed up and confirmed their e-mail address."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.nl")
    name = factory.Faker("name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
        self.save()

    @factory.post_generation
    def groups(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        for name in extracted or []:
            self.groups.add(Group.objects.get(name=name))


def enable_totp(user: User) -> str:
    """Give the person a TOTP authenticator and recovery codes, as the set-up page does."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def role_user(group: str, **kwargs: object) -> User:
    """Someone holding a role of trust: in the group, and with two-factor login set up."""
    user = UserFactory(groups=[group], **kwargs)
    enable_totp(user)
    return user
