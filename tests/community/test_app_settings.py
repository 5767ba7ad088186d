"""An app's settings: django settings first, then the environment variable, then the default,
read each time they are used (community/conf.py)."""

import pytest
from django.conf import settings as django_settings
from environs import EnvError

from community.conf import AppSettings, Setting
from groups.app_settings import app_settings as groups_settings
from moderation.app_settings import app_settings as moderation_settings

example = AppSettings(
    "LANTERN_EXAMPLE_",
    LIMIT=Setting(10),
    RATIO=Setting(0.5),
    ENABLED=Setting(False),
    RATE=Setting("5/m"),
    WORDS=Setting(["one", "two"]),
)


def test_the_default_applies_when_nothing_is_set():
    assert example.LIMIT == 10
    assert example.RATIO == 0.5
    assert example.ENABLED is False
    assert example.RATE == "5/m"
    assert example.WORDS == ["one", "two"]


def test_the_environment_is_read_at_each_access_and_parsed_like_the_default(monkeypatch):
    monkeypatch.setenv("LANTERN_EXAMPLE_LIMIT", "25")
    monkeypatch.setenv("LANTERN_EXAMPLE_RATIO", "0.75")
    monkeypatch.setenv("LANTERN_EXAMPLE_ENABLED", "1")
    monkeypatch.setenv("LANTERN_EXAMPLE_WORDS", "red,green")
    assert example.LIMIT == 25
    assert example.RATIO == 0.75
    assert example.ENABLED is True
    assert example.WORDS == ["red", "green"]
    monkeypatch.setenv("LANTERN_EXAMPLE_LIMIT", "30")
    assert example.LIMIT == 30


def test_django_settings_win_over_the_environment(settings, monkeypatch):
    monkeypatch.setenv("LANTERN_EXAMPLE_LIMIT", "25")
    settings.LANTERN_EXAMPLE_LIMIT = 3
    assert example.LIMIT == 3


def test_a_malformed_environment_value_fails_loudly(monkeypatch):
    monkeypatch.setenv("LANTERN_EXAMPLE_LIMIT", "many")
    with pytest.raises(EnvError):
        _ = example.LIMIT


def test_an_undeclared_setting_is_an_attribute_error():
    with pytest.raises(AttributeError, match="LANTERN_EXAMPLE_TYPO"):
        _ = example.TYPO


def test_app_settings_are_not_in_the_project_settings_module():
    # Each app owns its settings; community/settings.py has no line for them.
    assert not hasattr(django_settings, "GROUPS_MAX_TITLE_CHARS")
    assert not hasattr(django_settings, "MODERATION_FLAG_RATE")
    assert groups_settings.MAX_TITLE_CHARS == 120
    assert moderation_settings.FLAG_RATE == "20/h"


def test_the_groups_environment_variable_keeps_its_full_name(monkeypatch):
    monkeypatch.setenv("GROUPS_POSTS_PER_PAGE", "7")
    assert groups_settings.POSTS_PER_PAGE == 7
