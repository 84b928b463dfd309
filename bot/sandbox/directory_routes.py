"""REST routes for who and where: the bot's own user and application, the gateway URL, users, DM channels,
guild members and roles."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.sandbox.rest import UNKNOWN_USER, RestRoutes, bot_only, error, json_response, read_body


class DirectoryRoutes(RestRoutes):
    """`/users`, `/applications/@me`, `/gateway`, `/guilds/.../members` and `/guilds/.../roles`."""

    @bot_only
    async def _get_me(self, request: web.Request) -> web.Response:
        return json_response(dict(self.world.bot.payload(), verified=True, mfa_enabled=False, flags=0,
                                  email=None, locale="en-US", premium_type=0))

    @bot_only
    async def _get_application(self, request: web.Request) -> web.Response:
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
        return json_response(user.payload()) if user else error(*UNKNOWN_USER)

    @bot_only
    async def _open_dm(self, request: web.Request) -> web.Response:
        body = await read_body(request)
        user = self.world.find_user(str(body.get("recipient_id", "")))
        if user is None:
            return error(*UNKNOWN_USER)
        return json_response(self.world.dm_channel(user.id).payload(self.world))

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

