"""The meetings' part of sitemap.xml: the agenda and every meeting a visitor may see."""

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from meetings.models import Meeting
from omzien.sitemaps import pages_sitemap, register_sitemap


class MeetingSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[Meeting]:
        # Public only (meetings/permissions.py can_see_meeting): never a draft.
        return Meeting.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, meeting: Meeting) -> datetime:
        return meeting.updated_at


def register() -> None:
    register_sitemap("meeting-pages", pages_sitemap("meetings:agenda", "meetings:past"))
    register_sitemap("meetings", MeetingSitemap)
