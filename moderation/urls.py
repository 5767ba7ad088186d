from django.urls import path

from moderation import views

app_name = "moderation"

urlpatterns = [
    path("flag/<str:kind>/<str:public_id>/", views.flag, name="flag"),
    path("flags/<str:flag_public_id>/thanks/", views.flag_thanks, name="flag_thanks"),
]
