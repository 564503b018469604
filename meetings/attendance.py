"""Who is coming to a meeting, as the public may see it: numbers, and the names of the initiatives
whose people opted in; never a person's name or address. One query, however many registered."""

from dataclasses import dataclass, field

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Count, Q

from initiatives.models import Initiative
from meetings.models import Meeting, Registration


@dataclass(frozen=True)
class Attendance:
    capacity: int
    registered: int = 0
    waiting: int = 0
    initiatives: list[str] = field(default_factory=list)

    @property
    def free(self) -> int:
        return max(self.capacity - self.registered, 0)

    @property
    def is_full(self) -> bool:
        return self.free == 0


def attendance_of(meeting: Meeting) -> Attendance:
    registered = Q(status=Registration.Status.REGISTERED)
    shown = registered & Q(
        show_initiative=True,
        initiative__isnull=False,
        initiative__status=Initiative.Status.APPROVED,
    )
    figures = Registration.objects.filter(meeting=meeting).aggregate(
        registered=Count("pk", filter=registered),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
        initiatives=ArrayAgg("initiative__name", filter=shown, distinct=True, default=[]),
    )
    return Attendance(
        capacity=meeting.capacity,
        registered=figures["registered"],
        waiting=figures["waiting"],
        initiatives=sorted(figures["initiatives"], key=str.casefold),
    )
