"""Driver side of the end-to-end benchmarks: a sandbox world, the bot in a child process, reply timing.

`BotProcess` starts ``python -m benchmarks.bot_process`` configured only through the environment and
pointed at a `bot.sandbox.Sandbox` running in this (the driver's) process; `ReplyClock` listens to the
sandbox's journal and times each injected message until the bot's first message answering it reaches the
sandbox (matched by message reference when the bot replies, else the oldest unanswered message in the
channel); `bench_world` builds a guild with many users and channels.
"""

from __future__ import annotations

import asyncio
import collections
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from bot.sandbox import Sandbox
from bot.sandbox.world import User, World, snowflake

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "bench-token"


def bench_world(users: int, channels: int, trivia_channels: int = 0) -> World:
    """Guild 'Bench' with `channels` command channels (bench-0...), `trivia_channels` game channels
    (game-0...) and `users` members (user0...). Built directly by id: World's by-name lookups are linear."""
    world = World()
    owner = world.add_user("owner")
    world.app_owner_id = owner.id
    guild = world.add_guild("Bench", owner="owner")
    for i in range(users):
        user = User(id=snowflake(), name=f"user{i}")
        world.users[user.id] = user
        world.add_member(guild, user.id)
    for i in range(channels):
        world.add_channel(guild, f"bench-{i}")
    for i in range(trivia_channels):
        world.add_channel(guild, f"game-{i}")
    return world


def channels_named(world: World, prefix: str) -> list:
    guild = next(iter(world.guilds.values()))
    return [c for c in guild.channels.values() if c.name.startswith(prefix)]


def members(world: World) -> list[User]:
    return [u for u in world.users.values() if u.name.startswith("user")]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] if ordered else float("nan")


class BotProcess:
    """The bot in a child process; `cpu_seconds()` and `rss_mb()` read its own resource usage."""

    def __init__(self, sandbox: Sandbox, *, database: Path, films_dir: Path, log_path: Path,
                 wrapper: list[str] | None = None, bare: bool = False) -> None:
        self.sandbox = sandbox
        self.bare = bare  # a bare discord.py bot with only the floor command (discord.py's own floor)
        self.wrapper = wrapper or []  # e.g. ["py-spy", "record", ..., "--"] to profile the startup
        self.database = database
        self.films_dir = films_dir
        self.log_path = log_path
        self.proc: asyncio.subprocess.Process | None = None
        self.ps: psutil.Process | None = None
        self.stages: dict[str, float] = {}
        self.ready: dict = {}
        self.spawned_at = 0.0

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DATABASE_", "FILMS_"))}
        env.update({
            "DISCORD_TOKEN": TOKEN,
            "DISCORD_API_BASE": self.sandbox.api_base,
            "DISCORD_GATEWAY_URL": self.sandbox.gateway_url,
            "DATABASE_PATH": str(self.database),
            "FILMS_DIR": str(self.films_dir),
            "GUILD_READY_TIMEOUT": "0.05",  # the sandbox sends every GUILD_CREATE at once
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        })
        if self.bare:
            env["BENCH_BARE"] = "1"
        return env

    async def start(self, within: float = 30.0) -> dict:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.spawned_at = time.time()
        self.proc = await asyncio.create_subprocess_exec(
            *self.wrapper, sys.executable, "-m", "benchmarks.bot_process", cwd=str(ROOT), env=self.env(),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=log,
            limit=1 << 20)
        log.close()
        self.ps = psutil.Process(self.proc.pid)
        if self.wrapper:  # measure the bot, not the wrapper
            await asyncio.sleep(0.3)
            children = self.ps.children()
            self.ps = children[0] if children else self.ps
        while True:
            message = await asyncio.wait_for(self._read(), within)
            if message["event"] == "stage":
                self.stages[message["name"]] = message["t"]
                if "t0" in message:
                    self.stages["interpreter"] = message["t0"]
            elif message["event"] == "ready":
                self.stages["ready"] = message["t"]
                self.ready = message
                return message

    async def _read(self) -> dict:
        assert self.proc is not None and self.proc.stdout is not None
        while True:
            line = await self.proc.stdout.readline()
            if not line:
                raise RuntimeError(f"the bot process ended (exit {await self.proc.wait()}); see {self.log_path}")
            if line.startswith(b"{"):  # a wrapper (profiler) may print its own lines
                return json.loads(line)

    async def ask(self, command: str, answer: str, within: float = 30.0) -> dict:
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.write(command.encode() + b"\n")
        await self.proc.stdin.drain()
        while True:
            message = await asyncio.wait_for(self._read(), within)
            if message["event"] == answer:
                return message

    def startup_seconds(self) -> dict[str, float]:
        """Wall seconds from spawning the process to each stage it reported."""
        return {name: round(t - self.spawned_at, 4) for name, t in sorted(self.stages.items(), key=lambda x: x[1])}

    def cpu_seconds(self) -> float:
        """user+system CPU of the bot process so far (psutil: /proc, 10 ms ticks)."""
        assert self.ps is not None
        times = self.ps.cpu_times()
        return times.user + times.system

    async def precise_cpu_seconds(self) -> float:
        """user+system CPU as the bot process's own getrusage reports it (nanosecond accounting)."""
        return (await self.ask("stats", "stats"))["cpu_s"]

    def rss_mb(self) -> float:
        assert self.ps is not None
        return self.ps.memory_info().rss / 2**20

    def peak_rss_mb(self) -> float:
        """VmHWM: the highest resident set size the process has had."""
        assert self.proc is not None
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return self.rss_mb()

    async def stop(self) -> None:
        if self.proc is None or self.proc.returncode is not None:
            return
        try:
            await self.ask("quit", "closed", within=10)
            await asyncio.wait_for(self.proc.wait(), 10)
        except (TimeoutError, RuntimeError, BrokenPipeError, ConnectionResetError):
            if self.proc.returncode is None:
                self.proc.kill()
                await self.proc.wait()


@dataclass
class Pending:
    channel_id: int
    kind: str
    sent_at: float
    done: asyncio.Future
    message_id: int | None = None
    reply_text: str = ""


@dataclass
class ReplyClock:
    """Times injected messages until the bot's answer reaches the sandbox (journal listener).

    A message is registered before it is dispatched, so an answer can never arrive unmatched."""

    sandbox: Sandbox
    by_channel: dict[int, list[Pending]] = field(default_factory=lambda: collections.defaultdict(list))
    extra_replies: int = 0

    def __post_init__(self) -> None:
        self.sandbox.add_listener(self._on_event)

    def close(self) -> None:
        self.sandbox.remove_listener(self._on_event)

    def _on_event(self, event) -> None:
        if not event.by_bot or event.kind not in ("created", "reaction"):
            return
        now = time.perf_counter()
        waiting = self.by_channel.get(event.channel_id)
        if not waiting:
            self.extra_replies += 1
            return
        rec = None
        if event.kind == "reaction":
            target = event.message_id  # a reaction on the user's message
        else:
            rec = self.sandbox.messages.get(event.message_id)
            ref = (rec.message_reference or {}).get("message_id") if rec is not None else None
            target = int(ref) if ref is not None else None
        index = next((i for i, p in enumerate(waiting) if p.message_id == target), None)
        if index is None:
            if event.kind == "reaction":
                self.extra_replies += 1
                return
            index = 0
        pending = waiting.pop(index)
        if rec is not None:
            pending.reply_text = rec.content or (rec.embeds[0].get("title") or "" if rec.embeds else "")
        if not pending.done.done():
            pending.done.set_result(now - pending.sent_at)

    async def send(self, text: str, *, user, channel, kind: str, sent_at: float | None = None) -> Pending:
        """Inject `text` as `user` in `channel` (objects); `done` resolves to the latency in seconds."""
        start = time.perf_counter() if sent_at is None else sent_at
        pending = Pending(channel.id, kind, start, asyncio.get_running_loop().create_future())
        self.by_channel[channel.id].append(pending)
        rec, _ = await self.sandbox.user_message(text, user=user, channel=channel)
        pending.message_id = rec.id
        return pending

    def forget(self) -> int:
        """Drop every message still waiting for an answer; returns how many there were."""
        lost = sum(len(v) for v in self.by_channel.values())
        self.by_channel.clear()
        return lost
