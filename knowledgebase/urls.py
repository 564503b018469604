from django.urls import path

from knowledgebase.views import reading, search

app_name = "knowledgebase"

urlpatterns: list = [
    # Searching and browsing (views/search.py).
    path("", search.index, name="index"),
    # Reading (views/reading.py); the item's page last, after every fixed address.
    path("<int:pk>/", reading.permalink, name="permalink"),
    path("<int:pk>/<slug:slug>/", reading.detail, name="detail"),
]
