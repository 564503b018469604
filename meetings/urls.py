from django.urls import path

from meetings.views import hosts

app_name = "meetings"

urlpatterns: list = [
    # Hosts: what an initiative can offer, its offers, the coordinators' offers (views/hosts.py).
    path("hosts/<slug:slug>/", hosts.host_capability, name="host-capability"),
    path(
        "hosts/<slug:slug>/confirm/",
        hosts.confirm_host_capability,
        name="host-capability-confirm",
    ),
    path("hosts/<slug:slug>/offer/", hosts.offer, name="offer"),
    path(
        "hosts/<slug:slug>/offers/<int:offer_id>/withdraw/",
        hosts.withdraw_offer,
        name="offer-withdraw",
    ),
    path("offers/", hosts.offer_list, name="offers"),
    path("offers/<int:offer_id>/move/", hosts.move_offer, name="offer-move"),
    path("offers/<int:offer_id>/meeting/", hosts.link_offer_meeting, name="offer-meeting"),
]
