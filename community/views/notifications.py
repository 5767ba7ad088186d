"""The notifications page: your own notifications, newest first, and "mark all read"."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from community.selectors.notifications import notifications_of
from community.services.notifications import mark_all_read


def _safe_link(url: str) -> str:
    # Notification links are written by Lantern itself; this only makes sure a bad row can
    # never become an off-site (or javascript:) link.
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts=None) and url.startswith("/"):
        return url
    return ""


@login_required
def notification_list(request):
    paginator = Paginator(notifications_of(request.user), settings.NOTIFICATIONS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    for notification in page.object_list:
        notification.link = _safe_link(notification.url)
    return render(request, "community/notifications.html", {"page": page})


@login_required
@require_POST
def notifications_mark_all_read(request):
    changed = mark_all_read(account=request.user)
    if changed:
        messages.success(request, "All notifications are marked as read.")
    return redirect("notifications")
