from django.urls import path

from knowledgebase.views import reading, search

app_name = "knowledgebase"

urlpatterns: list = [
    # search (views/search.py)
    path("", search.index, name="index"),
    path("missed/", search.missed, name="missed-searches"),
    path("missed/<int:pk>/question/", search.missed_question, name="missed-search-question"),
    # Reading (views/reading.py); the item's page last, after every fixed address.
    path("<int:pk>/", reading.permalink, name="permalink"),
    path("<int:pk>/<slug:slug>/", reading.detail, name="detail"),
]
