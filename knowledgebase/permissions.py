"""One predicate per rule about the knowledge base, used by views and templates alike.

A draft, an item waiting for review, one sent back for changes and a rejected one are seen only
by the members of the initiative that contributes it and by coordinators; for everyone else it
does not exist (a 404).
"""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from accounts.models import User
from initiatives.models import Initiative
from initiatives.permissions import KEPT_MEMBERSHIPS, is_coordinator, is_member, memberships_of
from knowledgebase.models import Answer, Item
from omzien import content_version
from omzien.shared_cache import get_or_compute

Person = User | AnonymousUser

# Kept on the user object for the rest of the request (like initiatives' memberships).
KEPT_PUBLIC_INITIATIVES = "_public_initiatives"

# Kinds a member contributes on behalf of an initiative. A meeting report comes from a held
# meeting (meetings/knowledge.py); a question to the network is asked by a person.
CONTRIBUTED_KINDS = (
    Item.Kind.PRACTICE,
    Item.Kind.DOCUMENT,
    Item.Kind.RESEARCH_QUESTION,
)


def can_moderate(user: Person) -> bool:
    """Publish, send back or reject contributions; publish directly; restore a revision."""
    return is_coordinator(user)


def public_initiatives_of(user: Person) -> list[Initiative]:
    """The approved initiatives this person is a member of (for "on behalf of" choices); read
    once per request, since several predicates on a page ask."""
    if not user.is_authenticated:
        return []
    kept: list[Initiative] | None = getattr(user, KEPT_PUBLIC_INITIATIVES, None)
    if kept is None:
        ids = list(memberships_of(user))
        kept = list(Initiative.objects.filter(pk__in=ids, status=Initiative.Status.APPROVED))
        setattr(user, KEPT_PUBLIC_INITIATIVES, kept)
    return kept


def remember_relations(request: HttpRequest) -> None:
    """The person's memberships and approved initiatives, read once per content version (which
    every change to a membership or an initiative moves) instead of once per request: for a page
    that many people view again and again, the item's page."""
    user = request.user
    if not user.is_authenticated:
        return
    memberships, initiatives = get_or_compute(
        f"kb-relations:{user.pk}:{content_version.current(request)}",
        lambda: (memberships_of(user), public_initiatives_of(user)),
    )
    setattr(user, KEPT_MEMBERSHIPS, memberships)
    setattr(user, KEPT_PUBLIC_INITIATIVES, initiatives)


def can_contribute(user: Person) -> bool:
    """Members of an approved initiative, and coordinators."""
    return can_moderate(user) or bool(public_initiatives_of(user))


def can_contribute_for(user: Person, initiative: Initiative) -> bool:
    return initiative.is_public and (is_member(user, initiative) or can_moderate(user))


def is_insider(user: Person, item: Item) -> bool:
    """A member of the contributing initiative, or a coordinator."""
    if can_moderate(user):
        return True
    return item.initiative is not None and is_member(user, item.initiative)


def can_view_item(user: Person, item: Item) -> bool:
    return item.is_published or is_insider(user, item)


def can_edit_item(user: Person, item: Item) -> bool:
    """The contributing initiative's members edit its items (a published item's change is kept
    as a new revision); coordinators edit any. A rejected item stays as it is."""
    if can_moderate(user):
        return True
    if item.status == Item.Status.REJECTED or item.kind not in CONTRIBUTED_KINDS:
        return False
    return item.initiative is not None and can_contribute_for(user, item.initiative)


def can_submit_item(user: Person, item: Item) -> bool:
    """Send a draft (or one sent back for changes) to the coordinators."""
    editable = item.status in (Item.Status.DRAFT, Item.Status.CHANGES_REQUESTED)
    return editable and can_edit_item(user, item)


def can_see_history(user: Person, item: Item) -> bool:
    """Anyone may see the history of what is published."""
    return can_view_item(user, item)


def can_restore(user: Person, item: Item) -> bool:
    return can_moderate(user)


def can_ask(user: Person) -> bool:
    """Anyone signed in asks the network a question, in public."""
    return user.is_authenticated


def can_answer(user: Person, item: Item) -> bool:
    """Members of initiatives answer, on behalf of one of theirs; coordinators too."""
    if not (item.is_network_question and item.is_published):
        return False
    return can_contribute(user)


def can_mark_helpful(user: Person, item: Item) -> bool:
    """The asker, or a coordinator, marks the answer that helped."""
    if not item.is_network_question:
        return False
    asked = user.is_authenticated and item.contributor_id == user.pk
    return asked or can_moderate(user)


def can_remove_answer(user: Person, answer: Answer) -> bool:
    """Its author takes it back; coordinators remove what does not belong."""
    own = user.is_authenticated and answer.author_id == user.pk
    return own or can_moderate(user)


def can_adopt(user: Person, item: Item) -> bool:
    """ "We did this too": a member of an initiative, for a published practice."""
    return item.is_practice and item.is_published and bool(public_initiatives_of(user))


# --- search ---


def can_see_missed_searches(user: Person) -> bool:
    """The searches that found nothing, and making a research question of one: coordinators."""
    return can_moderate(user)
