"""`manage.py check --deploy` is clean with production variables and DEBUG unset."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "lantern.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://lantern.example.org",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_PRELOAD": "1",
    "SECURE_COOKIES": "1",
}


def run_deploy_check(variables: dict[str, str]) -> subprocess.CompletedProcess:
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DEBUG", "STATICFILES_BACKEND", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(variables)
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(settings.BASE_DIR),
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_production_variables():
    result = run_deploy_check(PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_deploy_check_fails_without_https_settings():
    without_https = {**PRODUCTION, "SECURE_SSL_REDIRECT": "0", "SECURE_HSTS_SECONDS": "0"}
    result = run_deploy_check(without_https)
    assert result.returncode != 0
    assert "security.W008" in result.stderr
    assert "security.W004" in result.stderr
