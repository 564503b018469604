from django.urls import path

from meetings.views import organise

app_name = "meetings"

urlpatterns: list = [
    # Organising (coordinators; the host's admins for the organiser page, attendance and report).
    path("new/", organise.create, name="create"),
    path("<slug:slug>/edit/", organise.edit, name="edit"),
    path("<slug:slug>/publish/", organise.publish, name="publish"),
    path("<slug:slug>/cancel/", organise.cancel, name="cancel"),
    path("<slug:slug>/organise/", organise.organise, name="organise"),
    path("<slug:slug>/organise/tasks/<int:task>/", organise.tick_task, name="tick-task"),
    path("<slug:slug>/attendance/", organise.record_attendance, name="attendance"),
    path("<slug:slug>/report/", organise.write_report, name="report"),
]
