from django.urls import path

from initiatives.views import (
    claims,
    directory,
    exchange,
    export,
    insights,
    map,
    members,
    profile,
    review,
)

app_name = "initiatives"

urlpatterns = [
    # Finding initiatives (views/directory.py, views/map.py, views/export.py).
    path("", directory.directory, name="directory"),
    path("map/", map.map_view, name="map"),
    path("map.json", map.map_data, name="map-data"),
    path("export.csv", export.export_csv, name="export-csv"),
    # White spots and growth (views/insights.py).
    path("white-spots/", insights.white_spots, name="white-spots"),
    # Needs and offers (views/exchange.py).
    path("needs-and-offers/", exchange.listing_list, name="listings"),
    path("<slug:slug>/needs-and-offers/", exchange.manage_listings, name="manage-listings"),
    path(
        "<slug:slug>/needs-and-offers/<int:listing_id>/edit/",
        exchange.edit_listing,
        name="edit-listing",
    ),
    path(
        "<slug:slug>/needs-and-offers/<int:listing_id>/delete/",
        exchange.delete_listing,
        name="delete-listing",
    ),
    # Registering and reviewing (views/review.py).
    path("register/", review.register, name="register"),
    path("review/", review.review_queue, name="review-queue"),
    path("<slug:slug>/approve/", review.approve, name="approve"),
    path("<slug:slug>/reject/", review.reject, name="reject"),
    path("<slug:slug>/archive/", review.archive, name="archive"),
    # Members (views/members.py).
    path("<slug:slug>/members/", members.member_list, name="members"),
    path("<slug:slug>/members/invite/", members.invite, name="invite"),
    path(
        "<slug:slug>/members/invitations/<int:invitation_id>/resend/",
        members.resend,
        name="resend-invitation",
    ),
    path(
        "<slug:slug>/members/invitations/<int:invitation_id>/withdraw/",
        members.withdraw,
        name="withdraw-invitation",
    ),
    path("<slug:slug>/members/<int:membership_id>/remove/", members.remove, name="remove-member"),
    path("<slug:slug>/members/<int:membership_id>/role/", members.change_role, name="change-role"),
    path("<slug:slug>/join/", members.join, name="join"),
    path(
        "<slug:slug>/join-requests/<int:request_id>/answer/",
        members.answer_request,
        name="answer-join-request",
    ),
    path("invitations/<str:token>/", members.invitation, name="invitation"),
    # "This is our initiative" (views/claims.py).
    path("<slug:slug>/claim/", claims.claim, name="claim"),
    path("<slug:slug>/claims/<int:claim_id>/confirm/", claims.confirm, name="confirm-claim"),
    path("<slug:slug>/claims/<int:claim_id>/decline/", claims.decline, name="decline-claim"),
    # The profile (views/profile.py).
    path("<slug:slug>/", profile.detail, name="detail"),
    path("<slug:slug>/edit/", profile.edit, name="edit"),
    path("<slug:slug>/history/", profile.history, name="history"),
    path("<slug:slug>/contact/", profile.contact, name="contact"),
    path("<slug:slug>/confirm/<str:token>/", profile.confirm_current, name="confirm-current"),
]
