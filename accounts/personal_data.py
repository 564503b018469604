"""What the portal holds about a person, gathered from every app for the export and the erasure.

Each app registers a section in its AppConfig.ready(): `export` returns JSON-ready data for the
person, `erase` removes or anonymises it before the account itself is deleted. A section may also
put something on the deletion page (`before_deletion`: a template and its context, say a warning
and a choice); what the person chose there reaches `erase` as `answers` (the posted form). This
keeps the arrows pointing into `accounts`, never out of it.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession

from accounts.models import User

Answers = Mapping[str, str]


@dataclass(frozen=True)
class Section:
    name: str
    export: Callable[[User], Any]
    erase: Callable[[User, Answers], None] | None = None
    # The template to include on the deletion page, and its context for this person.
    before_deletion: tuple[str, Callable[[User], dict[str, Any]]] | None = None


_sections: dict[str, Section] = {}


def register_section(section: Section) -> None:
    _sections[section.name] = section


def sections() -> list[Section]:
    return list(_sections.values())


def export_personal_data(user: User) -> dict[str, Any]:
    return {section.name: section.export(user) for section in _sections.values()}


def _account(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "name": user.name,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "groups": sorted(user.groups.values_list("name", flat=True)),
    }


def _email_addresses(user: User) -> list[dict[str, Any]]:
    return [
        {"email": address.email, "verified": address.verified, "primary": address.primary}
        for address in EmailAddress.objects.filter(user=user).order_by("email")
    ]


def _two_factor(user: User) -> list[dict[str, Any]]:
    # The secrets themselves stay out of the export: they are keys, not information.
    return [
        {"type": authenticator.type, "created_at": authenticator.created_at.isoformat()}
        for authenticator in Authenticator.objects.filter(user=user).order_by("created_at")
    ]


def _sessions(user: User) -> list[dict[str, Any]]:
    return [
        {
            "ip": session.ip,
            "user_agent": session.user_agent,
            "created_at": session.created_at.isoformat(),
            "last_seen_at": session.last_seen_at.isoformat(),
        }
        for session in UserSession.objects.purge_and_list(user)
    ]


def deletion_notices(user: User) -> list[tuple[str, dict[str, Any]]]:
    """What the deletion page shows from each app: (template, context) pairs."""
    return [
        (template, context)
        for template, context_for in (
            s.before_deletion for s in _sections.values() if s.before_deletion
        )
        if (context := context_for(user))
    ]


def _end_sessions(user: User, answers: Answers) -> None:
    for session in UserSession.objects.filter(user=user):
        session.end()


def register_own_sections() -> None:
    register_section(Section("account", _account))
    register_section(Section("email_addresses", _email_addresses))
    register_section(Section("two_factor", _two_factor))
    register_section(Section("sessions", _sessions, erase=_end_sessions))
