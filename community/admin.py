"""The staff admin at /staff/admin/.

Support resources are edited here, so the support page changes without a developer. Accounts
are shown to superusers only and without their email, personas or login times: even staff
learn who is behind a persona only through the audited "break glass" procedure (DESIGN.md §1).
"""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.db import models
from django.shortcuts import redirect

from .models import Account, SupportResource

# Signing in goes through allauth's login (rate limits and two-factor authentication included):
# the admin's own login form would skip both.
admin.site.login = secure_admin_login(admin.site.login)


def _change_password_through_allauth(request, extra_context=None):
    # allauth's page asks for the current password and ends the other sessions afterwards.
    return redirect("account_change_password")


admin.site.password_change = _change_password_through_allauth


@admin.register(SupportResource)
class SupportResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "region", "phone", "url", "order", "is_published"]
    list_editable = ["order", "is_published"]
    list_filter = ["category", "is_published", "region"]
    search_fields = ["title", "description", "region"]
    fields = ["title", "category", "region", "description", "phone", "url", "order", "is_published"]
    # A link typed without a scheme is an https one.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Account)
class AccountAdmin(admin.ModelAdmin):
    """Role and access only. No search: a search by email would confirm who has an account."""

    list_display = ["__str__", "role", "is_active", "is_staff"]
    list_filter = ["role", "is_active", "is_staff"]
    fields = ["role", "is_active", "is_staff", "groups", "user_permissions"]
    show_full_result_count = False

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    # Accounts begin at sign-up (with a verified email) and end by their owner's choice.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
