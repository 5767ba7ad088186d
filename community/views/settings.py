"""The member's own settings: the only pages that show their email (DESIGN.md §1)."""

import json

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from community.forms import DeleteAccountForm, PreferencesForm
from community.selectors.sessions import signed_in_sessions_of
from community.services import accounts

DELETED_SESSION_KEY = "lantern.account_deleted"


@never_cache
@login_required
def settings_page(request):
    if request.method == "POST":
        form = PreferencesForm(request.POST, instance=request.user)
        if form.is_valid():
            accounts.update_preferences(
                account=request.user,
                discreet_mode=form.cleaned_data["discreet_mode"],
                email_notifications=form.cleaned_data["email_notifications"],
            )
            messages.success(request, "Your preferences are saved.")
            return redirect("settings")
    else:
        form = PreferencesForm(instance=request.user)
    return render(
        request,
        "community/settings.html",
        {
            "form": form,
            "mfa_types": accounts.mfa_types_of(request.user),
            "sessions": signed_in_sessions_of(request.user),
        },
    )


@never_cache
@login_required
@require_POST
def export_data(request):
    data = accounts.export_account_data(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="lantern-my-data.json"'
    return response


@never_cache
@login_required
@reauthentication_required
def delete_account(request):
    if request.method == "POST":
        form = DeleteAccountForm(request.POST)
        if form.is_valid():
            accounts.delete_account(account=request.user, keep_content=form.keep_content)
            logout(request)
            # Marks the new, anonymous session so only the person who just deleted their
            # account sees the confirmation.
            request.session[DELETED_SESSION_KEY] = True
            return redirect("settings_deleted")
    else:
        form = DeleteAccountForm()
    return render(request, "community/settings_delete.html", {"form": form})


@never_cache
@require_GET
def account_deleted(request):
    if not request.session.pop(DELETED_SESSION_KEY, False):
        return redirect("home")
    return render(request, "community/account_deleted.html")
