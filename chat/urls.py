from django.urls import path

from chat import views

app_name = "chat"

urlpatterns = [
    path("<slug:slug>/sessions/new/", views.schedule, name="schedule"),
    path("<slug:slug>/rooms/<public_id:room_public_id>/", views.room_page, name="room"),
    path("<slug:slug>/rooms/<public_id:room_public_id>/edit/", views.edit, name="edit"),
    path(
        "<slug:slug>/rooms/<public_id:room_public_id>/calendar.ics",
        views.calendar_file,
        name="calendar",
    ),
    path(
        "<slug:slug>/rooms/<public_id:room_public_id>/quiet-room/",
        views.request_quiet_room,
        name="request_quiet_room",
    ),
    path(
        "<slug:slug>/rooms/<public_id:room_public_id>/quiet-room/"
        "<public_id:request_public_id>/<str:decision>/",
        views.decide_quiet_room,
        name="decide_quiet_room",
    ),
    path("<slug:slug>/rooms/<public_id:room_public_id>/mute/", views.mute, name="mute"),
    path(
        "<slug:slug>/rooms/<public_id:room_public_id>/messages/<int:message_id>/remove/",
        views.remove_message,
        name="remove_message",
    ),
    path(
        "<slug:slug>/rooms/<public_id:room_public_id>/<str:action>/",
        views.control,
        name="control",
    ),
]
