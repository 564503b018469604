from django.urls import path

from fund.views import money, reading

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
]
