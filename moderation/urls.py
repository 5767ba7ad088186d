from django.urls import path

from moderation import views, views_reveals

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
    # Break glass: staff holding the reveal permission only (404 for everyone else).
    path("reveals/", views_reveals.reveal_list, name="reveals"),
    path(
        "reveals/new/<public_id:persona_public_id>/",
        views_reveals.reveal_new,
        name="reveal_new",
    ),
    path("reveals/<public_id:reveal_public_id>/", views_reveals.reveal, name="reveal"),
    path(
        "reveals/<public_id:reveal_public_id>/decide/",
        views_reveals.reveal_decide,
        name="reveal_decide",
    ),
    path(
        "reveals/<public_id:reveal_public_id>/account/",
        views_reveals.reveal_account,
        name="reveal_account",
    ),
    # The member's own notice that their account was revealed, and why.
    path(
        "revealed/<public_id:reveal_public_id>/",
        views_reveals.reveal_notice,
        name="reveal_notice",
    ),
]
