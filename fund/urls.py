from django.urls import path

from fund.views import decisions, reading

app_name = "fund"

urlpatterns = [
    path("", reading.index, name="index"),
    # decisions (views/decisions.py)
    path("committee/", decisions.committee, name="committee"),
    path("ties/", decisions.ties, name="ties"),
    path("ties/<int:pk>/end/", decisions.tie_end, name="tie-end"),
    path("applications/<int:pk>/review/", decisions.review, name="review"),
    path("applications/<int:pk>/decide/", decisions.decide, name="decide"),
    path("rounds/<slug:slug>/decisions/", decisions.decision_list_page, name="decisions"),
    path("rounds/<slug:slug>/decisions.json", decisions.decisions_json, name="decisions-json"),
    path("rounds/<slug:slug>/decisions.csv", decisions.decisions_csv, name="decisions-csv"),
]
