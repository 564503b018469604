from django.urls import path

from meetings.views import finding, hosts, knowledge, organise, page, registration, rotation

app_name = "meetings"

urlpatterns: list = [
    # Finding meetings (views/finding.py).
    path("", finding.agenda, name="agenda"),
    path("past/", finding.past, name="past"),
    path("map/", finding.map_view, name="map"),
    path("map.json", finding.map_data, name="map-data"),
    # Registration, calendars and who comes (issue 7, points 6, 7 and 8).
    path("feed.ics", registration.feed, name="feed"),
    path("regions/<slug:region>/feed.ics", registration.region_feed, name="region-feed"),
    path("registration/<str:token>/", registration.registration_page, name="registration"),
    path(
        "registration/<str:token>/confirm/",
        registration.confirm_view,
        name="confirm-registration",
    ),
    path(
        "registration/<str:token>/cancel/",
        registration.cancel_view,
        name="cancel-registration",
    ),
    path(
        "registration/<str:token>/calendar.ics",
        registration.registration_ics,
        name="registration-calendar",
    ),
    path("<slug:slug>/register/", registration.register_view, name="register"),
    path("<slug:slug>/register/sent/", registration.registration_sent, name="registration-sent"),
    path("<slug:slug>/calendar.ics", registration.meeting_ics, name="calendar"),
    path("<slug:slug>/registrations/", registration.registrations_list, name="registrations"),
    path("<slug:slug>/registrations.csv", registration.registrations_csv, name="registrations-csv"),
    # Fair rotation (meetings/rotation.py, meetings/ledger.py).
    path("suggestions/", rotation.suggestions, name="suggestions"),
    path("ledger/", rotation.ledger, name="ledger"),
    # Organising (coordinators; the host's admins for the organiser page, attendance and report).
    path("new/", organise.create, name="create"),
    path("<slug:slug>/edit/", organise.edit, name="edit"),
    path("<slug:slug>/publish/", organise.publish, name="publish"),
    path("<slug:slug>/cancel/", organise.cancel, name="cancel"),
    path("<slug:slug>/organise/", organise.organise, name="organise"),
    path("<slug:slug>/organise/tasks/<int:task>/", organise.tick_task, name="tick-task"),
    path("<slug:slug>/attendance/", organise.record_attendance, name="attendance"),
    path("<slug:slug>/report/", organise.write_report, name="report"),
    # The report in the knowledge base: the one seam (views/knowledge.py, meetings/knowledge.py).
    path("<slug:slug>/report/knowledge/", knowledge.publish_report, name="publish-report"),
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
    # A meeting's public page (views/page.py); last, after every fixed address above.
    path("<slug:slug>/", page.detail, name="detail"),
]
