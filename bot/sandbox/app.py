"""The sandbox's aiohttp app: start/stop on loopback, the route table, the middleware that counts
requests and serves injected faults (429s, 5xx, latency), gateway fault controls and the activity
signals (`busy`, `quiet_for`) the harness waits on."""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import time
from dataclasses import dataclass
from typing import Self

from aiohttp import web

from bot.sandbox.gateway import RECONNECT
from bot.sandbox.protocol import API_PREFIX
from bot.sandbox.rest import NOT_FOUND, error, json_response

_log = logging.getLogger(__name__)


@dataclass
class Fault:
    status: int
    retry_after: float


class SandboxApp:
    """The server side of `Sandbox`: lifecycle, routing, faults and activity."""

    # ---- lifecycle ------------------------------------------------------------------------------------
    async def start(self) -> Self:
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

    async def __aenter__(self) -> Self:
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

    # ---- route table: every REST route the sandbox answers ----------------------------------------
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

