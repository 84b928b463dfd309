"""The sandbox's gateway: HELLO/IDENTIFY/READY/GUILD_CREATE, heartbeats, RESUME with replay of missed
events, intents, and the fault controls (close codes, op 7 reconnect, op 9 invalid session)."""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import WSMsgType, web

_log = logging.getLogger(__name__)

# Gateway opcodes.
DISPATCH, HEARTBEAT, IDENTIFY, PRESENCE, VOICE, RESUME, RECONNECT, REQUEST_MEMBERS = 0, 1, 2, 3, 4, 6, 7, 8
INVALID_SESSION, HELLO, HEARTBEAT_ACK = 9, 10, 11

# Intents that decide which events a session receives.
GUILD_MESSAGES = 1 << 9
GUILD_MESSAGE_REACTIONS = 1 << 10
DIRECT_MESSAGES = 1 << 12
DIRECT_MESSAGE_REACTIONS = 1 << 13
MESSAGE_CONTENT = 1 << 15

REPLAY_LIMIT = 2000
# Close codes after which Discord does not let a session resume.
NON_RESUMABLE_CLOSE = {4007, 4009}


@dataclass
class Session:
    """One identified gateway session (one shard). Outlives its websocket so that RESUME can replay."""

    id: str
    shard_id: int
    shard_count: int
    intents: int
    seq: int = 0
    log: list[tuple[int, str]] = field(default_factory=list)
    ws: web.WebSocketResponse | None = None
    alive: bool = True

    def covers(self, guild_id: int | None) -> bool:
        if guild_id is None:
            return self.shard_id == 0
        return (guild_id >> 22) % self.shard_count == self.shard_id

    def wants(self, event: str, guild_id: int | None) -> bool:
        if event in ("MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE"):
            return bool(self.intents & (GUILD_MESSAGES if guild_id else DIRECT_MESSAGES))
        if event.startswith("MESSAGE_REACTION"):
            return bool(self.intents & (GUILD_MESSAGE_REACTIONS if guild_id else DIRECT_MESSAGE_REACTIONS))
        return True


class Gateway:
    """Accepts client websockets and keeps sessions. `sandbox` supplies the world and payloads."""

    def __init__(self, sandbox, *, heartbeat_interval_ms: int = 41250) -> None:
        self.sandbox = sandbox
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.sessions: dict[str, Session] = {}
        self.sockets: set[web.WebSocketResponse] = set()
        self.identify_count = 0
        self.resume_count = 0
        self.close_codes_sent: list[int] = []

    # ---- connection handling --------------------------------------------------------------------------
    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await ws.prepare(request)
        self.sockets.add(ws)
        session: Session | None = None
        try:
            await self._send(ws, {"op": HELLO, "d": {"heartbeat_interval": self.heartbeat_interval_ms}})
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                try:
                    payload = json.loads(msg.data)
                except ValueError:
                    await ws.close(code=4002, message=b"Error while decoding payload.")
                    break
                op, data = payload.get("op"), payload.get("d")
                if op == HEARTBEAT:
                    await self._send(ws, {"op": HEARTBEAT_ACK})
                elif op == IDENTIFY:
                    session = await self._identify(ws, data or {})
                elif op == RESUME:
                    session = await self._resume(ws, data or {})
                elif op == REQUEST_MEMBERS:
                    await self._members_chunk(ws, session, data or {})
                elif op in (PRESENCE, VOICE):
                    pass
                else:
                    await ws.close(code=4001, message=b"Unknown opcode.")
                    break
        finally:
            self.sockets.discard(ws)
            if session is not None and session.ws is ws:
                session.ws = None
        return ws

    async def _identify(self, ws: web.WebSocketResponse, data: dict) -> Session | None:
        if not self.sandbox.token_ok(data.get("token")):
            await ws.close(code=4004, message=b"Authentication failed.")
            return None
        shard_id, shard_count = data.get("shard") or (0, 1)
        for old in list(self.sessions.values()):
            if old.shard_id == shard_id:
                old.alive = False
                del self.sessions[old.id]
        session = Session(id=secrets.token_hex(16), shard_id=shard_id, shard_count=shard_count,
                          intents=int(data.get("intents", 0)), ws=ws)
        self.sessions[session.id] = session
        self.identify_count += 1
        world = self.sandbox.world
        guilds = [g for g in world.guilds.values() if session.covers(g.id)]
        ready = {
            "v": 10,
            "user": dict(world.bot.payload(), verified=True, mfa_enabled=False, flags=0),
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.id,
            "resume_gateway_url": self.sandbox.gateway_url,
            "shard": [shard_id, shard_count],
            "application": {"id": str(world.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "user_settings": {},
            "presences": [],
            "geo_ordered_rtc_regions": [],
        }
        await self.dispatch_to(session, "READY", ready)
        for g in guilds:
            await self.dispatch_to(session, "GUILD_CREATE", g.payload(world))
        return session

    async def _resume(self, ws: web.WebSocketResponse, data: dict) -> Session | None:
        session = self.sessions.get(data.get("session_id", ""))
        if session is None or not session.alive or not self.sandbox.token_ok(data.get("token")):
            await self._send(ws, {"op": INVALID_SESSION, "d": False})
            return None
        self.resume_count += 1
        session.ws = ws
        last = data.get("seq") or 0
        for seq, frame in session.log:
            if seq > last:
                await ws.send_str(frame)
        await self.dispatch_to(session, "RESUMED", {})
        return session

    async def _members_chunk(self, ws, session: Session | None, data: dict) -> None:
        world = self.sandbox.world
        guild = world.guilds.get(int(data.get("guild_id", 0)))
        if guild is None or session is None:
            return
        chunk = {"guild_id": str(guild.id), "members": [m.payload(world) for m in guild.members.values()],
                 "chunk_index": 0, "chunk_count": 1, "not_found": [], "nonce": data.get("nonce")}
        await self.dispatch_to(session, "GUILD_MEMBERS_CHUNK", chunk)

    @staticmethod
    async def _send(ws: web.WebSocketResponse, payload: dict) -> None:
        if not ws.closed:
            await ws.send_str(json.dumps(payload))

    # ---- events ---------------------------------------------------------------------------------------
    async def dispatch_to(self, session: Session, event: str, data: dict) -> int:
        session.seq += 1
        frame = json.dumps({"op": DISPATCH, "t": event, "s": session.seq, "d": data})
        session.log.append((session.seq, frame))
        if len(session.log) > REPLAY_LIMIT:
            del session.log[: len(session.log) - REPLAY_LIMIT]
        ws = session.ws
        if ws is not None and not ws.closed:
            try:
                await ws.send_str(frame)
            except ConnectionError:  # the client went away; the event waits in the log for RESUME
                _log.debug("gateway send failed; kept for replay")
        return session.seq

    async def dispatch(self, event: str, data: dict, *, guild_id: int | None,
                       transform: Callable[[Session, dict], dict] | None = None) -> list[tuple[Session, int]]:
        """Send an event to every live session that covers the guild and asked for it (intents).
        Returns (session, sequence) pairs so callers can wait until the client has read the event."""
        sent = []
        for session in list(self.sessions.values()):
            if session.alive and session.covers(guild_id) and session.wants(event, guild_id):
                payload = transform(session, data) if transform else data
                sent.append((session, await self.dispatch_to(session, event, payload)))
        return sent

    # ---- faults ---------------------------------------------------------------------------------------
    async def close(self, code: int = 4000) -> None:
        self.close_codes_sent.append(code)
        for session in self.sessions.values():
            if code in NON_RESUMABLE_CLOSE:
                session.alive = False
        for ws in list(self.sockets):
            await ws.close(code=code, message=b"sandbox closed the connection")

    async def send_op(self, op: int, data=None) -> None:
        for ws in list(self.sockets):
            await self._send(ws, {"op": op, "d": data})

    async def invalidate(self, resumable: bool) -> None:
        if not resumable:
            for session in self.sessions.values():
                session.alive = False
        await self.send_op(INVALID_SESSION, resumable)

    async def shutdown(self) -> None:
        for ws in list(self.sockets):
            await ws.close(code=1001, message=b"sandbox stopping")
