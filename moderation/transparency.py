"""The public transparency report: monthly counts of flags by reason, actions by kind, the
median time from flag to decision and appeal outcomes.

Computed from the moderation tables and the audit log, in three queries whatever the number of
months. Nothing names a person, a persona, a space or content; and no figure under
`MODERATION_TRANSPARENCY_MIN_COUNT` is shown exactly (a small group's one flag would point at
someone), nor a median over fewer decisions. Only completed months are shown, so nobody can
watch a figure move the day they flagged or were sanctioned. No totals either: a total beside
suppressed cells would let anyone work them out.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import median

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from moderation.app_settings import app_settings
from moderation.models import Action, Appeal, AuditEntry, Flag, ReviewItem

APPEAL_OUTCOMES = (
    ("appeal.made", "Appeals made"),
    (f"appeal.{Appeal.Status.UPHELD.value}", "Decisions upheld on appeal"),
    (f"appeal.{Appeal.Status.OVERTURNED.value}", "Decisions overturned on appeal"),
)


@dataclass
class Month:
    start: date
    flags: list[tuple[str, str]]  # (label, figure)
    actions: list[tuple[str, str]]
    appeals: list[tuple[str, str]]
    median: str


def figure(count: int) -> str:
    """A count as shown: exact from the threshold up, "fewer than N" below it (0 included,
    so an empty cell and a single case look alike)."""
    least = app_settings.TRANSPARENCY_MIN_COUNT
    return str(count) if count >= least else f"fewer than {least}"


def duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 120:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} hours"
    return f"{hours // 24} days"


def _month_key(moment) -> date:
    if isinstance(moment, datetime):
        moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return date(moment.year, moment.month, 1)


def _shift(month: date, back: int) -> date:
    index = month.year * 12 + (month.month - 1) - back
    return date(index // 12, index % 12 + 1, 1)


def _now() -> datetime:
    return timezone.now()


def window(now=None) -> tuple[list[date], datetime, datetime]:
    """The completed months shown (newest first) and the [start, end) they cover."""
    now = timezone.localtime(now or _now())
    this_month = date(now.year, now.month, 1)
    months = [_shift(this_month, back) for back in range(1, app_settings.TRANSPARENCY_MONTHS + 1)]
    tz = timezone.get_current_timezone()
    start = datetime(months[-1].year, months[-1].month, 1, tzinfo=tz)
    end = datetime(this_month.year, this_month.month, 1, tzinfo=tz)
    return months, start, end


def _counts(queryset, field: str, key: str) -> dict[tuple[date, str], int]:
    rows = (
        queryset.annotate(month=TruncMonth(field))
        .values("month", key)
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {(_month_key(row["month"]), row[key]): row["count"] for row in rows}


def report(now=None) -> list[Month]:
    months, start, end = window(now)
    flags = _counts(Flag.objects.filter(created__gte=start, created__lt=end), "created", "reason")
    in_range = AuditEntry.objects.filter(created__gte=start, created__lt=end)
    events = _counts(
        in_range.filter(Q(event__startswith="action.") | Q(event__startswith="appeal.")),
        "created",
        "event",
    )
    waits: dict[date, list[timedelta]] = {}
    decided = ReviewItem.objects.filter(decided_at__gte=start, decided_at__lt=end)
    for created, decided_at in decided.values_list("created", "decided_at"):
        waits.setdefault(_month_key(decided_at), []).append(decided_at - created)
    least = app_settings.TRANSPARENCY_MIN_COUNT
    shown = []
    for month in months:
        month_waits = waits.get(month, [])
        shown.append(
            Month(
                start=month,
                flags=[
                    (label, figure(flags.get((month, value), 0)))
                    for value, label in Flag.Reason.choices
                ],
                actions=[
                    (label, figure(events.get((month, f"action.{value}"), 0)))
                    for value, label in Action.Kind.choices
                ],
                appeals=[
                    (label, figure(events.get((month, event), 0)))
                    for event, label in APPEAL_OUTCOMES
                ],
                median=(
                    duration(median(month_waits))
                    if len(month_waits) >= least
                    else f"not shown (fewer than {least} decisions)"
                ),
            )
        )
    return shown
