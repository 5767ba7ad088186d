from django.contrib import admin
from django.urls import include, path

from .views import blocks, notifications, pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("groups/", include("groups.urls")),
    path("staff/admin/", admin.site.urls),
    path("moderation/", include("moderation.urls")),
    path("settings/blocks/", blocks.block_list, name="settings_blocks"),
    path(
        "settings/blocks/<str:persona_public_id>/unblock/",
        blocks.block_remove,
        name="settings_unblock",
    ),
    path("notifications/", notifications.notification_list, name="notifications"),
    path(
        "notifications/read/",
        notifications.notifications_mark_all_read,
        name="notifications_read",
    ),
]
