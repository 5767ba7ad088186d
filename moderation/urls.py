from django.urls import path

from moderation import views, views_reveals
from moderation.filters import views as filter_views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("items/<public_id:item_public_id>/", views.item, name="item"),
    path("items/<public_id:item_public_id>/act/", views.act, name="act"),
    path("notices/<public_id:action_public_id>/", views.notice, name="notice"),
    path("reports/", views.my_reports, name="my_reports"),
    path("transparency/", views.transparency, name="transparency"),
    path("appeal/<str:token>/", views.appeal_by_link, name="appeal_by_link"),
    path("appeals/", views.appeal_list, name="appeals"),
    path("appeals/<public_id:appeal_public_id>/", views.appeal, name="appeal"),
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
    # Automatic filters: held content, word lists.
    path("held/", filter_views.held_list, name="held"),
    path("held/<public_id:held_public_id>/", filter_views.held_item, name="held_item"),
    path(
        "held/<public_id:held_public_id>/release/",
        filter_views.release_held_view,
        name="release_held",
    ),
    path(
        "held/<public_id:held_public_id>/reject/",
        filter_views.reject_held_view,
        name="reject_held",
    ),
    path("words/", filter_views.site_words, name="site_words"),
    path("words/group/<public_id:space_public_id>/", filter_views.space_words, name="space_words"),
    path(
        "words/<public_id:entry_public_id>/remove/",
        filter_views.remove_word_view,
        name="remove_word",
    ),
]
