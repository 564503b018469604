from django.urls import path

from fund.views import (
    applications,
    decisions,
    money,
    payouts,
    reading,
    reports,
    rounds,
    transparency,
)

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
    # applications (views/applications.py)
    path("rounds/<slug:slug>/apply/", applications.apply, name="apply"),
    path("applications/", applications.my_applications, name="my-applications"),
    path("applications/<int:pk>/", applications.detail, name="application"),
    path("applications/<int:pk>/edit/", applications.edit, name="application-edit"),
    path("applications/<int:pk>/submit/", applications.submit, name="application-submit"),
    path("applications/<int:pk>/withdraw/", applications.withdraw, name="application-withdraw"),
    path(
        "applications/<int:pk>/revisions/",
        applications.revision_list,
        name="application-revisions",
    ),
    path(
        "applications/<int:pk>/attachments/",
        applications.attachment_list,
        name="application-attachments",
    ),
    path(
        "applications/<int:pk>/attachments/<int:attachment>/delete/",
        applications.attachment_delete,
        name="application-attachment-delete",
    ),
    path(
        "files/applications/<int:attachment>/<str:name>",
        applications.attachment_file,
        name="application-file",
    ),
    # decisions (views/decisions.py)
    path("committee/", decisions.committee, name="committee"),
    path("ties/", decisions.ties, name="ties"),
    path("ties/<int:pk>/end/", decisions.tie_end, name="tie-end"),
    path("applications/<int:pk>/review/", decisions.review, name="review"),
    path("applications/<int:pk>/decide/", decisions.decide, name="decide"),
    path("rounds/<slug:slug>/decisions/", decisions.decision_list_page, name="decisions"),
    path("rounds/<slug:slug>/decisions.json", decisions.decisions_json, name="decisions-json"),
    path("rounds/<slug:slug>/decisions.csv", decisions.decisions_csv, name="decisions-csv"),
    # payouts (views/payouts.py)
    path("payouts/", payouts.queue, name="payouts"),
    path("grants/<int:pk>/payouts/new/", payouts.propose, name="payout-new"),
    path("payouts/<int:pk>/approve/", payouts.approve, name="payout-approve"),
    path("payouts/<int:pk>/cancel/", payouts.cancel, name="payout-cancel"),
    path("grants/<int:pk>/repayment/", payouts.repayment, name="repayment"),
    # reports (views/reports.py)
    path("grants/<int:pk>/report/", reports.report, name="report"),
    path("grants/<int:pk>/report/review/", reports.review, name="report-review"),
    path("files/receipts/<int:receipt>/<str:name>", reports.receipt_file, name="receipt-file"),
    path("impact/", reports.impact, name="impact"),
    # transparency (views/transparency.py)
    path("grants/", transparency.grant_list, name="grants"),
    path("grants/<int:pk>/", transparency.grant_detail, name="grant"),
    path("grants.csv", transparency.grants_csv, name="grants-csv"),
    path("grants.json", transparency.grants_json, name="grants-json"),
]
