"""Trivia at scale: many channels with a running free-text game and answers arriving, the bot in its own
process.

`run(quick)` returns the figures; `python -m benchmarks.bench_trivia [--quick]` prints them. Steps, all
against one bot process (`benchmarks.bot_process`) and the driver's sandbox:
1. the floor: `!noop` sent open loop at the same rate as the guesses will be, for its bot CPU per command;
2. `!trivia start` in each of GAMES channels (500; 20 with --quick), then a wait for every first question;
3. guesses, open loop at RATE per second spread over every game channel and many users: plausible
   answers about the film (some right, most wrong, a few close), so games reveal answers and move on;
   meanwhile an event-loop probe in the bot process sleeps 10 ms at a time and records how late it wakes.
Reported: event-loop lag p50/p99/max with the games idle and under the guesses, bot CPU per guess (the
whole process: reading the message, the cogs' listeners, judging, any reply), its ratio to the floor, and
what the games said while it ran.
"""

from __future__ import annotations

import asyncio
import itertools
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import script
from benchmarks.bench_e2e import FILMS_DIR, RESULTS, Load, quiet_driver_gc
from benchmarks.bot_driver import TOKEN, BotProcess, ReplyClock, bench_world, channels_named, members
from bot.sandbox import Sandbox

GUESSES = ["danko", "ridzik", "viktor rostavili", "chicago", "moscow", "1988", "walter hill", "james horner",
           "arnold schwarzenegger", "james belushi", "gina gershon", "cleanhead", "carolco", "tristar",
           "i don't know", "cat", "104 minutes", "ed o'ross", "peter boyle", "laurence fishburne",
           "schwarzeneger", "belushy", "1989", "russia", "cocaine", "a cop", "the bus station"]
TARGET_LAG_P99_MS = 20.0
TARGET_ANSWER_RATIO = 1.3


async def _start_games(clock: ReplyClock, channels, users) -> int:
    """`!trivia start` in every channel, 50 at a time; returns how many were answered."""
    started = 0
    queue = list(channels)

    async def starter() -> None:
        nonlocal started
        while queue:
            channel = queue.pop()
            pending = await clock.send("!trivia start", user=next(users), channel=channel, kind="start")
            try:
                await asyncio.wait_for(pending.done, 10)
                started += "Trivia about" in pending.reply_text
            except TimeoutError:
                pass

    await asyncio.gather(*(starter() for _ in range(50)))
    return started


async def _wait_questions(sandbox: Sandbox, channels, within: float) -> int:
    """Wait until every game channel holds a bot message besides the start announcement."""
    ids = {c.id for c in channels}
    deadline = time.monotonic() + within
    while True:
        per_channel: dict[int, int] = {}
        for rec in sandbox.messages.values():
            if rec.from_bot and rec.channel_id in ids:
                per_channel[rec.channel_id] = per_channel.get(rec.channel_id, 0) + 1
        ready = sum(1 for n in per_channel.values() if n >= 2)
        if ready == len(ids) or time.monotonic() > deadline:
            return ready
        await asyncio.sleep(0.05)


async def _guesses(sandbox: Sandbox, channels, users, rate: float, seconds: float) -> tuple[int, int]:
    total = int(rate * seconds)
    words = itertools.cycle(GUESSES)
    late = 0
    start = time.perf_counter()
    for i in range(total):
        delay = start + i / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        elif delay < -0.005:
            late += 1
        await sandbox.user_message(next(words), user=next(users), channel=channels[i % len(channels)])
    return total, late


async def _run(quick: bool) -> dict:
    games, rate, seconds = (20, 100.0, 0.5) if quick else (500, 500.0, 10.0)
    floor_seconds = 0.5 if quick else 4.0
    world = bench_world(users=300 if quick else 2000, channels=20, trivia_channels=games)
    with tempfile.TemporaryDirectory(prefix="bench-trivia-") as tmp:
        async with Sandbox(world, token=TOKEN) as sandbox:
            bot = BotProcess(sandbox, database=Path(tmp) / "bot.db", films_dir=FILMS_DIR,
                             log_path=RESULTS / "bot-trivia.log")
            clock = ReplyClock(sandbox)
            try:
                ready = await bot.start()
                if "trivia start" not in ready["commands"]:
                    return {"unavailable": "the bot has no `trivia start` command"}
                load = Load(bot, clock, sandbox)
                await load.sequential("floor", 20)
                floor = await load.open_loop(["floor"], rate, floor_seconds)
                game_channels = channels_named(world, "game-")
                users = itertools.cycle(members(world))
                t0 = time.perf_counter()
                started = await _start_games(clock, game_channels, users)
                start_s = time.perf_counter() - t0
                asking = await _wait_questions(sandbox, game_channels, 15)
                await bot.ask("lag start", "lag_started")
                await asyncio.sleep(0.3 if quick else 1.0)
                idle_lag = await bot.ask("lag stop", "lag")
                journal_before = len(sandbox.journal)
                with quiet_driver_gc():
                    await bot.ask("lag start", "lag_started")
                    cpu0 = await bot.precise_cpu_seconds()
                    t1 = time.perf_counter()
                    sent, late = await _guesses(sandbox, game_channels, users, rate, seconds)
                    await asyncio.sleep(0.2)
                cpu = await bot.precise_cpu_seconds() - cpu0
                wall = time.perf_counter() - t1
                lag = await bot.ask("lag stop", "lag")
                said = [e for e in sandbox.journal[journal_before:] if e.by_bot and e.kind == "created"]
                texts = [sandbox.messages[e.message_id] for e in said]
                close = sum(1 for r in texts if r.content.endswith("close!"))
                rss = bot.rss_mb()
                peak = bot.peak_rss_mb()
            finally:
                clock.close()
                await bot.stop()
    floor_us = floor["bot_cpu_us_per_command"]
    per_guess = round(cpu / max(1, sent) * 1e6, 1)
    return {
        "games": games,
        "games_started": started,
        "games_asking": asking,
        "start_all_s": round(start_s, 3),
        "guesses": sent,
        "guesses_per_s_offered": rate,
        "guesses_per_s_sent": round(sent / wall, 1),
        "guesses_sent_late": late,
        "bot_messages_during_guesses": len(said),
        "close_calls": close,
        "idle_lag": idle_lag,
        "lag": lag,
        "bot_cpu_us_per_guess": per_guess,
        "floor_cpu_us_per_command": floor_us,
        "floor_open_loop_p99_ms": floor["p99_ms"],
        "answer_cpu_ratio_to_floor": round(per_guess / floor_us, 2),
        "bot_rss_mb": round(rss, 1),
        "bot_peak_rss_mb": round(peak, 1),
        "targets": {
            "lag_p99_ms": lag["p99_ms"], "lag_p99_target_ms": TARGET_LAG_P99_MS,
            "lag_p99_ok": lag["p99_ms"] < TARGET_LAG_P99_MS,
            "answer_cpu_ratio": round(per_guess / floor_us, 2), "answer_cpu_ratio_target": TARGET_ANSWER_RATIO,
            "answer_cpu_ratio_ok": per_guess / floor_us <= TARGET_ANSWER_RATIO,
        },
    }


run, main = script(_run)

if __name__ == "__main__":
    main()
