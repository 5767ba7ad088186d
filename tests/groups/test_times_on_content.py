import datetime

from django.utils import timezone

from community.templatetags.dates import ago


def test_something_from_the_last_minute_is_just_now():
    assert ago(timezone.now() - datetime.timedelta(seconds=20)) == "just now"


def test_older_things_say_how_long_ago_in_one_unit():
    assert ago(timezone.now() - datetime.timedelta(days=3, hours=5)) == "3\xa0days ago"
