from django.urls import path

from fund.views import reading

app_name = "fund"

urlpatterns = [
    path("", reading.index, name="index"),
]
