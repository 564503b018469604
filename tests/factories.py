import factory
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.utils.text import slugify

from accounts.models import User
from initiatives.models import Initiative, Listing, Membership, Municipality, Theme

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
            # A transactional test before this one may have emptied the migration's groups.
            self.groups.add(Group.objects.get_or_create(name=name)[0])


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


class InitiativeFactory(factory.django.DjangoModelFactory):
    """An approved initiative in Utrecht unless told otherwise."""

    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Buurtinitiatief {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    pitch = "Bewoners helpen elkaar met boodschappen, klussen en een kop koffie."
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(name="Utrecht"))
    status = Initiative.Status.APPROVED
    founded_year = 2016

    @factory.post_generation
    def themes(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create and extracted:
            self.themes.set(Theme.objects.filter(name__in=extracted))

    @factory.post_generation
    def admin(self, create: bool, extracted: User | None, **kwargs: object) -> None:
        if create and extracted:
            Membership.objects.create(initiative=self, user=extracted, role=Membership.Role.ADMIN)


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Listing

    initiative = factory.SubFactory(InitiativeFactory)
    kind = Listing.Kind.OFFER
    category = Listing.Category.SPACE
    text = "Een zaal voor twintig mensen op doordeweekse avonden."
