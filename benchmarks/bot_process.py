"""The real bot in its own process, for the end-to-end benchmarks: ``python -m benchmarks.bot_process``.

Configured only through the environment, like production (``DISCORD_TOKEN``, ``DISCORD_API_BASE``,
``DISCORD_GATEWAY_URL``, ``DATABASE_PATH``, ``FILMS_DIR``, ``GUILD_READY_TIMEOUT``, ``LOG_LEVEL``): it
opens the store, builds the bot with ``bot.runtime.create_bot`` (which ingests and loads every product
extension in ``setup_hook``), adds the benchmark's floor extension and connects to whatever Discord the
URLs point at — the driver's sandbox.

It talks to the driver over stdin/stdout, one JSON object a line:
- out ``{"event": "stage", "name": ..., "t": wall time}`` while starting (imported, store_open,
  library, ready), then ``{"event": "ready", "commands": [...], ...}``;
- in ``lag start`` / ``lag stop``: an event-loop probe sleeps 10 ms in a loop and records how late it
  wakes up; ``lag stop`` answers ``{"event": "lag", "samples": n, "p50_ms", "p99_ms", "max_ms"}``;
- in ``stats``: ``{"event": "stats", "maxrss_kb", "cpu_s", "gc"}`` (collections per generation, longest); in ``quit`` (or stdin closing): clean exit.

With ``BENCH_BARE=1`` it runs a bare ``discord.ext.commands.Bot`` instead (same intents and options, no
product extension, no store): discord.py's own floor, for comparison with the product bot's.
"""

from __future__ import annotations

import time

_T0 = time.time()

import asyncio  # noqa: E402
import collections  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402

from discord.ext import commands  # noqa: E402

from bot.runtime import _bot_options, apply_discord_endpoints, create_bot  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.store import Store  # noqa: E402

PROBE_INTERVAL = 0.010


def emit(**data: object) -> None:
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] if ordered else 0.0


class LagProbe:
    """Sleeps PROBE_INTERVAL in a loop and records the overshoot of each wake-up (seconds)."""

    def __init__(self) -> None:
        self.samples: list[float] = []
        self._task: asyncio.Task | None = None

    async def _run(self) -> None:
        clock = time.perf_counter
        while True:
            start = clock()
            await asyncio.sleep(PROBE_INTERVAL)
            self.samples.append(clock() - start - PROBE_INTERVAL)

    def start(self) -> None:
        self.samples = []
        self._task = asyncio.get_running_loop().create_task(self._run(), name="bench-lag-probe")

    def stop(self) -> dict:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        ms = [s * 1000 for s in self.samples]
        return {"samples": len(ms), "p50_ms": round(percentile(ms, 0.50), 3),
                "p99_ms": round(percentile(ms, 0.99), 3), "max_ms": round(max(ms, default=0.0), 3)}


class GcWatch:
    """Counts the collector's runs per generation and how long the longest took (gc.callbacks)."""

    def __init__(self) -> None:
        self.counts = [0, 0, 0]
        self.max_ms = [0.0, 0.0, 0.0]
        self.total_ms = [0.0, 0.0, 0.0]
        self._start = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
            return
        ms = (time.perf_counter() - self._start) * 1000
        g = info["generation"]
        self.counts[g] += 1
        self.total_ms[g] += ms
        self.max_ms[g] = max(self.max_ms[g], ms)

    def report(self) -> dict:
        return {"collections": self.counts, "max_ms": [round(x, 2) for x in self.max_ms],
                "total_ms": [round(x, 1) for x in self.total_ms]}


def _read_stdin(loop: asyncio.AbstractEventLoop, lines: asyncio.Queue) -> None:
    for line in sys.stdin:
        loop.call_soon_threadsafe(lines.put_nowait, line.strip())
    loop.call_soon_threadsafe(lines.put_nowait, "quit")


async def main() -> None:
    emit(event="stage", name="imported", t=time.time(), t0=_T0)
    settings = Settings.from_env(env_file=None)
    logging.basicConfig(level=settings.log_level_number, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings.database_path.parent.mkdir(parents=True, exist_ok=True)
    bare = os.environ.get("BENCH_BARE") == "1"
    store = None if bare else await Store.open(settings.database_path)
    emit(event="stage", name="store_open", t=time.time())
    if bare:
        apply_discord_endpoints(settings)
        bot = commands.Bot(**_bot_options(settings))
        bot.library = ()
    else:
        bot = create_bot(settings, store)

    async def on_library_reloaded(library) -> None:
        emit(event="stage", name="library", t=time.time(), films=len(library))

    bot.add_listener(on_library_reloaded, "on_library_reloaded")
    await bot.load_extension("benchmarks.floor_ext")
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str] = asyncio.Queue()
    threading.Thread(target=_read_stdin, args=(loop, lines), daemon=True).start()
    probe = LagProbe()
    gc_watch = GcWatch()
    try:
        async with bot:
            runner = asyncio.create_task(bot.start(settings.token or ""), name="bench-bot")
            ready = asyncio.create_task(bot.wait_until_ready())
            await asyncio.wait({runner, ready}, return_when=asyncio.FIRST_COMPLETED)
            if runner.done():
                runner.result()  # raises why the bot stopped
                raise RuntimeError("the bot stopped before it was ready")
            profiler = None
            if os.environ.get("BENCH_PROFILE"):  # cProfile from ready to quit, stats to that path
                import cProfile

                profiler = cProfile.Profile()
                profiler.enable()
            emit(event="ready", t=time.time(), commands=sorted(c.qualified_name for c in bot.walk_commands()),
                 films=len(bot.library))
            while True:
                line = await lines.get()
                if line == "lag start":
                    probe.start()
                    emit(event="lag_started")
                elif line == "lag stop":
                    emit(event="lag", **probe.stop())
                elif line == "stats":
                    usage = resource.getrusage(resource.RUSAGE_SELF)
                    emit(event="stats", maxrss_kb=usage.ru_maxrss, cpu_s=usage.ru_utime + usage.ru_stime,
                         gc=gc_watch.report())
                elif line == "objects":  # what the collector tracks, by type (diagnosis; slow)
                    counts = collections.Counter(type(o).__qualname__ for o in gc.get_objects())
                    emit(event="objects", total=sum(counts.values()), frozen=gc.get_freeze_count(),
                         top=counts.most_common(15))
                elif line == "quit":
                    break
            if profiler is not None:
                profiler.disable()
                profiler.dump_stats(os.environ["BENCH_PROFILE"])
            await bot.close()
            await asyncio.wait_for(runner, 10)
    finally:
        if store is not None:
            await store.close()
        emit(event="closed")


if __name__ == "__main__":
    asyncio.run(main())
