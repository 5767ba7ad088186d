from django.urls import path

from moderation import views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("items/<public_id:item_public_id>/", views.item, name="item"),
    path("items/<public_id:item_public_id>/act/", views.act, name="act"),
    path("notices/<public_id:action_public_id>/", views.notice, name="notice"),
    path("reports/", views.my_reports, name="my_reports"),
    path("audit/", views.audit_log, name="audit"),
    path("audit.csv", views.audit_export, name="audit_export"),
    path("act/<str:kind>/<public_id:public_id>/", views.act_on_content, name="act_on_content"),
    path("flag/<str:kind>/<public_id:public_id>/", views.flag, name="flag"),
    path("flags/<public_id:flag_public_id>/thanks/", views.flag_thanks, name="flag_thanks"),
]
