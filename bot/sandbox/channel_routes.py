"""REST routes for channels, messages and reactions: get a channel, send, read, edit and delete messages,
add and remove reactions, typing, each with Discord's permission checks and error codes."""

from __future__ import annotations

from urllib.parse import unquote

from aiohttp import web

from bot.sandbox import world as w
from bot.sandbox.rest import (
    MISSING_PERMISSIONS,
    UNKNOWN_CHANNEL,
    UNKNOWN_MESSAGE,
    RestRoutes,
    bot_only,
    error,
    invalid_body,
    json_response,
    read_body,
)
from bot.sandbox.validate import validate_message


class ChannelRoutes(RestRoutes):
    """`/channels/{channel_id}/...`."""

    async def _get_channel(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        return json_response(channel.payload(self.world)) if channel else error(*UNKNOWN_CHANNEL)

    @bot_only
    async def _post_message(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        if channel is None:
            return error(*UNKNOWN_CHANNEL)
        if not self.world.bot_permissions(channel) & w.SEND_MESSAGES:
            return error(*MISSING_PERMISSIONS)
        body = await read_body(request)
        if problems := validate_message(body):
            return invalid_body(problems)
        rec = await self._bot_creates(channel, body)
        return json_response(self.message_payload(rec))

    async def _history(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        if channel is None:
            return error(*UNKNOWN_CHANNEL)
        limit = int(request.query.get("limit", 50))
        found = [m for m in self.messages.values() if m.channel_id == channel.id and not m.deleted
                 and not m.ephemeral]
        return json_response([self.message_payload(m) for m in reversed(found)][:limit])

    async def _get_message(self, request: web.Request) -> web.Response:
        _, rec = self._channel_message(request)
        return json_response(self.message_payload(rec)) if rec else error(*UNKNOWN_MESSAGE)

    @bot_only
    async def _edit_message(self, request: web.Request) -> web.Response:
        _, rec = self._channel_message(request)
        if rec is None:
            return error(*UNKNOWN_MESSAGE)
        if rec.author_id != self.world.bot.id:
            return error(403, 50005, "Cannot edit a message authored by another user")
        return await self._edit_from_request(request, rec)

    @bot_only
    async def _delete_message(self, request: web.Request) -> web.Response:
        channel, rec = self._channel_message(request)
        if rec is None:
            return error(*UNKNOWN_MESSAGE)
        if rec.author_id != self.world.bot.id and not self.world.bot_permissions(channel) & w.MANAGE_MESSAGES:
            return error(*MISSING_PERMISSIONS)
        await self._delete(rec)
        return web.Response(status=204)

    @bot_only
    async def _add_reaction(self, request: web.Request) -> web.Response:
        channel, rec = self._channel_message(request)
        if rec is None:
            return error(*UNKNOWN_MESSAGE)
        emoji = unquote(request.match_info["emoji"])
        perms = self.world.bot_permissions(channel)
        existing = any(e == emoji for e, _ in rec.reactions)
        if not perms & w.READ_MESSAGE_HISTORY or (not existing and not perms & w.ADD_REACTIONS):
            return error(*MISSING_PERMISSIONS)
        bot_id = self.world.bot.id
        if (emoji, bot_id) not in rec.reactions:
            rec.reactions.append((emoji, bot_id))
            self._record("reaction", channel.id, rec.id, detail=emoji)
            await self.gateway.dispatch("MESSAGE_REACTION_ADD", self._reaction_add_payload(rec, channel, emoji),
                                        guild_id=channel.guild_id)
        return web.Response(status=204)

    async def _remove_reaction(self, request: web.Request) -> web.Response:
        channel, rec = self._channel_message(request)
        if rec is None:
            return error(*UNKNOWN_MESSAGE)
        emoji = unquote(request.match_info["emoji"])
        rec.reactions = [(e, u) for e, u in rec.reactions if (e, u) != (emoji, self.world.bot.id)]
        self._record("reaction_removed", channel.id, rec.id, detail=emoji)
        return web.Response(status=204)

    async def _clear_reactions(self, request: web.Request) -> web.Response:
        channel, rec = self._channel_message(request)
        if rec is None:
            return error(*UNKNOWN_MESSAGE)
        if not self.world.bot_permissions(channel) & w.MANAGE_MESSAGES:
            return error(*MISSING_PERMISSIONS)
        rec.reactions = []
        self._record("reactions_cleared", channel.id, rec.id)
        return web.Response(status=204)

    @bot_only
    async def _typing(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        if channel is None:
            return error(*UNKNOWN_CHANNEL)
        self.typing.append(channel.id)
        self._record("typing", channel.id)
        return web.Response(status=204)
