from django.urls import path

from fund.views import reading, rounds

app_name = "fund"

urlpatterns = [
    path("", reading.index, name="index"),
    # rounds (views/rounds.py)
    path("rounds/", rounds.round_list, name="rounds"),
    path("rounds/new/", rounds.round_new, name="round-new"),
    path("rounds/<slug:slug>/", rounds.round_detail, name="round"),
    path("rounds/<slug:slug>/edit/", rounds.round_edit, name="round-edit"),
    path("rounds/<slug:slug>/budget/", rounds.round_budget, name="round-budget"),
    path("rounds/<slug:slug>/close/", rounds.round_close, name="round-close"),
]
