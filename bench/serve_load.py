"""Load test of ``dtmarkup serve``: bounded, against 127.0.0.1 only, an asyncio client.

    python bench/serve_load.py                       # the run recorded in RESULTS.md
    python bench/serve_load.py --seconds 5 --no-write

It starts ``dtmarkup serve --workers 2`` on a free loopback port, then POSTs the
reference article (samples/diplomatic-times-blinken-lavrov.xml) to /v1/validate in
three phases, each bounded in time and in requests:

1. nominal: an open loop at --rate requests/s (300): latency p50/p90/p99, statuses;
2. capacity: a closed loop on --connections keep-alive connections, as fast as answers
   come: validations/s;
3. overload: an open loop at --overload times the nominal rate (10x): statuses (the
   excess must be 503 with Retry-After, nothing else), and the resident memory of the
   server's process tree (web process + workers), sampled every 0.2 s.

The client is a minimal HTTP/1.1 client on asyncio streams (keep-alive, no
pipelining), so that the load generator costs as little CPU as possible: on a two-CPU
machine it competes with the server. The number of CPUs actually free is measured
before and after (bench/run.py's method) and written beside the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from run import free_cpus  # noqa: E402

ARTICLE = ROOT / "samples" / "diplomatic-times-blinken-lavrov.xml"
HOST = "127.0.0.1"
MAX_SECONDS = 60.0
"""No phase runs longer than this, whatever is asked."""
MAX_REQUESTS = 200_000
"""No phase sends more than this many requests."""
BEGIN = "<!-- serve_load: begin -->"
END = "<!-- serve_load: end -->"


@dataclass
class Phase:
    name: str
    offered: float | None
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    """Seconds, of the 200 answers."""
    statuses: Counter[int] = field(default_factory=Counter)
    retry_after_missing: int = 0
    unsent: int = 0
    """Open loop: requests not sent because every connection was busy."""
    errors: Counter[str] = field(default_factory=Counter)
    rss_peak: int = 0
    cost: Cost | None = None

    @property
    def answered(self) -> int:
        return sum(self.statuses.values())

    def rate(self, status: int = 200) -> float:
        return self.statuses[status] / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


class Connection:
    """One keep-alive HTTP/1.1 connection to the server."""

    def __init__(self, port: int, request: bytes) -> None:
        self.port = port
        self.request = request
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def send(self) -> tuple[int, dict[str, str]]:
        reused = self.writer is not None
        try:
            return await self._send()
        except asyncio.IncompleteReadError as exc:
            # The server closes keep-alive connections idle for 5 s: on a reused one that
            # ended before any byte of the answer, send again once on a new connection.
            if not reused or exc.partial:
                raise
            self.close()
            return await self._send()

    async def _send(self) -> tuple[int, dict[str, str]]:
        if self.writer is None or self.reader is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        self.writer.write(self.request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                key, value = line.split(":", 1)
                headers[key.strip().lower()] = value.strip()
        await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def request_bytes(body: bytes) -> bytes:
    head = (
        f"POST /v1/validate HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/xml\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("ascii") + body


async def one(connection: Connection, phase: Phase) -> None:
    started = time.perf_counter()
    try:
        status, headers = await connection.send()
    except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
        phase.errors[type(exc).__name__] += 1
        connection.close()
        return
    phase.statuses[status] += 1
    if status == 200:
        phase.latencies.append(time.perf_counter() - started)
    elif status == 503 and "retry-after" not in headers:
        phase.retry_after_missing += 1


async def open_loop(
    port: int, request: bytes, rate: float, seconds: float, max_connections: int, name: str
) -> Phase:
    """Send at ``rate``/s for ``seconds``, whatever the answers; a free connection each."""
    phase = Phase(name, rate)
    idle = [Connection(port, request) for _ in range(min(64, max_connections))]
    opened = len(idle)
    tasks: set[asyncio.Task[None]] = set()
    total = min(int(rate * seconds), MAX_REQUESTS)
    start = time.perf_counter()

    async def run(connection: Connection) -> None:
        await one(connection, phase)
        idle.append(connection)

    for index in range(total):
        delay = start + index / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        if not idle and opened < max_connections:
            idle.append(Connection(port, request))
            opened += 1
        if not idle:
            phase.unsent += 1
            continue
        task = asyncio.ensure_future(run(idle.pop()))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    if tasks:
        await asyncio.wait(tasks, timeout=30)
    phase.seconds = time.perf_counter() - start
    for connection in idle:
        connection.close()
    return phase


async def closed_loop(port: int, request: bytes, connections: int, seconds: float) -> Phase:
    """``connections`` clients, each sending its next request when the answer arrives."""
    phase = Phase("capacity", None)
    stop = time.perf_counter() + seconds
    sent = 0

    async def client() -> None:
        nonlocal sent
        connection = Connection(port, request)
        while time.perf_counter() < stop and sent < MAX_REQUESTS:
            sent += 1
            await one(connection, phase)
        connection.close()

    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(connections)))
    phase.seconds = time.perf_counter() - start
    return phase


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


@dataclass
class Cost:
    """CPU milliseconds per answered validation, by process: less sensitive to other load
    on the machine than rates and latencies."""

    web: float
    workers: float
    client: float

    @property
    def projected(self) -> float:
        """Validations/s that two otherwise idle CPUs could give, client included."""
        return 2000 / (self.web + self.workers + self.client)


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and its descendants."""
    total = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) * 1024  # type: ignore[union-attr]
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                todo.extend(int(child) for child in children)
        except (OSError, AttributeError):
            continue
    return total


async def sample_rss(pid: int, phase: Phase, done: asyncio.Event) -> None:
    while not done.is_set():
        phase.rss_peak = max(phase.rss_peak, tree_rss(pid))
        await asyncio.sleep(0.2)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    command = Path(sys.executable).with_name("dtmarkup")
    process = subprocess.Popen(
        [str(command), "serve", "--host", HOST, "--port", str(port), "--workers", str(workers),
         "--no-access-log"],
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=1) as probe:
                probe.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                if probe.recv(64).startswith(b"HTTP/1.1 200"):
                    return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start")


async def measure(args: argparse.Namespace, port: int, pid: int) -> list[Phase]:
    request = request_bytes(ARTICLE.read_bytes())
    seconds = min(args.seconds, MAX_SECONDS)
    # Warm-up: first requests pay for imports and connection set-up.
    await closed_loop(port, request, 4, 1.0)
    nominal = await open_loop(port, request, args.rate, seconds, 64, "nominal")
    workers = children(pid)
    before = (cpu_seconds(pid), sum(map(cpu_seconds, workers)), time.process_time())
    capacity = await closed_loop(port, request, args.connections, seconds)
    after = (cpu_seconds(pid), sum(map(cpu_seconds, workers)), time.process_time())
    done_ok = max(1, capacity.statuses[200])
    capacity.cost = Cost(*((b - a) * 1000 / done_ok for a, b in zip(before, after, strict=True)))
    done = asyncio.Event()
    overload = Phase("overload", args.rate * args.overload)
    sampler = asyncio.ensure_future(sample_rss(pid, overload, done))
    measured = await open_loop(
        port, request, args.rate * args.overload, seconds, args.max_connections, "overload"
    )
    done.set()
    await sampler
    measured.rss_peak = overload.rss_peak
    return [nominal, capacity, measured]


def report(
    args: argparse.Namespace, phases: list[Phase], cpus: tuple[float, float], alive: bool
) -> str:
    nominal, capacity, overload = phases
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = os.getloadavg()
    lines = [
        BEGIN,
        "## `dtmarkup serve`: load test",
        "",
        f"Measured {when} by `python bench/serve_load.py --rate {args.rate:g} "
        f"--seconds {args.seconds:g} --connections {args.connections} "
        f"--overload {args.overload:g}` (the server: `dtmarkup serve --workers {args.workers}` "
        "on 127.0.0.1; the client, an asyncio HTTP/1.1 client, on the same machine).",
        "",
        f"- CPUs actually free (bench/run.py's measure): {cpus[0]:.2f} before, "
        f"{cpus[1]:.2f} after; load average after: {load[0]:.2f}. The server (web "
        f"process + {args.workers} workers) and the client share these CPUs.",
        "",
        *(
            [
                f"**Fewer than two CPUs were free ({min(cpus):.2f} at worst): these figures "
                "measure the machine's other load as much as the service. They prove the "
                "bench runs; compare with the targets only after a run on an idle machine.**",
                "",
            ]
            if min(cpus) < 1.8
            else []
        ),
        "| phase | offered req/s | answered | 200/s | p50 ms | p90 ms | p99 ms | statuses |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for phase in phases:
        offered = f"{phase.offered:,.0f}" if phase.offered else "closed loop"
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(phase.statuses.items()))
        if phase.unsent:
            statuses += f"; not sent (client had no free connection): {phase.unsent}"
        if phase.errors:
            statuses += "; client errors: " + ", ".join(f"{k} {v}" for k, v in phase.errors.items())
        lines.append(
            f"| {phase.name} | {offered} | {phase.answered:,} | {phase.rate():,.0f} | "
            f"{phase.percentile(50):.1f} | {phase.percentile(90):.1f} | "
            f"{phase.percentile(99):.1f} | {statuses} |"
        )
    lines += [
        "",
        f"- Capacity: {capacity.rate():,.0f} validations/s on {args.connections} connections "
        f"(target ≥ 300 on two idle CPUs).",
        *(
            [
                f"- CPU per validation in the capacity phase: web process "
                f"{capacity.cost.web:.2f} ms, workers {capacity.cost.workers:.2f} ms, client "
                f"{capacity.cost.client:.2f} ms; so two idle CPUs could give about "
                f"{capacity.cost.projected:,.0f} validations/s, client included."
            ]
            if capacity.cost
            else []
        ),
        f"- Nominal load ({args.rate:g}/s): p50 {nominal.percentile(50):.1f} ms, "
        f"p99 {nominal.percentile(99):.1f} ms (targets ≤ 10 and ≤ 50 ms).",
        f"- Overload ({args.overload:g}x): peak resident memory of the server's process tree "
        f"{overload.rss_peak / 2**20:.0f} MB (limit 400 MB); 503 answers without Retry-After: "
        f"{overload.retry_after_missing}; statuses other than 200 and 503: "
        f"{sum(v for k, v in overload.statuses.items() if k not in (200, 503))}; "
        f"server still running afterwards: {'yes' if alive else 'NO'}.",
        END,
    ]
    return "\n".join(lines) + "\n"


def write(section: str, path: Path) -> None:
    """Replace the serve section of RESULTS.md (or append it), leaving the rest."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        text = head + section + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + ("\n\n" if text else "") + section
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=300.0, help="Nominal requests/s.")
    parser.add_argument("--seconds", type=float, default=10.0, help="Seconds per phase (≤ 60).")
    parser.add_argument("--connections", type=int, default=8, help="Capacity phase clients.")
    parser.add_argument("--overload", type=float, default=10.0, help="Overload factor.")
    parser.add_argument("--max-connections", type=int, default=256, help="Open loop cap.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--no-write", action="store_true", help="Print only.")
    args = parser.parse_args(argv)
    cpus_before = free_cpus()
    port = free_port()
    server = start_server(port, args.workers)
    try:
        phases = asyncio.run(measure(args, port, server.pid))
        alive = server.poll() is None
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
    section = report(args, phases, (cpus_before, free_cpus()), alive)
    print(section)
    if not args.no_write:
        write(section, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
