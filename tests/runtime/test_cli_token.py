"""`python -m bot` without a usable token: the explanation, exit status 2, no traceback, no token."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_bot(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"DISCORD_TOKEN", "SHARD_COUNT", "SHARD_IDS"}}
    base["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "bot", *args], env={**base, **env}, cwd=cwd,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)


def test_missing_token_explains_and_exits_2(tmp_path):
    done = run_bot(env={}, cwd=tmp_path)
    assert done.returncode == 2
    assert "DISCORD_TOKEN is not set" in done.stderr
    assert "Message Content Intent" in done.stderr
    assert "https://discord.com/developers/applications" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_run_subcommand_same_as_default(tmp_path):
    done = run_bot("run", env={}, cwd=tmp_path)
    assert done.returncode == 2
    assert "DISCORD_TOKEN is not set" in done.stderr


def test_invalid_setting_named_and_exit_2(tmp_path):
    done = run_bot(env={"SHARD_COUNT": "x"}, cwd=tmp_path)
    assert done.returncode == 2
    assert "SHARD_COUNT must be a positive integer, got 'x'" in done.stderr
    assert "Traceback" not in done.stderr


def test_dotenv_in_working_directory_is_read(tmp_path):
    (tmp_path / ".env").write_text("LOG_LEVEL=loud\n")
    done = run_bot(env={}, cwd=tmp_path)
    assert done.returncode == 2
    assert "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, got 'loud'" in done.stderr


async def test_rejected_token_explains_and_exits_2(tmp_path):
    """A server answering 401 to the login, as Discord does for a revoked token."""
    import asyncio

    from aiohttp import web

    token = "MTIz.rejected-secret-value.abc"
    seen: list[str] = []

    async def users_me(request: web.Request) -> web.Response:
        seen.append(request.headers.get("Authorization", ""))
        return web.Response(status=401, text='{"message": "401: Unauthorized", "code": 0}',
                            headers={"Content-Type": "application/json"})

    app = web.Application()
    app.router.add_get("/api/v10/users/@me", users_me)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    try:
        env = {k: v for k, v in os.environ.items() if k not in {"SHARD_COUNT", "SHARD_IDS"}}
        env.update(PYTHONPATH=str(ROOT), DISCORD_TOKEN=token, LOG_LEVEL="DEBUG",
                   DISCORD_API_BASE=f"http://127.0.0.1:{port}/api/v10",
                   DISCORD_GATEWAY_URL=f"ws://127.0.0.1:{port}/", DATABASE_PATH=str(tmp_path / "bot.db"))
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", cwd=tmp_path, env=env, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err = await asyncio.wait_for(proc.communicate(), 60)
    finally:
        await runner.cleanup()
    text = out.decode() + err.decode()
    assert proc.returncode == 2
    assert seen == [f"Bot {token}"]
    assert "Discord did not accept the bot: Discord rejected the token." in text
    assert "Message Content Intent" in text
    assert "Traceback" not in text
    assert "rejected-secret-value" not in text


def test_unreachable_discord_is_one_line_and_exit_4(tmp_path):
    """Nothing listens on the API base: a one-line explanation, exit 4, no traceback, no token."""
    import socket

    with socket.socket() as probe:  # a loopback port that is free, so the connection is refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    token = "MTIz.unreachable-secret.abc"
    done = run_bot("run", cwd=tmp_path, env={
        "DISCORD_TOKEN": token, "DATABASE_PATH": str(tmp_path / "bot.db"),
        "FILMS_DIR": str(ROOT / "data" / "films"),
        "DISCORD_API_BASE": f"http://127.0.0.1:{port}/api/v10", "DISCORD_GATEWAY_URL": f"ws://127.0.0.1:{port}/",
    })
    assert done.returncode == 4
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith(f"Cannot reach Discord at http://127.0.0.1:{port}/api/v10: Cannot connect to host")
    assert "Traceback" not in done.stderr + done.stdout
    assert token not in done.stderr + done.stdout
