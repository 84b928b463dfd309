"""`Sandbox`: a local stand-in for Discord on 127.0.0.1 (aiohttp): REST v10 and the gateway, enough for an
unmodified discord.py 2.7 client, with a real world model, a record of everything the bot sends, user
actions (messages, slash commands, autocomplete, clicks) and fault controls."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import ipaddress
import json
import logging
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from aiohttp import web

from bot.sandbox import world as w
from bot.sandbox.gateway import MESSAGE_CONTENT, RECONNECT, Gateway, Session
from bot.sandbox.records import JournalEvent, MessageRecord
from bot.sandbox.render import iter_buttons
from bot.sandbox.validate import validate_message

_log = logging.getLogger(__name__)

API_PREFIX = "/api/v10"
LOADING = 128
# Interaction types and callback types.
PING, APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 1, 2, 3, 4, 5
CB_PONG, CB_MESSAGE, CB_DEFERRED, CB_DEFERRED_UPDATE, CB_UPDATE, CB_AUTOCOMPLETE, CB_MODAL = 1, 4, 5, 6, 7, 8, 9
# Option types.
SUB_COMMAND, SUB_COMMAND_GROUP, STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER = range(1, 11)


class SandboxError(Exception):
    """Something a Discord user could not do (unknown command, missing option, no permission, ...)."""


class CommandUnavailable(SandboxError):
    """The command exists but Discord would not offer it to this user here (DM context, member permissions)."""


def json_response(data: Any, status: int = 200, headers: dict | None = None) -> web.Response:
    """JSON with `Content-Type: application/json` exactly (discord.py rejects a charset suffix)."""
    all_headers = {"Content-Type": "application/json"}
    all_headers.update(headers or {})
    return web.Response(body=json.dumps(data).encode(), status=status, headers=all_headers)


def invalid_body(problems: dict) -> web.Response:
    """400 for a message Discord would refuse (50006 for an empty one, 50035 otherwise)."""
    if list(problems) == ["_errors"] and problems["_errors"][0]["code"] == "MESSAGE_EMPTY":
        return error(400, 50006, "Cannot send an empty message")
    return error(400, 50035, "Invalid Form Body", problems)


def error(status: int, code: int, message: str, errors: dict | None = None) -> web.Response:
    body: dict[str, Any] = {"message": message, "code": code}
    if errors:
        body["errors"] = errors
    return json_response(body, status=status)


NOT_FOUND = (404, 0, "404: Not Found")


@dataclass
class Fault:
    status: int
    retry_after: float


@dataclass
class InteractionState:
    """An interaction the sandbox sent and what the bot answered."""

    id: int
    token: str
    type: int
    channel_id: int
    guild_id: int | None
    user_id: int
    data: dict
    message_id: int | None = None  # the message a component sits on
    response_type: int | None = None
    original_message_id: int | None = None
    choices: list[dict] | None = None
    modal: dict | None = None
    followup_ids: list[int] = field(default_factory=list)
    answered: asyncio.Event = field(default_factory=asyncio.Event)


class Sandbox:
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

    # ---- lifecycle ------------------------------------------------------------------------------------
    async def start(self) -> Sandbox:
        app = web.Application(middlewares=[self._middleware], client_max_size=64 * 1024 * 1024)
        app.router.add_get("/", self.gateway.handle)
        self._add_routes(app)
        app.router.add_route("*", "/{tail:.*}", self._unknown)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        addresses = self._runner.addresses
        if not addresses or not all(ipaddress.ip_address(a[0]).is_loopback for a in addresses):
            await self.stop()
            raise RuntimeError(f"sandbox bound to a non-loopback address: {addresses}")
        self.port = addresses[0][1]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self.gateway.shutdown()
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Sandbox:
        return await self.start()

    async def __aexit__(self, *exc) -> None:
        await self.stop()

    @property
    def api_base(self) -> str:
        return f"http://{self.host}:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://{self.host}:{self.port}/"

    def token_ok(self, token: str | None) -> bool:
        return self.token is None or token == self.token

    # ---- fault controls -------------------------------------------------------------------------------
    async def close_gateway(self, code: int = 4000) -> None:
        """Close every client websocket with `code` (4000: the client resumes)."""
        await self.gateway.close(code)

    async def send_reconnect(self) -> None:
        """op 7: the client closes and RESUMEs."""
        await self.gateway.send_op(RECONNECT)

    async def send_invalid_session(self, resumable: bool = False) -> None:
        """op 9: resumable sessions RESUME; otherwise the session is dropped and the client re-IDENTIFYs."""
        await self.gateway.invalidate(resumable)

    def fail_next(self, n: int = 1, *, status: int = 429, retry_after: float = 0.05) -> None:
        """Answer the next `n` REST calls with `status` (429 carries `Via` and `retry_after`: retried)."""
        self._faults.extend(Fault(status, retry_after) for _ in range(n))

    # ---- activity -------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """A REST call is in flight, or the client is waiting to retry one the sandbox failed."""
        now = time.monotonic()
        self._pending_retries = {k: v for k, v in self._pending_retries.items() if v > now}
        return self.inflight > 0 or bool(self._pending_retries)

    def quiet_for(self) -> float:
        return time.monotonic() - self.last_activity

    @web.middleware
    async def _middleware(self, request: web.Request, handler):
        if request.path == "/":
            return await handler(request)
        self.inflight += 1
        self.last_activity = time.monotonic()
        key = (request.method, request.path)
        self._pending_retries.pop(key, None)
        try:
            if self.latency:
                await asyncio.sleep(self.latency)
            if self._faults:
                fault = self._faults.pop(0)
                self.faults_served.append((request.method, request.path, fault.status))
                await request.read()
                if fault.status == 429:
                    self._pending_retries[key] = time.monotonic() + fault.retry_after + 2.0
                    return json_response(
                        {"message": "You are being rate limited.", "retry_after": fault.retry_after,
                         "global": False},
                        status=429,
                        headers={"Via": "1.1 google", "Retry-After": str(max(1, round(fault.retry_after))),
                                 "X-RateLimit-Scope": "user"},
                    )
                self._pending_retries[key] = time.monotonic() + 8.0
                return error(fault.status, 0, f"{fault.status}: Internal Server Error")
            response = await handler(request)
            self.requests.append((request.method, request.path, response.status))
            if response.status >= 400 and request.path.startswith(API_PREFIX):
                message = ""
                if isinstance(response, web.Response) and response.body:
                    message = json.loads(response.body).get("message", "")
                self.rejected.append((request.method, request.path, response.status, message))
            return response
        finally:
            self.inflight -= 1
            self.last_activity = time.monotonic()

    async def _unknown(self, request: web.Request) -> web.Response:
        self.unknown_routes.append((request.method, request.path))
        _log.warning("sandbox: unknown route %s %s", request.method, request.path)
        return error(*NOT_FOUND)

    # ---- journal --------------------------------------------------------------------------------------
    def add_listener(self, callback: Callable[[JournalEvent], None]) -> None:
        """Call `callback(event)` for every journal event (the console prints replies this way)."""
        self._listeners.append(callback)

    def remove_listener(self, callback: Callable[[JournalEvent], None]) -> None:
        self._listeners.remove(callback)

    def _record(self, kind: str, channel_id: int | None, message_id: int | None = None, *,
                by_bot: bool = True, detail: Any = None) -> JournalEvent:
        event = JournalEvent(len(self.journal), kind, channel_id, message_id, by_bot, detail)
        self.journal.append(event)
        for callback in list(self._listeners):
            callback(event)
        self._changed.set()
        self._changed = asyncio.Event()
        return event

    async def wait_changed(self, within: float) -> None:
        """Wait until the journal grows (or `within` seconds pass)."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._changed.wait(), within)

    def bot_messages(self, channel: Any = None) -> list[MessageRecord]:
        """Every message the bot sent, in order (optionally in one channel), deleted ones included."""
        channel_id = self.world.channel(channel).id if channel is not None else None
        return [m for m in self.messages.values()
                if m.from_bot and (channel_id is None or m.channel_id == channel_id)]

    # ---- payloads -------------------------------------------------------------------------------------
    def message_payload(self, rec: MessageRecord, *, depth: int = 0) -> dict:
        world = self.world
        author = world.users[rec.author_id]
        mentions = []
        for uid in dict.fromkeys(int(x) for x in re.findall(r"<@!?(\d+)>", rec.content or "")):
            if uid in world.users:
                mentions.append(world.users[uid].payload())
        data: dict[str, Any] = {
            "id": str(rec.id),
            "channel_id": str(rec.channel_id),
            "author": author.payload(),
            "content": rec.content,
            "timestamp": rec.timestamp,
            "edited_timestamp": rec.edited_timestamp,
            "tts": rec.tts,
            "mention_everyone": False,
            "mentions": mentions,
            "mention_roles": re.findall(r"<@&(\d+)>", rec.content or ""),
            "attachments": copy.deepcopy(rec.attachments),
            "embeds": copy.deepcopy(rec.embeds),
            "reactions": self._reaction_payload(rec),
            "pinned": False,
            "type": 19 if rec.message_reference else 0,
            "flags": rec.flags,
            "components": copy.deepcopy(rec.components),
        }
        if rec.nonce is not None:
            data["nonce"] = rec.nonce
        if rec.guild_id is not None:
            data["guild_id"] = str(rec.guild_id)
            guild = world.guilds[rec.guild_id]
            if rec.author_id in guild.members:
                data["member"] = guild.members[rec.author_id].payload(world, with_user=False)
            if not rec.from_bot:
                perms = guild.permissions_in(rec.author_id, rec.channel_id)
                data["mention_everyone"] = "@everyone" in rec.content and bool(perms & w.MENTION_EVERYONE)
        if rec.message_reference:
            data["message_reference"] = dict(rec.message_reference, type=0)
            ref = self.messages.get(int(rec.message_reference.get("message_id", 0)))
            if ref is not None and depth == 0:
                data["referenced_message"] = self.message_payload(ref, depth=1)
        if rec.interaction_id is not None:
            state = next((s for s in self.interactions.values() if s.id == rec.interaction_id), None)
            data["application_id"] = str(world.application_id)
            data["webhook_id"] = str(world.application_id)
            if state is not None:
                data["type"] = 20 if state.type == APPLICATION_COMMAND else 0
                data["interaction_metadata"] = {
                    "id": str(state.id), "type": state.type, "user": world.users[state.user_id].payload(),
                    "authorizing_integration_owners": {},
                }
        return data

    def _reaction_payload(self, rec: MessageRecord) -> list[dict]:
        counts: dict[str, list[int]] = {}
        for emoji, uid in rec.reactions:
            counts.setdefault(emoji, []).append(uid)
        result = []
        for emoji, users in counts.items():
            name, _, emoji_id = emoji.partition(":")
            result.append({
                "emoji": {"id": emoji_id or None, "name": name},
                "count": len(users),
                "count_details": {"burst": 0, "normal": len(users)},
                "me": self.world.bot.id in users,
                "me_burst": False,
                "burst_colors": [],
                "burst_count": 0,
            })
        return result

    def _content_for(self, session: Session, data: dict) -> dict:
        """Without the Message Content intent, guild messages from others arrive without their content."""
        if session.intents & MESSAGE_CONTENT or "guild_id" not in data:
            return data
        bot_id = str(self.world.bot.id)
        if data.get("author", {}).get("id") == bot_id or any(m["id"] == bot_id for m in data.get("mentions", [])):
            return data
        return dict(data, content="", embeds=[], attachments=[], components=[])

    async def _dispatch_message(self, event: str, rec: MessageRecord) -> list[tuple[Session, int]]:
        if rec.ephemeral:
            return []
        return await self.gateway.dispatch(event, self.message_payload(rec), guild_id=rec.guild_id,
                                           transform=self._content_for)

    # ---- creating messages ----------------------------------------------------------------------------
    def _new_record(self, channel: w.Channel, author_id: int, body: dict, *, from_bot: bool,
                    interaction: InteractionState | None = None) -> MessageRecord:
        rec = MessageRecord(
            id=w.snowflake(),
            channel_id=channel.id,
            guild_id=channel.guild_id,
            author_id=author_id,
            content=body.get("content") or "",
            embeds=copy.deepcopy(body.get("embeds") or []),
            components=copy.deepcopy(body.get("components") or []),
            attachments=copy.deepcopy(body.get("attachments") or []),
            allowed_mentions=copy.deepcopy(body.get("allowed_mentions")),
            flags=int(body.get("flags") or 0),
            message_reference=copy.deepcopy(body.get("message_reference")),
            nonce=body.get("nonce"),
            tts=bool(body.get("tts")),
            from_bot=from_bot,
            interaction_id=interaction.id if interaction else None,
            interaction_token=interaction.token if interaction else None,
            timestamp=w.iso_now(),
        )
        if rec.message_reference and "channel_id" not in rec.message_reference:
            rec.message_reference["channel_id"] = str(channel.id)
        self.messages[rec.id] = rec
        return rec

    async def _bot_creates(self, channel: w.Channel, body: dict,
                           interaction: InteractionState | None = None, *, loading: bool = False) -> MessageRecord:
        rec = self._new_record(channel, self.world.bot.id, body, from_bot=True, interaction=interaction)
        rec.loading = loading
        if loading:
            rec.flags |= LOADING
        self._record("created", channel.id, rec.id, detail={"interaction": interaction is not None})
        await self._dispatch_message("MESSAGE_CREATE", rec)
        return rec

    async def _bot_edits(self, rec: MessageRecord, body: dict) -> None:
        was_loading = rec.loading
        rec.apply_edit(body, w.iso_now())
        if was_loading:
            rec.flags &= ~LOADING
        self._record("edited", rec.channel_id, rec.id)
        await self._dispatch_message("MESSAGE_UPDATE", rec)

    async def _delete(self, rec: MessageRecord) -> None:
        rec.deleted = True
        self._record("deleted", rec.channel_id, rec.id, by_bot=True)
        if not rec.ephemeral:
            data = {"id": str(rec.id), "channel_id": str(rec.channel_id)}
            if rec.guild_id:
                data["guild_id"] = str(rec.guild_id)
            await self.gateway.dispatch("MESSAGE_DELETE", data, guild_id=rec.guild_id)

    # ---- REST routes ----------------------------------------------------------------------------------
    def _add_routes(self, app: web.Application) -> None:
        p = API_PREFIX
        r = app.router
        r.add_get(p + "/users/@me", self._get_me)
        r.add_get(p + "/oauth2/applications/@me", self._get_application)
        r.add_get(p + "/applications/@me", self._get_application)
        r.add_get(p + "/gateway", self._get_gateway)
        r.add_get(p + "/gateway/bot", self._get_gateway)
        r.add_get(p + "/users/{user_id:\\d+}", self._get_user)
        r.add_post(p + "/users/@me/channels", self._open_dm)
        r.add_get(p + "/channels/{channel_id}", self._get_channel)
        r.add_post(p + "/channels/{channel_id}/messages", self._post_message)
        r.add_get(p + "/channels/{channel_id}/messages", self._history)
        r.add_get(p + "/channels/{channel_id}/messages/{message_id}", self._get_message)
        r.add_patch(p + "/channels/{channel_id}/messages/{message_id}", self._edit_message)
        r.add_delete(p + "/channels/{channel_id}/messages/{message_id}", self._delete_message)
        r.add_put(p + "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me", self._add_reaction)
        r.add_delete(p + "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me",
                     self._remove_reaction)
        r.add_delete(p + "/channels/{channel_id}/messages/{message_id}/reactions", self._clear_reactions)
        r.add_post(p + "/channels/{channel_id}/typing", self._typing)
        r.add_get(p + "/guilds/{guild_id}/members/{user_id}", self._get_member)
        r.add_get(p + "/guilds/{guild_id}/roles", self._get_roles)
        r.add_get(p + "/applications/{app_id}/commands", self._get_commands)
        r.add_put(p + "/applications/{app_id}/commands", self._put_commands)
        r.add_post(p + "/applications/{app_id}/commands", self._post_command)
        r.add_get(p + "/applications/{app_id}/guilds/{guild_id}/commands", self._get_commands)
        r.add_put(p + "/applications/{app_id}/guilds/{guild_id}/commands", self._put_commands)
        r.add_post(p + "/applications/{app_id}/guilds/{guild_id}/commands", self._post_command)
        r.add_post(p + "/interactions/{interaction_id}/{token}/callback", self._callback)
        r.add_post(p + "/webhooks/{app_id}/{token}", self._followup)
        r.add_get(p + "/webhooks/{app_id}/{token}/messages/{message_id}", self._webhook_get)
        r.add_patch(p + "/webhooks/{app_id}/{token}/messages/{message_id}", self._webhook_edit)
        r.add_delete(p + "/webhooks/{app_id}/{token}/messages/{message_id}", self._webhook_delete)

    def _authorized(self, request: web.Request) -> bool:
        auth = request.headers.get("Authorization", "")
        return auth.startswith("Bot ") and self.token_ok(auth[4:])

    @staticmethod
    async def _body(request: web.Request) -> dict:
        """The JSON body, or the `payload_json` part of a multipart upload (attachments named)."""
        if request.content_type.startswith("multipart/"):
            data: dict = {}
            files = []
            reader = await request.multipart()
            async for part in reader:
                if part.name == "payload_json":
                    data = json.loads(await part.text())
                else:
                    await part.read()
                    files.append({"filename": part.filename or part.name or "file"})
            attachments = data.get("attachments") or []
            for i, f in enumerate(files):
                meta = attachments[i] if i < len(attachments) else {}
                f.update({"id": str(w.snowflake()), "size": 0, "url": "", "proxy_url": ""},
                         filename=meta.get("filename", f["filename"]))
            data["attachments"] = files
            return data
        if not request.can_read_body:
            return {}
        raw = await request.read()
        return json.loads(raw) if raw else {}

    def _guard(self, request: web.Request) -> web.Response | None:
        if not self._authorized(request):
            return error(401, 0, "401: Unauthorized")
        return None

    def _channel(self, request: web.Request) -> w.Channel | None:
        raw = request.match_info["channel_id"]
        return self.world.channel_by_id(int(raw)) if raw.isdigit() else None

    def _bot_perms(self, channel: w.Channel) -> int:
        if channel.guild_id is None:
            return w.ALL_PERMISSIONS & ~w.ADMINISTRATOR
        return self.world.guilds[channel.guild_id].permissions_in(self.world.bot.id, channel.id)

    async def _get_me(self, request: web.Request) -> web.Response:
        if (denied := self._guard(request)) is not None:
            return denied
        return json_response(dict(self.world.bot.payload(), verified=True, mfa_enabled=False, flags=0,
                                  email=None, locale="en-US", premium_type=0))

    async def _get_application(self, request: web.Request) -> web.Response:
        if (denied := self._guard(request)) is not None:
            return denied
        world = self.world
        owner = world.users.get(world.app_owner_id or 0) or world.bot
        return json_response({
            "id": str(world.application_id), "name": world.bot.name, "icon": None, "description": "",
            "rpc_origins": [], "bot_public": True, "bot_require_code_grant": False, "owner": owner.payload(),
            "summary": "", "verify_key": "0" * 64, "team": None, "flags": 0, "bot": world.bot.payload(),
            "tags": [], "redirect_uris": [], "interactions_endpoint_url": None,
        })

    async def _get_gateway(self, request: web.Request) -> web.Response:
        data: dict[str, Any] = {"url": self.gateway_url.rstrip("/")}
        if request.path.endswith("/bot"):
            if (denied := self._guard(request)) is not None:
                return denied
            data.update(shards=1, session_start_limit={"total": 1000, "remaining": 1000, "reset_after": 0,
                                                       "max_concurrency": 1})
        return json_response(data)

    async def _get_user(self, request: web.Request) -> web.Response:
        user = self.world.users.get(int(request.match_info["user_id"]))
        return json_response(user.payload()) if user else error(404, 10013, "Unknown User")

    async def _open_dm(self, request: web.Request) -> web.Response:
        if (denied := self._guard(request)) is not None:
            return denied
        body = await self._body(request)
        user = self.world.find_user(str(body.get("recipient_id", "")))
        if user is None:
            return error(404, 10013, "Unknown User")
        return json_response(self.world.dm_channel(user.id).payload(self.world))

    async def _get_channel(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        return json_response(channel.payload(self.world)) if channel else error(404, 10003, "Unknown Channel")

    async def _post_message(self, request: web.Request) -> web.Response:
        if (denied := self._guard(request)) is not None:
            return denied
        channel = self._channel(request)
        if channel is None:
            return error(404, 10003, "Unknown Channel")
        if not self._bot_perms(channel) & w.SEND_MESSAGES:
            return error(403, 50013, "Missing Permissions")
        body = await self._body(request)
        if problems := validate_message(body):
            return invalid_body(problems)
        rec = await self._bot_creates(channel, body)
        return json_response(self.message_payload(rec))

    def _message(self, request: web.Request, channel: w.Channel) -> MessageRecord | None:
        raw = request.match_info["message_id"]
        rec = self.messages.get(int(raw)) if raw.isdigit() else None
        return rec if rec is not None and rec.channel_id == channel.id and not rec.deleted else None

    async def _history(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        if channel is None:
            return error(404, 10003, "Unknown Channel")
        limit = int(request.query.get("limit", 50))
        found = [m for m in self.messages.values() if m.channel_id == channel.id and not m.deleted
                 and not m.ephemeral]
        return json_response([self.message_payload(m) for m in reversed(found)][:limit])

    async def _get_message(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        rec = self._message(request, channel) if channel else None
        return json_response(self.message_payload(rec)) if rec else error(404, 10008, "Unknown Message")

    async def _edit_message(self, request: web.Request) -> web.Response:
        if (denied := self._guard(request)) is not None:
            return denied
        channel = self._channel(request)
        rec = self._message(request, channel) if channel else None
        if rec is None:
            return error(404, 10008, "Unknown Message")
        if rec.author_id != self.world.bot.id:
            return error(403, 50005, "Cannot edit a message authored by another user")
        body = await self._body(request)
        if problems := validate_message(body, edit=True):
            return invalid_body(problems)
        await self._bot_edits(rec, body)
        return json_response(self.message_payload(rec))

    async def _delete_message(self, request: web.Request) -> web.Response:
        if (denied := self._guard(request)) is not None:
            return denied
        channel = self._channel(request)
        rec = self._message(request, channel) if channel else None
        if rec is None:
            return error(404, 10008, "Unknown Message")
        if rec.author_id != self.world.bot.id and not self._bot_perms(channel) & w.MANAGE_MESSAGES:
            return error(403, 50013, "Missing Permissions")
        await self._delete(rec)
        return web.Response(status=204)

    async def _add_reaction(self, request: web.Request) -> web.Response:
        if (denied := self._guard(request)) is not None:
            return denied
        channel = self._channel(request)
        rec = self._message(request, channel) if channel else None
        if rec is None:
            return error(404, 10008, "Unknown Message")
        emoji = unquote(request.match_info["emoji"])
        perms = self._bot_perms(channel)
        existing = any(e == emoji for e, _ in rec.reactions)
        if not perms & w.READ_MESSAGE_HISTORY or (not existing and not perms & w.ADD_REACTIONS):
            return error(403, 50013, "Missing Permissions")
        bot_id = self.world.bot.id
        if (emoji, bot_id) not in rec.reactions:
            rec.reactions.append((emoji, bot_id))
            self._record("reaction", channel.id, rec.id, detail=emoji)
            name, _, emoji_id = emoji.partition(":")
            data = {"user_id": str(bot_id), "channel_id": str(channel.id), "message_id": str(rec.id),
                    "emoji": {"id": emoji_id or None, "name": name}, "burst": False, "type": 0,
                    "message_author_id": str(rec.author_id)}
            if channel.guild_id:
                data["guild_id"] = str(channel.guild_id)
                data["member"] = self.world.guilds[channel.guild_id].members[bot_id].payload(self.world)
            await self.gateway.dispatch("MESSAGE_REACTION_ADD", data, guild_id=channel.guild_id)
        return web.Response(status=204)

    async def _remove_reaction(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        rec = self._message(request, channel) if channel else None
        if rec is None:
            return error(404, 10008, "Unknown Message")
        emoji = unquote(request.match_info["emoji"])
        rec.reactions = [(e, u) for e, u in rec.reactions if (e, u) != (emoji, self.world.bot.id)]
        self._record("reaction_removed", channel.id, rec.id, detail=emoji)
        return web.Response(status=204)

    async def _clear_reactions(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        rec = self._message(request, channel) if channel else None
        if rec is None:
            return error(404, 10008, "Unknown Message")
        if not self._bot_perms(channel) & w.MANAGE_MESSAGES:
            return error(403, 50013, "Missing Permissions")
        rec.reactions = []
        self._record("reactions_cleared", channel.id, rec.id)
        return web.Response(status=204)

    async def _typing(self, request: web.Request) -> web.Response:
        if (denied := self._guard(request)) is not None:
            return denied
        channel = self._channel(request)
        if channel is None:
            return error(404, 10003, "Unknown Channel")
        self.typing.append(channel.id)
        self._record("typing", channel.id)
        return web.Response(status=204)

    async def _get_member(self, request: web.Request) -> web.Response:
        guild = self.world.guilds.get(int(request.match_info["guild_id"]))
        uid = int(request.match_info["user_id"])
        if guild is None or uid not in guild.members:
            return error(404, 10007, "Unknown Member")
        return json_response(guild.members[uid].payload(self.world))

    async def _get_roles(self, request: web.Request) -> web.Response:
        guild = self.world.guilds.get(int(request.match_info["guild_id"]))
        if guild is None:
            return error(404, 10004, "Unknown Guild")
        return json_response([r.payload() for r in guild.roles.values()])

    # ---- application commands -------------------------------------------------------------------------
    def register_commands(self, payloads: list[dict], *, guild_id: int | None = None) -> list[dict]:
        """Replace the commands of the application (globally or in one guild), as a sync would."""
        stored: dict[str, dict] = {}
        old = self.commands.get(guild_id, {})
        for payload in payloads:
            cmd = copy.deepcopy(payload)
            previous = old.get(cmd["name"])
            cmd.update(id=previous["id"] if previous else str(w.snowflake()),
                       application_id=str(self.world.application_id), version=str(w.snowflake()))
            cmd.setdefault("type", 1)
            cmd.setdefault("description", "")
            if guild_id is not None:
                cmd["guild_id"] = str(guild_id)
            stored[cmd["name"]] = cmd
        self.commands[guild_id] = stored
        return list(stored.values())

    def _command_scope(self, request: web.Request) -> int | None | web.Response:
        if request.match_info["app_id"] != str(self.world.application_id):
            return error(404, 10002, "Unknown Application")
        gid = request.match_info.get("guild_id")
        if gid is None:
            return None
        if not gid.isdigit() or int(gid) not in self.world.guilds:
            return error(403, 50001, "Missing Access")
        return int(gid)

    async def _get_commands(self, request: web.Request) -> web.Response:
        scope = self._command_scope(request)
        if isinstance(scope, web.Response):
            return scope
        return json_response(list(self.commands.get(scope, {}).values()))

    async def _put_commands(self, request: web.Request) -> web.Response:
        if (denied := self._guard(request)) is not None:
            return denied
        scope = self._command_scope(request)
        if isinstance(scope, web.Response):
            return scope
        body = await self._body(request)
        self.sync_calls.append((scope, copy.deepcopy(body)))
        return json_response(self.register_commands(body, guild_id=scope))

    async def _post_command(self, request: web.Request) -> web.Response:
        if (denied := self._guard(request)) is not None:
            return denied
        scope = self._command_scope(request)
        if isinstance(scope, web.Response):
            return scope
        body = await self._body(request)
        current = [c for c in self.commands.get(scope, {}).values() if c["name"] != body.get("name")]
        stored = self.register_commands([*current, body], guild_id=scope)
        return json_response(next(c for c in stored if c["name"] == body.get("name")), status=201)

    def find_command(self, name: str, guild_id: int | None) -> dict | None:
        if guild_id is not None and name in self.commands.get(guild_id, {}):
            return self.commands[guild_id][name]
        return self.commands.get(None, {}).get(name)

    # ---- user actions ---------------------------------------------------------------------------------
    def _check_can_post(self, user: w.User, channel: w.Channel) -> None:
        if channel.guild_id is None:
            if channel.recipient_id != user.id:
                raise SandboxError(f"{user.name} cannot write in {channel.name}")
            return
        guild = self.world.guilds[channel.guild_id]
        if user.id not in guild.members:
            raise SandboxError(f"{user.name} is not a member of {guild.name}")
        if not guild.permissions_in(user.id, channel.id) & w.SEND_MESSAGES:
            raise SandboxError(f"{user.name} cannot send messages in #{channel.name}")

    async def user_message(self, text: str, *, user: Any = "alice", channel: Any = "general",
                           reply_to: int | None = None) -> tuple[MessageRecord, list[tuple[Session, int]]]:
        """A user posts `text`; returns the record and the (session, sequence) pairs it was sent as."""
        u = self.world.user(user)
        ch = self.world.channel(channel)
        self._check_can_post(u, ch)
        body: dict[str, Any] = {"content": text}
        if reply_to is not None:
            body["message_reference"] = {"message_id": str(reply_to), "channel_id": str(ch.id)}
        rec = self._new_record(ch, u.id, body, from_bot=False)
        self._record("created", ch.id, rec.id, by_bot=False)
        return rec, await self._dispatch_message("MESSAGE_CREATE", rec)

    def _interaction_payload(self, state: InteractionState, message: MessageRecord | None) -> dict:
        world = self.world
        channel = world.channel_by_id(state.channel_id)
        user = world.users[state.user_id]
        payload: dict[str, Any] = {
            "id": str(state.id),
            "application_id": str(world.application_id),
            "type": state.type,
            "data": state.data,
            "token": state.token,
            "version": 1,
            "locale": "en-US",
            "entitlements": [],
            "attachment_size_limit": 10 * 1024 * 1024,
            "channel_id": str(channel.id),
            "channel": channel.payload(world),
            "app_permissions": str(self._bot_perms(channel)),
        }
        if channel.guild_id is not None:
            guild = world.guilds[channel.guild_id]
            payload.update(
                guild_id=str(guild.id),
                guild={"id": str(guild.id), "locale": "en-US", "features": []},
                guild_locale="en-US",
                member=world.member_payload(guild, user.id, channel.id),
                context=0,
                authorizing_integration_owners={"0": str(guild.id)},
            )
            payload["channel"]["permissions"] = payload["member"]["permissions"]
        else:
            payload.update(user=user.payload(), context=1, authorizing_integration_owners={"0": "0"})
        if message is not None:
            payload["message"] = self.message_payload(message)
        return payload

    async def interact(self, type_: int, data: dict, *, user: Any, channel: Any,
                       message: MessageRecord | None = None) -> tuple[InteractionState, list[tuple[Session, int]]]:
        """Send an INTERACTION_CREATE as `user` in `channel`; returns the interaction and where it went."""
        u = self.world.user(user)
        ch = self.world.channel_by_id(message.channel_id) if message is not None else self.world.channel(channel)
        if ch.guild_id is not None and u.id not in self.world.guilds[ch.guild_id].members:
            raise SandboxError(f"{u.name} is not a member of {self.world.guilds[ch.guild_id].name}")
        state = InteractionState(id=w.snowflake(), token=secrets.token_urlsafe(24), type=type_,
                                 channel_id=ch.id, guild_id=ch.guild_id, user_id=u.id, data=data,
                                 message_id=message.id if message else None)
        self.interactions[state.token] = state
        payload = self._interaction_payload(state, message)
        shard_guild = ch.guild_id
        return state, await self.gateway.dispatch("INTERACTION_CREATE", payload, guild_id=shard_guild)

    def command_data(self, path: str, options: dict[str, Any], *, user: Any, channel: Any,
                     focused: str | None = None) -> dict:
        """The `data` of a slash-command interaction for '/name [group] [sub]' with `options`, checked the
        way Discord's client checks it (known command and options, required options, choices, ranges)."""
        u = self.world.user(user)
        ch = self.world.channel(channel)
        parts = path.strip().lstrip("/").split()
        if not parts:
            raise SandboxError("empty command")
        cmd = self.find_command(parts[0], ch.guild_id)
        if cmd is None:
            raise SandboxError(f"no slash command /{parts[0]} is registered")
        self._check_available(cmd, u, ch)
        data: dict[str, Any] = {"id": cmd["id"], "name": cmd["name"], "type": 1}
        if cmd.get("guild_id"):
            data["guild_id"] = cmd["guild_id"]
        container, defs = data, cmd.get("options") or []
        for part in parts[1:]:
            sub = next((o for o in defs if o["name"] == part and o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)),
                       None)
            if sub is None:
                raise SandboxError(f"/{' '.join(parts)}: no subcommand {part!r}")
            node = {"name": part, "type": sub["type"], "options": []}
            container.setdefault("options", []).append(node)
            container, defs = node, sub.get("options") or []
        subs = [o["name"] for o in defs if o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)]
        if subs:
            raise SandboxError(f"/{' '.join(parts)} needs one of: {', '.join(subs)}")
        resolved: dict[str, dict] = {}
        values = []
        by_name = {o["name"]: o for o in defs}
        for name, value in options.items():
            if name not in by_name:
                raise SandboxError(f"/{' '.join(parts)} has no option {name!r} (options: {', '.join(by_name)})")
            spec = by_name[name]
            if name == focused:
                values.append({"name": name, "type": spec["type"], "value": str(value), "focused": True})
                continue
            values.append({"name": name, "type": spec["type"],
                           "value": self._option_value(spec, value, ch, resolved)})
        missing = [o["name"] for o in defs if o.get("required") and o["name"] not in options]
        if missing and focused is None:
            raise SandboxError(f"/{' '.join(parts)} needs option(s): {', '.join(missing)}")
        container["options"] = values
        if resolved:
            data["resolved"] = resolved
        return data

    def _check_available(self, cmd: dict, user: w.User, channel: w.Channel) -> None:
        if channel.guild_id is None:
            contexts = cmd.get("contexts")
            if cmd.get("dm_permission") is False or (contexts is not None and 1 not in contexts):
                raise CommandUnavailable(f"/{cmd['name']} is not available in direct messages")
            return
        needed = cmd.get("default_member_permissions")
        if needed is not None:
            perms = self.world.guilds[channel.guild_id].permissions_in(user.id, channel.id)
            if perms & int(needed) != int(needed):
                raise CommandUnavailable(f"/{cmd['name']} is hidden from {user.name} (member permissions)")

    def _option_value(self, spec: dict, value: Any, channel: w.Channel, resolved: dict) -> Any:
        kind, name = spec["type"], spec["name"]
        try:
            if kind == STRING:
                result: Any = str(value)
                lo, hi = spec.get("min_length"), spec.get("max_length")
                if (lo is not None and len(result) < lo) or (hi is not None and len(result) > hi):
                    raise SandboxError(f"option {name!r} must be {lo or 0}-{hi or 6000} characters long")
            elif kind == INTEGER:
                result = int(value)
            elif kind == NUMBER:
                result = float(value)
            elif kind == BOOLEAN:
                result = value if isinstance(value, bool) else str(value).lower() in ("true", "yes", "1", "on")
            elif kind in (USER, MENTIONABLE) and self.world.find_user(str(value)) is not None:
                u = self.world.user(str(value))
                resolved.setdefault("users", {})[str(u.id)] = u.payload()
                if channel.guild_id is not None and u.id in self.world.guilds[channel.guild_id].members:
                    guild = self.world.guilds[channel.guild_id]
                    member = self.world.member_payload(guild, u.id, channel.id)
                    member.pop("user")
                    resolved.setdefault("members", {})[str(u.id)] = member
                result = str(u.id)
            elif kind in (ROLE, MENTIONABLE):
                role = self.world.role(channel.guild_id, value)
                resolved.setdefault("roles", {})[str(role.id)] = role.payload()
                result = str(role.id)
            elif kind == CHANNEL:
                target = self.world.channel(value)
                resolved.setdefault("channels", {})[str(target.id)] = dict(
                    target.payload(self.world), permissions=str(w.ALL_PERMISSIONS))
                result = str(target.id)
            else:
                raise SandboxError(f"option {name!r}: type {kind} is not supported by the sandbox")
        except (ValueError, w.WorldError) as exc:
            raise SandboxError(f"option {name!r}: {exc}") from None
        if kind in (INTEGER, NUMBER):
            lo, hi = spec.get("min_value"), spec.get("max_value")
            if (lo is not None and result < lo) or (hi is not None and result > hi):
                raise SandboxError(f"option {name!r} must be between {lo} and {hi}")
        choices = spec.get("choices")
        if choices and result not in [c["value"] for c in choices]:
            raise SandboxError(f"option {name!r} must be one of {[c['name'] for c in choices]}")
        return result

    def component_data(self, message: MessageRecord, target: str, values: list[str] | None = None) -> dict:
        """`data` for clicking the button (by label, emoji or custom_id) or choosing in the select
        (by custom_id or placeholder) on `message`."""
        def walk(components):
            for c in components or []:
                yield c
                yield from walk(c.get("components"))
                if c.get("accessory"):
                    yield from walk([c["accessory"]])

        wanted = target.strip().lower()
        for c in walk(message.components):
            if c.get("type") == 2 and c.get("style") != 5:
                names = {str(c.get("label", "")).lower(), str(c.get("custom_id", "")).lower(),
                         str((c.get("emoji") or {}).get("name", "")).lower()}
                if wanted in names:
                    if c.get("disabled"):
                        raise SandboxError(f"button {target!r} is disabled")
                    return {"custom_id": c["custom_id"], "component_type": 2}
            if c.get("type") in (3, 5, 6, 7, 8):
                names = {str(c.get("custom_id", "")).lower(), str(c.get("placeholder", "")).lower()}
                if wanted in names:
                    if values is None:
                        raise SandboxError(f"{target!r} is a select menu: pass values=[...]")
                    return {"custom_id": c["custom_id"], "component_type": c["type"], "values": list(values)}
        labels = [b.get("label") or b.get("custom_id") for b in iter_buttons(message.components)]
        raise SandboxError(f"no component {target!r} on message {message.id} (buttons: {labels})")

    def modal_submit_data(self, modal: dict, values: dict[str, Any]) -> dict:
        """`data` for submitting `modal` with `values` by custom_id (text for inputs, lists for selects),
        shaped like the modal (action rows or labels), checked as Discord's client checks it."""
        remaining = dict(values)

        def fill(item: dict) -> dict:
            cid = item.get("custom_id")
            if item.get("type") == 4:
                value = str(remaining.pop(cid, item.get("value") or ""))
                if item.get("required", True) and not value:
                    raise SandboxError(f"the modal field {item.get('label') or cid!r} is required")
                if item.get("max_length") is not None and len(value) > item["max_length"]:
                    raise SandboxError(f"the modal field {cid!r} takes at most {item['max_length']} characters")
                return {"type": 4, "custom_id": cid, "value": value}
            chosen = remaining.pop(cid, [])
            return {"type": item.get("type"), "custom_id": cid,
                    "values": [chosen] if isinstance(chosen, str) else list(chosen)}

        components = []
        for c in modal.get("components") or []:
            if c.get("type") == 1:
                components.append({"type": 1, "components": [fill(x) for x in c.get("components") or []]})
            elif c.get("type") == 18 and c.get("component"):
                components.append({"type": 18, "component": fill(c["component"])})
        if remaining:
            raise SandboxError(f"the modal has no field(s) {', '.join(map(str, remaining))}")
        return {"custom_id": modal.get("custom_id"), "components": components}

    # ---- interaction callbacks and webhooks -----------------------------------------------------------
    def _interaction(self, request: web.Request) -> InteractionState | None:
        state = self.interactions.get(request.match_info["token"])
        if state is None:
            return None
        iid = request.match_info.get("interaction_id")
        if iid is not None and iid != str(state.id):
            return None
        app_id = request.match_info.get("app_id")
        if app_id is not None and app_id != str(self.world.application_id):
            return None
        return state

    async def _callback(self, request: web.Request) -> web.Response:
        state = self._interaction(request)
        if state is None:
            return error(404, 10062, "Unknown interaction")
        if state.response_type is not None:
            return error(400, 40060, "Interaction has already been acknowledged.")
        body = await self._body(request)
        kind = body.get("type")
        data = body.get("data") or {}
        channel = self.world.channel_by_id(state.channel_id)
        allowed = {
            APPLICATION_COMMAND: {CB_MESSAGE, CB_DEFERRED, CB_MODAL},
            MESSAGE_COMPONENT: {CB_MESSAGE, CB_DEFERRED, CB_DEFERRED_UPDATE, CB_UPDATE, CB_MODAL},
            AUTOCOMPLETE: {CB_AUTOCOMPLETE},
            MODAL_SUBMIT: {CB_MESSAGE, CB_DEFERRED, CB_DEFERRED_UPDATE, CB_UPDATE},
        }.get(state.type, set())
        if kind not in allowed:
            return error(400, 40043, f"Interaction callback type {kind} is not valid for this interaction")
        if kind in (CB_MESSAGE, CB_UPDATE) and (problems := validate_message(data, edit=kind == CB_UPDATE)):
            return invalid_body(problems)
        state.response_type = kind
        info: dict[str, Any] = {"id": str(state.id), "type": state.type, "activity_instance_id": None,
                                "response_message_id": None, "response_message_loading": False,
                                "response_message_ephemeral": False}
        result: dict[str, Any] = {"interaction": info}
        rec = None
        if kind == CB_MESSAGE:
            rec = await self._bot_creates(channel, data, state)
        elif kind == CB_DEFERRED:
            rec = await self._bot_creates(channel, {"flags": data.get("flags", 0)}, state, loading=True)
            info["response_message_loading"] = True
        elif kind in (CB_DEFERRED_UPDATE, CB_UPDATE):
            rec = self.messages.get(state.message_id or 0)
            if rec is None:
                return error(400, 40043, "Only component interactions can update a message")
            if kind == CB_UPDATE:
                await self._bot_edits(rec, data)
        elif kind == CB_AUTOCOMPLETE:
            state.choices = list(data.get("choices") or [])
            self._record("autocomplete", state.channel_id, detail=state.choices)
        elif kind == CB_MODAL:
            state.modal = copy.deepcopy(data)
            self._record("modal", state.channel_id, detail={"interaction": state.token, "modal": state.modal})
        if rec is not None:
            state.original_message_id = rec.id
            info.update(response_message_id=str(rec.id), response_message_ephemeral=rec.ephemeral)
            if kind != CB_DEFERRED_UPDATE:
                result["resource"] = {"type": kind, "message": self.message_payload(rec)}
        if kind in (CB_AUTOCOMPLETE, CB_MODAL):
            result["resource"] = {"type": kind}
        state.answered.set()
        return json_response(result)

    async def _followup(self, request: web.Request) -> web.Response:
        state = self._interaction(request)
        if state is None or state.response_type is None or state.type == AUTOCOMPLETE:
            return error(404, 10015, "Unknown Webhook")
        body = await self._body(request)
        if problems := validate_message(body):
            return invalid_body(problems)
        original = self.messages.get(state.original_message_id or 0)
        if original is not None and original.loading:
            await self._bot_edits(original, body)  # the first followup fills the "thinking" message
            rec = original
        else:
            rec = await self._bot_creates(self.world.channel_by_id(state.channel_id), body, state)
            state.followup_ids.append(rec.id)
        if request.query.get("wait", "").lower() in ("true", "1"):
            return json_response(self.message_payload(rec))
        return web.Response(status=204)

    def _webhook_message(self, request: web.Request, state: InteractionState) -> MessageRecord | None:
        raw = request.match_info["message_id"]
        mid = state.original_message_id if raw == "@original" else (int(raw) if raw.isdigit() else None)
        rec = self.messages.get(mid or 0)
        if rec is None or rec.deleted:
            return None
        if rec.id != state.original_message_id and rec.id not in state.followup_ids:
            return None
        return rec

    async def _webhook_get(self, request: web.Request) -> web.Response:
        state = self._interaction(request)
        rec = self._webhook_message(request, state) if state else None
        return json_response(self.message_payload(rec)) if rec else error(404, 10008, "Unknown Message")

    async def _webhook_edit(self, request: web.Request) -> web.Response:
        state = self._interaction(request)
        if state is None:
            return error(404, 10015, "Unknown Webhook")
        rec = self._webhook_message(request, state)
        if rec is None:
            return error(404, 10008, "Unknown Message")
        body = await self._body(request)
        if problems := validate_message(body, edit=True):
            return invalid_body(problems)
        await self._bot_edits(rec, body)
        return json_response(self.message_payload(rec))

    async def _webhook_delete(self, request: web.Request) -> web.Response:
        state = self._interaction(request)
        rec = self._webhook_message(request, state) if state else None
        if rec is None:
            return error(404, 10008, "Unknown Message")
        await self._delete(rec)
        return web.Response(status=204)
