"""`python -m bot` against a local sandbox: it logs in, answers, and SIGTERM stops it cleanly."""

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bot.sandbox.server import Sandbox

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "sandbox.token-for-shutdown-test.xyz"


async def _read_until(stream: asyncio.StreamReader, marker: str, seen: list[str], limit: float) -> None:
    async def read() -> None:
        while True:
            line = await stream.readline()
            if not line:
                raise AssertionError("bot exited early:\n" + "".join(seen))
            seen.append(line.decode())
            if marker in seen[-1]:
                return

    await asyncio.wait_for(read(), limit)


async def test_sigterm_shuts_the_bot_down_cleanly(tmp_path):
    films = tmp_path / "films"
    films.mkdir()
    async with Sandbox(token=TOKEN) as sandbox:
        env = {k: v for k, v in os.environ.items() if k not in {"SHARD_COUNT", "SHARD_IDS"}}
        env.update(PYTHONPATH=str(ROOT), DISCORD_TOKEN=TOKEN, LOG_LEVEL="INFO", GUILD_READY_TIMEOUT="0.05",
                   DISCORD_API_BASE=sandbox.api_base, DISCORD_GATEWAY_URL=sandbox.gateway_url,
                   DATABASE_PATH=str(tmp_path / "bot.db"), FILMS_DIR=str(films))
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", cwd=tmp_path, env=env, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        seen: list[str] = []
        try:
            await _read_until(proc.stderr, "ready as FilmBot", seen, limit=30)
            await sandbox.user_message("!ping", user="alice", channel="general")
            for _ in range(100):
                if sandbox.bot_messages("general"):
                    break
                await sandbox.wait_changed(0.1)
            assert [m.content.split(" ")[0] for m in sandbox.bot_messages("general")] == ["Pong!"]

            started = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            rest = await asyncio.wait_for(proc.stderr.read(), 10)
            await asyncio.wait_for(proc.wait(), 10)
            elapsed = time.monotonic() - started
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
        log = "".join(seen) + rest.decode()
        assert proc.returncode == 0, log
        assert elapsed < 5, elapsed
        assert "received SIGTERM" in log
        assert "shutting down" in log
        assert "store closed" in log
        assert "Traceback" not in log
        assert TOKEN not in log
        assert "\x1b[" not in log  # no colour codes in a pipe
        assert "voice will NOT be supported" not in log
