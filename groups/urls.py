from django.urls import path

from groups.views import (
    blocks,
    directory,
    follow,
    manage,
    membership,
    mentions,
    people,
    reactions,
    search,
    threads,
)

app_name = "groups"

urlpatterns = [
    path("", directory.directory, name="directory"),
    # Staff management (not Django admin).
    path("manage/", manage.group_list, name="manage"),
    path("manage/new/", manage.create, name="manage_create"),
    path("manage/<slug:slug>/", manage.edit, name="manage_edit"),
    path("manage/<slug:slug>/invite/", manage.regenerate_invite, name="manage_invite"),
    path(
        "manage/<slug:slug>/hosts/<public_id:persona_public_id>/add/",
        manage.make_host,
        name="manage_make_host",
    ),
    path(
        "manage/<slug:slug>/hosts/<public_id:persona_public_id>/remove/",
        manage.remove_host,
        name="manage_remove_host",
    ),
    path("join/<public_id:token>/", membership.join_by_invite, name="invite"),
    # Before the group patterns: "search" is a reserved slug (groups/services/management.py).
    path("search/", search.search_page, name="search"),
    # One group.
    path("<slug:slug>/", directory.group_page, name="group"),
    path("<slug:slug>/join/", membership.join, name="join"),
    path("<slug:slug>/join/name/", membership.choose_name, name="choose_name"),
    path("<slug:slug>/leave/", membership.leave, name="leave"),
    path("<slug:slug>/withdraw/", membership.withdraw, name="withdraw"),
    path("<slug:slug>/requests/", membership.request_queue, name="requests"),
    path(
        "<slug:slug>/requests/<public_id:request_public_id>/<str:decision>/",
        membership.decide,
        name="decide",
    ),
    path("<slug:slug>/read/", threads.mark_group_read, name="mark_read"),
    path("<slug:slug>/threads/new/", threads.new_thread, name="new_thread"),
    path("<slug:slug>/threads/<public_id:thread_public_id>/", threads.thread_page, name="thread"),
    path("<slug:slug>/threads/<public_id:thread_public_id>/reply/", threads.reply, name="reply"),
    # Before moderate_thread, whose <action> would take "notifications".
    path(
        "<slug:slug>/threads/<public_id:thread_public_id>/notifications/",
        follow.thread_notifications,
        name="thread_notifications",
    ),
    path(
        "<slug:slug>/threads/<public_id:thread_public_id>/<str:action>/",
        threads.moderate_thread,
        name="moderate_thread",
    ),
    path("<slug:slug>/posts/<public_id:post_public_id>/edit/", threads.edit_post, name="edit_post"),
    path(
        "<slug:slug>/posts/<public_id:post_public_id>/delete/",
        threads.delete_post,
        name="delete_post",
    ),
    # Before `person`, whose public id would take "names".
    path("<slug:slug>/people/names/", mentions.member_names, name="member_names"),
    path(
        "<slug:slug>/posts/<public_id:post_public_id>/history/",
        threads.post_history,
        name="post_history",
    ),
    path(
        "<slug:slug>/posts/<public_id:post_public_id>/quote/",
        threads.quote_source,
        name="quote_source",
    ),
    path(
        "<slug:slug>/people/<public_id:persona_public_id>/",
        people.person_page,
        name="person",
    ),
    # Actions on a post by someone else (part 2): reactions and blocks.
    path("<slug:slug>/posts/<public_id:post_public_id>/react/", reactions.react, name="react"),
    path("<slug:slug>/posts/<public_id:post_public_id>/block/", blocks.block, name="block"),
]
