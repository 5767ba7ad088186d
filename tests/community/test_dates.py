import datetime
import zoneinfo

from django.template import Context, Template
from django.utils import timezone

from community.templatetags.dates import coarse_date


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
