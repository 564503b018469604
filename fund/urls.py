from django.urls import path

from fund.views import payouts, reading, reports

app_name = "fund"

urlpatterns = [
    path("", reading.index, name="index"),
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
]
