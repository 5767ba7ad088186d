"""No template prints an account's identity, no code sends an email address in JSON or frames.

Only the member's own settings pages (and allauth's account/MFA pages, which are theirs too)
may show their email. Everywhere else a person is `{% persona ... %}` (DESIGN.md §1).
"""

import re
from fnmatch import fnmatchcase
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
# Names relative to a templates folder; `*` also matches "/" here (fnmatch).
# The one exception outside the owner's pages: the break-glass page that shows the requester
# the email after a second staff member approved (tests/moderation/test_break_glass.py).
ALLOWED_TEMPLATES = (
    "community/settings*.html",
    "account/*",
    "mfa/*",
    "allauth/*",
    "moderation/reveal_account.html",
)
# The owner's own data export, the demo logins printed for whoever runs seed_demo, the
# sign-up form a benchmark posts, and the break-glass page.
ALLOWED_PYTHON = {
    "community/services/accounts.py",
    "community/management/commands/seed_demo.py",
    "bench/signup_timing.py",
    # Break glass: the approved reveal's page (tests/moderation/test_break_glass.py).
    "moderation/views_reveals.py",
}
SKIPPED_FOLDERS = {".venv", ".git", "node_modules", "staticfiles", "migrations", "tests"}

TEMPLATE_TOKEN = re.compile(r"\{\{(?P<variable>.*?)\}\}|\{%(?P<tag>.*?)%\}", re.DOTALL)
QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
IDENTITY_FIELDS = re.compile(
    r"(?<![\w])(email|username|get_full_name|get_short_name|first_name|last_name)(?![\w])"
)
# `{{ user }}`, `{{ request.user }}`, `{{ user.pk }}`, `{{ request.user.id|... }}`
PRINTED_ACCOUNT = re.compile(r"^\s*(request\.)?user(\.(pk|id))?\s*(\||$)")
EMAIL_KEY = re.compile(r"""["']email["']\s*:""")


def identity_leaks_in_template(source: str) -> list[str]:
    """The template tokens of `source` that would print (or read) an account's identity."""
    leaks = []
    for match in TEMPLATE_TOKEN.finditer(source):
        code = QUOTED.sub("''", match.group("variable") or match.group("tag") or "")
        printed = match.group("variable") is not None and PRINTED_ACCOUNT.search(code)
        if IDENTITY_FIELDS.search(code) or printed:
            leaks.append(match.group(0))
    return leaks


def email_keys_in_python(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if EMAIL_KEY.search(line)]


def _walk(root: Path, pattern: str):
    for path in sorted(root.rglob(pattern)):
        if not SKIPPED_FOLDERS.intersection(path.relative_to(BASE_DIR).parts[:-1]):
            yield path


def template_files() -> list[tuple[Path, str]]:
    """Every (file, name relative to its templates folder) of the project and its apps."""
    found = []
    for root in [BASE_DIR / "templates", *BASE_DIR.glob("*/templates")]:
        for path in _walk(root, "*"):
            if path.is_file() and path.suffix in {".html", ".jinja", ".txt", ".xml", ".json"}:
                found.append((path, path.relative_to(root).as_posix()))
    return found


def is_own_settings_template(name: str) -> bool:
    return any(fnmatchcase(name, pattern) for pattern in ALLOWED_TEMPLATES)


# --- The scanners catch what they should (so a pass below means something) -----------------


@pytest.mark.parametrize(
    "source",
    [
        "<p>{{ user.email }}</p>",
        "{{ request.user.email|lower }}",
        "{{ post.author.account.email }}",
        "{{ member.username }}",
        "{{ user.get_full_name }}",
        "{{ account.first_name }} {{ account.last_name }}",
        "{{ user }}",
        "{{ request.user }}",
        "{{ request.user|default:'' }}",
        "{{ user.pk }}",
        "{% with address=user.email %}{{ address }}{% endwith %}",
        "{% if user.email %}yes{% endif %}",
        "{{ email }}",
    ],
)
def test_the_template_scanner_finds_identity_leaks(source):
    assert identity_leaks_in_template(source)


@pytest.mark.parametrize(
    "source",
    [
        "{% if user.is_authenticated %}{% persona post.author %}{% endif %}",
        "{% url 'account_email' %}",
        "{{ user.discreet_mode }}",
        "{{ user.email_notifications|yesno }}",
        "{{ persona.name }}",
        "{{ users_online }}",
    ],
)
def test_the_template_scanner_lets_persona_only_templates_through(source):
    assert not identity_leaks_in_template(source)


def test_the_python_scanner_finds_email_keys():
    assert email_keys_in_python('payload = {"email": account.email}')
    assert email_keys_in_python("send({'type': 'x', 'email' : e})")
    assert not email_keys_in_python('payload = {"email_notifications": True}')


def test_the_allowlist_covers_only_own_settings_and_allauth_pages():
    assert is_own_settings_template("community/settings.html")
    assert is_own_settings_template("community/settings_email.html")
    assert is_own_settings_template("account/email.html")
    assert is_own_settings_template("mfa/totp/activate_form.html")
    assert not is_own_settings_template("groups/account/members.html")
    assert not is_own_settings_template("community/home.html")
    assert not is_own_settings_template("groups/thread.html")


# --- The project as it is -------------------------------------------------------------------


def test_the_scan_sees_the_projects_templates():
    names = {name for _, name in template_files()}
    assert {"base.html", "groups/_posts.jinja"} <= names


def test_no_template_prints_an_accounts_identity():
    leaks = {
        str(path.relative_to(BASE_DIR)): identity_leaks_in_template(path.read_text())
        for path, name in template_files()
        if not is_own_settings_template(name)
    }
    assert {path: found for path, found in leaks.items() if found} == {}


def test_no_python_module_puts_an_email_in_json_or_frames():
    found = {}
    for path in _walk(BASE_DIR, "*.py"):
        relative = path.relative_to(BASE_DIR).as_posix()
        if relative in ALLOWED_PYTHON:
            continue
        if keys := email_keys_in_python(path.read_text()):
            found[relative] = keys
    assert found == {}
