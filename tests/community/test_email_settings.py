"""Email is configured one way: EMAIL_URL sets up SMTP; without it emails go to the console."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PRINT_EMAIL_SETTINGS = (
    "import json; from community import settings as s; print(json.dumps({name: getattr(s, name, "
    "None) for name in ['EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_HOST_USER', "
    "'EMAIL_USE_TLS', 'EMAIL_TIMEOUT']}))"
)


def email_settings_with(variables: dict[str, str]) -> dict:
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("EMAIL_") and name != "DJANGO_SETTINGS_MODULE"
    }
    environment.update({"DEBUG": "1", **variables})
    result = subprocess.run(  # noqa: S603 (our own interpreter and settings module)
        [sys.executable, "-c", PRINT_EMAIL_SETTINGS],
        cwd=Path(settings.BASE_DIR),
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.splitlines()[-1])


def test_email_url_configures_smtp():
    email = email_settings_with({"EMAIL_URL": "submission://sender:secret@smtp.example.org:587"})
    assert email["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert email["EMAIL_HOST"] == "smtp.example.org"
    assert email["EMAIL_PORT"] == 587
    assert email["EMAIL_HOST_USER"] == "sender"
    assert email["EMAIL_USE_TLS"] is True


def test_without_email_url_emails_go_to_the_console_whatever_else_is_set():
    email = email_settings_with({"EMAIL_HOST": "smtp.example.org"})
    assert email["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert email["EMAIL_HOST"] is None


def test_smtp_waits_ten_seconds_at_most_by_default():
    email = email_settings_with({"EMAIL_URL": "smtp://smtp.example.org:25"})
    assert email["EMAIL_TIMEOUT"] == 10


def test_email_timeout_is_a_setting_of_its_own():
    email = email_settings_with({"EMAIL_URL": "smtp://smtp.example.org:25", "EMAIL_TIMEOUT": "2.5"})
    assert email["EMAIL_TIMEOUT"] == 2.5
