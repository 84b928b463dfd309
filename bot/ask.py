"""The real bot in the offline sandbox: ``offline_harness(settings)`` and ``python -m bot ask``.

``offline_harness`` opens the configured store (``DATABASE_PATH``; ``FILMS_DIR`` is ingested at startup
like on Discord) and runs the product bot against a fresh local sandbox through its configuration only
(the sandbox's API and gateway URLs). The console, ``ask`` and the end-to-end tests all start it here.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from bot.runtime import create_bot
from bot.sandbox import Harness, SandboxError, World
from bot.settings import Settings

SANDBOX_READY_TIMEOUT = 0.05  # seconds: the sandbox streams its guilds at once


@contextlib.asynccontextmanager
async def offline_harness(settings: Settings, *, world: World | None = None, store=None,
                          **harness_options) -> AsyncIterator[Harness]:
    """A started Harness running the product bot; opens (and closes) the store unless one is given."""
    from bot.store import Store

    own_store = store is None
    if own_store:
        settings.database_path.parent.mkdir(parents=True, exist_ok=True)
        store = await Store.open(settings.database_path)

    def factory(api_base: str, gateway_url: str):
        local = settings.replace(discord_api_base=api_base, discord_gateway_url=gateway_url,
                                 guild_ready_timeout=SANDBOX_READY_TIMEOUT, shard_count=None, shard_ids=None)
        return create_bot(local, store)

    try:
        async with Harness(factory, world=world, **harness_options) as harness:
            yield harness
    finally:
        if own_store:
            await store.close()


async def ask_messages(settings: Settings, messages: list[str], *, user: str = "alice",
                       channel: str = "general") -> list[tuple[str, list[str]]]:
    """Send each message in turn (``/name rest`` runs the slash command) and collect the rendered replies.

    The messages are a script sent back to back by one simulated user, so the per-user rate limits
    (LOOKUP_RATE, COMMAND_RATE) are off here; the console and the real bot keep them."""
    settings = settings.replace(lookup_rate=None, command_rate=None)
    results: list[tuple[str, list[str]]] = []
    async with offline_harness(settings) as harness:
        for message in messages:
            try:
                exchange = await harness.run(message, user=user, channel=channel)
            except SandboxError as exc:  # e.g. an unknown slash command: Discord would not even send it
                results.append((message, [f"(not sent: {exc})"]))
                continue
            results.append((message, exchange.texts))
    return results
