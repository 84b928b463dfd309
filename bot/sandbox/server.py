"""`Sandbox`: a local stand-in for Discord on 127.0.0.1 (aiohttp): REST v10 and the gateway, enough for an
unmodified discord.py 2.7 client, with a real world model, a record of everything the bot sends, user
actions (messages, slash commands, autocomplete, clicks) and fault controls."""

from __future__ import annotations

import asyncio
import ipaddress
import time
from collections.abc import Callable

from aiohttp import web

from bot.sandbox import world as w
from bot.sandbox.app import Fault, SandboxApp
from bot.sandbox.channel_routes import ChannelRoutes
from bot.sandbox.commands import ApplicationCommands
from bot.sandbox.directory_routes import DirectoryRoutes
from bot.sandbox.gateway import Gateway
from bot.sandbox.interaction_data import InteractionData
from bot.sandbox.interactions import InteractionRoutes, InteractionState
from bot.sandbox.journal import MessageJournal
from bot.sandbox.payloads import Payloads
from bot.sandbox.protocol import (
    API_PREFIX,
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    BOOLEAN,
    CB_AUTOCOMPLETE,
    CB_DEFERRED,
    CB_DEFERRED_UPDATE,
    CB_MESSAGE,
    CB_MODAL,
    CB_PONG,
    CB_UPDATE,
    CHANNEL,
    INTEGER,
    LOADING,
    MENTIONABLE,
    MESSAGE_COMPONENT,
    MODAL_SUBMIT,
    NUMBER,
    PING,
    ROLE,
    STRING,
    SUB_COMMAND,
    SUB_COMMAND_GROUP,
    USER,
    CommandUnavailable,
    SandboxError,
)
from bot.sandbox.records import JournalEvent, MessageRecord
from bot.sandbox.rest import NOT_FOUND, error, invalid_body, json_response
from bot.sandbox.user_actions import UserActions

# The names this module has always offered (the harness and tests import several from here).
__all__ = [
    "API_PREFIX",
    "APPLICATION_COMMAND",
    "AUTOCOMPLETE",
    "BOOLEAN",
    "CB_AUTOCOMPLETE",
    "CB_DEFERRED",
    "CB_DEFERRED_UPDATE",
    "CB_MESSAGE",
    "CB_MODAL",
    "CB_PONG",
    "CB_UPDATE",
    "CHANNEL",
    "INTEGER",
    "LOADING",
    "MENTIONABLE",
    "MESSAGE_COMPONENT",
    "MODAL_SUBMIT",
    "NOT_FOUND",
    "NUMBER",
    "PING",
    "ROLE",
    "STRING",
    "SUB_COMMAND",
    "SUB_COMMAND_GROUP",
    "USER",
    "CommandUnavailable",
    "Fault",
    "InteractionState",
    "Sandbox",
    "SandboxError",
    "error",
    "invalid_body",
    "json_response",
]


# Each area is a mixin in its own module; the state they share is all set up in `Sandbox.__init__`.
class Sandbox(SandboxApp, MessageJournal, Payloads, DirectoryRoutes, ChannelRoutes, ApplicationCommands,
              InteractionRoutes, UserActions, InteractionData):
    """Discord REST v10 + gateway on 127.0.0.1. Use `async with Sandbox() as sandbox:` or start()/stop()."""

    def __init__(self, world: w.World | None = None, *, token: str | None = None, host: str = "127.0.0.1",
                 port: int = 0, heartbeat_interval_ms: int = 41250) -> None:
        if not ipaddress.ip_address(host).is_loopback:
            raise ValueError(f"the sandbox only listens on loopback, not {host!r}")
        self.world = world if world is not None else w.default_world()
        self.token = token
        self.host = host
        self.port = port
        self.gateway = Gateway(self, heartbeat_interval_ms=heartbeat_interval_ms)
        self._runner: web.AppRunner | None = None
        # records
        self.messages: dict[int, MessageRecord] = {}
        self.journal: list[JournalEvent] = []
        self.unknown_routes: list[tuple[str, str]] = []
        self.rejected: list[tuple[str, str, int, str]] = []  # method, path, status, message
        self.requests: list[tuple[str, str, int]] = []
        self.typing: list[int] = []  # channel ids, one per typing call
        self.interactions: dict[str, InteractionState] = {}
        self.commands: dict[int | None, dict[str, dict]] = {None: {}}  # guild id (None: global) -> name -> cmd
        self.sync_calls: list[tuple[int | None, list[dict]]] = []
        self._listeners: list[Callable[[JournalEvent], None]] = []
        self._changed = asyncio.Event()
        # faults and activity
        self.latency = 0.0
        self._faults: list[Fault] = []
        self.faults_served: list[tuple[str, str, int]] = []
        self.inflight = 0
        self.last_activity = time.monotonic()
        self._pending_retries: dict[tuple[str, str], float] = {}

