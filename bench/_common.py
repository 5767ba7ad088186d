"""What the benchmarks share: the servers' environment, starting a server on a free loopback
port, logging in through the real login page, plain HTTP from urllib, the machine's description
and writing a section of bench/RESULTS.md.

Everything here talks to 127.0.0.1 only, to servers a benchmark started itself.
"""

import os
import platform
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from contextlib import ExitStack
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"
HOST = "127.0.0.1"
BIN = Path(sys.executable).parent
SERVER_START_SECONDS = 60
REQUEST_TIMEOUT_SECONDS = 30
# The trivial view exists only in bench/settings.py's URLs, never in the product's; the
# benchmarks' servers run with these settings, and a server is up once the view answers.
SETTINGS_MODULE = "bench.settings"
TRIVIAL_PATH = "/bench/trivial/"


def server_env(database_url: str, **settings: str) -> dict[str, str]:
    """The environment of a benchmark's server (and of the process that fills its database):
    production settings on loopback, DEBUG off, and no database or Redis of the caller's."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "REDIS_"))
    }
    env.update(
        DEBUG="0",
        SECRET_KEY="bench-only-" + "x" * 50,
        DATABASE_URL=database_url,
        ALLOWED_HOSTS=HOST,
        # Plain http on loopback: the session cookie must not be Secure-only here.
        SECURE_COOKIES="0",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        LOG_LEVEL="WARNING",
        # No collectstatic here: WhiteNoise's warning about it would only clutter the output.
        PYTHONWARNINGS="ignore:No directory at:UserWarning",
        DJANGO_SETTINGS_MODULE=SETTINGS_MODULE,
    )
    env.update(settings)
    return env


def set_up_django(env: dict[str, str]) -> None:
    """Configure Django in this process with the servers' environment, to fill or read the
    benchmark's database through the ORM. Once per process: settings are read once."""
    # Drop the caller's DATABASE_*/REDIS_* too (server_env left them out), not just override.
    for key in set(os.environ) - set(env):
        del os.environ[key]
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A form's answer is the redirect itself (302 means stored), not the page it points to."""

    def redirect_request(self, *args, **kwargs):
        return None


_NOT_FOLLOWING = urllib.request.build_opener(_NoRedirect)


def get(url: str, cookie: str = "") -> tuple[int, bytes]:
    # Only ever http://127.0.0.1:<port>/..., built by a benchmark.
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_SECONDS) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def post(url: str, fields: dict[str, str], cookie: str) -> int:
    """POST a form as a browser would (CSRF token in `fields`); the status, redirects unfollowed."""
    request = urllib.request.Request(  # noqa: S310 - loopback URLs built by a benchmark
        url,
        data=urllib.parse.urlencode(fields).encode(),
        # Django checks the Referer of HTTPS requests only; this is plain http on loopback.
        headers={"Cookie": cookie},
    )
    try:
        with _NOT_FOLLOWING.open(request, timeout=REQUEST_TIMEOUT_SECONDS) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def csrf_token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]


def log_in(base: str, email: str, password: str) -> str:
    """Log in through the real allauth page; returns the Cookie header for later requests
    (the session and the CSRF cookie)."""
    jar = urllib.request.HTTPCookieProcessor()
    opener = urllib.request.build_opener(jar)
    page = opener.open(base + "/accounts/login/", timeout=REQUEST_TIMEOUT_SECONDS).read().decode()
    data = urllib.parse.urlencode(
        {"login": email, "password": password, "csrfmiddlewaretoken": csrf_token(page)}
    ).encode()
    opener.open(base + "/accounts/login/", data=data, timeout=REQUEST_TIMEOUT_SECONDS).read()
    cookies = {cookie.name: cookie.value for cookie in jar.cookiejar}
    if "sessionid" not in cookies:
        raise SystemExit(f"Logging in as {email} failed: no session cookie.")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def _wait_until_up(name: str, base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"{name} exited before answering; see its output.")
        try:
            if get(base + TRIVIAL_PATH)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise SystemExit(f"{name} did not answer within {SERVER_START_SECONDS} s.")


def start_server(
    name: str,
    command: Callable[[int], list[str]],
    env: dict[str, str],
    stack: ExitStack,
    stderr=None,
) -> str:
    """Start `command(port)` on a free loopback port and wait until it answers; it is stopped
    when `stack` closes. `stderr` is a file for its error output (default: this terminal).
    Returns its base URL."""
    return start_server_process(name, command, env, stack, stderr)[0]


def start_server_process(
    name: str,
    command: Callable[[int], list[str]],
    env: dict[str, str],
    stack: ExitStack,
    stderr=None,
) -> tuple[str, subprocess.Popen]:
    """`start_server`, also returning the process (to read its memory and CPU time)."""
    port = free_port()
    process = subprocess.Popen(
        command(port),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
    )

    def stop():
        process.terminate()
        process.wait(timeout=30)

    stack.callback(stop)
    base = f"http://{HOST}:{port}"
    _wait_until_up(name, base, process)
    return base, process


def load_average() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def machine() -> dict[str, str]:
    import django

    model = platform.processor() or "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.M)
        model = found[1].strip() if found else model
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": str(os.cpu_count()),
        "cpu": model,
        "python": platform.python_version(),
        "django": django.get_version(),
        "daphne": metadata.version("daphne"),
        "gunicorn": metadata.version("gunicorn"),
        "os": f"{platform.system()} {platform.release()}",
    }


def replace_section(heading: str, section: str, path: Path = RESULTS) -> None:
    """Replace the part of RESULTS.md under the top-level `heading` (or add it at the end) with
    `section`, which starts with that heading; every other benchmark's part stays as it is."""
    text = path.read_text() if path.exists() else ""
    found = section_of(heading, text)
    if found:
        text = text.replace(found, section.rstrip("\n") + "\n\n", 1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text.rstrip("\n") + "\n")


def section_of(heading: str, text: str) -> str:
    """The part of `text` from the top-level `heading` to the next one (or the end); or ""."""
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^# |\Z)", re.MULTILINE | re.DOTALL)
    found = pattern.search(text)
    return found[0] if found else ""
