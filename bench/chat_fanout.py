"""Chat fan-out: N members in one live room, many of them sending, through real daphne.

Issue #10 ("Performance"). For each backend (the embedded default: SQLite, one daphne process,
the in-memory channel layer; and Redis: PostgreSQL, two daphne processes sharing rooms through
channels_redis) this seeds the demo (`seed_demo --members N`), signs every demo member in (a
session made by Django's test client, as a login would), and for each room size N and each
target starts fresh daphne processes and measures, with N real WebSocket clients (`websockets`):

- memory per idle connection: the servers' resident memory with N sockets open and idle,
  less what it was before they connected, divided by N;
- latency: `--rate` messages a second in all (default 5), sent in turn by `--senders` members
  (default 20), for `--latency-seconds`; from send to each member's receipt (the sender's own
  copy, its acknowledgement, included): p50, p95, p99;
- saturation: the same senders each send again as soon as their previous message came back,
  for `--saturation-seconds`: deliveries a second, from the first send to the last receipt;
- lost: deliveries never received (after the room went quiet), in both phases; refused:
  messages the server answered with an `error` frame; and what the servers logged when all N
  sockets closed at once.

Targets: `bare` is Channels' tutorial chat consumer (bench/bare_consumer.py) on the tutorial's
channel layer settings (BENCH_STOCK_CHANNEL_LAYER): the reference every ratio is taken against.
`bare+layer` is the same consumer on Lantern's layer settings, which separates what the layer
gives from what the consumer gives; `room` is Lantern's consumer (chat.consumers) at
/ws/rooms/<id>/, measured once it exists. With Redis, `bare+layer` and `room` run on each layer
of `--redis-layers` (channels_redis' core and pub/sub layers).

Loopback only; the SQLite database is a temporary file, PostgreSQL database `lt_bench` and
Redis database 11 are emptied before and after.

    make bench-chat               # or: .venv/bin/python bench/chat_fanout.py
    .venv/bin/python bench/chat_fanout.py --backend embedded --members 50 --no-write

Figures, with the machine and the date, go on top of this benchmark's section of
bench/RESULTS.md; the other sections stay as they are.
"""

import argparse
import asyncio
import contextlib
import importlib.util
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import (  # noqa: E402 - the repository root must be importable first
    BIN,
    HOST,
    RESULTS,
    load_average,
    machine,
    replace_section,
    section_of,
    server_env,
    set_up_django,
    start_server_process,
)

HEADING = "# Chat fan-out results"
BACKENDS = ("embedded", "redis")
MEMBERS = (50, 200, 500)
REDIS_LAYERS = ("pubsub", "core")
REDIS_WORKERS = 2
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/lt_bench"
REDIS_URL = "redis://127.0.0.1:6379/11"
# Sockets opened at once while members join: a crowd arriving, not a stampede.
CONNECT_CONCURRENCY = 25
CONNECT_TIMEOUT_SECONDS = 30
# Before memory is read, and between phases.
SETTLE_SECONDS = 2.0
# A phase's deliveries are complete when all arrived, or nothing arrived for this long.
QUIET_SECONDS = 5.0
DRAIN_LIMIT_SECONDS = 90.0
# A saturation sender that never gets its message back gives up waiting after this long.
ACK_TIMEOUT_SECONDS = 15.0
# Raised for the run: the senders write far faster than people do, and the limits would refuse
# them (that is what they are for); only real failures should show.
SERVER_SETTINGS = {"CHAT_MESSAGE_RATE": "1000000/m", "CHAT_CONNECTION_FRAME_RATE": "1000000/10s"}
CLIENT_OPTIONS = {"compression": None, "ping_interval": None, "max_size": 2**20}
MARK = re.compile(r"bench-(r\d+[lsb]\d+)")
CONSUMER_PATHS = {"bare": "/ws/bare/{room}/", "room": "/ws/rooms/{room}/"}
SERVER_ERRORS = ("Traceback", "Error", "error")


# --- The targets ------------------------------------------------------------------------------


def targets(backend: str, args) -> list[dict]:
    """What is measured at each N, in this order: the reference first."""
    stock = {"BENCH_STOCK_CHANNEL_LAYER": "1"}
    room = args.consumers == "all" and importlib.util.find_spec("chat.consumers") is not None
    if backend == "embedded":
        found = [
            {"name": "bare", "consumer": "bare", "layer": "Channels' in-memory", "env": stock},
            {"name": "bare+layer", "consumer": "bare", "layer": "Lantern's in-memory", "env": {}},
        ]
        if room:
            found.append({"name": "room", "consumer": "room", "layer": "Lantern's", "env": {}})
        return found
    found = [{"name": "bare", "consumer": "bare", "layer": "core, defaults", "env": stock}]
    for layer in args.redis_layers:
        settings = {"REDIS_CHANNEL_LAYER": layer}
        found.append({"name": f"bare+{layer}", "consumer": "bare", "layer": layer, "env": settings})
        if room:
            found.append(
                {"name": f"room+{layer}", "consumer": "room", "layer": layer, "env": settings}
            )
    return found


# --- The throwaway databases and the demo members ---------------------------------------------


def _postgres_admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(statement)


def _drop_postgres(url: str) -> None:
    _postgres_admin(url, f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def _flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def _backend_env(backend: str, folder: Path, args) -> dict[str, str]:
    settings = {**SERVER_SETTINGS, **dict(args.setting)}
    if backend == "embedded":
        return server_env(f"sqlite:///{folder / 'bench.sqlite3'}", **settings)
    return server_env(args.postgres_url, REDIS_URL=args.redis_url, **settings)


def seed(members: int) -> tuple[str, list[str]]:
    """Migrate, `seed_demo --members N`, and a session for each extra demo member: the live
    room's public id and the members' session cookies, member1 first."""
    from io import StringIO

    from django.core.management import call_command
    from django.test import Client, override_settings

    from community.models import Account

    call_command("migrate", verbosity=0, interactive=False)
    output = StringIO()
    with override_settings(DEBUG=True):  # seed_demo refuses to run without it
        call_command("seed_demo", "--json", "--members", str(members), stdout=output)
    seeded = json.loads(output.getvalue())
    [room] = [room for room in seeded["rooms"] if room["live"]]
    emails = [entry["email"] for entry in seeded["accounts"][3:]]
    by_email = Account.objects.in_bulk(emails, field_name="email")
    cookies = []
    for email in emails:
        # A session exactly as logging in makes it, without hashing the password N times.
        client = Client()
        client.force_login(by_email[email])
        cookies.append(f"sessionid={client.cookies['sessionid'].value}")
    return room["public_id"], cookies


# --- The servers --------------------------------------------------------------------------------


def _daphne(port: int) -> list[str]:
    return [
        str(BIN / "python"), "-m", "community.serve", "-b", HOST, "-p", str(port),
        "bench.asgi:application",
    ]  # fmt: skip


def _rss_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)[1])


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- The clients --------------------------------------------------------------------------------


class Tally:
    """Every message sent and every copy received, by the members' readers."""

    def __init__(self, members: int):
        self.members = members
        self.sent: dict[str, tuple[float, int, str]] = {}  # uid: (time, sender, phase)
        self.by_client_id: dict[str, str] = {}
        self.received: dict[str, set[int]] = {}
        # By phase: l(atency), s(aturation), b(urst).
        self.latencies: dict[str, list[float]] = {"l": [], "s": [], "b": []}
        self.ack_latencies: dict[str, list[float]] = {"l": [], "s": [], "b": []}
        self.last: dict[str, float] = {}
        self.acks: dict[str, asyncio.Event] = {}
        self.refused: set[str] = set()
        self.errors: dict[str, int] = {}
        self.duplicates = 0
        self.delivered = 0

    def sending(self, uid: str, client_id: str, sender: int, phase: str) -> None:
        self.sent[uid] = (time.perf_counter(), sender, phase)
        self.by_client_id[client_id] = uid
        self.received[uid] = set()
        self.acks[uid] = asyncio.Event()

    def receipt(self, member: int, uid: str, now: float) -> None:
        if uid not in self.sent:
            return  # an earlier run's message (the room consumer's history)
        seen = self.received[uid]
        if member in seen:
            self.duplicates += 1
            return
        seen.add(member)
        self.delivered += 1
        sent_at, sender, phase = self.sent[uid]
        self.latencies[phase].append(now - sent_at)
        self.last[phase] = now
        if member == sender:
            self.ack_latencies[phase].append(now - sent_at)
            self.acks[uid].set()

    def error(self, raw: str) -> None:
        frame = json.loads(raw)
        if frame.get("type") != "error":
            return
        self.errors[frame.get("code", "?")] = self.errors.get(frame.get("code", "?"), 0) + 1
        uid = self.by_client_id.get(frame.get("ref") or "")
        if uid:
            self.refused.add(uid)
            self.acks[uid].set()

    def expected(self) -> int:
        return sum(1 for uid in self.sent if uid not in self.refused) * self.members

    def lost(self, phase: str) -> int:
        return sum(
            self.members - len(self.received[uid])
            for uid, (_, _, sent_phase) in self.sent.items()
            if sent_phase == phase and uid not in self.refused
        )


class Member:
    def __init__(self, index: int, cookie: str):
        self.index = index
        self.cookie = cookie
        self.socket = None
        self.reader = None
        self.closed_with = None

    async def connect(self, url: str, origin: str, consumer: str, tally: Tally) -> None:
        import websockets

        self.socket = await websockets.connect(
            url,
            origin=origin,
            additional_headers={"Cookie": self.cookie},
            open_timeout=CONNECT_TIMEOUT_SECONDS,
            **CLIENT_OPTIONS,
        )
        if consumer == "room":
            # The hello (recent messages included) comes first; anything else is a refusal.
            hello = await asyncio.wait_for(self.socket.recv(), CONNECT_TIMEOUT_SECONDS)
            if json.loads(hello).get("type") != "hello":
                raise RuntimeError(f"no hello: {hello[:200]}")
        self.reader = asyncio.create_task(self.read(tally))

    async def read(self, tally: Tally) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            async for raw in self.socket:
                now = time.perf_counter()
                found = MARK.search(raw)
                if found:
                    tally.receipt(self.index, found[1], now)
                elif '"error"' in raw:
                    tally.error(raw)
        except ConnectionClosed:
            pass
        self.closed_with = self.socket.close_code

    async def send(self, tally: Tally, uid: str, phase: str) -> None:
        client_id = str(uuid.uuid4())
        tally.sending(uid, client_id, self.index, phase)
        frame = {"type": "message.send", "client_id": client_id, "body": f"bench-{uid}"}
        await self.socket.send(json.dumps(frame))


async def _connect_all(members, urls, origins, consumer, tally) -> int:
    """Every member's socket, CONNECT_CONCURRENCY at a time; the number that failed."""
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def one(member):
        async with gate:
            server = member.index % len(urls)
            await member.connect(urls[server], origins[server], consumer, tally)

    outcomes = await asyncio.gather(*(one(member) for member in members), return_exceptions=True)
    failed = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
    if failed:
        print(f"  {len(failed)} sockets failed to open, e.g. {failed[0]!r}", flush=True)
    return len(failed)


async def _drain(tally: Tally) -> None:
    """Until every copy arrived, or nothing arrived for QUIET_SECONDS."""
    started = last_change = time.perf_counter()
    seen = tally.delivered
    while tally.delivered < tally.expected():
        await asyncio.sleep(0.1)
        now = time.perf_counter()
        if tally.delivered != seen:
            seen, last_change = tally.delivered, now
        if now - last_change > QUIET_SECONDS or now - started > DRAIN_LIMIT_SECONDS:
            return


async def _paced(senders, tally, run: str, rate: float, seconds: float) -> None:
    """`rate` messages a second in all, each from the next sender in turn."""
    started = time.perf_counter()
    for number in range(int(rate * seconds)):
        await asyncio.sleep(max(0.0, started + number / rate - time.perf_counter()))
        await senders[number % len(senders)].send(tally, f"{run}l{number}", "l")


async def _burst(senders, tally, run: str, each: int) -> None:
    """Every sender sends `each` messages at once, without waiting: a room where twenty people
    answer the same question. A channel holds them all, or drops what exceeds its capacity."""
    counter = iter(range(10**9))

    async def sender(member):
        for _ in range(each):
            await member.send(tally, f"{run}b{next(counter)}", "b")

    await asyncio.gather(*(sender(member) for member in senders))


async def _flat_out(senders, tally, run: str, seconds: float) -> float:
    """Each sender sends again as soon as its own message came back. Returns the start."""
    started = time.perf_counter()
    deadline = started + seconds
    counter = iter(range(10**9))

    async def sender(member):
        while time.perf_counter() < deadline:
            uid = f"{run}s{next(counter)}"
            await member.send(tally, uid, "s")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(tally.acks[uid].wait(), ACK_TIMEOUT_SECONDS)

    await asyncio.gather(*(sender(member) for member in senders))
    return started


def _profile(pid: int, name: str, args) -> subprocess.Popen:
    """py-spy's samples of a server during the saturation phase, as collapsed stacks."""
    args.profile.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(
        [str(BIN / "py-spy"), "record", "--pid", str(pid), "--nonblocking", "--format", "raw",
         "--duration", str(int(args.saturation_seconds)), "--output", str(args.profile / name)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * fraction), len(ordered) - 1)] if ordered else 0.0


async def measure(bases, pids, consumer, room, cookies, args, run: str) -> dict:
    """One target at one room size, on freshly started servers."""
    count = len(cookies)
    path = CONSUMER_PATHS[consumer].format(room=room)
    urls = [base.replace("http", "ws", 1) + path for base in bases]
    tally = Tally(count)
    # Warm up (imports, the first database connection), then read memory before the crowd.
    warm = [Member(index, cookie) for index, cookie in enumerate(cookies[: len(bases)])]
    await _connect_all(warm, urls, bases, consumer, Tally(len(warm)))
    await asyncio.gather(*(member.socket.close() for member in warm))
    await asyncio.sleep(SETTLE_SECONDS)
    rss_before = sum(_rss_kib(pid) for pid in pids)

    members = [Member(index, cookie) for index, cookie in enumerate(cookies)]
    started = time.perf_counter()
    failed = await _connect_all(members, urls, bases, consumer, tally)
    connect_seconds = time.perf_counter() - started
    await asyncio.sleep(SETTLE_SECONDS)
    rss_idle = sum(_rss_kib(pid) for pid in pids)
    members = [member for member in members if member.reader is not None]
    # A socket that never opened is counted as failed, not as N lost copies of everything.
    tally.members = len(members)
    step = max(1, len(members) // args.senders)
    senders = members[::step][: args.senders]

    await _paced(senders, tally, run, args.rate, args.latency_seconds)
    await _drain(tally)
    await asyncio.sleep(SETTLE_SECONDS)

    cpu_before = sum(_cpu_seconds(pid) for pid in pids)
    client_before = time.process_time()
    delivered_before = tally.delivered
    profilers = [_profile(pid, f"{run}-{pid}", args) for pid in pids] if args.profile else []
    flat_started = await _flat_out(senders, tally, run, args.saturation_seconds)
    for profiler in profilers:
        profiler.wait()
    await _drain(tally)
    saturation_deliveries = tally.delivered - delivered_before
    server_cpu = sum(_cpu_seconds(pid) for pid in pids) - cpu_before
    client_cpu = time.process_time() - client_before
    saturation_seconds = tally.last.get("s", flat_started) - flat_started

    if args.burst:
        await asyncio.sleep(SETTLE_SECONDS)
        await _burst(senders, tally, run, args.burst)
        await _drain(tally)

    # Everyone leaves at once (a worker restart, a session end): the layer must cope.
    await asyncio.gather(*(member.socket.close() for member in members))
    await asyncio.gather(*(member.reader for member in members))
    await asyncio.sleep(SETTLE_SECONDS)
    latency = tally.latencies["l"]
    sent_flat = sum(1 for _, _, phase in tally.sent.values() if phase == "s")
    return {
        "members": count,
        "connect_failed": failed,
        "connect_seconds": connect_seconds,
        "idle_kib_per_socket": (rss_idle - rss_before) / count,
        "rss_idle_mib": rss_idle / 1024,
        "latency_messages": sum(1 for _, _, phase in tally.sent.values() if phase == "l"),
        "p50_ms": _percentile(latency, 0.50) * 1000,
        "p95_ms": _percentile(latency, 0.95) * 1000,
        "p99_ms": _percentile(latency, 0.99) * 1000,
        "latency_lost": tally.lost("l"),
        # The sender's own copy: for room, the message stored and acknowledged.
        "ack_p99_ms": _percentile(tally.ack_latencies["l"], 0.99) * 1000,
        "saturation_messages": sent_flat,
        "deliveries_per_second": saturation_deliveries / saturation_seconds
        if saturation_seconds > 0
        else 0.0,
        "saturation_lost": tally.lost("s"),
        "burst_messages": sum(1 for _, _, phase in tally.sent.values() if phase == "b"),
        "burst_lost": tally.lost("b"),
        "saturation_p99_ms": _percentile(tally.latencies["s"], 0.99) * 1000,
        "refused": len(tally.refused),
        "errors": tally.errors,
        "duplicates": tally.duplicates,
        "server_cpu_ms_per_1k": server_cpu * 1e6 / saturation_deliveries
        if saturation_deliveries
        else 0.0,
        "client_cpu_share": client_cpu / (time.perf_counter() - flat_started),
        "closed_early": sum(1 for member in members if member.closed_with not in (None, 1000)),
    }


def _server_error_lines(log: Path) -> int:
    lines = log.read_text(errors="replace").splitlines()
    return sum(1 for line in lines if any(word in line for word in SERVER_ERRORS))


def _redis_connections(env: dict) -> int:
    """Connections Redis has accepted so far (all clients): the layer's pool growth shows."""
    if "REDIS_URL" not in env:
        return 0
    import redis

    return redis.Redis.from_url(env["REDIS_URL"]).info("stats")["total_connections_received"]


def run_target(target: dict, members: int, env: dict, room: str, cookies, folder, args, run):
    workers = REDIS_WORKERS if "REDIS_URL" in env else 1
    log = Path(folder) / f"{run}-{target['name']}-{members}.log"
    connections_before = _redis_connections(env)
    with ExitStack() as stack, log.open("w") as stderr:
        started = [
            start_server_process("daphne", _daphne, {**env, **target["env"]}, stack, stderr)
            for _ in range(workers)
        ]
        bases = [base for base, _ in started]
        pids = [process.pid for _, process in started]
        figures = asyncio.run(
            measure(bases, pids, target["consumer"], room, cookies[:members], args, run)
        )
    # Less the monitoring connections these two calls make (one each).
    figures["redis_connections"] = max(0, _redis_connections(env) - connections_before - 1)
    figures["server_error_lines"] = _server_error_lines(log)
    if figures["server_error_lines"]:
        print(log.read_text(errors="replace")[-3000:], file=sys.stderr)
    return figures


def run_backend(backend: str, args) -> dict:
    """Every target at every room size on one backend, in this process."""
    with tempfile.TemporaryDirectory(prefix="lantern-bench-chat-") as folder:
        env = _backend_env(backend, Path(folder), args)
        if backend == "redis":
            _drop_postgres(args.postgres_url)
            _postgres_admin(
                args.postgres_url, f'CREATE DATABASE "{args.postgres_url.rsplit("/", 1)[1]}"'
            )
            _flush_redis(args.redis_url)
        set_up_django(env)
        room, cookies = seed(max(args.members))
        from django.db import connections

        connections.close_all()
        rows = []
        for members in args.members:
            # Rounds alternate the targets, so a burst of other work on the machine falls on
            # all of them rather than on one; the ratios use each target's median.
            for round_number in range(args.rounds):
                for target in targets(backend, args):
                    if args.only and target["name"] not in args.only:
                        continue
                    run = f"r{len(rows)}"
                    figures = run_target(target, members, env, room, cookies, folder, args, run)
                    rows.append({**target, **figures, "env": None, "round": round_number + 1})
                    _print_row(backend, rows[-1])
        connections.close_all()
        if backend == "redis":
            _drop_postgres(args.postgres_url)
            _flush_redis(args.redis_url)
    return {"rows": rows}


def _print_row(backend: str, row: dict) -> None:
    print(
        f"{backend:8} {row['name']:12} N={row['members']:<4} idle {row['idle_kib_per_socket']:.0f}"
        f" KiB/socket; latency p50/p95/p99 {row['p50_ms']:.0f}/{row['p95_ms']:.0f}/"
        f"{row['p99_ms']:.0f} ms, lost {row['latency_lost']}; saturation "
        f"{row['deliveries_per_second']:.0f}/s, lost {row['saturation_lost']}; burst of "
        f"{row['burst_messages']}, lost {row['burst_lost']}; duplicates {row['duplicates']}; "
        "refused "
        f"{row['refused']}, server {row['server_cpu_ms_per_1k']:.0f} CPU ms/1k deliveries, "
        f"client {row['client_cpu_share']:.0%} of a core; failed sockets "
        f"{row['connect_failed']}, closed early {row['closed_early']}, server error lines "
        f"{row['server_error_lines']}, Redis connections opened {row['redis_connections']}",
        flush=True,
    )


# --- The report ---------------------------------------------------------------------------------


RATIO_FIGURES = ("deliveries_per_second", "p99_ms", "idle_kib_per_socket")


def _medians(rows: list[dict]) -> dict[tuple[str, int], dict]:
    """Per target and N: the median of each ratio figure over the rounds, lost summed."""
    grouped: dict[tuple[str, int], list[dict]] = {}
    for row in rows:
        grouped.setdefault((row["name"], row["members"]), []).append(row)
    return {
        key: {
            "name": key[0],
            "members": key[1],
            "rounds": len(found),
            **{figure: statistics.median(row[figure] for row in found) for figure in RATIO_FIGURES},
            "latency_lost": sum(row["latency_lost"] for row in found),
            "saturation_lost": sum(row["saturation_lost"] for row in found),
            "burst_lost": sum(row["burst_lost"] for row in found),
        }
        for key, found in grouped.items()
    }


def _ratio(value: float, reference: float) -> str:
    return f"{value / reference:.2f}x" if reference else "n/a"


def run_section(results: dict, info: dict, args, loads: tuple[str, str]) -> list[str]:
    """The Markdown for one run: the machine, a row per backend, target and N, then the
    ratios against the bare consumer at the same N."""
    lines = [
        f"## {info['date']}: {', '.join(results)}",
        "",
        f"- Machine: {info['cpus']} CPUs (nproc), {info['cpu']}, {info['os']}",
        f"- Load average (1, 5, 15 min) before the run: {loads[0]}; after: {loads[1]}",
        f"- Python {info['python']}, Django {info['django']}, daphne {info['daphne']}; "
        "embedded: SQLite, one daphne process; redis: PostgreSQL, "
        f"{REDIS_WORKERS} daphne processes (members alternate between them), Redis",
        f"- Latency: {args.rate:g} messages/s in all for {args.latency_seconds:g} s, sent in turn "
        f"by {args.senders} members; saturation: the same {args.senders} each sending again as "
        f"soon as their own message came back, for {args.saturation_seconds:g} s; clients: "
        "`websockets` in one process on the same machine",
        "- Server environment beyond the defaults: "
        + ", ".join(
            f"{name}={value}" for name, value in {**SERVER_SETTINGS, **dict(args.setting)}.items()
        ),
        "- Targets: bare = Channels' tutorial consumer on the tutorial's layer settings (the "
        "reference); bare+layer / bare+<layer> = the same consumer on Lantern's layer settings; "
        "room = Lantern's consumer",
        "- join s: seconds for all N sockets to open (and, for room, get their hello), 25 at a "
        "time; ack p99: the sender's own copy (for room: stored and acknowledged); "
        "burst: then each sender sends --burst messages at once without waiting ("
        f"{args.burst} x {args.senders} = {args.burst * args.senders} in flight, more than a "
        "per-channel capacity of 100), burst lost: copies of them never received; "
        "idle KiB: servers' resident memory with N idle sockets less before, per socket; "
        "lost: copies never received (latency / saturation phase); refused: messages answered "
        "with an error frame; CPU: server CPU ms per 1,000 deliveries at saturation; client: "
        "the client process's share of a core then; errors: server error-output lines (all N "
        "sockets close at once at the end); Redis conn.: connections the servers opened to Redis "
        "in the whole run (the cache's included)",
        "",
        "| backend | target | layer | N | join s | idle KiB | p50 ms | p95 ms | p99 ms | ack p99 "
        "| lost | deliveries/s | lost | burst lost | duplicates | refused | CPU ms/1k | client "
        "| failed / closed early | errors | Redis conn. |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for backend, result in results.items():
        for row in result["rows"]:
            lines.append(
                f"| {backend} | {row['name']} | {row['layer']} | {row['members']} "
                f"| {row['connect_seconds']:.1f} | {row['idle_kib_per_socket']:.0f} "
                f"| {row['p50_ms']:.0f} | {row['p95_ms']:.0f} "
                f"| {row['p99_ms']:.0f} | {row['ack_p99_ms']:.0f} | {row['latency_lost']} "
                f"| {row['deliveries_per_second']:,.0f} | {row['saturation_lost']} "
                f"| {row['burst_lost']} | {row['duplicates']} "
                f"| {row['refused']} | {row['server_cpu_ms_per_1k']:.0f} "
                f"| {row['client_cpu_share']:.0%} "
                f"| {row['connect_failed']} / {row['closed_early']} | {row['server_error_lines']} "
                f"| {row['redis_connections']} |"
            )
    lines += ["", "Against bare at the same N, medians over the rounds (targets: deliveries/s "
              ">= 2x, p99 <= 1x, idle memory <= 1.5x, nothing lost):", "",
              "| backend | target | N | rounds | deliveries/s | p99 | idle memory | lost |",
              "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for backend, result in results.items():
        medians = _medians(result["rows"])
        bare = {members: row for (name, members), row in medians.items() if name == "bare"}
        for (name, members), row in medians.items():
            reference = bare.get(members)
            if name == "bare" or reference is None:
                continue
            lines.append(
                f"| {backend} | {name} | {members} | {row['rounds']} "
                f"| {_ratio(row['deliveries_per_second'], reference['deliveries_per_second'])} "
                f"| {_ratio(row['p99_ms'], reference['p99_ms'])} "
                f"| {_ratio(row['idle_kib_per_socket'], reference['idle_kib_per_socket'])} "
                f"| {row['latency_lost'] + row['saturation_lost'] + row['burst_lost']} |"
            )
    return lines + [""]


def write_results(run: list[str], path: Path = RESULTS) -> None:
    """The new run on top of this benchmark's section; earlier runs stay below it."""
    earlier = section_of(HEADING, path.read_text() if path.exists() else "")
    _, _, earlier_runs = earlier.partition("\n## ")
    intro = [
        HEADING,
        "",
        "Produced by `make bench-chat` (`bench/chat_fanout.py`), newest run first; see "
        "`bench/README.md`. Issue #10: fan-out to one live room of N members.",
        "",
    ]
    text = "\n".join(intro + run)
    if earlier_runs:
        text += "\n## " + earlier_runs
    replace_section(HEADING, text, path)


def _in_child(backend: str, args) -> dict:
    """One backend in a fresh process: Django's settings, and so its database, are per process."""
    with tempfile.TemporaryDirectory(prefix="lantern-bench-chat-") as folder:
        figures = Path(folder) / "figures.json"
        options = [
            "--members", ",".join(map(str, args.members)),
            "--redis-layers", ",".join(args.redis_layers),
            "--consumers", args.consumers, "--rounds", str(args.rounds),
            "--only", ",".join(args.only),
            "--rate", str(args.rate), "--senders", str(args.senders),
            "--latency-seconds", str(args.latency_seconds),
            "--saturation-seconds", str(args.saturation_seconds), "--burst", str(args.burst),
            "--postgres-url", args.postgres_url, "--redis-url", args.redis_url,
        ]  # fmt: skip
        if args.profile:
            options += ["--profile", str(args.profile.resolve())]
        for name, value in args.setting:
            options += ["--setting", f"{name}={value}"]
        subprocess.run(
            [sys.executable, __file__, "--backend", backend, *options, "--figures-to", figures],
            check=True,
        )
        return json.loads(figures.read_text())


def _numbers(text: str) -> list[int]:
    return [int(part) for part in text.split(",")]


def _layers(text: str) -> list[str]:
    layers = text.split(",")
    if set(layers) - set(REDIS_LAYERS):
        raise argparse.ArgumentTypeError(f"layers are {', '.join(REDIS_LAYERS)}")
    return layers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=[*BACKENDS, "both"], default="both")
    parser.add_argument("--members", type=_numbers, default=list(MEMBERS), help="e.g. 50,200")
    parser.add_argument("--redis-layers", type=_layers, default=list(REDIS_LAYERS))
    parser.add_argument(
        "--consumers", choices=["all", "bare"], default="all", help="bare: skip Lantern's"
    )
    parser.add_argument("--rate", type=float, default=5.0, help="latency phase, messages/s")
    parser.add_argument("--senders", type=int, default=20)
    parser.add_argument(
        "--only",
        type=lambda text: [name for name in text.split(",") if name],
        default=[],
        help="these targets only, e.g. room+pubsub (the ratios need bare)",
    )
    parser.add_argument("--rounds", type=int, default=1, help="runs of each target, alternated")
    parser.add_argument("--latency-seconds", type=float, default=15.0)
    parser.add_argument("--saturation-seconds", type=float, default=8.0)
    parser.add_argument(
        "--burst",
        type=int,
        default=6,
        help="messages each sender sends at once at the end (0: none)",
    )
    parser.add_argument("--postgres-url", default=POSTGRES_URL, help="emptied before and after")
    parser.add_argument("--redis-url", default=REDIS_URL, help="emptied before and after")
    parser.add_argument(
        "--setting",
        type=lambda text: tuple(text.split("=", 1)),
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="an environment variable for every server, e.g. DATABASE_CONN_MAX_AGE=60",
    )
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument(
        "--profile", type=Path, help="py-spy the servers at saturation into this folder"
    )
    parser.add_argument("--figures-to", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not all(2 <= members <= 2000 for members in args.members) or not 1 <= args.senders <= 100:
        parser.error("keep it bounded: 2-2000 members, 1-100 senders")
    if not (0 < args.rate <= 1000 and 0 < args.latency_seconds <= 120):
        parser.error("keep it bounded: a rate up to 1000/s, phases up to 120 s")
    if not 0 < args.saturation_seconds <= 120 or not 1 <= args.rounds <= 5:
        parser.error("keep it bounded: phases up to 120 s, 1-5 rounds")
    for url in (args.postgres_url, args.redis_url):
        if urllib.parse.urlsplit(url).hostname not in (HOST, "localhost"):
            parser.error(f"loopback only: {url}")
    if args.figures_to:
        args.figures_to.write_text(json.dumps(run_backend(args.backend, args)))
        return

    backends = list(BACKENDS) if args.backend == "both" else [args.backend]
    before = load_average()
    results = {backend: _in_child(backend, args) for backend in backends}
    run = run_section(results, machine(), args, (before, load_average()))
    print("\n".join(run))
    if not args.no_write:
        write_results(run)
        print("wrote bench/RESULTS.md")


if __name__ == "__main__":
    main()
