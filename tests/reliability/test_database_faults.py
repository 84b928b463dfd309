"""Database faults with the real bot: a database from a newer schema ends the process with a clear message;
a read-only file, a full disk or a database locked by another process keep lookups working while writes
are refused with a message; the file is never corrupted (``PRAGMA integrity_check``)."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
import stat
import subprocess
import sys

import pytest

from bot.ask import offline_harness
from bot.sandbox import Sandbox
from bot.settings import Settings
from bot.store import Store
from cogs.meta import STORE_REFUSED
from tests.privileges import without_root_override
from tests.reliability.conftest import (
    ROOT,
    BotProcess,
    bot_env,
    check_sendable,
    copy_database,
    wait_for_reply,
)

TOKEN = "MTAx.db-fault-test.token-value"
SET_OK = "**Default film set**\nLookups in this server now use Red Heat (1988) first."


def integrity(path) -> str:
    with sqlite3.connect(path) as db:
        result = db.execute("PRAGMA integrity_check").fetchone()[0]
    db.close()
    return result


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_newer_schema_ends_the_process_with_a_clear_message(tmp_path):
    path = tmp_path / "bot.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE films (key TEXT)")
        db.execute("PRAGMA user_version = 99")
    db.close()
    before = digest(path)
    env = bot_env(None, tmp_path, TOKEN, DISCORD_API_BASE="http://127.0.0.1:9/api/v10",
                  DISCORD_GATEWAY_URL="ws://127.0.0.1:9/")
    done = subprocess.run([sys.executable, "-m", "bot", "run"], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 3, done.stderr
    assert done.stderr.strip() == (
        f"Cannot use the database: database schema version 99 is newer than this bot supports (3): {path} "
        "was written by a newer version of the bot; upgrade the bot or use another DATABASE_PATH")
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bot.db"]


async def test_read_only_file_lookups_work_and_writes_are_refused(tmp_path, seeded_db):
    prefix = without_root_override()
    if prefix is None:
        pytest.skip("running as root without setpriv: file permissions cannot be enforced")
    database = copy_database(seeded_db, tmp_path)
    with sqlite3.connect(database) as db:  # fold the WAL into the file: the bot may not write a -wal now
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    database.chmod(stat.S_IRUSR)
    before = digest(database)
    async with Sandbox(token=TOKEN) as sandbox:
        env = bot_env(sandbox, tmp_path, TOKEN)
        async with BotProcess(env, tmp_path, prefix) as proc:
            await proc.wait_for_line("ready as FilmBot")
            await sandbox.user_message("!film set red heat", user="admin", channel="general")
            refused = await wait_for_reply(sandbox, lambda m: "can't save" in m.content, channel="general")
            await sandbox.user_message("!cast danko", user="alice", channel="general")
            answer = await wait_for_reply(sandbox, lambda m: bool(m.embeds), channel="general")
            proc.proc.terminate()
            assert await proc.wait_exit() == 0, proc.log
    database.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert refused.content == STORE_REFUSED
    assert "Arnold Schwarzenegger" in answer.reply().text
    check_sendable(refused.reply())
    assert "is read-only" in proc.log and "Traceback" not in proc.log
    assert digest(database) == before
    assert integrity(database) == "ok"


async def test_full_disk_lookups_work_and_writes_are_refused(tmp_path, seeded_db, films_dir, monkeypatch):
    database = copy_database(seeded_db, tmp_path)
    async with offline_harness(Settings(database_path=database, films_dir=films_dir)) as h:
        connection = h.bot.store._db
        real_execute = connection.execute

        def full_disk(statement, *args, **kw):
            if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "SELECT", "PRAGMA")):
                raise sqlite3.OperationalError("database or disk is full")
            return real_execute(statement, *args, **kw)

        monkeypatch.setattr(connection, "execute", full_disk)
        refused = await h.send("!film set red heat", user="admin")
        slash_refused = await h.slash("film set", user="admin", title="red heat")
        answer = await h.send("!cast danko")
        monkeypatch.setattr(connection, "execute", real_execute)  # space freed: writes work again
        accepted = await h.send("!film set red heat", user="admin")
        assert h.errors == []
    assert refused.text == STORE_REFUSED
    assert slash_refused.text == STORE_REFUSED and slash_refused[0].ephemeral
    assert "Arnold Schwarzenegger" in answer.text
    assert accepted.text == SET_OK
    assert integrity(database) == "ok"
    async with Store.open(database) as store:
        assert await store.get_guild_setting(h.world.guild().id, "default_film") == "red-heat-1988"


LOCKER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN EXCLUSIVE")
db.execute("CREATE TABLE IF NOT EXISTS lock_probe (x)")
print("locked", flush=True)
sys.stdin.readline()
db.execute("ROLLBACK")
"""


async def test_locked_by_another_process_lookups_work_and_writes_are_refused(tmp_path, seeded_db, films_dir):
    database = copy_database(seeded_db, tmp_path)
    store = await Store.open(database, busy_timeout=0.3)
    locker = await asyncio.create_subprocess_exec(
        sys.executable, "-c", LOCKER, str(database), stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT)
    try:
        assert (await asyncio.wait_for(locker.stdout.readline(), 20)).strip() == b"locked"
        async with offline_harness(Settings(database_path=database, films_dir=films_dir), store=store) as h:
            refused = await h.send("!film set red heat", user="admin")
            answer = await h.send("!cast danko")
            locker.stdin.write(b"done\n")
            await locker.stdin.drain()
            assert await asyncio.wait_for(locker.wait(), 10) == 0
            accepted = await h.send("!film set red heat", user="admin")
            assert h.errors == []
    finally:
        if locker.returncode is None:
            locker.kill()
            await locker.wait()
        await store.close()
    assert refused.text == STORE_REFUSED
    assert "Arnold Schwarzenegger" in answer.text
    assert accepted.text == SET_OK
    assert integrity(database) == "ok"
    with sqlite3.connect(database) as db:  # the other process's uncommitted table never landed
        assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'lock_probe'").fetchone() == (0,)
    db.close()
