"""Median time of a sign-up with a registered email and with a new one (issue 8, section 4).

In-process (Django's test client), on a throwaway SQLite database, with the production password
hasher (PBKDF2): 10 sign-ups of each kind, interleaved, with Lantern's sign-up form and, for
comparison, with allauth's own form, which skips the hashing for a registered email.

    .venv/bin/python bench/signup_timing.py            # writes its section of bench/RESULTS.md
    .venv/bin/python bench/signup_timing.py --no-write

Not a timed test: the figures depend on the machine and are read by a person.
"""

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._common import replace_section  # noqa: E402 - the repository root comes first

SIGNUPS = 10
PASSWORD = "bench-password-2026"  # noqa: S105 - throwaway accounts in a throwaway database
HEADING = "# Sign-up timing results"
FORMS = {
    "Lantern's form": "community.forms_accounts.SignupForm",
    "allauth's form (before the fix)": "allauth.account.forms.SignupForm",
}


def _setup(database: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="community.settings",
        DEBUG="1",
        SECRET_KEY="bench-" + "x" * 50,
        DATABASE_URL=f"sqlite:///{database}",
        ALLOWED_HOSTS="testserver",
    )
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _sign_up(client, email: str) -> float:
    from django.urls import reverse

    started = time.perf_counter()
    response = client.post(
        reverse("account_signup"),
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
    )
    elapsed = time.perf_counter() - started
    if response.status_code != 302:
        raise RuntimeError(f"sign-up answered {response.status_code}")
    return elapsed * 1000


def _measure(form: str, run: int) -> tuple[float, float]:
    from django.test import Client, override_settings

    from community.models import Account

    registered = f"registered{run}@bench.lantern.test"
    Account.objects.create_user(registered, PASSWORD)
    known, new = [], []
    with override_settings(
        ACCOUNT_FORMS={"signup": form},
        ACCOUNT_RATE_LIMITS=False,
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    ):
        _sign_up(Client(), f"warmup{run}@bench.lantern.test")
        for number in range(SIGNUPS):
            known.append(_sign_up(Client(), registered))
            new.append(_sign_up(Client(), f"new{run}-{number}@bench.lantern.test"))
    return statistics.median(known), statistics.median(new)


def _section(figures: dict[str, tuple[float, float]]) -> str:
    from django.conf import settings

    hasher = settings.PASSWORD_HASHERS[0].rpartition(".")[2]
    lines = [
        HEADING,
        "",
        "Produced by `bench/signup_timing.py`: the same answer (a redirect to the verify page)",
        "for a registered and a new email must not take different time (issue 8, section 4).",
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}",
        "- Load average (1, 5, 15 min) when the run ended: "
        + " / ".join(f"{load:.2f}" for load in os.getloadavg()),
        f"- {SIGNUPS} sign-ups of each kind, interleaved, in-process (test client), SQLite, "
        f"{hasher}",
        "",
        "| form | registered email, median ms | new email, median ms | registered / new |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {form} | {known:.0f} | {new:.0f} | {known / new:.2f} |"
        for form, (known, new) in figures.items()
    ]
    lines += [
        "",
        "Lantern's form hashes the submitted password on the registered-email path too, so both",
        "paths cost one PBKDF2 hash; `tests/community/test_signup_timing.py` counts the hashes.",
        "On a busy machine the medians of one form move by tens of percent from run to run;",
        "a ratio far from 1 (as with allauth's form) is what would tell emails apart.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="Print, do not write RESULTS.md.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        _setup(Path(folder) / "bench.sqlite3")
        figures = {label: _measure(form, run) for run, (label, form) in enumerate(FORMS.items())}
    section = _section(figures)
    print(section)
    if not args.no_write:
        replace_section(HEADING, section)
        print("wrote bench/RESULTS.md")


if __name__ == "__main__":
    main()
