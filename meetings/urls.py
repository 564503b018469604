from django.urls import path

from meetings.views import rotation

app_name = "meetings"

urlpatterns: list = [
    # Fair rotation (meetings/rotation.py, meetings/ledger.py).
    path("suggestions/", rotation.suggestions, name="suggestions"),
    path("ledger/", rotation.ledger, name="ledger"),
]
