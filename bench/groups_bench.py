"""Requests per second for the groups pages under daphne, on a fresh SQLite database.

Fills a throwaway database with one busy group (10,000 posts across 500 threads, reactions on
them) and 99 more listed groups, starts daphne on 127.0.0.1 with DEBUG off, logs in as a member
through the real login page, and measures the directory, the busy group's page and a 50-post
thread page with a bounded number of requests from a few client threads. Loopback only.

    make bench                       # or: .venv/bin/python bench/groups_bench.py
    .venv/bin/python bench/groups_bench.py --requests 200 --concurrency 4 --no-write

The figures, with the machine and the date, are written to bench/RESULTS.md.
"""

import argparse
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
EMAIL = "bench-member@bench.lantern.test"
PASSWORD = "bench-password-2026"  # noqa: S105 - a throwaway account in a throwaway database
THREADS = 500
POSTS = 10_000
BIG_THREAD_POSTS = 50
OTHER_GROUPS = 99
PERSONAS = 200

BODIES = [
    "Thank you for writing this. I went through something very similar last year.",
    "It took me months to say it out loud. **You are not alone** in this.",
    "What helped me:\n\n- writing everything down with dates\n- one trusted friend\n- rest",
    "I reported it to HR and then my reviews changed. Has anyone else seen that pattern?",
    "Sending you strength. Come back and tell us how the meeting went if you want to.",
    "> it was my fault\n\nIt was not. Reading this made me so angry on your behalf.",
    "A lawyer told me to keep copies of everything *outside* the company systems.",
    "Some days are fine and some are not. Today was not, and that's okay to say here.",
]


def _server_env(database: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "REDIS_"))
    }
    env.update(
        DEBUG="0",
        SECRET_KEY="bench-only-" + "x" * 50,
        DATABASE_URL=f"sqlite:///{database}",
        ALLOWED_HOSTS=HOST,
        # Plain http on loopback: the session cookie must not be Secure-only here.
        SECURE_COOKIES="0",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        GROUPS_POSTS_PER_PAGE=str(BIG_THREAD_POSTS),
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="community.settings",
    )
    return env


def fill(database: Path) -> dict[str, str]:
    """Migrate and fill the database; returns the paths to measure."""
    os.environ.update(_server_env(database))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone

    from community.models import Account, Persona, Space
    from community.rendering import render_markdown
    from groups.models import Group, Membership, Post, Reaction, Thread
    from groups.spaces import SPACE_KIND

    call_command("migrate", verbosity=0, interactive=False)
    member = Account.objects.create_user(EMAIL, PASSWORD)
    EmailAddress.objects.create(user=member, email=EMAIL, verified=True, primary=True)
    rendered = [(body, render_markdown(body)) for body in BODIES]

    def make_group(number: int, name: str, slug: str) -> Group:
        return Group.objects.create(
            space=Space.objects.create(kind=SPACE_KIND),
            name=name,
            slug=slug,
            description="A bench group.",
            guidelines="Be kind.",
            last_activity=timezone.now(),
        )

    busy = make_group(0, "Retaliation after reporting", "busy")
    for number in range(1, OTHER_GROUPS + 1):
        make_group(number, f"Bench group {number:03}", f"bench-{number}")
    accounts = Account.objects.bulk_create(
        Account(email=f"bench{n}@bench.lantern.test", password=make_password(None))
        for n in range(PERSONAS)
    )
    personas = Persona.objects.bulk_create(
        Persona(account=account, space=busy.space, name=f"Bench Heron {n}", name_key=f"bh{n}")
        for n, account in enumerate([member, *accounts])
    )
    Membership.objects.bulk_create(Membership(group=busy, persona=p) for p in personas)
    now = timezone.now()
    threads = Thread.objects.bulk_create(
        Thread(
            group=busy,
            author=personas[1 + n % PERSONAS],
            title=f"Bench thread {n}",
            content_warning="workplace retaliation" if n % 5 == 0 else "",
            last_activity=now,
        )
        for n in range(THREADS)
    )
    # The first thread gets 50 posts (the measured thread page); the rest share the remainder.
    per_thread = [BIG_THREAD_POSTS] + [0] * (THREADS - 1)
    for n in range(POSTS - BIG_THREAD_POSTS):
        per_thread[1 + n % (THREADS - 1)] += 1
    posts = []
    for index, (thread, count) in enumerate(zip(threads, per_thread, strict=True)):
        for n in range(count):
            body, html = rendered[(index + n) % len(rendered)]
            posts.append(
                Post(
                    thread=thread,
                    author=personas[1 + (index + n) % PERSONAS],
                    body=body,
                    body_html=html,
                    content_warning="a hard day" if n % 7 == 3 else "",
                )
            )
    posts = Post.objects.bulk_create(posts, batch_size=2000)
    kinds = Reaction.Kind.values
    Reaction.objects.bulk_create(
        (
            Reaction(post=post, persona=personas[(n + k) % len(personas)], kind=kinds[k % 3])
            for n, post in enumerate(posts)
            for k in range(n % 4)
        ),
        batch_size=5000,
    )
    return {
        "directory (100 groups)": "/groups/",
        "group page (500 threads)": f"/groups/{busy.slug}/",
        f"thread page ({BIG_THREAD_POSTS} posts)": (
            f"/groups/{busy.slug}/threads/{threads[0].public_id}/"
        ),
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _get(url: str, cookie: str = "") -> tuple[int, bytes]:
    # Only ever http://127.0.0.1:<port>/..., built by this script.
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def _wait_until_up(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("daphne exited before answering; see its output above.")
        try:
            if _get(base + "/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise SystemExit("daphne did not answer within 60 s.")


def log_in(base: str) -> str:
    """Log in through the real allauth page; returns the Cookie header for later requests."""
    jar = urllib.request.HTTPCookieProcessor()
    opener = urllib.request.build_opener(jar)
    page = opener.open(base + "/accounts/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    data = urllib.parse.urlencode(
        {"login": EMAIL, "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    opener.open(base + "/accounts/login/", data=data, timeout=30).read()
    cookies = {cookie.name: cookie.value for cookie in jar.cookiejar}
    if "sessionid" not in cookies:
        raise SystemExit("Logging in failed: no session cookie.")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def measure(url: str, cookie: str, *, requests: int, concurrency: int) -> dict:
    for _ in range(10):  # warm up: connections, caches, template loading
        _get(url, cookie)

    def one(_):
        started = time.perf_counter()
        status, body = _get(url, cookie)
        return status, time.perf_counter() - started, len(body)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(one, range(requests)))
    elapsed = time.perf_counter() - started
    latencies = sorted(seconds for _, seconds, _ in results)
    failures = sum(1 for status, _, _ in results if status != 200)
    return {
        "rps": requests / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "failures": failures,
        "bytes": results[0][2],
    }


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
        "os": f"{platform.system()} {platform.release()}",
        # Other work on the machine takes CPU from both server and client: say how much.
        "load": " / ".join(f"{value:.2f}" for value in os.getloadavg()),
    }


def write_results(path: Path, figures: dict, info: dict, args) -> None:
    lines = [
        "# Groups benchmark results",
        "",
        "Produced by `make bench` (`bench/groups_bench.py`); see `bench/README.md`.",
        "",
        f"- Date: {info['date']}",
        f"- Machine: {info['cpus']} CPUs (nproc), {info['cpu']}, {info['os']}",
        f"- Load average (1, 5, 15 min) when the run ended: {info['load']}",
        f"- Python {info['python']}, Django {info['django']}, daphne (one process), SQLite (WAL)",
        f"- Data: {POSTS:,} posts across {THREADS} threads in one group, reactions on 3 of 4 "
        f"posts, {OTHER_GROUPS + 1} listed groups; logged in as a member",
        f"- Load: {args.requests} requests per page, {args.concurrency} client threads, "
        "after 10 warm-up requests; DEBUG off",
        "",
        "| page | requests/s | p50 ms | p95 ms | non-200 | bytes |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, row in figures.items():
        lines.append(
            f"| {name} | {row['rps']:.1f} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} "
            f"| {row['failures']} | {row['bytes']:,} |"
        )
    lines += [
        "",
        "The client runs on the same machine and takes CPU from the server, so these figures "
        "are a floor for one daphne process, not a capacity estimate. At scale pages are served "
        "by WSGI workers (DESIGN.md §4).",
        "",
    ]
    path.write_text("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per page")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    if not 1 <= args.requests <= 5000 or not 1 <= args.concurrency <= 16:
        parser.error("keep it bounded: 1-5000 requests, 1-16 client threads")

    with tempfile.TemporaryDirectory(prefix="lantern-bench-") as folder:
        database = Path(folder) / "bench.sqlite3"
        started = time.perf_counter()
        paths = fill(database)
        print(f"filled {database} in {time.perf_counter() - started:.1f} s", flush=True)
        port = _free_port()
        base = f"http://{HOST}:{port}"
        daphne = Path(sys.executable).with_name("daphne")
        server = subprocess.Popen(
            [str(daphne), "-b", HOST, "-p", str(port), "community.asgi:application"],
            cwd=ROOT,
            env=_server_env(database),
            stdout=subprocess.DEVNULL,
        )
        try:
            _wait_until_up(base, server)
            cookie = log_in(base)
            figures = {}
            for name, path in paths.items():
                figures[name] = measure(
                    base + path, cookie, requests=args.requests, concurrency=args.concurrency
                )
                row = figures[name]
                print(
                    f"{name:28} {row['rps']:7.1f} req/s  p50 {row['p50_ms']:6.1f} ms  "
                    f"p95 {row['p95_ms']:6.1f} ms  non-200 {row['failures']}",
                    flush=True,
                )
        finally:
            server.terminate()
            server.wait(timeout=10)
    info = machine()
    if not args.no_write:
        write_results(ROOT / "bench" / "RESULTS.md", figures, info, args)
        print("wrote bench/RESULTS.md")
    if any(row["failures"] for row in figures.values()):
        raise SystemExit("Some requests did not answer 200.")


if __name__ == "__main__":
    main()
