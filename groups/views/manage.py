"""Staff pages to run groups (not Django admin). Non-staff get 404.

Hosts are appointed through personas: an advocate joins the group like anyone, and this page
lists the group's member personas whose account is an advocate (by persona name only, never
the account) with "Make host" / "Remove host". For a new group's first host, staff may join
and appoint themselves the same way.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from community.errors import NotAllowed
from community.forms import submit
from community.text import isolate
from groups import policies, selectors
from groups.forms import GroupForm, NewGroupForm
from groups.services import management


def _staff_only(request) -> None:
    if not policies.can_manage_groups(request.user):
        raise Http404


def _group_or_404(slug: str):
    group = selectors.group_by_slug(slug)
    if group is None:
        raise Http404
    return group


def group_list(request):
    _staff_only(request)
    return render(request, "groups/manage/list.html", {"groups": selectors.all_groups()})


def create(request):
    _staff_only(request)
    form = NewGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # `cleaned_data` carries the form's client_id: a resubmission gets the same group.
        group = submit(form, management.create_group, staff=request.user, **form.cleaned_data)
        if not form.errors:
            messages.success(request, f"{isolate(group.name)} was created. Now give it a host.")
            return redirect("groups:manage_edit", group.slug)
    return render(request, "groups/manage/form.html", {"form": form, "group": None})


def edit(request, slug):
    _staff_only(request)
    group = _group_or_404(slug)
    form = GroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        # The form already wrote its values onto `group`; the service checks and saves.
        saved = submit(
            form, management.update_group, staff=request.user, group=group, **form.cleaned_data
        )
        if not form.errors:
            messages.success(request, "Saved.")
            return redirect("groups:manage_edit", saved.slug)
    group = _group_or_404(slug)  # unsaved form values must not show as the group's own
    hosts = list(selectors.hosts_of(group))
    host_ids = {membership.pk for membership in hosts}
    candidates = [
        membership
        for membership in selectors.host_candidates(group, staff=request.user)
        if membership.pk not in host_ids
    ]
    invite_url = request.build_absolute_uri(reverse("groups:invite", args=[group.invite_token]))
    return render(
        request,
        "groups/manage/form.html",
        {
            "form": form,
            "group": group,
            "hosts": hosts,
            "candidates": candidates,
            "invite_url": invite_url,
        },
    )


def _confirmed(request) -> bool:
    """Changes of access ask first: GET (or a POST without `confirm`) shows what will
    happen, and only the confirmation page's form acts."""
    return request.method == "POST" and request.POST.get("confirm") == "yes"


@require_http_methods(["GET", "POST"])
def regenerate_invite(request, slug):
    _staff_only(request)
    group = _group_or_404(slug)
    if not _confirmed(request):
        return render(
            request,
            "groups/manage/confirm.html",
            {
                "group": group,
                "heading": "Make a new invite link?",
                "explanation": (
                    "The current link stops working at once: anyone who has it but has not "
                    "joined yet will need the new one. Members already in the group stay."
                ),
                "button": "Make a new link",
            },
        )
    management.regenerate_invite(staff=request.user, group=group)
    messages.success(request, "A new invite link was made; the old one no longer works.")
    return redirect("groups:manage_edit", slug)


@require_POST
def make_host(request, slug, persona_public_id):
    return _change_host(request, slug, persona_public_id, management.appoint_host, "is now a host")


@require_http_methods(["GET", "POST"])
def remove_host(request, slug, persona_public_id):
    if not _confirmed(request):
        _staff_only(request)
        group = _group_or_404(slug)
        host = selectors.hosts_of(group).filter(persona__public_id=persona_public_id).first()
        if host is None:
            raise Http404
        return render(
            request,
            "groups/manage/confirm.html",
            {
                "group": group,
                "persona": host.persona,
                "heading": "Remove this host?",
                "explanation": (
                    "They stay a member of the group under the same name, without a host's "
                    "powers: no more moderating, no join requests. This is logged."
                ),
                "button": "Remove host",
            },
        )
    return _change_host(
        request, slug, persona_public_id, management.remove_host, "is no longer a host"
    )


def _change_host(request, slug, persona_public_id, change, done: str):
    _staff_only(request)
    group = _group_or_404(slug)
    try:
        membership = change(staff=request.user, group=group, persona_public_id=persona_public_id)
    except NotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{isolate(membership.persona.name)} {done}.")
    return redirect("groups:manage_edit", slug)
