from django.urls import path

from knowledgebase.views import agenda, questions, reading, search

app_name = "knowledgebase"

urlpatterns: list = [
    # Searching and browsing (views/search.py).
    path("", search.index, name="index"),
    # agenda (views/agenda.py, views/questions.py)
    path("agenda/", agenda.agenda, name="agenda"),
    path("questions/", questions.questions, name="questions"),
    path("questions/ask/", questions.ask, name="ask"),
    path("<int:pk>/answer/", questions.answer, name="answer"),
    path("answers/<int:answer>/helped/", questions.answer_helped, name="answer-helped"),
    path("answers/<int:answer>/remove/", questions.answer_remove, name="answer-remove"),
    # Reading (views/reading.py); the item's page last, after every fixed address.
    path("<int:pk>/", reading.permalink, name="permalink"),
    path("<int:pk>/<slug:slug>/", reading.detail, name="detail"),
]
