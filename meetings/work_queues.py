"""The meetings' queues on the coordinators' work overview (see omzien/work_queues.py).

Each part of the app registers its own queues in its own function, called from apps.py.
"""

from django.utils.translation import gettext_lazy as _

from omzien.work_queues import WorkQueue, register_work_queue

# Hosts: offers to host a network meeting (issue 7, point 2).


def register_host_offers() -> None:
    from meetings.offers import open_offers
    from meetings.permissions import can_manage_host_offers

    register_work_queue(
        WorkQueue(
            key="host-offers",
            title=_("Offers to host a meeting"),
            items=open_offers,
            item_template="meetings/partials/_queue_host_offer.html",
            visible_to=can_manage_host_offers,
            intro=_(
                "Initiatives that offered to host a network meeting, the one waiting longest "
                "first. An offer stays here until it is held, declined or withdrawn."
            ),
            empty=_("No open offers to host."),
            url_name="meetings:offers",
            link_text=_("All offers and their steps"),
        )
    )
