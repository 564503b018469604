from django.urls import path

from knowledgebase import feeds
from knowledgebase.views import reading, search

app_name = "knowledgebase"

urlpatterns: list = [
    # Searching and browsing (views/search.py).
    path("", search.index, name="index"),
    # reading (views/reading.py, feeds.py)
    path("<int:pk>/adopt/", reading.adopt, name="adopt"),
    path("feed/", feeds.ItemFeed(), name="feed"),
    path("feed/atom/", feeds.AtomItemFeed(), name="feed-atom"),
    path("feed/<slug:kind>/", feeds.KindFeed(), name="kind-feed"),
    path("themes/<slug:theme>/feed/", feeds.ThemeFeed(), name="theme-feed"),
    # Reading (views/reading.py); the item's page last, after every fixed address.
    path("<int:pk>/", reading.permalink, name="permalink"),
    path("<int:pk>/<slug:slug>/", reading.detail, name="detail"),
]
