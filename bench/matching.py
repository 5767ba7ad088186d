"""Mentor matching's batch assignment over 2,000 waiting requests and 500 mentors (issue 12).

Two measurements of one generated pool (seeded, so every run solves the same problem):

1. **core**: `mentoring.matching.assign_batch` on the pool as plain dataclasses (the score
   matrix and SciPy's `linear_sum_assignment`), against a greedy loop in the same run (each
   request in turn takes its best mentor still free), the baseline of every ratio.
2. **end to end**: `mentoring.services.run_batch_assignment` on a throwaway SQLite database
   holding the same pool: loading it (`mentoring.pools`), solving, and writing a proposal per
   match, with the number of queries.

Time is the median of `--rounds` runs; peak memory is measured in one more run of each under
`tracemalloc` (which slows what it traces, so never during the timed runs). tracemalloc sees
Python's and NumPy's allocations, not the solver's own C++ working memory: the process's peak
resident memory is given beside it.

    make bench-matching
    .venv/bin/python bench/matching.py --requests 500 --mentors 100 --no-write

Not a timed test: the figures depend on the machine and are read by a person.
"""

import argparse
import gc
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._common import RESULTS, load_average, replace_section, section_of  # noqa: E402
from mentoring import matching  # noqa: E402 - the repository root comes first

HEADING = "# Mentor matching results"
SEED = 2026
FOCUS_AREAS = 12
# Languages and how often members speak them (a member speaks one to three).
LANGUAGES = {"en": 70, "es": 25, "fr": 10, "de": 8, "pt-br": 8, "hi": 6, "zh-hans": 5,
             "ar": 4, "ja": 3, "ru": 3}  # fmt: skip
ZONES = ["America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York",
         "America/Sao_Paulo", "Europe/London", "Europe/Berlin", "Europe/Athens", "Africa/Lagos",
         "Africa/Nairobi", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Tokyo",
         "Australia/Sydney", "Pacific/Auckland"]  # fmt: skip
EMPLOYERS = 400  # companies members name (0 to 3 each), so some pairs share one
BLOCKS_PER_REQUEST = 0.75  # mentee -> mentor blocks, on average
GUARDS_PER_REQUEST = 0.075


@dataclass
class Person:
    account: int
    languages: list[str]
    focus_areas: list[int]
    zone: str
    employers: list[int]
    capacity: int = 0


@dataclass
class Pool:
    mentees: list[Person]
    mentors: list[Person]
    blocked: set[tuple[int, int]] = field(default_factory=set)  # (mentee, mentor) accounts
    guarded: set[tuple[int, int]] = field(default_factory=set)


def make_pool(request_count: int, mentor_count: int, seed: int = SEED) -> Pool:
    rng = random.Random(seed)
    languages, weights = list(LANGUAGES), list(LANGUAGES.values())

    def person(account: int, *, mentor: bool) -> Person:
        spoken = {"en"} if rng.random() < 0.6 else set()
        spoken |= set(rng.choices(languages, weights, k=rng.randint(1, 2)))
        areas = rng.sample(range(FOCUS_AREAS), rng.randint(2, 5) if mentor else rng.randint(1, 3))
        named = rng.sample(range(EMPLOYERS), rng.randint(1, 3)) if rng.random() < 0.6 else []
        return Person(
            account=account,
            languages=sorted(spoken),
            focus_areas=sorted(areas),
            zone=rng.choice(ZONES),
            employers=named,
            capacity=rng.randint(1, 5) if mentor else 0,
        )

    mentees = [person(number, mentor=False) for number in range(1, request_count + 1)]
    mentors = [person(request_count + number, mentor=True) for number in range(1, mentor_count + 1)]
    pool = Pool(mentees=mentees, mentors=mentors)
    for _ in range(int(request_count * BLOCKS_PER_REQUEST)):
        pool.blocked.add((rng.choice(mentees).account, rng.choice(mentors).account))
    for _ in range(int(request_count * GUARDS_PER_REQUEST)):
        pool.guarded.add((rng.choice(mentees).account, rng.choice(mentors).account))
    return pool


def _offset(zone: str, now: datetime) -> int:
    return int(now.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset().total_seconds() // 60)


def as_dataclasses(pool: Pool):
    now = datetime.now(UTC)
    requests = [
        matching.Request(
            id=person.account,
            account=person.account,
            languages=frozenset(person.languages),
            focus_areas=frozenset(person.focus_areas),
            utc_offset=_offset(person.zone, now),
            employers=frozenset(str(employer) for employer in person.employers),
        )
        for person in pool.mentees
    ]
    mentors = [
        matching.Mentor(
            id=person.account,
            account=person.account,
            languages=frozenset(person.languages),
            focus_areas=frozenset(person.focus_areas),
            utc_offset=_offset(person.zone, now),
            capacity=person.capacity,
            employers=frozenset(str(employer) for employer in person.employers),
        )
        for person in pool.mentors
    ]
    pairs = matching.Pairs(
        blocked=frozenset(matching.pair(*two) for two in pool.blocked),
        guarded=frozenset(matching.pair(*two) for two in pool.guarded),
    )
    return requests, mentors, pairs


def greedy(requests, mentors, pairs) -> list[matching.Match]:
    """The baseline: each request in id order takes the best mentor still free for it (the
    same score and constraints as the batch; each place taken lowers the mentor's fairness
    term for the next, as the batch's slots do)."""
    taken = {mentor.id: 0 for mentor in mentors}
    matches = []
    for request in sorted(requests, key=lambda request: request.id):
        best: tuple[int, int] | None = None
        for mentor in mentors:
            slot = taken[mentor.id]
            if slot >= mentor.free or not matching.can_pair(request, mentor, pairs):
                continue
            candidate = (-matching.score(request, mentor, slot), mentor.id)
            if best is None or candidate < best:
                best = candidate
        if best is not None:
            taken[best[1]] += 1
            matches.append(matching.Match(request=request.id, mentor=best[1], score=-best[0]))
    return matches


def timed(function: Callable, rounds: int) -> tuple[float, object]:
    """Median seconds of `rounds` calls, and the last call's result."""
    seconds, result = [], None
    for _ in range(rounds):
        gc.collect()
        started = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), result


def traced_peak(function: Callable) -> float:
    """Peak MiB traced by tracemalloc during one call."""
    gc.collect()
    tracemalloc.start()
    try:
        function()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_core(pool: Pool, rounds: int) -> dict[str, dict]:
    requests, mentors, pairs = as_dataclasses(pool)
    rows = {}
    for name, function, its_rounds in (
        ("batch (assign_batch)", lambda: matching.assign_batch(requests, mentors, pairs), rounds),
        ("greedy loop", lambda: greedy(requests, mentors, pairs), max(1, rounds // 2)),
    ):
        seconds, matches = timed(function, its_rounds)
        rows[name] = {
            "seconds": seconds,
            "rounds": its_rounds,
            "peak_mib": traced_peak(function),
            "matched": len(matches),
            "total": matching.total_score(matches, requests, mentors),
        }
    rows["batch (assign_batch)"]["columns"] = sum(mentor.free for mentor in mentors)
    return rows


def _setup_django(database: Path) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="community.settings",
        DEBUG="0",  # DEBUG would keep every query in memory and skew the peak
        SECRET_KEY="bench-only-" + "x" * 50,
        DATABASE_URL=f"sqlite:///{database}",
        ALLOWED_HOSTS="127.0.0.1",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        LOG_LEVEL="WARNING",
    )
    for variable in ("REDIS_URL",):
        os.environ.pop(variable, None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def fill_database(pool: Pool) -> object:
    """The pool as rows, in bulk: accounts, approved mentor profiles (each with its persona in
    a space of its own), waiting requests, employer entries, blocks and guard rows. Returns a
    staff account to run the batch as."""
    from community.models import Account, Block, Persona, Space
    from community.pseudonyms import name_key
    from mentoring import spaces
    from mentoring.employers import employer_digest
    from mentoring.models import EmployerEntry, FocusArea, MentorProfile, MentorshipRequest
    from moderation.models import RetaliationGuard

    people = pool.mentees + pool.mentors
    unusable = "!"  # noqa: S105 - an unusable password hash: nobody logs in as these
    Account.objects.bulk_create(
        Account(id=person.account, email=f"m{person.account}@bench.lantern.test", password=unusable)
        for person in people
    )
    staff = Account.objects.create(
        email="staff@bench.lantern.test", password=unusable, is_staff=True
    )
    areas = FocusArea.objects.bulk_create(
        FocusArea(name=f"Area {number}", order=number) for number in range(FOCUS_AREAS)
    )
    mentor_spaces = Space.objects.bulk_create(Space(kind=spaces.MENTOR) for _ in pool.mentors)
    personas = Persona.objects.bulk_create(
        Persona(
            space=space,
            account_id=person.account,
            name=f"Mentor {number}",
            name_key=name_key(f"Mentor {number}"),
        )
        for number, (space, person) in enumerate(zip(mentor_spaces, pool.mentors, strict=True))
    )
    profiles = MentorProfile.objects.bulk_create(
        MentorProfile(
            account_id=person.account,
            persona=persona,
            languages=person.languages,
            time_zone=person.zone,
            capacity=person.capacity,
            status=MentorProfile.Status.APPROVED,
        )
        for person, persona in zip(pool.mentors, personas, strict=True)
    )
    MentorProfile.focus_areas.through.objects.bulk_create(
        MentorProfile.focus_areas.through(mentorprofile_id=profile.pk, focusarea_id=areas[i].pk)
        for profile, person in zip(profiles, pool.mentors, strict=True)
        for i in person.focus_areas
    )
    requests = MentorshipRequest.objects.bulk_create(
        MentorshipRequest(
            mentee_id=person.account, languages=person.languages, time_zone=person.zone
        )
        for person in pool.mentees
    )
    MentorshipRequest.focus_areas.through.objects.bulk_create(
        MentorshipRequest.focus_areas.through(
            mentorshiprequest_id=request.pk, focusarea_id=areas[i].pk
        )
        for request, person in zip(requests, pool.mentees, strict=True)
        for i in person.focus_areas
    )
    digests = {number: employer_digest(f"Company {number}") for number in range(EMPLOYERS)}
    EmployerEntry.objects.bulk_create(
        EmployerEntry(account_id=person.account, digest=digests[number])
        for person in people
        for number in person.employers
    )
    persona_of = {
        person.account: persona for person, persona in zip(pool.mentors, personas, strict=True)
    }
    Block.objects.bulk_create(
        Block(blocker_id=mentee, persona=persona_of[mentor], blocked_account_id=mentor)
        for mentee, mentor in sorted(pool.blocked)
    )
    RetaliationGuard.objects.bulk_create(
        RetaliationGuard(flagger_id=mentee, sanctioned_id=mentor)
        for mentee, mentor in sorted(pool.guarded)
    )
    return staff


def measure_end_to_end(pool: Pool, rounds: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mentoring.models import MentorshipRequest, Proposal
    from mentoring.services import run_batch_assignment

    staff = fill_database(pool)

    def reset():
        Proposal.objects.all().delete()
        MentorshipRequest.objects.update(state=MentorshipRequest.State.WAITING)

    def run():
        return run_batch_assignment(coordinator=staff)

    seconds = []
    for _ in range(rounds):
        reset()
        gc.collect()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            proposals = run()
        seconds.append(time.perf_counter() - started)
    reset()
    return {
        "seconds": statistics.median(seconds),
        "rounds": rounds,
        "peak_mib": traced_peak(run),
        "matched": len(proposals),
        "queries": len(queries.captured_queries),
    }


def run_lines(pool: Pool, core: dict, end_to_end: dict | None, rounds: int) -> list[str]:
    import django
    import numpy
    import scipy

    batch, greedy_row = core["batch (assign_batch)"], core["greedy loop"]
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    lines = [
        f"## {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: {len(pool.mentees):,} requests, "
        f"{len(pool.mentors):,} mentors",
        "",
        f"- Machine: {os.cpu_count()} CPUs (nproc), {model}, {platform.system()} "
        f"{platform.release()}",
        f"- Load average (1, 5, 15 min) when the run ended: {load_average()}",
        f"- Python {platform.python_version()}, Django {django.get_version()}, NumPy "
        f"{numpy.__version__}, SciPy {scipy.__version__}; SQLite for the end-to-end run",
        f"- Pool (seed {SEED}): {len(pool.mentees):,} waiting requests, {len(pool.mentors):,} "
        f"approved mentors with {batch['columns']:,} free places in all, {FOCUS_AREAS} focus "
        f"areas, {len(LANGUAGES)} languages, {len(ZONES)} time zones, {len(pool.blocked):,} "
        f"blocks and {len(pool.guarded):,} guarded pairs between them, {EMPLOYERS} employers",
        f"- Time: median of {rounds} runs (the greedy loop: {greedy_row['rounds']}); peak "
        "memory: one more run under tracemalloc (Python and NumPy allocations; not SciPy's C++ "
        f"working memory). Process peak resident memory at the end: {max_rss_mib():,.0f} MiB",
        "",
        "| run | seconds | peak MiB (traced) | matched | total score | x greedy time | "
        "x greedy memory | x greedy score |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, row in core.items():
        lines.append(
            f"| core: {name} | {row['seconds']:.2f} | {row['peak_mib']:.2f} | {row['matched']:,} "
            f"| {row['total']:,} | {row['seconds'] / greedy_row['seconds']:.2f} "
            f"| {row['peak_mib'] / greedy_row['peak_mib']:.2f} "
            f"| {row['total'] / max(greedy_row['total'], 1):.3f} |"
        )
    if end_to_end is not None:
        row = end_to_end
        lines.append(
            f"| end to end: run_batch_assignment ({row['queries']:,} queries) | "
            f"{row['seconds']:.2f} | {row['peak_mib']:.2f} | {row['matched']:,} | | "
            f"{row['seconds'] / greedy_row['seconds']:.2f} "
            f"| {row['peak_mib'] / greedy_row['peak_mib']:.2f} | |"
        )
    lines.append("")
    return lines


def write_results(run: list[str], path: Path = RESULTS) -> None:
    """The new run on top of this benchmark's section; earlier runs stay below it."""
    earlier = section_of(HEADING, path.read_text() if path.exists() else "")
    _, _, earlier_runs = earlier.partition("\n## ")
    intro = [
        HEADING,
        "",
        "Produced by `make bench-matching` (`bench/matching.py`), newest run first; see "
        "`bench/README.md`. Issue #12: the batch assignment of waiting requests to mentors.",
        "",
    ]
    text = "\n".join(intro + run)
    if earlier_runs:
        text += "\n## " + earlier_runs
    replace_section(HEADING, text, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--mentors", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--core-only", action="store_true", help="Skip the database run.")
    parser.add_argument("--no-write", action="store_true", help="Print, do not write RESULTS.md.")
    args = parser.parse_args()
    pool = make_pool(args.requests, args.mentors)
    core = measure_core(pool, args.rounds)
    end_to_end = None
    if not args.core_only:
        with tempfile.TemporaryDirectory() as folder:
            _setup_django(Path(folder) / "bench.sqlite3")
            end_to_end = measure_end_to_end(pool, max(1, args.rounds // 2))
    lines = run_lines(pool, core, end_to_end, args.rounds)
    print("\n".join(lines))
    if not args.no_write:
        write_results(lines)
        print("wrote bench/RESULTS.md")


if __name__ == "__main__":
    main()
