"""In-process timings and profiles of the groups pages, to see where a page's time goes.

Fills the same throwaway SQLite database as `groups_bench.py` (one busy group, 10,000 posts)
and asks each page through Django's test client, logged in as the same member, in a loop: no
server, no client threads, nothing else in the way. Prints each page's median time and its
queries; with `--profile`, cProfile's top functions for each page (by own time and by
cumulative time). A tool for working on the pages; the figures that count are
`groups_bench.py`'s, against the trivial view under real servers.

    .venv/bin/python bench/profile_pages.py                       # medians and queries
    .venv/bin/python bench/profile_pages.py --profile thread      # where the thread page goes
"""

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import TRIVIAL_PATH  # noqa: E402 - the repository root first
from bench.groups_bench import EMAIL, fill  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50, help="requests per page (max 1000)")
    parser.add_argument(
        "--profile", default="", help="profile the pages whose name contains this word"
    )
    parser.add_argument("--lines", type=int, default=30, help="profile lines shown")
    parser.add_argument(
        "--callers", default="", help="with --profile: who calls the functions matching this"
    )
    args = parser.parse_args()
    if not 1 <= args.repeat <= 1000:
        parser.error("keep it bounded: 1-1000 requests per page")
    with tempfile.TemporaryDirectory(prefix="lantern-profile-") as folder:
        paths = fill(Path(folder) / "profile.sqlite3")
        from django.db import connection
        from django.test import Client

        from community.models import Account

        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(Account.objects.get(email=EMAIL))
        reference = None
        for name, path in {"trivial view": TRIVIAL_PATH, **paths}.items():
            if client.get(path).status_code == 404:
                print(f"{name:26} not in this build (404)")
                continue
            for _ in range(5):  # templates, URL resolvers, connections
                client.get(path)
            statements = []

            def count(execute, sql, params, many, context, statements=statements):
                statements.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                client.get(path)
            writes = [sql for sql in statements if not sql.lstrip().upper().startswith("SELECT")]
            times = []
            for _ in range(args.repeat):
                # CPU time of this process: other work on the machine does not count in it.
                started = time.process_time()
                response = client.get(path)
                times.append(time.process_time() - started)
            median = statistics.median(times)
            reference = reference or median
            print(
                f"{name:26} median {median * 1000:6.2f} ms CPU ({100 * reference / median:5.1f}% "
                "of trivial)  "
                f"min {min(times) * 1000:6.2f} ms  queries {len(statements)} "
                f"(writes {len(writes)})  {len(response.content):,} bytes",
                flush=True,
            )
            if args.profile and args.profile in name:
                profiler = cProfile.Profile()
                profiler.enable()
                for _ in range(args.repeat):
                    client.get(path)
                profiler.disable()
                for order in ("tottime", "cumulative"):
                    out = io.StringIO()
                    stats = pstats.Stats(profiler, stream=out).sort_stats(order)
                    stats.print_stats(args.lines)
                    print(out.getvalue())
                if args.callers:
                    out = io.StringIO()
                    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_callers(
                        args.callers
                    )
                    print(out.getvalue())


if __name__ == "__main__":
    main()
