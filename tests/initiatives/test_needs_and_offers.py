import threading
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from initiatives.match_summaries import send_match_summaries, send_match_summary
from initiatives.models import Initiative, Listing, Municipality, SentMatch
from tests.factories import InitiativeFactory, ListingFactory, UserFactory

LISTINGS_URL = "/initiatives/needs-and-offers/"


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


def need(text: str, category: str = "materials", **fields: object) -> Listing:
    return ListingFactory(kind=Listing.Kind.NEED, category=category, text=text, **fields)


def offer(text: str, category: str = "materials", **fields: object) -> Listing:
    return ListingFactory(kind=Listing.Kind.OFFER, category=category, text=text, **fields)


def suggested(client: Client, asked: Listing) -> list[str]:
    """The offers shown under a need on the public overview, best first."""
    page = client.get(LISTINGS_URL, {"kind": "need"})
    return [suggestion.text for suggestion in page.context["suggestions"][asked.pk]]


@pytest.mark.django_db
@pytest.mark.usefixtures("no_page_cache")
def test_a_need_gets_the_offers_that_share_its_words_most_first(client: Client) -> None:
    laptops = need("Tweedehands laptops voor het digicafé.")
    offer("Een aanhanger en gereedschap om te lenen.")
    offer("Laptops en tablets te leen voor een computercursus.")
    offer("Drie tweedehands laptops, als nieuw, voor een digicafé of taalles.")
    offer("Tweedehands laptops repareren we graag.", category="expertise")
    assert suggested(client, laptops) == [
        "Drie tweedehands laptops, als nieuw, voor een digicafé of taalles.",
        "Laptops en tablets te leen voor een computercursus.",
    ]


@pytest.mark.django_db
@pytest.mark.usefixtures("no_page_cache")
def test_an_offer_sharing_only_a_common_word_is_no_suggestion(client: Client) -> None:
    coffee = need("Vrijwilligers die één ochtend per week koffie willen schenken.", "volunteers")
    offer("Onze klussenploeg helpt één dagdeel per maand bij een ander initiatief.", "volunteers")
    page = client.get(LISTINGS_URL, {"kind": "need"})
    assert not page.context["suggestions"][coffee.pk]
    assert "Nog geen initiatief biedt zoiets aan." in page.content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("no_page_cache")
def test_a_word_matches_the_start_of_a_longer_word(client: Client) -> None:
    garden = need("Gereedschap voor de tuin.")
    offer("Tuingereedschap om te lenen: schoppen, harken en een kruiwagen.")
    assert suggested(client, garden) == [
        "Tuingereedschap om te lenen: schoppen, harken en een kruiwagen."
    ]


@pytest.mark.django_db
@pytest.mark.usefixtures("no_page_cache")
def test_a_short_word_matches_too(client: Client) -> None:
    bus = need("Een bus voor uitjes.")
    offer("Onze bus met negen stoelen is te leen.")
    assert suggested(client, bus) == ["Onze bus met negen stoelen is te leen."]


@pytest.mark.django_db
@pytest.mark.usefixtures("no_page_cache")
def test_equally_relevant_offers_come_from_the_same_municipality_first_then_the_nearest(
    client: Client,
) -> None:
    place = Municipality.objects.get
    asking = InitiativeFactory(municipality=place(name="Woerden"))
    laptops = need("Tweedehands laptops.", initiative=asking)
    for name in ("Rhenen", "Oudewater", "Woerden"):
        offering = InitiativeFactory(municipality=place(name=name))
        offer(f"Tweedehands laptops uit {name}.", initiative=offering)
    assert suggested(client, laptops) == [
        "Tweedehands laptops uit Woerden.",
        "Tweedehands laptops uit Oudewater.",
        "Tweedehands laptops uit Rhenen.",
    ]


def _queries_for(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.usefixtures("no_page_cache")
def test_the_needs_and_offers_page_needs_the_same_queries_for_few_and_many(
    client: Client,
) -> None:
    for number in range(3):
        need(f"Tweedehands laptops nummer {number}.")
        offer(f"Tweedehands laptops te geef, partij {number}.")
    few = _queries_for(client, LISTINGS_URL)
    for number in range(60):
        need(f"Tweedehands laptops nummer {number}.", category="space")
        offer(f"Tweedehands laptops te geef, partij {number}.", category="space")
    # 1 count for the paginator, 1 page of listings with their initiatives and municipalities,
    # 1 suggestions for every need on the page; the filter form's municipalities, 1.
    assert _queries_for(client, LISTINGS_URL) == few == 4


@pytest.mark.django_db
def test_an_admin_changes_a_listing_and_its_suggestions_follow(
    client: Client, member: User
) -> None:
    initiative = InitiativeFactory(admin=member)
    listing = need("Een beamer.", initiative=initiative)
    offer("Tweedehands laptops te leen.")
    client.force_login(member)
    url = f"/initiatives/{initiative.slug}/needs-and-offers/{listing.pk}/edit/"
    assert client.get(url).context["form"].initial["text"] == "Een beamer."
    response = client.post(
        url, {"kind": "need", "category": "materials", "text": "Tweedehands laptops."}
    )
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.text == "Tweedehands laptops."
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Tweedehands laptops te leen." in page


@pytest.mark.django_db
def test_a_change_without_text_keeps_what_was_typed_and_says_why(
    client: Client, member: User
) -> None:
    initiative = InitiativeFactory(admin=member)
    listing = need("Een beamer.", initiative=initiative)
    client.force_login(member)
    url = f"/initiatives/{initiative.slug}/needs-and-offers/{listing.pk}/edit/"
    response = client.post(url, {"kind": "offer", "category": "space", "text": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["text"]
    assert response.context["form"]["category"].value() == "space"
    listing.refresh_from_db()
    assert listing.text == "Een beamer."


@pytest.mark.django_db
def test_a_listing_is_changed_only_through_its_own_initiative(client: Client, member: User) -> None:
    mine = InitiativeFactory(admin=member)
    theirs = need("Hun beamer.")
    client.force_login(member)
    url = f"/initiatives/{mine.slug}/needs-and-offers/{theirs.pk}/edit/"
    response = client.post(url, {"kind": "need", "category": "materials", "text": "Van mij"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.text == "Hun beamer."


@pytest.fixture
def asking(member: User) -> Initiative:
    """An initiative that needs laptops, with `member` as its admin."""
    initiative = InitiativeFactory(name="Digicafé Zuilen", admin=member)
    need("Tweedehands laptops voor het digicafé.", initiative=initiative)
    return initiative


def summaries(committed: Callable, when: timezone.datetime) -> list[mail.EmailMessage]:
    """Run the daily command as it would run at `when`; the e-mails it sent."""
    sent_before = len(mail.outbox)
    with committed():
        send_match_summaries(now=when)
    return mail.outbox[sent_before:]


@pytest.mark.django_db
def test_admins_get_a_summary_of_offers_that_fit_their_needs(
    member: User, asking: Initiative, committed: Callable
) -> None:
    other_admin = UserFactory()
    asking.memberships.create(user=other_admin, role="admin")
    offer(
        "Drie tweedehands laptops voor een digicafé.", initiative=InitiativeFactory(name="Repair")
    )
    offer("Een aanhanger en gereedschap om te lenen.")
    sent = summaries(committed, timezone.now())
    assert sorted(message.to[0] for message in sent) == sorted([member.email, other_admin.email])
    message = sent[0]
    assert "Digicafé Zuilen" in message.subject
    assert "Tweedehands laptops voor het digicafé." in message.body
    assert "Repair" in message.body
    assert "Drie tweedehands laptops voor een digicafé." in message.body
    assert "aanhanger" not in message.body


@pytest.mark.django_db
def test_the_daily_run_sends_at_most_one_summary_a_week_and_never_the_same_offer_twice(
    member: User, asking: Initiative, committed: Callable
) -> None:
    now = timezone.now()
    offer("Laptops te leen.")
    assert len(summaries(committed, now)) == 1
    offer("Tweedehands laptops te geef.")
    assert summaries(committed, now + timedelta(days=1)) == []
    assert summaries(committed, now + timedelta(days=6)) == []
    [week_later] = summaries(committed, now + timedelta(days=7, minutes=1))
    assert "Tweedehands laptops te geef." in week_later.body
    assert "Laptops te leen." not in week_later.body
    assert summaries(committed, now + timedelta(days=15)) == []  # nothing new: no e-mail


@pytest.mark.django_db
def test_no_summary_without_a_match_or_without_an_admin(
    committed: Callable, asking: Initiative
) -> None:
    offer("Een aanhanger en gereedschap om te lenen.")
    no_team = InitiativeFactory()
    need("Tweedehands laptops.", initiative=no_team)
    assert summaries(committed, timezone.now()) == []
    offer("Tweedehands laptops te leen.")
    with committed():
        call_command("send_match_summaries")
    # The admin of `asking` is told; the initiative without a team is not, and keeps its match.
    assert len(mail.outbox) == 1
    assert not SentMatch.objects.filter(need__initiative=no_team).exists()


@pytest.mark.django_db
def test_a_summary_needs_the_same_queries_for_few_and_many_needs_and_offers(
    member: User, committed: Callable
) -> None:
    def queries_for_one_summary(needs: int) -> int:
        initiative = InitiativeFactory(admin=member)
        for number in range(needs):
            need(f"Tweedehands laptops, nummer {number}.", initiative=initiative)
            offer(f"Tweedehands laptops te leen, partij {number}.")
        with CaptureQueriesContext(connection) as queries, committed():
            assert send_match_summary(initiative.pk, now=timezone.now())
        return len(queries)

    # Lock the initiative; its last summary, admins, needs, their offers and what it was told
    # before; record what it is told now, and when; 2 for the transaction (a savepoint here).
    assert queries_for_one_summary(1) == queries_for_one_summary(15) == 10


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_two_runs_at_once_send_one_summary() -> None:
    admin = UserFactory()
    asking = InitiativeFactory(admin=admin)
    need("Tweedehands laptops voor het digicafé.", initiative=asking)
    offer(
        "Tweedehands laptops te leen.",
        initiative=InitiativeFactory(latitude=Decimal("52.1"), longitude=Decimal("5.1")),
    )
    now = timezone.now()
    start = threading.Barrier(2)
    counts: list[int] = []

    def run() -> None:
        start.wait()
        try:
            counts.append(send_match_summaries(now=now))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(counts) == [0, 1]
    assert len(mail.outbox) == 1
    assert SentMatch.objects.count() == 1


@pytest.mark.django_db
def test_removing_a_listing_asks_first_without_a_script(client: Client, member: User) -> None:
    initiative = InitiativeFactory(admin=member)
    listing = ListingFactory(initiative=initiative, text="Chauffeurs op dinsdag")
    client.force_login(member)
    page = client.get(f"/initiatives/{initiative.slug}/needs-and-offers/").content.decode()
    delete_form = f'action="/initiatives/{initiative.slug}/needs-and-offers/{listing.pk}/delete/"'
    fold = page[page.index('<details class="omzien-confirm-fold">') : page.index("</details>")]
    assert delete_form in fold
    assert "Weet je zeker dat je dit wilt verwijderen?" in fold
    assert "Ja, verwijderen" in fold
    assert page.count(delete_form) == 1
