"""Your own block list in the settings area: who you blocked, as you saw them, and unblock.

Each line names the persona you blocked and the space you saw it in, nothing more: never the
account, nor its other personas (DESIGN.md §1). The app that owns each kind of space names it
(community.spaces).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from community.selectors import blocks_of
from community.services.blocks import unblock
from community.spaces import names_of_spaces


@login_required
def block_list(request):
    entries = blocks_of(request.user)
    # One query per kind of space, not one per line.
    space_names = names_of_spaces(entry.space for entry in entries)
    rows = [
        {
            "name": entry.persona_name,
            "persona_public_id": entry.persona_public_id,
            "where": space_names.get(entry.space.pk, ""),
        }
        for entry in entries
    ]
    return render(request, "community/blocks.html", {"rows": rows})


@login_required
@require_POST
def block_remove(request, persona_public_id: str):
    if unblock(blocker=request.user, persona_public_id=persona_public_id):
        messages.success(request, "Unblocked. Their posts in that group show normally again.")
    return redirect("settings_blocks")
