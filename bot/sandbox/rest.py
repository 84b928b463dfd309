"""REST plumbing every sandbox route shares: JSON responses the way discord.py expects them, Discord-shaped
error bodies, reading a JSON or multipart body, the bot token check and the channel/message lookups."""

from __future__ import annotations

import functools
import json
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.sandbox import world as w
from bot.sandbox.records import MessageRecord
from bot.sandbox.validate import validate_message


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
UNKNOWN_CHANNEL = (404, 10003, "Unknown Channel")
UNKNOWN_MESSAGE = (404, 10008, "Unknown Message")
UNKNOWN_WEBHOOK = (404, 10015, "Unknown Webhook")
UNKNOWN_USER = (404, 10013, "Unknown User")
MISSING_PERMISSIONS = (403, 50013, "Missing Permissions")


async def read_body(request: web.Request) -> dict:
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


Handler = Callable[[Any, web.Request], Awaitable[web.Response]]


def bot_only(handler: Handler) -> Handler:
    """A route only the bot may call: 401 without `Authorization: Bot <its token>`."""
    @functools.wraps(handler)
    async def guarded(self: RestRoutes, request: web.Request) -> web.Response:
        if (denied := self._guard(request)) is not None:
            return denied
        return await handler(self, request)
    return guarded


class RestRoutes:
    """Helpers of the `Sandbox` route handlers: who is calling, which channel and message, what the bot may do."""

    def _authorized(self, request: web.Request) -> bool:
        auth = request.headers.get("Authorization", "")
        return auth.startswith("Bot ") and self.token_ok(auth[4:])

    def _guard(self, request: web.Request) -> web.Response | None:
        if not self._authorized(request):
            return error(401, 0, "401: Unauthorized")
        return None

    def _channel(self, request: web.Request) -> w.Channel | None:
        raw = request.match_info["channel_id"]
        return self.world.channel_by_id(int(raw)) if raw.isdigit() else None

    def _channel_message(self, request: web.Request) -> tuple[w.Channel | None, MessageRecord | None]:
        """The channel and the live message in it the path names (None for either that does not exist)."""
        channel = self._channel(request)
        if channel is None:
            return None, None
        raw = request.match_info["message_id"]
        rec = self.messages.get(int(raw)) if raw.isdigit() else None
        return channel, rec if rec is not None and rec.channel_id == channel.id and not rec.deleted else None

    async def _edit_from_request(self, request: web.Request, rec: MessageRecord) -> web.Response:
        """The bot edits `rec` with the request's body (checked as Discord checks an edit) and gets it back."""
        body = await read_body(request)
        if problems := validate_message(body, edit=True):
            return invalid_body(problems)
        await self._bot_edits(rec, body)
        return json_response(self.message_payload(rec))

