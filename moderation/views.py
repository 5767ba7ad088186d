"""Flags, the review queue, the item page and its actions, notices, My reports, the audit log.

Whatever a viewer may not see is 404, exactly as if it did not exist: the queue and the log
for anyone without a moderation scope, an item outside a host's group, someone else's notice.
Moderation pages show personas of the item's space only, never an account or its email.
"""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from community.flagging import kind_named
from community.forms import submit
from community.models import Space
from community.spaces import names_of_spaces
from moderation import appeals, policies, selectors, wording
from moderation.app_settings import app_settings
from moderation.decisions import act_in_place, provisional_item, take_action
from moderation.forms import (
    ActionForm,
    AppealDecisionForm,
    AppealForm,
    FlagForm,
    InPlaceActionForm,
    QueueFilterForm,
)
from moderation.models import Action, Appeal, Flag, ReviewItem
from moderation.rules import rule_named
from moderation.services import flag_content
from moderation.transparency import report as transparency_report


@login_required
def flag(request, kind: str, public_id: str):
    target_kind = kind_named(kind)
    if target_kind is None:
        raise Http404
    target = target_kind.find(request.user, public_id)  # Http404 when it may not be seen
    if not target_kind.can_flag(request.user, target):  # e.g. one's own name
        raise Http404
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = submit(
            form,
            flag_content,
            reporter=request.user,
            target=target,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            wish=form.cleaned_data["wish"] or Flag.Wish.RECORD,
            block_author=form.cleaned_data["block_author"],
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


@login_required
def my_reports(request):
    """The member's own flags and where each stands; never what was done to anyone."""
    page = Paginator(selectors.flags_of(request.user), app_settings.QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "moderation/my_reports.html", {"page": page})


def _scope(request) -> frozenset[int]:
    """The spaces the viewer hosts; 404 for anyone with no moderation scope at all."""
    hosted = selectors.hosted_space_ids(request.user)
    if not policies.can_use_moderation(request.user, hosted):
        raise Http404
    return hosted


@login_required
def queue(request):
    """Review items and held content in one list, in the viewer's scope: what the Moderation
    link counts is what the default (open) state lists."""
    hosted = _scope(request)
    spaces = selectors.spaces_in_scope(request.user, hosted)
    form = QueueFilterForm(request.GET or None, spaces=spaces)
    reason, space, state = "", None, selectors.OPEN
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        state = form.cleaned_data["state"] or selectors.OPEN
        chosen = form.cleaned_data["space"]
        space = next((s for s, _name in spaces if s.public_id == chosen), None)
    rows = selectors.queue(request.user, hosted, reason=reason, space=space, state=state)
    page = Paginator(rows, app_settings.QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.load_rows(page.object_list)
    reason_labels = dict(Flag.Reason.choices)
    names = dict((s.pk, name) for s, name in spaces)
    for entry in page.object_list:
        entry.space_name = names.get(entry.space_id, "")
        if entry.row_kind == "item":
            entry.reason_labels = sorted({reason_labels[f.reason] for f in entry.flags.all()})
    filters = request.GET.copy()
    filters.pop("page", None)
    return render(
        request,
        "moderation/queue.html",
        {
            "form": form,
            "page": page,
            "state": state,
            "is_site_moderator": _is_site(request),
            "filters": filters.urlencode(),
            # One query, for staff only (moderation.selectors.holds_reveal_permission).
            "can_reveal": selectors.holds_reveal_permission(request.user),
        },
    )


def _is_site(request) -> bool:
    return policies.is_site_moderator(request.user)


def _item_or_404(request, hosted, public_id) -> ReviewItem:
    item = selectors.item_in_scope(request.user, hosted, public_id)
    if item is None:
        raise Http404
    return item


def _item_context(request, item: ReviewItem, hosted) -> dict:
    flags = list(item.flags.order_by("created", "pk"))
    target_kind = kind_named(item.kind)
    target = item.target
    live = target_kind.live(target) if (target is not None and target_kind.live) else None
    context = target_kind.context(target) if (target is not None and target_kind.context) else []
    account = item.author.account if item.author is not None else None
    history = selectors.history_of(
        account, hosted_only=None if policies.is_site_moderator(request.user) else hosted
    )
    rule_titles = {
        code: (rule_named(code).title if rule_named(code) else code)
        for code in {row["rule"] for row in history}
    }
    for row in history:
        row["rule_title"] = rule_titles[row["rule"]]
    wishes = dict(Flag.Wish.choices)
    actions = list(item.actions.order_by("created", "pk"))
    for action in actions:
        action.label = wording.action_label(item.kind, action.kind)
    return {
        "item": item,
        "space_name": _space_name(item.space),
        "snapshot": flags[0].snapshot if flags else {},
        "live": live,
        "hidden": _is_hidden(target),
        "thread_context": context,
        "flag_count": item.flagger_count,
        "reasons": sorted({f.get_reason_display() for f in flags}),
        "notes": [f.note for f in flags if f.note],
        "wishes": sorted({wishes[f.wish] for f in flags}),
        "history": history,
        "actions": actions,
        "is_own": policies.is_own_item(request.user, item),
    }


def _space_name(space) -> str:
    return names_of_spaces([space]).get(space.pk, "") if space is not None else ""


def _is_hidden(target) -> bool:
    return target is not None and getattr(target, "hidden_at", None) is not None


@login_required
def item(request, item_public_id: str):
    hosted = _scope(request)
    review_item = _item_or_404(request, hosted, item_public_id)
    allowed = policies.actions_for(
        request.user,
        review_item,
        hosted,
        author_hosts=selectors.author_hosts(request.user, review_item),
    )
    context = _item_context(request, review_item, hosted)
    context["form"] = ActionForm(allowed=allowed, item_kind=review_item.kind) if allowed else None
    # Break glass: offered to reveal-permission holders only (one query, for staff only).
    context["can_request_reveal"] = (
        review_item.author is not None
        and review_item.author.account_id is not None
        and selectors.holds_reveal_permission(request.user)
    )
    return render(request, "moderation/item.html", context)


@login_required
@require_POST
def act(request, item_public_id: str):
    """Two steps: the form posts here and gets a confirmation page; confirming acts."""
    hosted = _scope(request)
    review_item = _item_or_404(request, hosted, item_public_id)
    allowed = policies.actions_for(
        request.user,
        review_item,
        hosted,
        author_hosts=selectors.author_hosts(request.user, review_item),
    )
    if not allowed:
        raise Http404
    form = ActionForm(request.POST, allowed=allowed, item_kind=review_item.kind)
    if form.is_valid():
        data = form.cleaned_data
        label = wording.action_label(review_item.kind, data["kind"])
        if request.POST.get("confirm") == "yes":
            submit(
                form,
                take_action,
                moderator=request.user,
                item=review_item,
                kind=data["kind"],
                rule=data["rule"],
                message=data["message"],
                days=data["days"],
                hosted=hosted,
            )
            if not form.errors:
                messages.success(request, f"Done: {label.lower()}.")
                return redirect("moderation:item", item_public_id=review_item.public_id)
        else:
            return render(
                request,
                "moderation/confirm.html",
                {
                    "item": review_item,
                    "form": form,
                    "kind_label": label,
                    "rule": rule_named(data["rule"]),
                },
            )
    context = _item_context(request, review_item, hosted)
    context["form"] = form
    return render(request, "moderation/item.html", context, status=400)


@login_required
def act_on_content(request, kind: str, public_id: str):
    """A host (or site moderator) acts on content from where they read it: the thread page
    links here to hide or delete a post, lock or unlock a thread. Asks first (a confirmation
    step), then acts through the same service as the queue and goes back to the thread.

    404 for anything the viewer may not see (the kind's access function) and for anyone who
    may take no action on it: members, and hosts of another group alike.
    """
    target_kind = kind_named(kind)
    if target_kind is None or kind not in policies.IN_PLACE_BY_TARGET:
        raise Http404
    target = target_kind.find(request.user, public_id)  # Http404 when it may not be seen
    hosted = selectors.hosted_space_ids(request.user)
    review_item = provisional_item(target)
    allowed = policies.in_place_actions_for(
        request.user, review_item, hosted, is_locked=bool(getattr(target, "is_locked", False))
    )
    if not allowed:
        raise Http404
    back_url = target_kind.snapshot(target).get("url")
    form = InPlaceActionForm(
        request.POST or None,
        allowed=allowed,
        initial={"kind": allowed[0]} if len(allowed) == 1 else None,
    )
    context = {
        "form": form,
        "description": target_kind.describe(target),
        "snapshot": target_kind.live(target) if target_kind.live else None,
        "back_url": back_url,
    }
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            if request.POST.get("confirm") == "yes":
                action = submit(
                    form,
                    act_in_place,
                    moderator=request.user,
                    target=target,
                    kind=data["kind"],
                    rule=data["rule"],
                    message=data["message"],
                    hosted=hosted,
                )
                if not form.errors:
                    label = wording.action_label(kind, action.kind)
                    messages.success(request, f"Done: {label.lower()}.")
                    return redirect(back_url)
            else:
                return render(
                    request,
                    "moderation/confirm_in_place.html",
                    {
                        **context,
                        "kind_label": wording.action_label(kind, data["kind"]),
                        "rule": rule_named(data["rule"]),
                    },
                )
        status = 400
    return render(request, "moderation/act_in_place.html", context, status=status)


@login_required
def notice(request, action_public_id: str):
    """The member's own notice: what, why, until when, and their appeal (the form once, then
    where it stands and the outcome with its reason). Never who flagged, acted or decided."""
    action = get_object_or_404(
        Action.objects.select_related("item", "space"),
        public_id=action_public_id,
        account=request.user,
    )
    return _notice_page(request, action, account=request.user, with_content=True)


def appeal_by_link(request, token: str):
    """The notice and appeal form for an account that cannot sign in (suspended or banned),
    reached by the signed link its login refusal shows once the password was right. Without
    the content itself: the link may be opened by whoever has the password alone."""
    action = appeals.action_of_link(token)
    if action is None:
        raise Http404
    return _notice_page(request, action, account=action.account, with_content=False)


def _notice_page(request, action: Action, *, account, with_content: bool):
    appeal = Appeal.objects.filter(action=action).first()
    form = None
    if appeal is None and appeals.can_appeal(account, action):
        form = AppealForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form is None:
            messages.error(request, "You have already appealed this decision.")
            return redirect(request.path)
        if form.is_valid():
            submit(
                form,
                appeals.submit_appeal,
                account=account,
                action=action,
                text=form.cleaned_data["text"],
            )
            if not form.errors:
                messages.success(request, "Your appeal is sent. You will be told the outcome.")
                return redirect(request.path)
        status = 400
    snapshot = {}
    if with_content and action.item_id is not None:
        first = action.item.flags.order_by("created", "pk").first()
        snapshot = first.snapshot if first else {}
    return render(
        request,
        "moderation/notice.html",
        {
            "action": action,
            "rule": rule_named(action.rule),
            "snapshot": snapshot,
            "space_name": _space_name(action.space),
            "appeal": appeal,
            "form": form,
            "undone": appeals.undone_text(action),
        },
        status=status,
    )


def _appeals_in_reach(request):
    """Appeals the viewer may decide or has decided: theirs, and (site moderators) those
    nobody was found for. 404 for anyone else, like every moderation page."""
    mine = Appeal.objects.filter(reviewer=request.user)
    if policies.is_site_moderator(request.user):
        mine = mine | Appeal.objects.filter(reviewer__isnull=True).exclude(
            action__moderator=request.user
        ).exclude(account=request.user)
    return mine


@login_required
def appeal_list(request):
    if not (policies.is_site_moderator(request.user) or _appeals_in_reach(request).exists()):
        raise Http404
    appeals_seen = (
        _appeals_in_reach(request)
        .select_related("action", "action__item", "action__space", "action__persona")
        .order_by("-status", "created", "pk")  # "open" sorts after "overturned"/"upheld"
    )
    page = Paginator(appeals_seen, app_settings.APPEALS_PAGE_SIZE).get_page(request.GET.get("page"))
    names = names_of_spaces([a.action.space for a in page if a.action.space_id])
    for entry in page:
        entry.space_name = names.get(entry.action.space_id, "")
    return render(request, "moderation/appeals.html", {"page": page})


def _appeal_or_404(request, appeal_public_id: str) -> Appeal:
    appeal = (
        _appeals_in_reach(request)
        .select_related("action", "action__item", "action__space", "action__persona")
        .filter(public_id=appeal_public_id)
        .first()
    )
    if appeal is None:
        raise Http404
    return appeal


@login_required
def appeal(request, appeal_public_id: str):
    """The reviewer's page: the decision appealed (persona of its space, rule, message), what
    it was about, the member's words, and the form to uphold or overturn."""
    found = _appeal_or_404(request, appeal_public_id)
    can_decide = found.status == Appeal.Status.OPEN and appeals.can_decide(request.user, found)
    form = AppealDecisionForm(request.POST or None) if can_decide else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            submit(
                form,
                appeals.decide_appeal,
                reviewer=request.user,
                appeal=found,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
            )
            if not form.errors:
                messages.success(request, "Decided. The member is told the outcome and reason.")
                return redirect("moderation:appeal", appeal_public_id=found.public_id)
    action = found.action
    snapshot = {}
    if action.item_id is not None:
        first = action.item.flags.order_by("created", "pk").first()
        snapshot = first.snapshot if first else {}
    return render(
        request,
        "moderation/appeal.html",
        {
            "appeal": found,
            "action": action,
            "rule": rule_named(action.rule),
            "snapshot": snapshot,
            "space_name": _space_name(action.space),
            "form": form,
        },
        status=400 if form is not None and form.errors else 200,
    )


def transparency(request):
    """Public (no login): monthly figures, suppressed under the threshold, nothing personal."""
    return render(
        request,
        "moderation/transparency.html",
        {"months": transparency_report(), "least": app_settings.TRANSPARENCY_MIN_COUNT},
    )


@login_required
def audit_log(request):
    hosted = _scope(request)
    page = Paginator(
        selectors.audit_entries(request.user, hosted), app_settings.AUDIT_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    names = names_of_spaces([entry.space for entry in page if entry.space_id])
    for entry in page:
        entry.space_name = names.get(entry.space_id, "")
    return render(
        request,
        "moderation/audit.html",
        {"page": page, "can_export": policies.can_export_audit(request.user)},
    )


class _Echo:
    def write(self, value):
        return value


AUDIT_COLUMNS = [
    "time",
    "event",
    "actor role",
    "space",
    "persona",
    "persona id",
    "item",
    "rule",
    "detail",
]


@login_required
def audit_export(request):
    if not policies.can_export_audit(request.user):
        raise Http404
    entries = selectors.audit_entries(request.user, frozenset())[
        : app_settings.AUDIT_EXPORT_MAX_ROWS
    ]
    writer = csv.writer(_Echo())
    # Every space's name once, rather than per row (one query per kind of space).
    names = names_of_spaces(Space.objects.filter(pk__in=entries.values("space_id")))

    def rows():
        yield writer.writerow(AUDIT_COLUMNS)
        for entry in entries.iterator(chunk_size=1000):
            name = names.get(entry.space_id, "")
            yield writer.writerow(
                [
                    entry.created.isoformat(timespec="seconds"),
                    entry.event,
                    entry.actor_role,
                    _csv_safe(name),
                    _csv_safe(entry.persona_name),
                    entry.persona_public_id,
                    entry.item_public_id,
                    entry.rule,
                    _csv_safe(entry.detail),
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="lantern-audit-log.csv"'
    return response


def _csv_safe(value: str) -> str:
    # A cell starting with = + - @ is a formula in spreadsheets: persona names are typed by
    # members, so they are defused.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
