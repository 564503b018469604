from django.urls import path

from fund.views import reading, transparency

app_name = "fund"

urlpatterns = [
    path("", reading.index, name="index"),
    # transparency (views/transparency.py)
    path("grants/", transparency.grant_list, name="grants"),
    path("grants/<int:pk>/", transparency.grant_detail, name="grant"),
    path("grants.csv", transparency.grants_csv, name="grants-csv"),
    path("grants.json", transparency.grants_json, name="grants-json"),
]
