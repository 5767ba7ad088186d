"""Search (groups/search.py) over 10,000 posts, in-process, on SQLite (FTS5) and PostgreSQL
(GIN indexes), with two references timed in the same run on the same data:

- **trivial**: one post fetched by primary key, the cheapest query there is;
- **scan**: the same visibility rules with `icontains` instead of the index (what search would
  cost without one; it finds fewer things: no stemming, no phrases).

Each backend runs in its own process (Django configures one database per process): the parent
starts `search_bench.py --child <backend>`, which migrates a throwaway database (a temporary
SQLite file; PostgreSQL's `--postgres-url` database, emptied before and dropped after), fills
it, times `--rounds` rounds of every query in turn and prints the times as JSON.

The data: 8 groups of 1,250 posts (50 threads of 25), 40 authors in each group; the searching
member is in 5 of the groups (so 6,250 posts are theirs to search) and blocked one author in
one of them. Bodies are 20 to 80 words drawn from a 2,000-word vocabulary with a Zipf-like
spread (some words in most posts, most words in few), plus a few set phrases.

    make bench-search
    .venv/bin/python bench/search_bench.py --rounds 20 --no-write
    .venv/bin/python bench/search_bench.py --backend sqlite --no-write

Not a timed test: the figures depend on the machine and are read by a person.
"""

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._common import (  # noqa: E402 - the repository root comes first
    RESULTS,
    load_average,
    machine,
    section_of,
    server_env,
    set_up_django,
)

HEADING = "# Search benchmark results"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/lt_search_bench"
SEED = 2026
GROUPS, MEMBER_GROUPS = 8, 5
THREADS_PER_GROUP, POSTS_PER_THREAD, AUTHORS_PER_GROUP = 50, 25, 40
VOCABULARY = 2000
PHRASES = ["hostile work environment", "performance review", "reported to HR", "my manager"]
# What people would type, from a word in most posts to one in none.
QUERIES = [
    ("common word", "word3"),
    ("mid word", "word120"),
    ("rare word", "word1700"),
    ("two words", "word5 word40"),
    ("phrase", '"performance review"'),
    ("title word", "topic17"),
    ("stemmed", "reporting"),
    ("no match", "nonexistentword"),
    ("punctuation", 'NEAR("word3" -word4*)'),
]


def words(rng: random.Random, count: int) -> list[str]:
    # Zipf-like: word n is drawn with weight 1/(n+1).
    return rng.choices(_WORDS, _WEIGHTS, k=count)


_WORDS = [f"word{n}" for n in range(VOCABULARY)]
_WEIGHTS = [1 / (n + 1) for n in range(VOCABULARY)]


def fill() -> dict:
    """Migrate and fill the database; returns what the timing needs."""
    from django.core.management import call_command
    from django.utils import timezone

    from community.models import Account, Block, Persona, Space
    from groups.models import Group, Membership, Post, Thread

    call_command("migrate", verbosity=0)
    rng = random.Random(SEED)
    now = timezone.now()
    reader = Account.objects.create(email="reader@bench.test")
    groups = []
    for number in range(GROUPS):
        space = Space.objects.create(kind="group")
        groups.append(
            Group.objects.create(
                space=space,
                name=f"Group {number}",
                slug=f"group-{number}",
                description="d",
                invite_token=f"bench-{number}",
            )
        )
    blocked = None
    for index, group in enumerate(groups):
        accounts = Account.objects.bulk_create(
            Account(email=f"a{index}-{n}@bench.test") for n in range(AUTHORS_PER_GROUP)
        )
        personas = Persona.objects.bulk_create(
            Persona(space_id=group.space_id, account=account, name=f"P{n}", name_key=f"p{n}")
            for n, account in enumerate(accounts)
        )
        Membership.objects.bulk_create(Membership(group=group, persona=p) for p in personas)
        if index < MEMBER_GROUPS:
            mine = Persona.objects.create(
                space_id=group.space_id, account=reader, name="Reader", name_key="reader"
            )
            Membership.objects.create(group=group, persona=mine)
        if index == 0:
            blocked = personas[0]
            Block.objects.create(blocker=reader, persona=blocked, blocked_account=accounts[0])
        threads = Thread.objects.bulk_create(
            Thread(
                group=group,
                author=rng.choice(personas),
                title=f"topic{number % 100} " + " ".join(words(rng, 5)),
                last_activity=now,
            )
            for number in range(THREADS_PER_GROUP)
        )
        posts = []
        for thread in threads:
            for _position in range(POSTS_PER_THREAD):
                body = words(rng, rng.randint(20, 80))
                if rng.random() < 0.05:
                    body.insert(rng.randrange(len(body)), rng.choice(PHRASES))
                if rng.random() < 0.02:
                    body.insert(0, "reported")
                text = " ".join(body)
                posts.append(
                    Post(
                        thread=thread,
                        author=rng.choice(personas),
                        body=text,
                        body_html=f"<p>{text}</p>",
                    )
                )
        created = Post.objects.bulk_create(posts)
        # Distinct times, in thread order, as replies would have them.
        stamp = now - timedelta(days=30)
        for offset, post in enumerate(created):
            post.created = stamp + timedelta(seconds=offset)
        Post.objects.bulk_update(created, ["created"], batch_size=1000)
    return {"reader": reader.pk, "posts": Post.objects.count()}


def timed(action, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def child(backend: str, rounds: int) -> dict:
    from django.db import connection, reset_queries
    from django.db.models import Q

    from community.models import Account
    from groups.models import Post
    from groups.search import parse_query, readable_posts, search

    filled = fill()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    reader = Account.objects.get(pk=filled["reader"])
    some_post = Post.objects.order_by("pk")[filled["posts"] // 2].pk

    def run_search(text):
        _query, page = search(reader, text)
        return page.paginator.count, len(page.object_list)

    def run_scan(text):
        query = parse_query(text)
        matches = readable_posts(reader)
        for word in query.words:
            matches = matches.filter(Q(body__icontains=word) | Q(thread__title__icontains=word))
        page = list(
            matches.select_related("thread__group", "author").order_by("-created", "-pk")[:20]
        )
        return matches.count(), len(page)

    def trivial():
        return Post.objects.filter(pk=some_post).values_list("body", flat=True).first()

    # Warm the caches (both databases' pages, Python's imports) before any timing.
    for _label, text in QUERIES:
        run_search(text)
        run_scan(text)
    times = {"trivial": [], "search": {label: [] for label, _ in QUERIES}}
    times["scan"] = {label: [] for label, _ in QUERIES}
    found = {}
    from django.conf import settings

    settings.DEBUG = True  # count queries for one search
    reset_queries()
    run_search(QUERIES[0][1])
    queries_per_search = len(connection.queries)
    settings.DEBUG = False
    # Interleaved: every round times each query once, so load on the machine hits all alike.
    for _ in range(rounds):
        times["trivial"] += timed(trivial, 1)
        for label, text in QUERIES:
            times["search"][label] += timed(lambda text=text: run_search(text), 1)
            times["scan"][label] += timed(lambda text=text: run_scan(text), 1)
    for label, text in QUERIES:
        found[label] = {"search": run_search(text)[0], "scan": run_scan(text)[0]}
    return {
        "backend": backend,
        "posts": filled["posts"],
        "readable": readable_posts(reader).count(),
        "queries_per_search": queries_per_search,
        "times": times,
        "found": found,
    }


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def run_child(backend: str, args) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        if backend == "sqlite":
            url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        else:
            url = args.postgres_url
            _reset_postgres(url)
        try:
            output = subprocess.run(
                [sys.executable, __file__, "--child", backend, "--rounds", str(args.rounds)],
                env=server_env(url),
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        finally:
            if backend == "postgresql":
                _drop_postgres(url)
    return json.loads(output.strip().splitlines()[-1])


def _postgres_admin(url: str, statement: str) -> None:
    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(statement)


def _drop_postgres(url: str) -> None:
    _postgres_admin(url, f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def _reset_postgres(url: str) -> None:
    _drop_postgres(url)
    _postgres_admin(url, f'CREATE DATABASE "{url.rsplit("/", 1)[1]}"')


def report(runs: list[dict], rounds: int) -> list[str]:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    facts = machine()
    lines = [
        f"## {now}: " + ", ".join(run["backend"] for run in runs),
        "",
        f"- Machine: {facts.get('cpus', '?')} CPUs, {facts.get('cpu', '')}, "
        f"{facts.get('os', '')}, Python {facts['python']}, Django {facts['django']}",
        f"- Load average (1, 5, 15 min) when the run ended: {load_average()}",
        f"- Data: {runs[0]['posts']:,} posts in {GROUPS} groups; the searching member reads "
        f"{runs[0]['readable']:,} of them ({MEMBER_GROUPS} groups, one author blocked)",
        f"- {rounds} rounds, each timing every query once (interleaved), after one warm-up; "
        "in-process, `groups.search.search` for page 1 (count + 20 results with snippets and "
        "links)",
        "- Queries per search: "
        + ", ".join(f"{run['backend']} {run['queries_per_search']}" for run in runs),
        "",
        "| backend | query | search p50 ms | search p95 ms | scan p50 ms | scan/search "
        "| x trivial | found (search / scan) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for run in runs:
        trivial = statistics.median(run["times"]["trivial"])
        all_search = []
        for label, _text in QUERIES:
            search_times = run["times"]["search"][label]
            scan_times = run["times"]["scan"][label]
            all_search += search_times
            p50 = statistics.median(search_times)
            scan = statistics.median(scan_times)
            found = run["found"][label]
            lines.append(
                f"| {run['backend']} | {label} | {p50:.1f} | {percentile(search_times, 0.95):.1f} "
                f"| {scan:.1f} | {scan / p50:.1f} | {p50 / trivial:.0f} "
                f"| {found['search']:,} / {found['scan']:,} |"
            )
        lines.append(
            f"| {run['backend']} | **all queries** | {statistics.median(all_search):.1f} "
            f"| {percentile(all_search, 0.95):.1f} | | | "
            f"{statistics.median(all_search) / trivial:.0f} | trivial p50 {trivial:.2f} ms |"
        )
    lines += [
        "",
        "- scan: `icontains` on body and title with the same visibility rules, no index; "
        "x trivial: search p50 over a primary-key fetch's p50 in the same run. "
        "found: matching posts (search stems and matches whole words, scan matches substrings, "
        'so "word3" also finds word30-word39 there).',
        "",
    ]
    return lines


def write_results(run: list[str], path: Path = RESULTS) -> None:
    """The new run on top of this benchmark's section, and the section at the top of the file
    (issue 13 asks for the search figure first); earlier runs stay below it."""
    text = path.read_text() if path.exists() else ""
    earlier = section_of(HEADING, text)
    _, _, earlier_runs = earlier.partition("\n## ")
    intro = [
        HEADING,
        "",
        "Produced by `make bench-search` (`bench/search_bench.py`), newest run first; see "
        "`bench/README.md`. Issue #13: search over 10,000 posts on SQLite and PostgreSQL.",
        "",
    ]
    section = "\n".join(intro + run)
    if earlier_runs:
        section += "\n## " + earlier_runs
    rest = text.replace(earlier, "", 1) if earlier else text
    path.write_text(section.rstrip("\n") + "\n\n" + rest.lstrip("\n"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--postgres-url", default=POSTGRES_URL, help="emptied, then dropped")
    parser.add_argument("--no-write", action="store_true", help="print, keep RESULTS.md")
    parser.add_argument("--child", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        set_up_django(dict(__import__("os").environ))
        print(json.dumps(child(args.child, args.rounds)))
        return
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    runs = []
    for backend in backends:
        print(f"{backend}: filling and timing...", flush=True)
        runs.append(run_child(backend, args))
    lines = report(runs, args.rounds)
    print("\n".join(lines))
    if not args.no_write:
        write_results(lines)
        print(f"Written to {RESULTS.relative_to(ROOT)}.")


if __name__ == "__main__":
    main()
