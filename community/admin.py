"""The staff admin at /staff/admin/.

Support resources are edited here, so the support page changes without a developer. Accounts
are shown to superusers only and without their email, personas or login times: even staff
learn who is behind a persona only through the audited "break glass" procedure (DESIGN.md §1).
"""

from django.contrib import admin

from .models import Account, SupportResource


@admin.register(SupportResource)
class SupportResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "region", "phone", "url", "order", "is_published"]
    list_editable = ["order", "is_published"]
    list_filter = ["category", "is_published", "region"]
    search_fields = ["title", "description", "region"]
    fields = ["title", "category", "region", "description", "phone", "url", "order", "is_published"]


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
