"""Concurrent posting: 20 members replying at once beside 8 readers, on SQLite and PostgreSQL.

Issue #9 asks that members posting at the same time lose nothing and half-write nothing, and
that no request fails with "database is locked". For each backend this makes a throwaway
database with one group, two threads, 20 poster and 8 reader accounts (all members), serves it
as the README says (SQLite: one daphne process through `community.serve`, as `make run`;
PostgreSQL: gunicorn with two workers and Redis for the cache), logs every account in through
the real login page and runs two patterns on a thread each:

- spread: each poster sends `--replies` replies with small random pauses between them;
- burst: all posters send one reply at the same instant (a barrier), `--rounds` times;

while the readers load the thread's last page in a loop until the posters are done. Then it
counts what was stored against what was answered, and reads the servers' error output.
Loopback only; the SQLite database is a temporary file, the PostgreSQL one (`lt_bench`) and
the Redis database (5) are emptied before and after.

    make bench-posting               # or: .venv/bin/python bench/concurrent_posting.py
    .venv/bin/python bench/concurrent_posting.py --backend sqlite --replies 5 --no-write

Figures, with the machine and the date, go on top of this benchmark's section of
bench/RESULTS.md; the other sections stay as they are.
"""

import argparse
import json
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import (  # noqa: E402 - the repository root must be importable first
    BIN,
    HOST,
    RESULTS,
    csrf_token,
    get,
    load_average,
    log_in,
    machine,
    post,
    replace_section,
    section_of,
    server_env,
    set_up_django,
    start_server,
)

HEADING = "# Concurrent posting results"
POSTERS = 20
READERS = 8
PATTERNS = ("spread", "burst")
SPREAD_PAUSE_SECONDS = (0.05, 0.5)
# Raised for the run so that only real failures show: the posters send far faster than a
# person, and their bodies are all distinct anyway.
POST_RATE = "1000/m"
DUPLICATE_WINDOW_MINUTES = "0"
GUNICORN_WORKERS = 2
LOGIN_THREADS = 4
PASSWORD = "bench-password-2026"  # noqa: S105 - throwaway accounts in a throwaway database
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/lt_bench"
REDIS_URL = "redis://127.0.0.1:6379/5"
SERVER_ERRORS = ("database is locked", "Traceback")
SERVERS = {
    "sqlite": lambda port: [
        str(BIN / "python"), "-m", "community.serve", "-b", HOST, "-p", str(port),
        "community.asgi:application",
    ],
    "postgresql": lambda port: [
        str(BIN / "gunicorn"), "--workers", str(GUNICORN_WORKERS), "--bind", f"{HOST}:{port}",
        "--log-level", "warning", "community.wsgi:application",
    ],
}  # fmt: skip
SERVER_NAMES = {
    "sqlite": "SQLite (WAL), daphne (one process)",
    "postgresql": f"PostgreSQL, gunicorn ({GUNICORN_WORKERS} sync workers), Redis cache",
}


# --- The throwaway databases --------------------------------------------------------------


def _postgres_admin(url: str, statement: str) -> None:
    """Run `statement` on the server's `postgres` database (CREATE/DROP DATABASE need one)."""
    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(statement)


def _drop_postgres(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    # FORCE: a server still connected at the end of an interrupted run must not block it.
    _postgres_admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _reset_postgres(url: str) -> None:
    _drop_postgres(url)
    _postgres_admin(url, f'CREATE DATABASE "{url.rsplit("/", 1)[1]}"')


def _flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def _backend_env(backend: str, folder: Path, args) -> dict[str, str]:
    settings = {
        "GROUPS_POST_RATE": POST_RATE,
        "GROUPS_DUPLICATE_WINDOW_MINUTES": DUPLICATE_WINDOW_MINUTES,
    }
    if backend == "sqlite":
        return server_env(f"sqlite:///{folder / 'bench.sqlite3'}", **settings)
    return server_env(args.postgres_url, REDIS_URL=args.redis_url, **settings)


def fill() -> dict:
    """Migrate and seed: one group, a thread per pattern, the posters and the readers."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone

    from community.models import Account, Persona, Space
    from community.rendering import render_markdown
    from groups.models import Group, Membership, Post, Thread
    from groups.spaces import SPACE_KIND

    call_command("migrate", verbosity=0, interactive=False)
    now = timezone.now()
    group = Group.objects.create(
        space=Space.objects.create(kind=SPACE_KIND),
        name="Concurrent posting",
        slug="concurrent",
        description="A bench group.",
        last_activity=now,
    )
    emails = {
        "posters": [f"poster{n}@bench.lantern.test" for n in range(POSTERS)],
        "readers": [f"reader{n}@bench.lantern.test" for n in range(READERS)],
    }
    password = make_password(PASSWORD)  # one hash for all: logging in checks it either way
    accounts = Account.objects.bulk_create(
        Account(email=email, password=password) for email in emails["posters"] + emails["readers"]
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=account, email=account.email, verified=True, primary=True)
        for account in accounts
    )
    personas = Persona.objects.bulk_create(
        Persona(account=account, space=group.space, name=f"Bench Wren {n}", name_key=f"bw{n}")
        for n, account in enumerate(accounts)
    )
    Membership.objects.bulk_create(Membership(group=group, persona=p) for p in personas)
    threads = {}
    for pattern in PATTERNS:
        thread = Thread.objects.create(
            group=group, author=personas[-1], title=f"Posting at once: {pattern}", last_activity=now
        )
        body = "Tell us how today went."
        Post.objects.create(
            thread=thread, author=personas[-1], body=body, body_html=render_markdown(body)
        )
        threads[pattern] = str(thread.public_id)
    return {"emails": emails, "threads": threads, "group": group.slug}


def stored(sent: dict[str, list], threads: dict[str, str]) -> dict:
    """What the database holds against what was sent, per pattern (the thread's seed post
    aside): lost, duplicated, unrendered posts, and last_activity behind the newest post."""
    from groups.models import Group, Post

    group = Group.objects.get()
    figures = {}
    for pattern, records in sent.items():
        posts = list(
            Post.objects.filter(thread__public_id=threads[pattern])
            .select_related("thread")
            .order_by("created")[1:]
        )
        bodies = Counter(post.body for post in posts)
        answered = {record["body"] for record in records if record["status"] == 302}
        newest = max((post.created for post in posts), default=None)
        thread = posts[0].thread if posts else None
        figures[pattern] = {
            "stored": len(posts),
            "lost": len(answered - set(bodies)),
            "duplicated": sum(count - 1 for count in bodies.values()),
            "stored_without_302": len(set(bodies) - answered),
            "unrendered": sum(1 for post in posts if not post.body_html.strip()),
            "thread_behind": bool(newest and thread.last_activity < newest),
            "group_behind": bool(newest and group.last_activity < newest),
        }
    return figures


# --- The clients ----------------------------------------------------------------------------


def _reply(base: str, thread: str, cookie: str, token: str, body: str) -> dict:
    """One reply as the browser sends it: the form's CSRF token and a fresh client_id."""
    fields = {
        "csrfmiddlewaretoken": token,
        "client_id": str(uuid.uuid4()),
        "body": body,
        "content_warning": "",
    }
    started = time.perf_counter()
    try:
        status = post(base + thread + "reply/", fields, cookie)
    except OSError as error:  # no answer at all: refused, reset or timed out
        status = type(error).__name__
    return {"body": body, "status": status, "seconds": time.perf_counter() - started}


def _poster(base, thread, cookie, pattern, number, args, barrier) -> list[dict]:
    status, page = get(base + thread + "?page=last", cookie)
    if status != 200:
        return [{"body": "", "status": f"form page {status}", "seconds": 0.0}]
    token = csrf_token(page.decode())
    records = []
    count = args.replies if pattern == "spread" else args.rounds
    for reply in range(count):
        if pattern == "spread":
            time.sleep(random.uniform(*SPREAD_PAUSE_SECONDS))
        else:
            barrier.wait()
        body = f"**{pattern}** reply {reply} from poster {number} ({uuid.uuid4().hex[:12]})"
        records.append(_reply(base, thread, cookie, token, body))
    return records


def _reader(base: str, thread: str, cookie: str, done: threading.Event) -> Counter:
    answers = Counter()
    while not done.is_set():
        try:
            answers[get(base + thread + "?page=last", cookie)[0]] += 1
        except OSError as error:
            answers[type(error).__name__] += 1
    return answers


def run_pattern(base: str, thread: str, cookies: dict, pattern: str, args) -> dict:
    """The posters' replies and the readers' pages, all at once, until the posters finish."""
    done = threading.Event()
    barrier = threading.Barrier(POSTERS)
    with ThreadPoolExecutor(max_workers=POSTERS + READERS) as pool:
        readers = [pool.submit(_reader, base, thread, c, done) for c in cookies["readers"]]
        started = time.perf_counter()
        posters = [
            pool.submit(_poster, base, thread, cookie, pattern, number, args, barrier)
            for number, cookie in enumerate(cookies["posters"])
        ]
        records = [record for poster in posters for record in poster.result()]
        elapsed = time.perf_counter() - started
        done.set()
        pages = sum((reader.result() for reader in readers), Counter())
    return {"records": records, "elapsed": elapsed, "pages": dict(pages)}


def _log_in_all(base: str, emails: dict[str, list[str]]) -> dict[str, list[str]]:
    with ThreadPoolExecutor(max_workers=LOGIN_THREADS) as pool:
        return {
            kind: list(pool.map(lambda email: log_in(base, email, PASSWORD), addresses))
            for kind, addresses in emails.items()
        }


def _database_version() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        version = connection.pg_version
        return f"PostgreSQL {version // 10000}.{version % 10000}"
    return f"SQLite {connection.Database.sqlite_version}"


def _server_error_lines(log: Path, offset: int) -> tuple[dict[str, int], int]:
    """Lines of the server's error output since `offset` naming each error; the new offset."""
    with log.open("rb") as output:
        output.seek(offset)
        text = output.read()
    lines = text.decode(errors="replace").splitlines()
    counts = {needle: sum(1 for line in lines if needle in line) for needle in SERVER_ERRORS}
    return counts, offset + len(text)


def run_backend(backend: str, args) -> dict:
    """Everything for one backend, in this process (Django is set up once per process)."""
    with tempfile.TemporaryDirectory(prefix="lantern-bench-posting-") as folder:
        env = _backend_env(backend, Path(folder), args)
        if backend == "postgresql":
            _reset_postgres(args.postgres_url)
            _flush_redis(args.redis_url)
        set_up_django(env)
        seeded = fill()
        database_version = _database_version()
        from django.db import connections

        # The servers are the only writers from here on; this process reads after they stop.
        connections.close_all()
        log = Path(folder) / "server-stderr.log"
        runs, server_errors, offset = {}, {}, 0
        with ExitStack() as stack, log.open("w") as stderr:
            base = start_server(backend, SERVERS[backend], env, stack, stderr=stderr)
            cookies = _log_in_all(base, seeded["emails"])
            for pattern in PATTERNS:
                thread = f"/groups/{seeded['group']}/threads/{seeded['threads'][pattern]}/"
                runs[pattern] = run_pattern(base, thread, cookies, pattern, args)
                # The first pattern's lines include the server's start and the logins.
                server_errors[pattern], offset = _server_error_lines(log, offset)
                _print_run(backend, pattern, runs[pattern])
        sent = {pattern: run["records"] for pattern, run in runs.items()}
        figures = stored(sent, seeded["threads"])
        if any(server_errors[pattern]["Traceback"] for pattern in PATTERNS):
            print(log.read_text(errors="replace")[-4000:], file=sys.stderr)
        connections.close_all()
        if backend == "postgresql":
            _drop_postgres(args.postgres_url)
            _flush_redis(args.redis_url)
    return {
        "database": database_version,
        "patterns": {
            pattern: {**_summary(runs[pattern], figures[pattern]), **server_errors[pattern]}
            for pattern in PATTERNS
        },
    }


def _summary(run: dict, figures: dict) -> dict:
    statuses = Counter(str(record["status"]) for record in run["records"])
    errors_5xx = sum(n for status, n in statuses.items() if status.startswith("5"))
    pages = run["pages"]
    return {
        **figures,
        "sent": len(run["records"]),
        "statuses": dict(statuses),
        "answered_302": statuses["302"],
        "errors_5xx": errors_5xx,
        "errors_429": statuses["429"],
        # Any other answer (400, 403, 404...) or none at all (refused, reset, timed out).
        "errors_other": len(run["records"]) - statuses["302"] - errors_5xx - statuses["429"],
        "reply_p95_ms": _percentile([record["seconds"] for record in run["records"]], 0.95) * 1000,
        "seconds": run["elapsed"],
        "pages_read": sum(pages.values()),
        "page_errors": sum(n for status, n in pages.items() if status != 200),
        "pages_per_second": sum(pages.values()) / run["elapsed"],
    }


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(int(len(ordered) * fraction) - 1, 0)] if ordered else 0.0


def _print_run(backend: str, pattern: str, run: dict) -> None:
    statuses = Counter(str(record["status"]) for record in run["records"])
    print(
        f"{backend:10} {pattern:6} {len(run['records'])} replies in {run['elapsed']:.1f} s, "
        f"answers {dict(statuses)}; reader pages {run['pages']}",
        flush=True,
    )


# --- The report -----------------------------------------------------------------------------


def run_section(results: dict, info: dict, args, loads: tuple[str, str]) -> list[str]:
    """The Markdown for one run: the machine, the load, a row per backend and pattern."""
    lines = [
        f"## {info['date']}: {', '.join(results)}",
        "",
        f"- Machine: {info['cpus']} CPUs (nproc), {info['cpu']}, {info['os']}",
        f"- Load average (1, 5, 15 min) before the run: {loads[0]}; after: {loads[1]}",
        f"- Python {info['python']}, Django {info['django']}, daphne {info['daphne']}, "
        f"gunicorn {info['gunicorn']}; "
        + "; ".join(f"{SERVER_NAMES[name]}: {run['database']}" for name, run in results.items()),
        f"- {POSTERS} posters and {READERS} readers, all members, logged in through the allauth "
        f"login page; spread: {args.replies} replies per poster, {SPREAD_PAUSE_SECONDS[0]}-"
        f"{SPREAD_PAUSE_SECONDS[1]} s apart at random; burst: {args.rounds} rounds of one reply "
        "per poster released together by a barrier; readers load the thread's last page in a "
        f"loop until the posters are done; GROUPS_POST_RATE {POST_RATE}, "
        f"GROUPS_DUPLICATE_WINDOW_MINUTES {DUPLICATE_WINDOW_MINUTES}; DEBUG off",
        "- lost: answered 302 but not stored; duplicated: stored more than once; half-written: "
        "posts without rendered HTML, and whether the thread's or group's last_activity is "
        "older than its newest post; errors: answers other than 302 (5xx / 429 / other, "
        "other including no answer); server lines: lines of the server's error output during "
        "the pattern (a failed request logs a chained traceback: two of each)",
        "",
        "| backend | pattern | posters | readers | replies sent | 302 | stored | lost "
        '| duplicated | half-written | errors 5xx / 429 / other | "database is locked" lines '
        "| Traceback lines | reply p95 ms | reader pages | reader errors | reader pages/s |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: "
        "| ---: | ---: | ---: | ---: |",
    ]
    for backend, result in results.items():
        for pattern, row in result["patterns"].items():
            behind = [name for name in ("thread", "group") if row[f"{name}_behind"]]
            half_written = f"{row['unrendered']}" + (
                f", {' and '.join(behind)} behind" if behind else ""
            )
            lines.append(
                f"| {backend} | {pattern} | {POSTERS} | {READERS} | {row['sent']} "
                f"| {row['answered_302']} | {row['stored']} | {row['lost']} "
                f"| {row['duplicated']} | {half_written} "
                f"| {row['errors_5xx']} / {row['errors_429']} / {row['errors_other']} "
                f"| {row['database is locked']} | {row['Traceback']} | {row['reply_p95_ms']:.0f} "
                f"| {row['pages_read']} | {row['page_errors']} | {row['pages_per_second']:.1f} |"
            )
    return lines + [""]


def write_results(run: list[str], path: Path = RESULTS) -> None:
    """The new run on top of this benchmark's section; earlier runs stay below it."""
    earlier = section_of(HEADING, path.read_text() if path.exists() else "")
    _, _, earlier_runs = earlier.partition("\n## ")
    intro = [
        HEADING,
        "",
        "Produced by `make bench-posting` (`bench/concurrent_posting.py`), newest run first; see "
        "`bench/README.md`. Issue #9: members posting at once lose nothing, half-write nothing "
        'and never meet "database is locked".',
        "",
    ]
    text = "\n".join(intro + run)
    if earlier_runs:
        text += "\n## " + earlier_runs
    replace_section(HEADING, text, path)


def failures(results: dict) -> int:
    return sum(
        row["lost"] + row["duplicated"] + row["unrendered"] + row["thread_behind"]
        + row["group_behind"] + row["sent"] - row["answered_302"] + row["database is locked"]
        + row["Traceback"] + row["page_errors"]
        for result in results.values()
        for row in result["patterns"].values()
    )  # fmt: skip


def _in_child(backend: str, args) -> dict:
    """One backend in a fresh process: Django's settings, and so its database, are per process."""
    with tempfile.TemporaryDirectory(prefix="lantern-bench-posting-") as folder:
        figures = Path(folder) / "figures.json"
        options = ["--replies", str(args.replies), "--rounds", str(args.rounds)]
        options += ["--postgres-url", args.postgres_url, "--redis-url", args.redis_url]
        subprocess.run(
            [sys.executable, __file__, "--backend", backend, *options, "--figures-to", figures],
            check=True,
        )
        return json.loads(figures.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=[*SERVERS, "both"], default="both")
    parser.add_argument("--replies", type=int, default=10, help="spread: replies per poster")
    parser.add_argument("--rounds", type=int, default=5, help="burst: replies per poster")
    parser.add_argument("--postgres-url", default=POSTGRES_URL, help="emptied before and after")
    parser.add_argument("--redis-url", default=REDIS_URL, help="emptied before and after")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--figures-to", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not 1 <= args.replies <= 50 or not 1 <= args.rounds <= 20:
        parser.error("keep it bounded: 1-50 replies, 1-20 rounds")
    for url in (args.postgres_url, args.redis_url):
        if urllib.parse.urlsplit(url).hostname not in (HOST, "localhost"):
            parser.error(f"loopback only: {url}")
    if args.figures_to:
        args.figures_to.write_text(json.dumps(run_backend(args.backend, args)))
        return

    backends = list(SERVERS) if args.backend == "both" else [args.backend]
    before = load_average()
    results = {backend: _in_child(backend, args) for backend in backends}
    run = run_section(results, machine(), args, (before, load_average()))
    print("\n".join(run))
    if not args.no_write:
        write_results(run)
        print("wrote bench/RESULTS.md")
    if failed := failures(results):
        raise SystemExit(f"{failed} replies, pages or server lines went wrong; see above.")


if __name__ == "__main__":
    main()
