"""Focus areas are curated by staff in the admin. Nothing about people is registered here
(profiles, requests, mentorships, employers): see community/admin.py."""

from django.contrib import admin

from mentoring.models import FocusArea


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "description"]
    fields = ["name", "description", "order", "is_active"]
