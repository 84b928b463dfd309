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
