"""Objects the registration rows of the access matrix need (see tests/world.py).

- `reg_meeting`: a published meeting hosted by X (so `member`, X's admin, organises it);
- `reg_draft`: a draft meeting hosted by X;
- `reg_guest`: a guest's registration (registered), `reg_unconfirmed`: one not yet confirmed,
  `reg_cancel`: one the matrix cancels;
- `reg_region`: the region of Utrecht.
"""

from accounts.models import User
from initiatives.models import Initiative
from meetings.models import Meeting, Region
from tests.meetings.factories import MeetingFactory, RegistrationFactory


def build(people: dict[str, User], values: dict[str, object]) -> dict[str, object]:
    x = Initiative.objects.get(slug=values["x"])
    meeting = MeetingFactory(slug="m-reg", host=x)
    draft = MeetingFactory(slug="m-reg-draft", host=x, status=Meeting.Status.DRAFT)
    guest = RegistrationFactory(meeting=meeting, email="gast-1@example.nl")
    unconfirmed = RegistrationFactory(
        meeting=meeting,
        email="gast-2@example.nl",
        status="unconfirmed",
        confirmed_at=None,
        queued_at=None,
    )
    to_cancel = RegistrationFactory(meeting=meeting, email="gast-3@example.nl")
    region = Region.objects.filter(municipalities__name="Utrecht").first()
    return {
        "reg_meeting": meeting.slug,
        "reg_draft": draft.slug,
        "reg_guest": guest.token,
        "reg_unconfirmed": unconfirmed.token,
        "reg_cancel": to_cancel.token,
        "reg_region": region.slug if region else "utrecht",
    }
