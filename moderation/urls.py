from django.urls import path

from moderation import views
from moderation.filters import views as filter_views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("items/<public_id:item_public_id>/", views.item, name="item"),
    path("items/<public_id:item_public_id>/act/", views.act, name="act"),
    path("notices/<public_id:action_public_id>/", views.notice, name="notice"),
    path("reports/", views.my_reports, name="my_reports"),
    path("audit/", views.audit_log, name="audit"),
    path("audit.csv", views.audit_export, name="audit_export"),
    path("flag/<str:kind>/<public_id:public_id>/", views.flag, name="flag"),
    path("flags/<public_id:flag_public_id>/thanks/", views.flag_thanks, name="flag_thanks"),
    # Automatic filters: held content, word lists.
    path("held/", filter_views.held_list, name="held"),
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
