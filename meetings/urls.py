from django.urls import path

from meetings.views import finding, page

app_name = "meetings"

urlpatterns: list = [
    # Finding meetings (views/finding.py).
    path("", finding.agenda, name="agenda"),
    path("past/", finding.past, name="past"),
    path("map/", finding.map_view, name="map"),
    path("map.json", finding.map_data, name="map-data"),
    # A meeting's public page (views/page.py); other parts add theirs under <slug>/ below it.
    path("<slug:slug>/", page.detail, name="detail"),
]
