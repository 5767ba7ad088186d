"""The staff admin at /staff/admin/: content that staff curate, and nothing about people.

Support resources are edited here, so the support page changes without a developer. No model
that shows or edits accounts, email addresses, authenticators, personas or sessions is
registered, not even for superusers: an account is revealed only through the audited "break
glass" procedure (DESIGN.md §1). Roles are granted on the server with `manage.py grant_role`.

Signing in goes through allauth's login (rate limits and two-factor authentication included):
the admin's own login form would skip both.
"""

from allauth.account.decorators import secure_admin_login
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import models
from django.shortcuts import redirect
from django_tasks_db.models import DBTaskResult

from .models import SupportResource

# allauth's admins list and edit email addresses, MFA use and sessions per account; Django's
# Group admin hands out permissions; the task queue's rows hold account numbers (the email
# task's argument). None of that is curated content.
for model in (EmailAddress, Authenticator, UserSession, Group, DBTaskResult):
    if admin.site.is_registered(model):
        admin.site.unregister(model)

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
