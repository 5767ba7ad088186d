from django.apps import apps
from django.contrib import admin
from django.urls import include, path

from .views import blocks, health, notifications, pages
from .views import settings as settings_views

urlpatterns = [
    path("", pages.home, name="home"),
    path("home/", pages.member_home, name="member_home"),
    path("guidelines/", pages.guidelines, name="guidelines"),
    path("support/", pages.support, name="support"),
    path("privacy/", pages.privacy, name="privacy"),
    path("healthz", health.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("settings/", settings_views.settings_page, name="settings"),
    path("settings/export/", settings_views.export_data, name="settings_export"),
    path("settings/delete/", settings_views.delete_account, name="settings_delete"),
    path("settings/deleted/", settings_views.account_deleted, name="settings_deleted"),
    path("staff/admin/", admin.site.urls),
    path("settings/blocks/", blocks.block_list, name="settings_blocks"),
    path(
        "settings/blocks/<public_id:persona_public_id>/unblock/",
        blocks.block_remove,
        name="settings_unblock",
    ),
    path("notifications/", notifications.notification_list, name="notifications"),
    path(
        "notifications/<public_id:public_id>/open/",
        notifications.notification_open,
        name="notification_open",
    ),
    path(
        "notifications/read/",
        notifications.notifications_mark_all_read,
        name="notifications_read",
    ),
]

# Each app that serves pages says where in its AppConfig (e.g. `url_prefix = "things/"`), so
# this file names no app; the app's `urls.py` sets its own namespace.
urlpatterns += [
    path(config.url_prefix, include(f"{config.name}.urls"))
    for config in apps.get_app_configs()
    if getattr(config, "url_prefix", None)
]

handler400 = "community.views.pages.bad_request"
handler403 = "community.views.pages.permission_denied"
handler404 = "community.views.pages.page_not_found"
handler500 = "community.views.pages.server_error"
