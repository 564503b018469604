from django.urls import path

from knowledgebase import feeds
from knowledgebase.views import agenda, attachments, contribute, questions, reading, search

app_name = "knowledgebase"

urlpatterns: list = [
    # Searching, and the searches that found nothing (views/search.py).
    path("", search.index, name="index"),
    path("missed/", search.missed, name="missed-searches"),
    path("missed/<int:pk>/question/", search.missed_question, name="missed-search-question"),
    # contribute (views/contribute.py)
    path("new/", contribute.choose_kind, name="new"),
    path("new/<slug:kind>/", contribute.create, name="create"),
    path("mine/", contribute.mine, name="mine"),
    path("moderation/", contribute.moderation_queue, name="moderation"),
    path("<int:pk>/edit/", contribute.edit, name="edit"),
    path("<int:pk>/submit/", contribute.submit, name="submit"),
    path("<int:pk>/moderate/", contribute.moderate, name="moderate"),
    path("<int:pk>/history/", contribute.history, name="history"),
    path("<int:pk>/history/compare/", contribute.compare, name="compare"),
    path("<int:pk>/history/<int:version>/restore/", contribute.restore, name="restore"),
    # reading (views/reading.py, feeds.py)
    path("<int:pk>/adopt/", reading.adopt, name="adopt"),
    path("feed/", feeds.ItemFeed(), name="feed"),
    path("feed/atom/", feeds.AtomItemFeed(), name="feed-atom"),
    path("feed/<slug:kind>/", feeds.KindFeed(), name="kind-feed"),
    path("themes/<slug:theme>/feed/", feeds.ThemeFeed(), name="theme-feed"),
    # agenda (views/agenda.py, views/questions.py)
    path("agenda/", agenda.agenda, name="agenda"),
    path("questions/", questions.questions, name="questions"),
    path("questions/ask/", questions.ask, name="ask"),
    path("<int:pk>/answer/", questions.answer, name="answer"),
    path("answers/<int:answer>/helped/", questions.answer_helped, name="answer-helped"),
    path("answers/<int:answer>/remove/", questions.answer_remove, name="answer-remove"),
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
