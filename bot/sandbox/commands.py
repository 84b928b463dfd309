"""Application commands: the registry a sync fills (global and per guild, ids kept across syncs) and its
REST routes (`/applications/{app_id}[/guilds/{guild_id}]/commands`)."""

from __future__ import annotations

import copy

from aiohttp import web

from bot.sandbox import world as w
from bot.sandbox.rest import RestRoutes, bot_only, error, json_response, read_body


class ApplicationCommands(RestRoutes):
    """The command registry of `Sandbox`."""

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

    @bot_only
    async def _put_commands(self, request: web.Request) -> web.Response:
        scope = self._command_scope(request)
        if isinstance(scope, web.Response):
            return scope
        body = await read_body(request)
        self.sync_calls.append((scope, copy.deepcopy(body)))
        return json_response(self.register_commands(body, guild_id=scope))

    @bot_only
    async def _post_command(self, request: web.Request) -> web.Response:
        scope = self._command_scope(request)
        if isinstance(scope, web.Response):
            return scope
        body = await read_body(request)
        current = [c for c in self.commands.get(scope, {}).values() if c["name"] != body.get("name")]
        stored = self.register_commands([*current, body], guild_id=scope)
        return json_response(next(c for c in stored if c["name"] == body.get("name")), status=201)

    def find_command(self, name: str, guild_id: int | None) -> dict | None:
        if guild_id is not None and name in self.commands.get(guild_id, {}):
            return self.commands[guild_id][name]
        return self.commands.get(None, {}).get(name)

