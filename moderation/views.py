"""The flag form for a post or thread, and the thank-you page that follows it.

Whatever a viewer may not see is 404, exactly as if it did not exist.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from community.flagging import kind_named
from community.forms import submit
from moderation.forms import FlagForm
from moderation.models import Flag
from moderation.services import flag_content


@login_required
def flag(request, kind: str, public_id: str):
    target_kind = kind_named(kind)
    if target_kind is None:
        raise Http404
    target = target_kind.find(request.user, public_id)  # Http404 when it may not be seen
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = submit(
            form,
            flag_content,
            reporter=request.user,
            target=target,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
        if not form.errors:
            return redirect("moderation:flag_thanks", flag_public_id=created.public_id)
    return render(
        request,
        "moderation/flag.html",
        {
            "form": form,
            "description": target_kind.describe(target),
            "kind": kind,
            # A way back without flagging: someone may open this page by mistake.
            "back_url": target_kind.snapshot(target).get("url"),
        },
    )


@login_required
def flag_thanks(request, flag_public_id: str):
    # Only the reporter ever reaches their flag's page.
    flag = get_object_or_404(Flag, public_id=flag_public_id, reporter=request.user)
    return render(request, "moderation/flag_thanks.html", {"back_url": flag.snapshot.get("url")})
