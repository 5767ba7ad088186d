from django.contrib import admin
from django.urls import include, path

from .views import pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("groups/", include("groups.urls")),
    path("staff/admin/", admin.site.urls),
]
