"""Spam: one user floods 1,000 commands within a few seconds. The bot answers the user's budget, warns once,
ignores the rest, logs nothing alarming, and other users keep getting their answers during the flood
(their latency is measured and printed; only the functional outcome is asserted)."""

from __future__ import annotations

import asyncio
import statistics
import time

from bot.command_limit import COMMAND_PER, COMMAND_RATE
from tests.reliability.conftest import check_sendable, wait_for_reply

FLOOD = 1000
PROBES = 10


async def _probe(sandbox, user: str, channel: str) -> float:
    """`user` asks `!help ping` and waits for that answer; returns the seconds it took."""
    started = time.perf_counter()
    before = {m.id for m in sandbox.bot_messages(channel)}
    await sandbox.user_message("!help ping", user=user, channel=channel)
    await wait_for_reply(sandbox, lambda m: m.id not in before and m.embeds
                         and m.embeds[0].get("title") == "!ping", channel=channel, within=10)
    return time.perf_counter() - started


async def test_flood_from_one_user_is_capped_and_others_keep_answers(harness):
    sandbox = harness.sandbox
    baseline = [await _probe(sandbox, "bob", "general") for _ in range(PROBES)]
    await harness.settle()
    start_index = len(sandbox.journal)

    async def flood() -> float:
        started = time.perf_counter()
        for i in range(FLOOD):
            await sandbox.user_message("!ping", user="alice", channel="general")
            if i % 20 == 0:
                await asyncio.sleep(0.001)
        return time.perf_counter() - started

    async def probes() -> list[float]:
        seen = []
        for _ in range(PROBES):
            seen.append(await _probe(sandbox, "bob", "general"))
            seen.append(await _probe(sandbox, "carol", "trivia"))
        return seen

    flood_seconds, during = await asyncio.gather(flood(), probes())
    await harness.settle(within=20)

    replies = [m for m in sandbox.bot_messages("general")
               if any(e.message_id == m.id for e in sandbox.journal[start_index:])]
    pongs = [m for m in replies if m.content.startswith("Pong!")]
    warnings = [m for m in replies if m.content.startswith("Slow down")]
    print(f"\nflood: {FLOOD} commands in {flood_seconds:.2f} s; answered {len(pongs)}, warned {len(warnings)}")
    print(f"other users' latency (help ping), ms: before median {statistics.median(baseline) * 1000:.1f}"
          f" max {max(baseline) * 1000:.1f}; during flood median {statistics.median(during) * 1000:.1f}"
          f" max {max(during) * 1000:.1f} ({len(during)} probes)")
    assert flood_seconds < COMMAND_PER  # the whole flood falls in one budget window
    assert len(pongs) == COMMAND_RATE
    assert [m.content for m in warnings] == [warnings[0].content]
    assert warnings[0].content.startswith("Slow down, try again in ")
    assert len(during) == 2 * PROBES
    for m in replies:
        check_sendable(m.reply())
    assert harness.errors == []
    # alice is still refused (silently) until the window ends; bob is unaffected.
    assert (await harness.send("!ping", user="alice")).texts == []
    assert (await harness.send("!ping", user="bob")).text.startswith("Pong!")


async def test_slash_flood_gets_ephemeral_cooldown(harness):
    for _ in range(COMMAND_RATE):
        assert (await harness.slash("ping", user="carol")).text.startswith("Pong!")
    refused = await harness.slash("ping", user="carol")
    assert refused[0].ephemeral
    assert refused.text.startswith("Slow down, try again in ")
    assert (await harness.slash("ping", user="bob")).text.startswith("Pong!")
    assert harness.errors == []
