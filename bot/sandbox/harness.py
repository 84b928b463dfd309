"""`Harness`: runs a real discord.py bot against a fresh `Sandbox` in the same event loop and lets tests,
the console and `python -m bot ask` act as users: `send`, `slash`, `autocomplete`, `click`, `dm`, and read
what the bot sent.

The bot is built by `bot_factory(api_base, gateway_url)`; pointing discord.py at those URLs is the factory's
job (through configuration). "The bot has finished answering" means: the client has read the event, the
handler tasks discord.py started for it are done, no REST call is in flight or awaiting a retry, and the
sandbox has seen no REST activity for `quiet` seconds (or `slow_quiet` seconds if a handler is still
running after it replied, e.g. a game loop)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from typing import Any

import discord

from bot.sandbox.records import JournalEvent, MessageRecord, Reply
from bot.sandbox.server import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    MESSAGE_COMPONENT,
    MODAL_SUBMIT,
    Sandbox,
    SandboxError,
)
from bot.sandbox.world import World

BotFactory = Callable[[str, str], discord.Client]

# Names discord.py gives the tasks that handle one incoming event.
HANDLER_TASK_PREFIXES = ("discord.py: ", "CommandTree-invoker", "discord-ui-view-dispatch", "discord-ui-modal")


class Exchange(list[Reply]):
    """The bot messages created or edited while answering one user action, in order of first change.

    Also: `message` (the user's message, for `send`), `reactions` (emoji the bot put on it), `typing`
    (typing calls), `deleted` (ids of bot messages deleted), `events` (the journal slice), `timed_out`."""

    message: MessageRecord | None = None
    reactions: list[str]
    typing: int = 0
    deleted: list[int]
    events: list[JournalEvent]
    timed_out: bool = False
    modal: dict | None = None  # a modal the bot opened in answer (title, custom_id, components)
    modal_interaction: str | None = None

    @property
    def texts(self) -> list[str]:
        return [reply.text for reply in self]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


class _ErrorLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class Harness:
    """`async with Harness(factory) as h:` starts a sandbox and the bot, and waits until it is ready."""

    def __init__(self, bot_factory: BotFactory, *, world: World | None = None, token: str = "sandbox-token",
                 quiet: float = 0.06, slow_quiet: float = 0.5, timeout: float = 15.0,
                 ready_timeout: float = 15.0, install_commands: bool = True,
                 bot_token: str | None = None) -> None:
        self.bot_factory = bot_factory
        self.token = token
        self.bot_token = token if bot_token is None else bot_token  # a different one: login is refused
        self.quiet = quiet
        self.slow_quiet = slow_quiet
        self.timeout = timeout
        self.ready_timeout = ready_timeout
        self.sandbox = Sandbox(world, token=token)
        self.bot: discord.Client | None = None
        self.ready_seconds: float | None = None
        self._install = install_commands
        self._task: asyncio.Task | None = None
        self._errors = _ErrorLog()

    @property
    def world(self) -> World:
        return self.sandbox.world

    @property
    def errors(self) -> list[logging.LogRecord]:
        """ERROR log records emitted while the harness ran (unhandled exceptions in the bot land here)."""
        return self._errors.records

    # ---- lifecycle ------------------------------------------------------------------------------------
    async def __aenter__(self) -> Harness:
        await self.start()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.stop()

    async def start(self) -> None:
        logging.getLogger().addHandler(self._errors)
        started = time.perf_counter()
        await self.sandbox.start()
        try:
            self.bot = self.bot_factory(self.sandbox.api_base, self.sandbox.gateway_url)
            self._task = asyncio.create_task(self.bot.start(self.bot_token), name="sandbox-harness-bot")
            deadline = time.monotonic() + self.ready_timeout
            while not self.bot.is_ready():
                if self._task.done():
                    exc = self._task.exception()
                    raise exc if exc else RuntimeError("the bot stopped before it was ready")
                if time.monotonic() > deadline:
                    raise TimeoutError(f"the bot was not ready after {self.ready_timeout} s")
                await asyncio.sleep(0.002)
            self.ready_seconds = time.perf_counter() - started
            if self._install:
                self.install_commands()
        except BaseException:
            await self.stop()
            raise

    async def stop(self) -> None:
        if self.bot is not None and not self.bot.is_closed():
            await self.bot.close()
        if self._task is not None:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await asyncio.wait_for(self._task, 5)
            self._task = None
        await self.sandbox.stop()
        logging.getLogger().removeHandler(self._errors)

    def install_commands(self) -> None:
        """Register the bot's app-command tree in the sandbox as if it had been synced (global and per guild)."""
        tree = getattr(self.bot, "tree", None)
        if tree is None:
            return
        self.sandbox.register_commands([c.to_dict(tree) for c in tree.get_commands()])
        for guild_id in self.world.guilds:
            commands = tree.get_commands(guild=discord.Object(guild_id))
            if commands:
                self.sandbox.register_commands([c.to_dict(tree) for c in commands], guild_id=guild_id)

    # ---- waiting --------------------------------------------------------------------------------------
    def _client_ws(self, shard_id: int):
        bot = self.bot
        try:
            if isinstance(bot, discord.AutoShardedClient):
                return bot._get_websocket(shard_id=shard_id)
            return bot.ws
        except (AttributeError, KeyError):
            return None

    async def _wait_received(self, sent, deadline: float) -> None:
        """Wait until the client has read each (session, sequence) the sandbox sent (or lost it)."""
        for session, seq in sent:
            while time.monotonic() < deadline and session.alive:
                ws = self._client_ws(session.shard_id)
                if ws is not None and ws.session_id == session.id and (ws.sequence or 0) >= seq:
                    break
                await asyncio.sleep(0.002)
        await asyncio.sleep(0)

    async def _settle(self, before: set[asyncio.Task], start_index: int, deadline: float) -> bool:
        """Wait until the bot has finished answering; True if the deadline passed first."""
        received_at = time.monotonic()
        while True:
            await asyncio.sleep(0.005)
            now = time.monotonic()
            if now > deadline:
                return True
            if self.sandbox.busy:
                continue
            handlers_busy = any(
                t not in before and not t.done() and t.get_name().startswith(HANDLER_TASK_PREFIXES)
                for t in asyncio.all_tasks()
            )
            quiet_for = now - max(self.sandbox.last_activity, received_at)
            if not handlers_busy and quiet_for >= self.quiet:
                return False
            if handlers_busy and quiet_for >= self.slow_quiet and self._produced(start_index):
                return False

    def _produced(self, start_index: int) -> bool:
        return any(e.by_bot for e in self.sandbox.journal[start_index:])

    async def settle(self, within: float | None = None) -> None:
        """Wait (at most `within` seconds) until the bot is quiet: no handler running, no REST call."""
        deadline = time.monotonic() + (within or self.timeout)
        await self._settle(set(), len(self.sandbox.journal), deadline)

    async def _exchange(self, act, *, message_getter=None) -> Exchange:
        before = asyncio.all_tasks()
        start_index = len(self.sandbox.journal)
        deadline = time.monotonic() + self.timeout
        result, sent = await act()
        await self._wait_received(sent, deadline)
        timed_out = await self._settle(before, start_index, deadline)
        return self._collect(start_index, message=result if isinstance(result, MessageRecord) else None,
                             timed_out=timed_out)

    def _collect(self, start_index: int, *, message: MessageRecord | None = None,
                 timed_out: bool = False) -> Exchange:
        events = self.sandbox.journal[start_index:]
        ids: list[int] = []
        for e in events:
            if e.kind in ("created", "edited") and e.by_bot and e.message_id not in ids:
                ids.append(e.message_id)
        records = [self.sandbox.messages[i] for i in ids]
        exchange = Exchange(r.reply() for r in records if r.from_bot and not r.deleted and not r.loading)
        exchange.message = message
        exchange.events = list(events)
        exchange.reactions = [e.detail for e in events
                              if e.kind == "reaction" and message is not None and e.message_id == message.id]
        exchange.typing = sum(1 for e in events if e.kind == "typing")
        exchange.deleted = [e.message_id for e in events if e.kind == "deleted"]
        exchange.timed_out = timed_out
        for e in events:
            if e.kind == "modal":
                exchange.modal, exchange.modal_interaction = e.detail["modal"], e.detail["interaction"]
        return exchange

    # ---- user actions ---------------------------------------------------------------------------------
    async def send(self, text: str, user: Any = "alice", channel: Any = "general", *,
                   reply_to: int | None = None) -> Exchange:
        """`user` posts `text` in `channel` ('general', '#trivia', 'dm:bob'); returns the bot's answer."""
        return await self._exchange(
            lambda: self.sandbox.user_message(text, user=user, channel=channel, reply_to=reply_to))

    async def dm(self, text: str, user: Any = "alice") -> Exchange:
        """`user` writes `text` to the bot in a direct message."""
        return await self.send(text, user=user, channel=f"dm:{self.world.user(user).name}")

    async def slash(self, name: str, *, user: Any = "alice", channel: Any = "general",
                    options: dict[str, Any] | None = None, **kw: Any) -> Exchange:
        """Run '/name [group] [sub]' with options (keywords, or `options=` for names like 'user')."""
        values = {**(options or {}), **kw}
        data = self.sandbox.command_data(name, values, user=user, channel=channel)
        return await self._exchange(
            lambda: self.sandbox.interact(APPLICATION_COMMAND, data, user=user, channel=channel))

    async def autocomplete(self, name: str, option: str, partial: str, *, user: Any = "alice",
                           channel: Any = "general", options: dict[str, Any] | None = None,
                           **other: Any) -> list[dict]:
        """The choices the bot offers while `user` types `partial` into `option` of '/name'."""
        values = {**(options or {}), **other, option: partial}
        data = self.sandbox.command_data(name, values, user=user, channel=channel, focused=option)
        state, sent = await self.sandbox.interact(AUTOCOMPLETE, data, user=user, channel=channel)
        deadline = time.monotonic() + self.timeout
        await self._wait_received(sent, deadline)
        try:
            await asyncio.wait_for(state.answered.wait(), max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            raise TimeoutError(f"the bot did not answer the autocomplete of /{name} {option}") from None
        return list(state.choices or [])

    def _record_of(self, message: Reply | MessageRecord | int) -> MessageRecord:
        mid = message if isinstance(message, int) else message.id
        rec = self.sandbox.messages.get(mid)
        if rec is None or rec.deleted:
            raise SandboxError(f"no message {mid} to click on")
        return rec

    async def click(self, message: Reply | MessageRecord | int, target: str, *, user: Any = "alice",
                    values: list[str] | None = None) -> Exchange:
        """`user` presses the button labelled (or with custom_id) `target` on `message`; with `values`,
        chooses them in the select menu `target` (custom_id or placeholder)."""
        rec = self._record_of(message)
        data = self.sandbox.component_data(rec, target, values)
        return await self._exchange(
            lambda: self.sandbox.interact(MESSAGE_COMPONENT, data, user=user, channel=None, message=rec))

    async def select(self, message: Reply | MessageRecord | int, target: str, values: list[str], *,
                     user: Any = "alice") -> Exchange:
        return await self.click(message, target, user=user, values=values)

    async def submit_modal(self, opened: Exchange, values: dict[str, Any], *, user: Any = None) -> Exchange:
        """Fill in and submit the modal the bot opened in `opened` (values by field custom_id)."""
        if opened.modal is None or opened.modal_interaction is None:
            raise SandboxError("the bot did not open a modal in that exchange")
        origin = self.sandbox.interactions[opened.modal_interaction]
        data = self.sandbox.modal_submit_data(opened.modal, values)
        message = self.sandbox.messages.get(origin.message_id or 0)
        return await self._exchange(lambda: self.sandbox.interact(
            MODAL_SUBMIT, data, user=user if user is not None else origin.user_id, channel=origin.channel_id,
            message=message))

    def slash_path(self, line: str, channel: Any = "general") -> tuple[str, dict[str, Any]]:
        """Split '/trivia start 5' into ('trivia start', {first option of the leaf: '5'})."""
        words = line.strip().lstrip("/").split(" ")
        words = [w for w in words if w != ""] if words else []
        if not words:
            raise SandboxError("empty command")
        cmd = self.sandbox.find_command(words[0], self.world.channel(channel).guild_id)
        if cmd is None:
            raise SandboxError(f"no slash command /{words[0]} is registered")
        path, defs, rest = [words[0]], cmd.get("options") or [], words[1:]
        while rest:
            sub = next((o for o in defs if o["name"] == rest[0] and o["type"] in (1, 2)), None)
            if sub is None:
                break
            path.append(rest.pop(0))
            defs = sub.get("options") or []
        if not rest:
            return " ".join(path), {}
        plain = [o for o in defs if o["type"] not in (1, 2)]
        if not plain:
            raise SandboxError(f"/{' '.join(path)} takes no options")
        return " ".join(path), {plain[0]["name"]: " ".join(rest)}

    async def run(self, line: str, user: Any = "alice", channel: Any = "general") -> Exchange:
        """A line as typed in a chat box: '/name rest' runs the slash command (rest = its first option),
        anything else is sent as a message."""
        if line.startswith("/"):
            path, options = self.slash_path(line, channel)
            return await self.slash(path, user=user, channel=channel, options=options)
        return await self.send(line, user=user, channel=channel)

    # ---- reading --------------------------------------------------------------------------------------
    def messages(self, channel: Any = None) -> list[Reply]:
        """Everything the bot sent (optionally in one channel), in order, as it is now."""
        return [m.reply() for m in self.sandbox.bot_messages(channel) if not m.loading]

    async def wait_for(self, predicate: Callable[[Reply], bool], *, channel: Any = None,
                       within: float = 10.0, since: int | None = None) -> Reply:
        """The first bot message created or edited from now on (or from journal index `since`) that
        matches `predicate`, e.g. the answer a trivia timer posts."""
        channel_id = self.world.channel(channel).id if channel is not None else None
        index = len(self.sandbox.journal) if since is None else since
        deadline = time.monotonic() + within
        while True:
            journal = self.sandbox.journal
            for event in journal[index:]:
                if event.kind in ("created", "edited") and event.by_bot and (
                        channel_id is None or event.channel_id == channel_id):
                    rec = self.sandbox.messages[event.message_id]
                    if not rec.loading and predicate(rec.reply()):
                        return rec.reply()
            index = len(journal)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no bot message matched within {within} s")
            await self.sandbox.wait_changed(remaining)
