import datetime
import zoneinfo

from django.template import Context, Template
from django.utils import timezone
from django.utils.timesince import timesince

from community.templatetags.dates import ago, coarse_date


def test_coarse_date_shows_only_month_and_year():
    joined = datetime.datetime(2026, 11, 17, 9, 41, 5, tzinfo=datetime.UTC)
    assert coarse_date(joined) == "November 2026"


def test_coarse_date_accepts_a_plain_date():
    assert coarse_date(datetime.date(2025, 3, 2)) == "March 2025"


def test_coarse_date_uses_the_current_time_zone_for_the_month():
    late_on_the_last_day = datetime.datetime(2026, 11, 30, 23, 30, tzinfo=datetime.UTC)
    with timezone.override(zoneinfo.ZoneInfo("Asia/Tokyo")):
        assert coarse_date(late_on_the_last_day) == "December 2026"


def test_coarse_date_of_nothing_is_empty():
    assert coarse_date(None) == ""


def test_coarse_date_filter_in_a_template_hides_the_day_and_time():
    joined = datetime.datetime(2026, 7, 4, 13, 7, tzinfo=datetime.UTC)
    rendered = Template("{% load dates %}Joined {{ joined|coarse_date }}").render(
        Context({"joined": joined})
    )
    assert rendered == "Joined July 2026"


def _ago_as_timesince_writes_it(value) -> str:
    return f"{timesince(value, depth=1)} ago"


def test_ago_writes_what_timesince_writes_for_the_first_four_weeks():
    # The arithmetic path of `ago` must match Django's words exactly: every minute of the first
    # two days, then every seven minutes to four weeks (half a minute off each boundary).
    deltas = [datetime.timedelta(minutes=m, seconds=30) for m in range(1, 2 * 24 * 60)]
    deltas += [
        datetime.timedelta(minutes=m, seconds=30) for m in range(2 * 24 * 60, 28 * 24 * 60, 7)
    ]
    now = timezone.now()
    mismatches = [
        delta for delta in deltas if ago(now - delta) != _ago_as_timesince_writes_it(now - delta)
    ]
    assert mismatches == []
    assert ago(now - datetime.timedelta(days=3, hours=2)) == "3\xa0days ago"
    assert ago(now - datetime.timedelta(hours=1, minutes=1)) == "1\xa0hour ago"


def test_ago_leaves_months_and_years_to_timesince():
    now = timezone.now()
    assert ago(now - datetime.timedelta(days=40)) == "1\xa0month ago"
    assert ago(now - datetime.timedelta(days=800)) == "2\xa0years ago"
    assert ago(now - datetime.timedelta(seconds=20)) == "just now"
    assert ago(None) == ""
