"""Requests per second for the groups pages under daphne and gunicorn, on a fresh SQLite database.

Fills a throwaway database with one busy group (10,000 posts across 500 threads, reactions on
them) and 99 more listed groups. Then, for daphne (one process, `community.asgi`) and for
gunicorn (two workers, `community.wsgi`) in turn: starts the server on 127.0.0.1 with DEBUG off,
logs in as a member through the real login page, and measures a trivial view, the directory,
the busy group's page and a 50-post thread page, then the trivial view again, each with a bounded
number of requests from a few client threads. Each page is also given as a ratio against the
trivial view on the same server in the same run, which holds better than the bare figures when
other work shares the machine. Loopback only.

    make bench                       # or: .venv/bin/python bench/groups_bench.py
    .venv/bin/python bench/groups_bench.py --requests 200 --concurrency 4 --no-write
    .venv/bin/python bench/groups_bench.py --server gunicorn --no-write

The figures, with the machine and the date, are added to the top of bench/RESULTS.md.
"""

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import (  # noqa: E402 - the repository root must be importable first
    BIN,
    HOST,
    RESULTS,
    TRIVIAL_PATH,
    get,
    load_average,
    log_in,
    machine,
    section_of,
    server_env,
    set_up_django,
    start_server,
)

HEADING = "# Groups benchmark results"
EMAIL = "bench-member@bench.lantern.test"
PASSWORD = "bench-password-2026"  # noqa: S105 - a throwaway account in a throwaway database
THREADS = 500
POSTS = 10_000
BIG_THREAD_POSTS = 50
OTHER_GROUPS = 99
PERSONAS = 200
# Authors of the measured thread's posts (personas 1 to 50): one is a host, one is blocked by
# the measured member.
HOST_PERSONA = 2
BLOCKED_PERSONA = 3
# The pages measured, each beside the trivial view. A page this build does not have (the member
# home and search come with issue 13's other parts) answers 404 and is reported as "not in this
# build" rather than measured.
PAGES = [
    ("directory (100 groups)", "/groups/"),
    ("group page (500 threads)", "{group}"),
    (f"thread page ({BIG_THREAD_POSTS} posts)", "{thread}"),
    ("member home", "/home/"),
    ("search (10,000 posts)", "/groups/search/?q=lawyer"),
]
WARM_UP_REQUESTS = 10
# Each page's requests come in this many rounds, alternating with the trivial view and the servers.
ROUNDS = 10
# --quick: a first look while working, printed only.
QUICK_REQUESTS = 100
QUICK_ROUNDS = 5
QUICK_WARM_UP = 5
GUNICORN_WORKERS = 2
# The load generator: ApacheBench when installed (Debian: apt-get install apache2-utils), else
# urllib from Python threads, which caps the trivial view and inflates every share of it.
AB = shutil.which("ab")
CLIENTS = ["ab", "urllib"]
# Seconds per page and server, and as much again for the trivial view beside it, in rounds of
# one second (ab's -t takes whole seconds).
AB_SECONDS = 6
QUICK_AB_SECONDS = 3
AB_MAX_REQUESTS = 50_000
AB_CONCURRENCY = 6
SERVERS = {
    "daphne": lambda port: [
        str(BIN / "daphne"), "-b", HOST, "-p", str(port), "community.asgi:application"
    ],
    "gunicorn": lambda port: [
        str(BIN / "gunicorn"), "--workers", str(GUNICORN_WORKERS), "--bind", f"{HOST}:{port}",
        "--log-level", "warning", "community.wsgi:application",
    ],
}  # fmt: skip

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
    # Search answers one member 60 times a minute (GROUPS_SEARCH_RATE); the bench is one
    # member asking thousands of times.
    return server_env(
        f"sqlite:///{database}",
        GROUPS_POSTS_PER_PAGE=str(BIG_THREAD_POSTS),
        GROUPS_SEARCH_RATE="1000000/m",
    )


def fill(database: Path) -> dict[str, str]:
    """Migrate and fill the database; returns the paths to measure."""
    set_up_django(_server_env(database))
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone

    from community.models import Account, Block, Persona, Space
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
            # Spread over three weeks, as in a living group: "3 days ago" costs more than "now".
            last_activity=now - timedelta(hours=n),
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
    # The measured thread page carries what members meet on it: two posts of the member's own
    # (Edit and Delete links), edited posts, a host's posts with the badge and a folded post by
    # a persona the member blocked in this group.
    for n in (10, 30):
        posts[n].author = personas[0]
    for n in range(5, BIG_THREAD_POSTS, 6):
        posts[n].edited_at = now
    posts = Post.objects.bulk_create(posts, batch_size=2000)
    # The measured thread's posts written over two weeks, the last one an hour ago.
    for n, post in enumerate(posts[:BIG_THREAD_POSTS]):
        Post.objects.filter(pk=post.pk).update(
            created=now - timedelta(hours=1 + 7 * (BIG_THREAD_POSTS - n))
        )
    Membership.objects.filter(group=busy, persona=personas[HOST_PERSONA]).update(
        role=Membership.Role.HOST
    )
    Block.objects.create(
        blocker=member,
        persona=personas[BLOCKED_PERSONA],
        blocked_account=personas[BLOCKED_PERSONA].account,
    )
    kinds = Reaction.Kind.values
    Reaction.objects.bulk_create(
        (
            Reaction(post=post, persona=personas[(n + k) % len(personas)], kind=kinds[k % 3])
            for n, post in enumerate(posts)
            for k in range(n % 4)
        ),
        batch_size=5000,
    )
    # The member's own reactions on the measured page: pressed buttons.
    Reaction.objects.bulk_create(
        (Reaction(post=post, persona=personas[0], kind=kinds[0]) for post in posts[:50:4]),
        ignore_conflicts=True,
    )
    paths = {
        "group": f"/groups/{busy.slug}/",
        "thread": f"/groups/{busy.slug}/threads/{threads[0].public_id}/",
    }
    return {name: template.format(**paths) for name, template in PAGES}


def batch(
    url: str, cookie: str, *, requests: int, seconds: int, concurrency: int, client: str
) -> dict:
    """GETs of `url`, `concurrency` at a time (`requests` of them from urllib; from ab, as
    many as fit in `seconds`): elapsed time, each request's latency, the answers that were not
    200 and the page's size."""
    if client == "ab":
        return _ab_batch(url, cookie, seconds=seconds, concurrency=concurrency)

    def one(_):
        started = time.perf_counter()
        status, body = get(url, cookie)
        return status, time.perf_counter() - started, len(body)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(one, range(requests)))
    return {
        "elapsed": time.perf_counter() - started,
        "latencies": [seconds for _, seconds, _ in results],
        "failures": sum(1 for status, _, _ in results if status != 200),
        "bytes": results[0][2],
    }


def _ab_batch(url: str, cookie: str, *, seconds: int, concurrency: int) -> dict:
    """The same batch from ApacheBench (`ab`, Debian's apache2-utils): a native client, so the
    figures are the server's rather than Python client threads' (those capped the trivial view
    near 490 requests/s on two cores). `-l`: pages whose length varies (a relative time, a
    token) are not failures; `-g`: each request's time, for the percentiles; `-t`: a time
    rather than a count, as a page and the trivial view differ fiftyfold."""
    with tempfile.NamedTemporaryFile("r", suffix=".tsv") as timings:
        # -t before -n: ab stops at the time limit, or at the (unreached) request count.
        command = [AB, "-q", "-l", "-t", str(seconds), "-n", str(AB_MAX_REQUESTS)]
        command += ["-c", str(concurrency)]
        for pair in filter(None, (part.strip() for part in cookie.split(";"))):
            command += ["-C", pair]
        command += ["-g", timings.name, url]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        rows = [line.split("\t") for line in timings.read().splitlines()[1:]]

    def figure(label: str, default: str | None = None) -> str:
        match = re.search(rf"^{label}:\s+([0-9.]+)", output, re.M)
        if match is None and default is None:
            raise SystemExit(f"ab printed no '{label}' for {url}:\n{output}")
        return match[1] if match else default

    if not rows:
        raise SystemExit(f"ab completed no request of {url}:\n{output}")
    return {
        "elapsed": float(figure("Time taken for tests")),
        "latencies": [int(row[4]) / 1000 for row in rows],  # ttime, ms
        "failures": int(figure("Non-2xx responses", "0")) + int(figure("Failed requests")),
        # The mean size: with -l, ab says "Variable" where the pages' lengths differ.
        "bytes": round(int(figure("HTML transferred")) / int(figure("Complete requests"))),
    }


def summary(batches: list[dict]) -> dict:
    """Requests per second, latency percentiles and failures over a page's batches."""
    latencies = sorted(seconds for done in batches for seconds in done["latencies"])
    return {
        "rps": len(latencies) / sum(done["elapsed"] for done in batches),
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[max(int(len(latencies) * 0.95) - 1, 0)] * 1000,
        "failures": sum(done["failures"] for done in batches),
        "bytes": batches[0]["bytes"],
    }


def run_section(results: dict, info: dict, args, load: str) -> list[str]:
    """The Markdown for one run: the machine, the load, one table row per server and page."""
    servers = sorted({server for server, _ in results}, key=list(SERVERS).index)
    lines = [
        f"## {info['date']}: {', '.join(servers)}",
        "",
        f"- Machine: {info['cpus']} CPUs (nproc), {info['cpu']}, {info['os']}",
        f"- Load average (1, 5, 15 min) when the run ended: {load}",
        f"- Python {info['python']}, Django {info['django']}, daphne {info['daphne']} "
        f"(one process), gunicorn {info['gunicorn']} ({GUNICORN_WORKERS} sync workers), "
        "SQLite (WAL)",
        f"- Data: {POSTS:,} posts across {THREADS} threads in one group, reactions on 3 of 4 "
        f"posts, {OTHER_GROUPS + 1} listed groups; logged in as a member; the thread page has "
        "the member's own posts and reactions, edited posts, a host's badge and a folded "
        "post by a persona the member blocked",
        (
            f"- Load: ApacheBench (ab, no keep-alive) for {args.seconds} s per page and "
            f"server, {args.concurrency} requests at once"
            if args.client == "ab"
            else f"- Load: urllib, {args.requests} requests per page and server, "
            f"{args.concurrency} client threads"
        )
        + f" on the same machine, in {args.rounds} rounds that alternate the page and the "
        "trivial view on each server in turn, after "
        f"{args.warm_up} warm-up requests; DEBUG off" + ("; `--quick`" if args.quick else ""),
        "- trivial req/s: the trivial view in the rounds alongside that page; x trivial: that "
        "divided by the page's requests/s, i.e. what one page costs in trivial requests on the "
        "same server under the same load; % of trivial: the page's requests/s as a share of "
        "the trivial view's (issue 13's target: at least 3% for the group and thread pages "
        "under gunicorn)",
        "",
        "| server | page | requests/s | p50 ms | p95 ms | non-200 | bytes | trivial req/s "
        "| x trivial | % of trivial |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for (server, name), figures in results.items():
        if figures is None:
            lines.append(f"| {server} | {name} | not in this build | | | | | | | |")
            continue
        page, trivial = figures["page"], figures["trivial"]
        lines.append(
            f"| {server} | {name} | {page['rps']:.1f} | {page['p50_ms']:.1f} "
            f"| {page['p95_ms']:.1f} | {page['failures']} | {page['bytes']:,} "
            f"| {trivial['rps']:.1f} | {trivial['rps'] / page['rps']:.1f} "
            f"| {100 * page['rps'] / trivial['rps']:.1f}% |"
        )
    return lines + [""]


def write_results(path: Path, section: list[str]) -> None:
    """Put the new run on top of this benchmark's part of RESULTS.md, wherever that part is
    (search's part comes first, issue 13 asks for its figure first); earlier runs stay below
    it, each under its own date, and the other benchmarks' parts as they are."""
    text = path.read_text() if path.exists() else ""
    earlier = section_of(HEADING, text)
    _, _, earlier_runs = earlier.partition("\n## ")
    intro = [
        HEADING,
        "",
        "Produced by `make bench` (`bench/groups_bench.py`), newest run first; see "
        "`bench/README.md`.",
        "",
    ]
    part = "\n".join(intro + section)
    if earlier_runs:
        part += "\n## " + earlier_runs
    part = part.rstrip("\n") + "\n\n"
    text = text.replace(earlier, part, 1) if earlier else part + text.lstrip("\n")
    path.write_text(text.rstrip("\n") + "\n")


def start(server: str, database: Path, stack: ExitStack) -> str:
    """Start `server` on a free loopback port (stopped when `stack` closes); its base URL."""
    return start_server(server, SERVERS[server], _server_env(database), stack)


def measure_all(bases: dict[str, str], paths: dict[str, str], args) -> dict:
    """Each page on each server, in rounds alternating page and trivial view and servers, so
    that whatever else the machine does weighs on all of them alike. A page that answers 404
    on the first server is not in this build: it is reported so (None), never measured."""
    cookies = {server: log_in(base, EMAIL, PASSWORD) for server, base in bases.items()}
    per_round = {
        "requests": max(args.requests // args.rounds, 1),
        "seconds": 1,
        "concurrency": args.concurrency,
        "client": args.client,
    }
    results = {}
    for name, path in paths.items():
        first = next(iter(bases))
        if get(bases[first] + path, cookies[first])[0] == 404:
            for server in bases:
                results[server, name] = None
                print(f"{server:8} {name:26} not in this build (404)", flush=True)
            continue
        done = {server: {"page": [], "trivial": []} for server in bases}
        for server, base in bases.items():
            for url in (base + path, base + TRIVIAL_PATH):  # connections, caches, templates
                for _ in range(args.warm_up):
                    get(url, cookies[server])
        for _ in range(args.rounds):
            for server, base in bases.items():
                for kind, url in (("page", base + path), ("trivial", base + TRIVIAL_PATH)):
                    done[server][kind].append(batch(url, cookies[server], **per_round))
        for server in bases:
            results[server, name] = {kind: summary(done[server][kind]) for kind in done[server]}
            print_figures(server, name, results[server, name])
    return results


def print_figures(server: str, name: str, figures: dict) -> None:
    page, trivial = figures["page"], figures["trivial"]
    print(
        f"{server:8} {name:26} {page['rps']:6.1f} req/s  p50 {page['p50_ms']:6.1f} ms  "
        f"p95 {page['p95_ms']:6.1f} ms  trivial {trivial['rps']:6.1f} req/s  "
        f"x trivial {trivial['rps'] / page['rps']:5.1f} "
        f"({100 * page['rps'] / trivial['rps']:.1f}%)  "
        f"non-200 {page['failures'] + trivial['failures']}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per page and server")
    parser.add_argument(
        "--seconds",
        type=int,
        default=AB_SECONDS,
        help="with ab: seconds per page and server (the trivial view gets as much again)",
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        help=f"requests at once (default: {AB_CONCURRENCY} with ab, 4 client threads with urllib)",
    )
    parser.add_argument(
        "--server", choices=[*SERVERS, "both"], default="both", help="which server to measure"
    )
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument(
        "--client",
        choices=CLIENTS,
        default="ab" if AB else "urllib",
        help="load generator: ApacheBench (ab, the default when installed) or Python threads",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"a first look: {QUICK_REQUESTS} requests per page in {QUICK_ROUNDS} rounds, "
        "gunicorn only unless --server says otherwise, printed only",
    )
    args = parser.parse_args()
    args.rounds, args.warm_up = ROUNDS, WARM_UP_REQUESTS
    if args.quick:
        args.rounds, args.warm_up, args.no_write = QUICK_ROUNDS, QUICK_WARM_UP, True
        if args.requests == parser.get_default("requests"):
            args.requests = QUICK_REQUESTS
        if args.seconds == parser.get_default("seconds"):
            args.seconds = QUICK_AB_SECONDS
        if args.server == "both" and "--server" not in sys.argv:
            args.server = "gunicorn"
    if args.concurrency is None:
        args.concurrency = AB_CONCURRENCY if args.client == "ab" else 4
    if not 0 < args.seconds <= 60:
        parser.error("keep it bounded: at most 60 seconds per page and server")
    if args.client == "ab":
        args.rounds = args.seconds  # one second each
    if args.client == "ab" and AB is None:
        parser.error("ab is not installed: apt-get install apache2-utils, or --client urllib")
    if not args.rounds <= args.requests <= 5000 or not 1 <= args.concurrency <= 16:
        parser.error(f"keep it bounded: {args.rounds}-5000 requests, 1-16 client threads")
    servers = list(SERVERS) if args.server == "both" else [args.server]

    with tempfile.TemporaryDirectory(prefix="lantern-bench-") as folder:
        database = Path(folder) / "bench.sqlite3"
        started = time.perf_counter()
        paths = fill(database)
        print(f"filled {database} in {time.perf_counter() - started:.1f} s", flush=True)
        with ExitStack() as stack:
            bases = {server: start(server, database, stack) for server in servers}
            results = measure_all(bases, paths, args)
    section = run_section(results, machine(), args, load_average())
    if not args.no_write:
        write_results(RESULTS, section)
        print("wrote bench/RESULTS.md")
    failures = sum(
        figures[kind]["failures"]
        for figures in results.values()
        if figures is not None
        for kind in figures
    )
    if failures:
        raise SystemExit(f"{failures} requests did not answer 200.")


if __name__ == "__main__":
    main()
