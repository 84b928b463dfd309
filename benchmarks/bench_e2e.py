"""End to end: the real bot in its own process, driven through the sandbox by a load driver.

`run(quick)` returns the figures; `python -m benchmarks.bench_e2e [--quick]` prints them. The driver
process runs the sandbox (the Discord the bot connects to) and injects MESSAGE_CREATE events; the bot
runs in a child process (`benchmarks.bot_process`) configured only through the environment. Latency is
from injecting a message to the bot's answer reaching the sandbox; bot CPU is the child's user+system
CPU time over a run divided by the commands in it (so it includes reading the echo of its own reply, as
on Discord); peak RSS is the child's VmHWM.

The headline, each kind's bot CPU per command over the floor's, is the median over 10 interleaved rounds
of the per-round ratio (every kind runs once per round, so load from elsewhere on the machine weighs on
the kind and on its floor alike); the pooled ratio is reported too.

Per command kind (the floor `!noop` from `benchmarks.floor_ext`, then `!cast` with a typo, `!quote`,
`!release` with a filter, `!film`): a sequential run (one message at a time), a concurrent run (50
senders across 20 channels, each waiting for its answer before sending again) and, for all kinds mixed,
an open-loop run at a fixed offered rate (latency measured from each message's scheduled time, so a
backlog counts), plus 5 s at 125/s and 250/s to show where the knee is. The same floor runs in a bare
discord.py bot (no product code) as a reference for discord.py's own cost on this machine. Messages come from thousands of simulated users in rotation so the per-user lookup
cooldown (5 per 10 s) is never reached; the answers' texts are tallied per kind to show it.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import gc
import itertools
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psutil

from benchmarks import script
from benchmarks.bot_driver import (
    ROOT,
    TOKEN,
    BotProcess,
    ReplyClock,
    bench_world,
    channels_named,
    members,
    percentile,
)
from benchmarks.floor_ext import FLOOR_COMMAND
from bot.sandbox import Sandbox

FILMS_DIR = ROOT / "data" / "films"
RESULTS = ROOT / "benchmarks" / "results"

# kind -> (command that must exist in the bot, messages sent in rotation)
COMMANDS: dict[str, tuple[str, list[str]]] = {
    "floor": (FLOOR_COMMAND, [f"!{FLOOR_COMMAND}"]),
    "cast": ("cast", ["!cast schwarzeneger", "!cast dnako", "!cast rostavilli", "!cast belushy",
                      "!cast o'ros", "!cast ridzik"]),
    "quote": ("quote", ["!quote chicago", "!quote love story", "!quote danko", "!quote cocaine"]),
    "release": ("release", ["!release blu-ray", "!release dvd", "!release 2005", "!release optimum"]),
    "film": ("film", ["!film"]),
}
REPLY_TIMEOUT = 10.0
TARGET_P99_MS = 20.0
TARGET_LOOKUP_RATIO = 1.5


def _latency(latencies: list[float], wall: float, cpu: float, sent: int) -> dict:
    ms = [x * 1000 for x in latencies]
    return {
        "commands": sent,
        "answered": len(ms),
        "p50_ms": round(percentile(ms, 0.50), 3),
        "p99_ms": round(percentile(ms, 0.99), 3),
        "max_ms": round(max(ms, default=float("nan")), 3),
        "mean_ms": round(statistics.fmean(ms), 3) if ms else float("nan"),
        "throughput_per_s": round(len(ms) / wall, 1) if wall else float("nan"),
        "bot_cpu_us_per_command": round(cpu / max(1, sent) * 1e6, 1),
        "wall_s": round(wall, 3),
    }


@dataclass
class Part:
    """One closed-loop run of one kind: its latencies (s), wall time, bot CPU seconds and messages sent."""

    latencies: list[float]
    wall: float
    cpu: float
    sent: int

    @staticmethod
    def figures(parts: list[Part]) -> dict:
        return _latency([x for p in parts for x in p.latencies], sum(p.wall for p in parts),
                        sum(p.cpu for p in parts), sum(p.sent for p in parts))


async def interleaved(kinds: list[str], run, count: int, rounds: int) -> dict[str, dict]:
    """`count` messages of each kind, in `rounds` rounds taking every kind in turn, so that whatever
    else the machine does during the run weighs on every kind alike; figures pooled per kind."""
    parts: dict[str, list[Part]] = {kind: [] for kind in kinds}
    for _ in range(rounds):
        for kind in kinds:
            parts[kind].append(await run(kind, max(1, count // rounds)))
    out = {kind: Part.figures(p) for kind, p in parts.items()}
    for kind, p in parts.items():
        out[kind]["bot_cpu_us_per_command_by_round"] = [round(x.cpu / x.sent * 1e6, 1) for x in p]
    return out


def round_ratios(figures: dict[str, dict], kind: str) -> float:
    """Median over rounds of the kind's CPU per command divided by the floor's in the same round: other
    load on the machine drifts over seconds, and a round takes every kind within about a second."""
    pairs = zip(figures[kind]["bot_cpu_us_per_command_by_round"],
                figures["floor"]["bot_cpu_us_per_command_by_round"], strict=True)
    return round(statistics.median(k / f for k, f in pairs), 2)


@contextlib.contextmanager
def quiet_driver_gc():
    """No collection in the *driver* while a run is timed: collect and freeze what it holds (the sandbox
    keeps every message), then pause the collector until the run ends. The driver's own full
    collections stalled it and showed up as bot latency: ~1 s pauses before the freeze, and 70–130 ms
    with the freeze alone, from the messages and payloads a 20 s run adds (measured with gc.callbacks)."""
    gc.collect()
    gc.freeze()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Load:
    """The driver: who sends what where, and the runs."""

    def __init__(self, bot: BotProcess, clock: ReplyClock, sandbox: Sandbox) -> None:
        self.bot = bot
        self.clock = clock
        self.sandbox = sandbox
        self.users = itertools.cycle(members(sandbox.world))
        self.channels = channels_named(sandbox.world, "bench-")
        self.texts = {kind: itertools.cycle(texts) for kind, (_, texts) in COMMANDS.items()}
        self.replies: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)

    async def _one(self, kind: str, channel, sent_at: float | None = None):
        pending = await self.clock.send(next(self.texts[kind]), user=next(self.users), channel=channel,
                                        kind=kind, sent_at=sent_at)
        return pending

    async def _wait(self, pendings) -> list[float]:
        out = []
        for p in pendings:
            try:
                out.append(await asyncio.wait_for(asyncio.shield(p.done), REPLY_TIMEOUT))
                self.replies[p.kind][p.reply_text[:60]] += 1
            except TimeoutError:
                pass
        return out

    async def sequential(self, kind: str, count: int) -> Part:
        with quiet_driver_gc():
            cpu0, t0 = await self.bot.precise_cpu_seconds(), time.perf_counter()
            latencies = []
            for _ in range(count):
                latencies += await self._wait([await self._one(kind, self.channels[0])])
            wall = time.perf_counter() - t0
        await asyncio.sleep(0.02)  # let the bot read the echo of its last answer
        return Part(latencies, wall, await self.bot.precise_cpu_seconds() - cpu0, count)

    async def concurrent(self, kind: str, count: int, senders: int = 50, channels: int = 20) -> Part:
        remaining = count
        latencies: list[float] = []

        async def sender(i: int) -> None:
            nonlocal remaining
            channel = self.channels[i % min(channels, len(self.channels))]
            while remaining > 0:
                remaining -= 1
                latencies.extend(await self._wait([await self._one(kind, channel)]))

        with quiet_driver_gc():
            cpu0, t0 = await self.bot.precise_cpu_seconds(), time.perf_counter()
            await asyncio.gather(*(sender(i) for i in range(senders)))
            wall = time.perf_counter() - t0
        await asyncio.sleep(0.02)
        return Part(latencies, wall, await self.bot.precise_cpu_seconds() - cpu0, count)

    async def open_loop(self, kinds: list[str], rate: float, seconds: float) -> dict:
        """Send at `rate` per second for `seconds`, whatever the answers do; kinds in rotation."""
        total = int(rate * seconds)
        me = psutil.Process()
        pendings = []
        late = 0
        rotation = itertools.cycle(kinds)
        with quiet_driver_gc():
            cpu0, mine0 = await self.bot.precise_cpu_seconds(), sum(me.cpu_times()[:2])
            start = time.perf_counter() + 0.01
            for i in range(total):
                due = start + i / rate
                delay = due - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                elif delay < -0.005:
                    late += 1
                pendings.append(
                    await self._one(next(rotation), self.channels[i % len(self.channels)], sent_at=due)
                )
            latencies = await self._wait(pendings)
            wall = time.perf_counter() - start
        cpu = await self.bot.precise_cpu_seconds() - cpu0
        result = _latency(latencies, wall, cpu, total)
        by_kind: dict[str, list[float]] = collections.defaultdict(list)
        for p in pendings:
            if p.done.done():
                by_kind[p.kind].append(p.done.result() * 1000)
        result.update(
            offered_per_s=rate,
            seconds=seconds,
            sent_late=late,
            driver_cpu_share=round((sum(me.cpu_times()[:2]) - mine0) / wall, 3),
            p99_ms_by_kind={k: round(percentile(v, 0.99), 3) for k, v in by_kind.items()},
            p50_ms_by_kind={k: round(percentile(v, 0.50), 3) for k, v in by_kind.items()},
        )
        self.clock.forget()
        return result


async def _bare_floor(quick: bool, users: int, n_seq: int, n_conc: int, rate: float) -> dict:
    """The floor command in a bare discord.py bot (no product code at all): discord.py's own floor."""
    world = bench_world(users=users, channels=20)
    with tempfile.TemporaryDirectory(prefix="bench-bare-") as tmp:
        async with Sandbox(world, token=TOKEN) as sandbox:
            bot = BotProcess(sandbox, database=Path(tmp) / "bot.db", films_dir=FILMS_DIR,
                             log_path=RESULTS / "bot-bare.log", bare=True)
            clock = ReplyClock(sandbox)
            try:
                await bot.start()
                load = Load(bot, clock, sandbox)
                await load.sequential("floor", 20)
                return {
                    "sequential": Part.figures([await load.sequential("floor", n_seq)]),
                    "concurrent": Part.figures([await load.concurrent("floor", n_conc)]),
                    "open_loop": await load.open_loop(["floor"], rate, 0.5 if quick else 5.0),
                }
            finally:
                clock.close()
                await bot.stop()


async def _run(quick: bool) -> dict:
    n_seq, n_conc, n_warm = (15, 60, 5) if quick else (300, 2000, 50)
    rate, seconds = (200.0, 0.5) if quick else (500.0, 20.0)
    users = 300 if quick else 4000
    rounds = 1 if quick else 10
    world = bench_world(users=users, channels=20)
    RESULTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-e2e-") as tmp:
        async with Sandbox(world, token=TOKEN) as sandbox:
            bot = BotProcess(sandbox, database=Path(tmp) / "bot.db", films_dir=FILMS_DIR,
                             log_path=RESULTS / "bot-e2e.log")
            clock = ReplyClock(sandbox)
            try:
                ready = await bot.start()
                available = set(ready["commands"])
                kinds = [k for k, (command, _) in COMMANDS.items() if command in available]
                load = Load(bot, clock, sandbox)
                for kind in kinds:
                    await load.sequential(kind, n_warm)
                load.replies.clear()
                sequential = await interleaved(kinds, load.sequential, n_seq, rounds)
                concurrent = await interleaved(kinds, load.concurrent, n_conc, rounds)
                open_loop = await load.open_loop(kinds, rate, seconds)
                sweep = [] if quick else [
                    {k: v for k, v in (await load.open_loop(kinds, r, 5.0)).items()
                     if k in ("offered_per_s", "p50_ms", "p99_ms", "max_ms", "throughput_per_s", "sent_late",
                              "bot_cpu_us_per_command", "driver_cpu_share")}
                    for r in (125.0, 250.0)]
                peak = bot.peak_rss_mb()
                rss = bot.rss_mb()
                bot_gc = (await bot.ask("stats", "stats"))["gc"]
                extra = clock.extra_replies
            finally:
                clock.close()
                await bot.stop()
    bare = await _bare_floor(quick, users, n_seq, n_conc, rate)
    floor_seq = sequential["floor"]["bot_cpu_us_per_command"]
    floor_conc = concurrent["floor"]["bot_cpu_us_per_command"]
    ratios = {kind: {"sequential": round_ratios(sequential, kind), "concurrent": round_ratios(concurrent, kind),
                     "sequential_pooled": round(sequential[kind]["bot_cpu_us_per_command"] / floor_seq, 2),
                     "concurrent_pooled": round(concurrent[kind]["bot_cpu_us_per_command"] / floor_conc, 2)}
              for kind in kinds}
    lookups = [k for k in kinds if k != "floor"]
    worst = max((ratios[k]["concurrent"] for k in lookups), default=float("nan"))
    return {
        "kinds": kinds,
        "missing_kinds": [k for k in COMMANDS if k not in kinds],
        "users": users,
        "sequential": sequential,
        "concurrent": concurrent,
        "open_loop": open_loop,
        "open_loop_lower_rates": sweep,
        "cpu_ratio_to_floor": ratios,
        "floor_cpu_us_per_command": {"sequential": floor_seq, "concurrent": floor_conc},
        "bare_discord_py_floor": bare,
        "replies_by_kind": {k: dict(v.most_common(3)) for k, v in load.replies.items()},
        "unmatched_bot_messages": extra,
        "bot_rss_mb": round(rss, 1),
        "bot_peak_rss_mb": round(peak, 1),
        "bot_gc": bot_gc,
        "targets": {
            "lookup_cpu_ratio_worst": worst,
            "lookup_cpu_ratio_target": TARGET_LOOKUP_RATIO,
            "lookup_cpu_ratio_ok": worst <= TARGET_LOOKUP_RATIO,
            "open_loop_p99_ms": open_loop["p99_ms"],
            "open_loop_p99_target_ms": TARGET_P99_MS,
            "open_loop_p99_ok": open_loop["p99_ms"] < TARGET_P99_MS,
        },
    }


run, main = script(_run)

if __name__ == "__main__":
    main()
