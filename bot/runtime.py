"""The Discord side of the process: the bot class, its factory and the launcher.

``create_bot(settings, store)`` builds a :class:`FilmBot` (or :class:`ShardedFilmBot` when
``SHARD_COUNT`` is set). Its ``setup_hook`` ingests changed articles from ``FILMS_DIR``, builds the
:class:`~bot.kb.library.Library` and loads the ``cogs`` extension package by name (which loads the cogs
it lists). The Discord endpoints come from the settings only (``DISCORD_API_BASE``, ``DISCORD_GATEWAY_URL``), which is how the
local sandbox is reached; nothing here knows about tests. ``run(settings)`` is the launcher used by
``python -m bot run``: logging, store, signals, clean shutdown.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
from typing import Any

import discord
import yarl
from discord.ext import commands

from bot.command_limit import CommandLimiter
from bot.kb.library import Library
from bot.settings import Settings

log = logging.getLogger(__name__)

SHUTDOWN_TIMEOUT = 5.0  # seconds allowed for cogs to end their games and the client to close
EXTENSION_PACKAGE = "cogs"  # loaded by name; it loads the cogs listed in its EXTENSIONS
MAX_INPUT_LENGTH = 300  # characters of command input accepted (prefix message or slash options)


class InputTooLong(commands.UserInputError):
    """The user's input is longer than any sensible command argument."""

    def __init__(self, length: int, limit: int = MAX_INPUT_LENGTH) -> None:
        self.length = length
        self.limit = limit
        super().__init__(f"That's too long ({length} characters); please keep it under {limit}.")


class ContainsToken(commands.UserInputError):
    """The user's input holds this bot's own token: it is never processed, so never echoed back."""

    def __init__(self) -> None:
        super().__init__("That message contains this bot's token, so I won't touch it. If it was pasted by "
                         "mistake, reset the token in the Discord developer portal.")


class TokenRejected(Exception):
    """Discord (or the configured endpoint) refused the token: missing, malformed or revoked."""


def apply_discord_endpoints(settings: Settings) -> None:
    """Point discord.py's REST routes and gateway at the configured base URLs (process-wide)."""
    discord.http.Route.BASE = settings.discord_api_base.rstrip("/")
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord_gateway_url)


def build_intents() -> discord.Intents:
    intents = discord.Intents.none()
    intents.guilds = True
    intents.messages = True  # guild and DM messages
    intents.message_content = True  # privileged: enable it in the developer portal
    intents.reactions = True
    return intents


class FilmBotMixin:
    """Behaviour shared by the plain and the sharded bot."""

    settings: Settings
    store: Any
    library: Library

    def _init_film_bot(self, settings: Settings, store: Any) -> None:
        self.settings = settings
        self.store = store
        self.library = Library(())
        self._ingest_lock = asyncio.Lock()
        rate = settings.command_rate
        self.command_limiter = CommandLimiter(rate.count, rate.per) if rate is not None else None
        self.add_check(_input_check)  # type: ignore[attr-defined]
        self.add_check(_slash_rate_check)  # type: ignore[attr-defined]

    async def setup_hook(self) -> None:
        if self.store is not None:
            await self.ingest_films()
            await self.reload_library()
        await self.load_extension(EXTENSION_PACKAGE)  # type: ignore[attr-defined]
        log.info("loaded %d extensions, %d films", len(self.extensions) - 1, len(self.library))  # type: ignore[attr-defined]

    async def ingest_films(self, paths: list[Any] | None = None) -> Any:
        """Ingest changed articles (default: the films folder, logged per file) and rebuild the library."""
        from bot.kb.ingest import ingest_folder, ingest_paths

        async with self._ingest_lock:
            if paths is None:
                report = await ingest_folder(self.store, self.settings.films_dir)
            else:
                report = await ingest_paths(self.store, paths)
                await self.reload_library()
        return report

    async def reload_library(self) -> Library:
        self.library = await Library.load(self.store)
        self.dispatch("library_reloaded", self.library)  # type: ignore[attr-defined]
        return self.library

    async def process_commands(self, message: discord.Message, /) -> None:
        """Like discord.py's, but a user over the command budget gets one warning and is otherwise ignored."""
        if message.author.bot:
            return
        ctx = await self.get_context(message)  # type: ignore[attr-defined]
        if ctx.prefix is not None and ctx.invoked_with and self.command_limiter is not None:
            retry_after, warn = self.command_limiter.hit(message)
            if retry_after is not None:
                if warn:
                    self.dispatch("command_error", ctx, self.command_limiter.cooldown_error(retry_after))  # type: ignore[attr-defined]
                return
        await self.invoke(ctx)  # type: ignore[attr-defined]

    async def on_ready(self) -> None:
        user = self.user  # type: ignore[attr-defined]
        log.info("ready as %s (id %s) in %d guilds", user, getattr(user, "id", "?"),
                 len(self.guilds))  # type: ignore[attr-defined]
        # What exists now lives as long as the bot (modules, library, guild and member caches): keep it out
        # of the collector's full passes, which otherwise stall the event loop ~100 ms at a time under load
        # (benchmarks/README.md). Collected first so no garbage is frozen; unfrozen again in close().
        gc.collect()
        gc.freeze()

    async def close(self) -> None:
        """Unload every cog (their ``cog_unload`` ends running games), then close the client."""
        if self.is_closed():  # type: ignore[attr-defined]
            return
        gc.unfreeze()
        log.info("shutting down")
        try:
            await asyncio.wait_for(super().close(), timeout=SHUTDOWN_TIMEOUT)  # type: ignore[misc]
        except TimeoutError:
            log.warning("shutdown took longer than %.0f s; closing the connection anyway", SHUTDOWN_TIMEOUT)
            with contextlib.suppress(Exception):
                await self.http.close()  # type: ignore[attr-defined]


class FilmBot(FilmBotMixin, commands.Bot):
    """The bot on a single gateway connection."""

    def __init__(self, settings: Settings, store: Any, **options: Any) -> None:
        super().__init__(**_bot_options(settings), **options)
        self._init_film_bot(settings, store)


class ShardedFilmBot(FilmBotMixin, commands.AutoShardedBot):
    """The bot running ``SHARD_COUNT`` shards (or the ``SHARD_IDS`` subset of them) in this process."""

    def __init__(self, settings: Settings, store: Any, **options: Any) -> None:
        shard_options: dict[str, Any] = {"shard_count": settings.shard_count}
        if settings.shard_ids is not None:
            shard_options["shard_ids"] = list(settings.shard_ids)
        super().__init__(**_bot_options(settings), **shard_options, **options)
        self._init_film_bot(settings, store)


def _bot_options(settings: Settings) -> dict[str, Any]:
    return {
        "command_prefix": commands.when_mentioned_or(settings.command_prefix),
        "intents": build_intents(),
        "help_command": None,  # cogs/meta.py provides a hybrid help built from command metadata
        "allowed_mentions": discord.AllowedMentions.none(),
        "case_insensitive": True,
        "strip_after_prefix": True,
        "chunk_guilds_at_startup": False,
        "guild_ready_timeout": settings.guild_ready_timeout,
        "description": "A bot that knows a film inside out.",
    }


def create_bot(settings: Settings, store: Any) -> commands.Bot:
    """The configured bot (sharded when ``settings.shard_count`` is set), pointed at the settings' URLs."""
    apply_discord_endpoints(settings)
    # A text bot: no voice, so no warnings about the voice libraries.
    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
    cls = ShardedFilmBot if settings.sharded else FilmBot
    return cls(settings, store)


async def _input_check(ctx: commands.Context) -> bool:
    """Refuse input that is too long, or that holds the bot's own token (so no reply can echo it)."""
    if ctx.interaction is not None:
        texts = [v for _, v in ctx.interaction.namespace if isinstance(v, str)]
    else:
        texts = [ctx.message.content]
    length = sum(map(len, texts))
    if length > MAX_INPUT_LENGTH:
        raise InputTooLong(length)
    token = ctx.bot.settings.token
    if token and any(token in text for text in texts):
        raise ContainsToken()
    return True


async def _slash_rate_check(ctx: commands.Context) -> bool:
    """Slash invocations count against the same per-user budget (prefix ones are counted before parsing)."""
    limiter: CommandLimiter | None = ctx.bot.command_limiter
    if ctx.interaction is not None and limiter is not None:
        retry_after, _ = limiter.hit(ctx.message)
        if retry_after is not None:
            raise limiter.cooldown_error(retry_after)
    return True


async def run(settings: Settings) -> None:
    """Run the real bot until it is stopped (SIGINT/SIGTERM); raises TokenRejected for a bad token."""
    from bot.store import Store

    if not settings.token:
        raise TokenRejected("DISCORD_TOKEN is not set")
    settings.database_path.parent.mkdir(parents=True, exist_ok=True)
    store = await Store.open(settings.database_path)
    try:
        bot = create_bot(settings, store)
        async with bot:
            _install_signal_handlers(bot)
            try:
                await bot.start(settings.token)
            except discord.LoginFailure as exc:
                raise TokenRejected("Discord rejected the token") from exc
            except discord.ConnectionClosed as exc:
                if exc.code == 4004:
                    raise TokenRejected("Discord rejected the token (4004)") from exc
                raise
            except discord.PrivilegedIntentsRequired as exc:
                raise TokenRejected("the Message Content intent is not enabled for this bot") from exc
    finally:
        await store.close()
        log.info("store closed")


def _install_signal_handlers(bot: commands.Bot) -> None:
    loop = asyncio.get_running_loop()

    def stop(signame: str) -> None:
        log.info("received %s", signame)
        loop.create_task(bot.close())

    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop, sig.name)


async def sync_commands(settings: Settings, guild_id: int | None = None) -> list[str]:
    """Log in over REST only, load the extensions and publish the command tree; returns command names."""
    from bot.store import Store

    settings.database_path.parent.mkdir(parents=True, exist_ok=True)
    store = await Store.open(settings.database_path)
    try:
        bot = create_bot(settings, store)
        async with bot:
            try:
                await bot.login(settings.token or "")  # runs setup_hook: extensions are loaded
            except discord.LoginFailure as exc:
                raise TokenRejected("Discord rejected the token") from exc
            guild = discord.Object(id=guild_id) if guild_id else None
            if guild is not None:
                bot.tree.copy_global_to(guild=guild)
            synced = await bot.tree.sync(guild=guild)
            return [command.name for command in synced]
    finally:
        await store.close()
