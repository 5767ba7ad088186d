from django.contrib import admin
from django.urls import include, path

from .views import health, pages
from .views import settings as settings_views

urlpatterns = [
    path("", pages.home, name="home"),
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
]

handler400 = "community.views.pages.bad_request"
handler403 = "community.views.pages.permission_denied"
handler404 = "community.views.pages.page_not_found"
handler500 = "community.views.pages.server_error"
