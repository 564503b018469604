"""Fund factories. Money always moves through the fund's own functions (fund/ledger.py,
fund/allocation.py), so every factory leaves a ledger that `derived_mismatches()` finds right."""

from datetime import timedelta

import factory
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from fund.allocation import add_to_budget, award
from fund.ledger import record_contribution
from fund.models import (
    Application,
    BudgetLine,
    Contribution,
    Criterion,
    Funder,
    Grant,
    Round,
)
from tests.factories import InitiativeFactory


class FunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funder

    name = factory.Sequence(lambda n: f"Stichting Buurtgeld {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Funder.Kind.FOUNDATION
    description = "Een fonds dat buurten sterker maakt."


class ContributionFactory(factory.django.DjangoModelFactory):
    """A contribution with its ledger entry: `ContributionFactory(amount_cents=500_000)`."""

    class Meta:
        model = Contribution
        skip_postgeneration_save = True

    funder = factory.SubFactory(FunderFactory)
    amount_cents = 10_000_00
    received_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    reference = factory.Sequence(lambda n: f"BIJ-{n:04d}")

    @factory.post_generation
    def ledger(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            record_contribution(self, by=None)
            self.refresh_from_db(fields=["unallocated_cents"])


class RoundFactory(factory.django.DjangoModelFactory):
    """An open round with two criteria. `budget_cents=N` takes N from the fund (from the general
    money, or from `contributions=[...]`), adding a contribution first when it holds too little."""

    class Meta:
        model = Round
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Ronde {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    description = "Geld voor wat buren samen doen."
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=20))
    max_per_application_cents = 5_000_00
    min_reviews = 2

    @factory.post_generation
    def criteria(
        self, create: bool, extracted: list[tuple[str, int]] | None, **kwargs: object
    ) -> None:
        if create:
            for position, (name, weight) in enumerate(
                extracted or [("Past bij de buurt", 2), ("Haalbaar plan", 1)]
            ):
                Criterion.objects.create(round=self, name=name, weight=weight, position=position)

    @factory.post_generation
    def budget_cents(self, create: bool, extracted: int | None, **kwargs: object) -> None:
        contributions = kwargs.get("contributions")
        if create and extracted:
            if contributions is None:
                ContributionFactory(amount_cents=extracted)
            add_to_budget(self, extracted, by=None, contributions=contributions)  # type: ignore[arg-type]
            self.refresh_from_db(fields=["budget_cents", "awarded_cents"])


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft of an approved initiative (with `admin=` its admin) with two budget lines."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory, budget_cents=20_000_00)
    initiative = factory.SubFactory(InitiativeFactory)
    title = factory.Sequence(lambda n: f"Buurtmaaltijd {n}")
    summary = "Elke maand koken buren samen voor wie alleen is."
    plan = "We huren de keuken van het buurthuis en koken met vrijwilligers."
    why = "Veel ouderen in de wijk eten alleen."
    for_whom = "Ouderen en alleenstaanden in de wijk."
    amount_cents = 1_000_00

    @factory.post_generation
    def lines(
        self, create: bool, extracted: list[tuple[str, int]] | None, **kwargs: object
    ) -> None:
        if create:
            for position, (description, cents) in enumerate(
                extracted
                or [
                    ("Boodschappen", self.amount_cents // 2),
                    ("Huur keuken", self.amount_cents - self.amount_cents // 2),
                ]
            ):
                BudgetLine.objects.create(
                    application=self, description=description, amount_cents=cents, position=position
                )


def submitted_application(**kwargs: object) -> Application:
    """An application as it is after submission (without the rules the submit action checks:
    tests of submitting go through fund/applications.py)."""
    return ApplicationFactory(
        status=Application.Status.SUBMITTED, submitted_at=timezone.now(), revision=1, **kwargs
    )


def awarded_grant(cents: int | None = None, by: User | None = None, **kwargs: object) -> Grant:
    """A submitted application, awarded `cents` (default: what it asked) straight from its round's
    money (without the decision list: tests of deciding go through fund/decisions.py)."""
    application = submitted_application(**kwargs)
    with transaction.atomic():
        grant = award(application, cents or application.amount_cents, by=by)
        Application.objects.filter(pk=application.pk).update(status=Application.Status.AWARDED)
    application.refresh_from_db()
    grant.refresh_from_db()
    return grant
