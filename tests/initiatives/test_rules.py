"""One predicate per rule: a page offers an action exactly where the view allows it."""

import pytest
from django.test import Client

from accounts.models import User
from initiatives.approval import archive_initiative
from initiatives.errors import InitiativeRuleError
from initiatives.models import Initiative
from tests.factories import InitiativeFactory
from tests.personas import PERSONAS
from tests.world import build_world

ACTIONS = ["archive", "join", "contact"]


@pytest.mark.django_db
def test_a_pending_initiative_cannot_be_archived(
    client: Client, member: User, coordinator: User
) -> None:
    initiative = InitiativeFactory(status=Initiative.Status.PENDING, admin=member)
    for person in (member, coordinator):
        client.force_login(person)
        assert client.post(f"/initiatives/{initiative.slug}/archive/").status_code == 403
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.PENDING


@pytest.mark.django_db
def test_archiving_checks_the_status_again_under_its_lock(member: User) -> None:
    """The page was opened while the initiative was approved; a coordinator set it back since."""
    initiative = InitiativeFactory(admin=member)
    Initiative.objects.filter(pk=initiative.pk).update(status=Initiative.Status.REJECTED)
    with pytest.raises(InitiativeRuleError):
        archive_initiative(initiative, by=member)
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.REJECTED


def _offered(client: Client, page: str, url: str) -> bool:
    response = client.get(page)
    return response.status_code == 200 and f'href="{url}"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("status", ["approved", "pending", "archived"])
def test_the_initiative_page_offers_what_the_views_allow(persona: str, status: str) -> None:
    world = build_world()
    # X and P of the world, and X archived: `member` is the admin of each.
    slug = "p" if status == "pending" else "x"
    if status == "archived":
        Initiative.objects.filter(slug=slug).update(status=Initiative.Status.ARCHIVED)
    client = Client()
    if persona != "visitor":
        client.force_login(world.people[persona])
    for action in ACTIONS:
        url = f"/initiatives/{slug}/{action}/"
        allowed = client.get(url).status_code == 200
        assert _offered(client, f"/initiatives/{slug}/", url) == allowed, (
            f"{persona} on a {status} initiative: {action} allowed={allowed}"
        )


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "visitor"])
def test_my_account_offers_registering_where_the_view_allows_it(persona: str) -> None:
    world = build_world()
    client = Client()
    client.force_login(world.people[persona])
    url = "/initiatives/register/"
    allowed = client.get(url).status_code == 200
    assert _offered(client, "/my-account/", url) == allowed
