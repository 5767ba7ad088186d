from django.urls import path

from moderation import views

app_name = "moderation"

urlpatterns = [
    path("flag/<str:kind>/<public_id:public_id>/", views.flag, name="flag"),
    path("flags/<public_id:flag_public_id>/thanks/", views.flag_thanks, name="flag_thanks"),
]
