"""Shared pieces of the reliability suite: a module-scoped bot in the sandbox (for property tests that
send hundreds of inputs), Discord's limits on what the bot sends, and a launcher for the real
``python -m bot`` process against a sandbox in the test process.

- ``module_harness``: the product bot in the default sandbox world, one per test module (use with
  ``pytestmark = pytest.mark.asyncio(loop_scope="module")``).
- ``check_sendable(reply)``: the reply fits Discord's limits and allows no mention.
- ``BotProcess``: ``async with BotProcess(sandbox, env) as proc`` runs the bot as a subprocess.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest_asyncio

from bot.sandbox.records import Reply
from bot.sandbox.validate import validate_message
from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
APOLOGY = "Sorry, something went wrong with that command."
NO_PINGS = {"everyone": False, "users": [], "roles": []}


def copy_database(source: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in source.parent.glob(source.name + "*"):  # the file and any -wal/-shm
        shutil.copy(path, folder / path.name)
    return folder / source.name


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def module_harness(tmp_path_factory, seeded_db, films_dir):
    from bot.ask import offline_harness

    database = copy_database(seeded_db, tmp_path_factory.mktemp("reliability"))
    settings = Settings(database_path=database, films_dir=films_dir)
    async with offline_harness(settings, quiet=0.03) as harness:
        yield harness


def check_sendable(reply: Reply) -> None:
    """What the bot sent is a message Discord accepts, and it notifies nobody."""
    body = {"content": reply.content, "embeds": reply.embeds, "components": reply.components}
    assert validate_message(body, edit=True) == {}, reply.text[:300]
    assert len(reply.content) <= 2000
    assert reply.pings == NO_PINGS, reply.content[:300]
    assert reply.allowed_mentions is not None and reply.allowed_mentions.get("parse") == [], reply.allowed_mentions
    assert APOLOGY not in reply.text, reply.text[:300]


def bot_env(sandbox, tmp_path: Path, token: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"SHARD_COUNT", "SHARD_IDS", "COMMAND_PREFIX"}}
    env.update(PYTHONPATH=str(ROOT), DISCORD_TOKEN=token, LOG_LEVEL="INFO", GUILD_READY_TIMEOUT="0.05",
               DATABASE_PATH=str(tmp_path / "bot.db"), FILMS_DIR=str(ROOT / "data" / "films"))
    if sandbox is not None:
        env.update(DISCORD_API_BASE=sandbox.api_base, DISCORD_GATEWAY_URL=sandbox.gateway_url)
    env.update(extra)
    return env


class BotProcess:
    """``python -m bot run`` as a child process; ``lines`` collects its log (stderr) as it arrives."""

    def __init__(self, env: dict[str, str], cwd: Path, prefix: list[str] | None = None) -> None:
        self.env = env
        self.cwd = cwd
        self.prefix = prefix or []
        self.proc: asyncio.subprocess.Process | None = None
        self.lines: list[str] = []
        self._reader: asyncio.Task | None = None
        self._changed = asyncio.Event()

    async def start(self) -> BotProcess:
        self.proc = await asyncio.create_subprocess_exec(
            *self.prefix, sys.executable, "-m", "bot", "run", cwd=self.cwd, env=self.env,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self._reader = asyncio.create_task(self._read())
        return self

    async def _read(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        while line := await self.proc.stdout.readline():
            self.lines.append(line.decode(errors="replace"))
            self._changed.set()
        self._changed.set()

    @property
    def log(self) -> str:
        return "".join(self.lines)

    async def wait_for_line(self, marker: str, within: float = 30.0) -> None:
        async def wait() -> None:
            while not any(marker in line for line in self.lines):
                if self._reader is not None and self._reader.done():
                    raise AssertionError(f"bot exited before {marker!r}:\n{self.log}")
                self._changed.clear()
                await self._changed.wait()

        await asyncio.wait_for(wait(), within)

    async def wait_exit(self, within: float = 10.0) -> int:
        assert self.proc is not None
        code = await asyncio.wait_for(self.proc.wait(), within)
        if self._reader is not None:
            await asyncio.wait_for(self._reader, within)
        return code

    async def stop(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            self.proc.kill()
            await self.proc.wait()
        if self._reader is not None:
            await asyncio.wait_for(self._reader, 10)
            self._reader = None

    async def __aenter__(self) -> BotProcess:
        return await self.start()

    async def __aexit__(self, *exc) -> None:
        await self.stop()


async def wait_for_reply(sandbox, predicate, *, channel=None, within: float = 10.0):
    """The first bot message in `channel` (any, if None) matching `predicate`, waiting up to `within` s."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        for message in sandbox.bot_messages(channel):
            if not message.loading and predicate(message):
                return message
        remaining = deadline - loop.time()
        if remaining <= 0:
            raise TimeoutError("no matching bot message")
        await sandbox.wait_changed(min(remaining, 0.2))
