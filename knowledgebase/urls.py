from django.urls import path

from knowledgebase.views import attachments, reading, search

app_name = "knowledgebase"

urlpatterns: list = [
    # Searching and browsing (views/search.py).
    path("", search.index, name="index"),
    # attachments (views/attachments.py)
    path("<int:pk>/attachments/", attachments.attachments, name="attachments"),
    path(
        "<int:pk>/attachments/<int:attachment>/delete/",
        attachments.delete,
        name="attachment-delete",
    ),
    path("files/<int:attachment>/<str:name>", attachments.file, name="attachment-file"),
    # Reading (views/reading.py); the item's page last, after every fixed address.
    path("<int:pk>/", reading.permalink, name="permalink"),
    path("<int:pk>/<slug:slug>/", reading.detail, name="detail"),
]
