import pytest
from django.test import Client

from accounts.models import User
from initiatives.models import Initiative, Listing, Municipality
from tests.factories import InitiativeFactory, ListingFactory


@pytest.mark.django_db
def test_a_member_adds_and_removes_what_the_initiative_needs(client: Client, member: User) -> None:
    initiative = InitiativeFactory(admin=member)
    client.force_login(member)
    url = f"/initiatives/{initiative.slug}/needs-and-offers/"
    client.post(url, {"kind": "need", "category": "volunteers", "text": "Chauffeurs op dinsdag"})
    listing = initiative.listings.get()
    assert (listing.kind, listing.category) == ("need", "volunteers")
    client.post(f"{url}{listing.pk}/delete/")
    assert not initiative.listings.exists()


@pytest.mark.django_db
def test_an_empty_listing_is_refused_with_a_message(client: Client, member: User) -> None:
    initiative = InitiativeFactory(admin=member)
    client.force_login(member)
    response = client.post(
        f"/initiatives/{initiative.slug}/needs-and-offers/", {"kind": "need", "category": "space"}
    )
    assert response.context["form"].errors["text"]


@pytest.mark.django_db
def test_the_public_list_filters_by_kind_category_and_municipality(client: Client) -> None:
    zeist = InitiativeFactory(municipality=Municipality.objects.get(name="Zeist"))
    ListingFactory(initiative=zeist, kind=Listing.Kind.NEED, category="space", text="Een zaal")
    ListingFactory(initiative=zeist, kind=Listing.Kind.OFFER, category="space", text="Stoelen")
    ListingFactory(kind=Listing.Kind.NEED, category="expertise", text="Een boekhouder")
    hidden = InitiativeFactory(status=Initiative.Status.PENDING)
    ListingFactory(initiative=hidden, kind=Listing.Kind.NEED, text="Geheim")

    def texts(query: str) -> list[str]:
        page = client.get(f"/initiatives/needs-and-offers/?{query}").context["page"]
        return sorted(listing.text for listing in page)

    assert texts("") == ["Een boekhouder", "Een zaal", "Stoelen"]
    assert texts("kind=need") == ["Een boekhouder", "Een zaal"]
    assert texts("kind=need&category=space&municipality=zeist") == ["Een zaal"]


@pytest.mark.django_db
def test_bad_filter_values_on_the_public_list_give_no_error_page(client: Client) -> None:
    response = client.get("/initiatives/needs-and-offers/?kind=evil&municipality=atlantis&page=x")
    assert response.status_code == 200
    assert response.context["filter"].errors
