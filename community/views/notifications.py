"""The notifications page: your own notifications, newest first, and "mark all read"."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST, require_safe

from community.selectors.notifications import notifications_of, notifications_to_open
from community.services.notifications import mark_all_read, open_notification

GONE_MESSAGE = (
    "That is no longer there: it was deleted or hidden, or you are no longer part of the "
    "space it was in. The notification is removed."
)


def _safe_link(url: str) -> str:
    # Notification links are written by Lantern itself; this only makes sure a bad row can
    # never become an off-site (or javascript:) link.
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts=None) and url.startswith("/"):
        return url
    return ""


@require_safe
@login_required
def notification_list(request):
    paginator = Paginator(notifications_of(request.user), settings.NOTIFICATIONS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    # Every notice with somewhere to go opens through `notification_open`, which marks it read
    # and finds its target as it is now; one lookup of the path for the whole page.
    open_path = reverse("notification_open", args=["x"]).removesuffix("x/open/")
    for notification in page.object_list:
        has_target = notification.subject_type_id is not None or _safe_link(notification.url)
        notification.link = f"{open_path}{notification.public_id}/open/" if has_target else ""
    return render(request, "community/notifications.html", {"page": page})


@login_required
@require_POST
def notifications_mark_all_read(request):
    changed = mark_all_read(account=request.user)
    if changed:
        messages.success(request, "All notifications are marked as read.")
    return redirect("notifications")


# GET only: a HEAD (a link checker, a prefetch) must not mark it read.
@require_GET
@login_required
def notification_open(request, public_id):
    """Mark one of your notifications read and go where it leads now (GET, from a link: the
    one small write DESIGN.md §4 allows). Someone else's notification is 404, like an unknown
    one; one whose target is gone says so here instead of leading to a 404."""
    notification = get_object_or_404(notifications_to_open(request.user), public_id=public_id)
    target = open_notification(account=request.user, notification=notification)
    if target is None:
        messages.info(request, GONE_MESSAGE)
        return redirect("notifications")
    return redirect(_safe_link(target) or reverse("notifications"))
