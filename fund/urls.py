from django.urls import path

from fund.views import money, reading, rounds

app_name = "fund"

urlpatterns = [
    path("", reading.index, name="index"),
    # money (views/money.py)
    path("money/", money.money, name="money"),
    path("funders/", money.funders, name="funders"),
    path("funders/new/", money.funder_new, name="funder-new"),
    path("funders/<slug:slug>/", money.funder, name="funder"),
    path("funders/<slug:slug>/edit/", money.funder_edit, name="funder-edit"),
    path("contributions/new/", money.contribution_new, name="contribution-new"),
    path(
        "contributions/<int:pk>/reverse/", money.contribution_reverse, name="contribution-reverse"
    ),
    path("ledger/", money.ledger, name="ledger"),
    # rounds (views/rounds.py)
    path("rounds/", rounds.round_list, name="rounds"),
    path("rounds/new/", rounds.round_new, name="round-new"),
    path("rounds/<slug:slug>/", rounds.round_detail, name="round"),
    path("rounds/<slug:slug>/edit/", rounds.round_edit, name="round-edit"),
    path("rounds/<slug:slug>/budget/", rounds.round_budget, name="round-budget"),
    path("rounds/<slug:slug>/close/", rounds.round_close, name="round-close"),
]
