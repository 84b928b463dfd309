"""Write faults (read-only, locked, disk full, schema too new) give a clear StoreError and lose nothing."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bot.store import Store, StoreError
from tests.privileges import without_root_override
from tests.store.films import full_film, with_cast

ROOT = Path(__file__).resolve().parents[2]


async def test_newer_schema_is_refused_without_touching_the_file(tmp_path):
    path = tmp_path / "future.db"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE films (key TEXT)")
        raw.execute("PRAGMA user_version = 7")
    raw.close()
    before = (path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(tmp_path)))
    with pytest.raises(StoreError) as err:
        await Store.open(path)
    assert str(err.value).startswith("database schema version 7 is newer than this bot supports (3): ")
    assert (path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(tmp_path))) == before


async def test_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(
        StoreError, match=r"cannot open the database: .*notes\.db is not a valid SQLite database"
    ):
        await Store.open(path)
    assert path.read_bytes() == b"these are my notes, not a database" * 100


async def test_read_only_store_reads_but_refuses_writes(tmp_path):
    path = tmp_path / "bot.db"
    film = full_film()
    async with Store.open(path) as store:
        await store.save_film(film, "a.txt", "h1")
    async with Store.open(path, read_only=True) as store:
        assert await store.load_film(film.key) == film
        assert await store.save_film(film, "a.txt", "h1") is False  # unchanged: no write needed
        with pytest.raises(
            StoreError, match=r"cannot save film 'night-shift-1991': the database .* opened read-only"
        ):
            await store.save_film(with_cast(film, "X"), "a.txt", "h2")
        with pytest.raises(StoreError, match="opened read-only"):
            await store.set_guild_setting(1, "default_film", "x")


async def test_sqlite_read_only_error_is_explained(tmp_path):
    path = tmp_path / "bot.db"
    film = full_film()
    async with Store.open(path) as store:
        await store.save_film(film, "a.txt", "h1")
    async with Store.open(path, read_only=True) as store:
        store.read_only = False  # get past the store's own guard to reach SQLite's refusal
        with pytest.raises(
            StoreError, match=r"cannot save film 'night-shift-1991': the database .*bot\.db is read-only"
        ):
            await store.save_film(with_cast(film, "X"), "a.txt", "h2")
        assert await store.load_film(film.key) == film


_READ_ONLY_SCRIPT = """
import asyncio, sys
from bot.store import Store, StoreError
from tests.store.films import full_film, with_cast

async def main(path):
    async with Store.open(path) as store:
        assert await store.load_film("night-shift-1991") == full_film()
        try:
            await store.save_film(with_cast(full_film(), "X"), "a.txt", "h2")
        except StoreError as exc:
            print(exc)
        assert await store.load_film("night-shift-1991") == full_film()

asyncio.run(main(sys.argv[1]))
"""


async def _store_one_film(path: Path) -> None:
    async with Store.open(path) as store:
        await store.save_film(full_film(), "a.txt", "h1")


def test_read_only_file_is_refused_for_writes(tmp_path):
    prefix = without_root_override()
    if prefix is None:
        pytest.skip("running as root without setpriv: file permissions cannot be enforced")
    path = tmp_path / "bot.db"
    asyncio.run(_store_one_film(path))
    path.chmod(stat.S_IRUSR)
    try:
        done = subprocess.run(
            [*prefix, sys.executable, "-c", _READ_ONLY_SCRIPT, str(path)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        f"cannot save film 'night-shift-1991': the database {path} is read-only "
        "(check the permissions of the file and its folder)\n"
    )


async def test_read_only_open_of_a_missing_file(tmp_path):
    with pytest.raises(StoreError, match="read-only: no such file"):
        await Store.open(tmp_path / "none.db", read_only=True)
    assert not (tmp_path / "none.db").exists()


async def test_locked_database_gives_up_with_a_clear_message(tmp_path):
    path = tmp_path / "bot.db"
    film = full_film()
    async with Store.open(path, busy_timeout=0.05) as store:
        await store.save_film(film, "a.txt", "h1")
        other = sqlite3.connect(path, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
            with pytest.raises(
                StoreError, match=r"cannot save film .* is locked by another process \(waited 0.05 s\)"
            ):
                await store.save_film(with_cast(film, "X"), "a.txt", "h2")
            assert await store.load_film(film.key) == film  # reads still work in WAL
            other.execute("ROLLBACK")
        finally:
            other.close()
        assert await store.save_film(with_cast(film, "X"), "a.txt", "h2") is True


async def test_disk_full_rolls_back_and_says_so(tmp_path):
    path = tmp_path / "bot.db"
    film = full_film()
    async with Store.open(path) as store:
        await store.save_film(film, "a.txt", "h1")
        # Cap the file at its current size: the next big write hits SQLITE_FULL, as on a full disk.
        db = store._db
        (pages,) = await (await db.execute("PRAGMA page_count")).fetchone()
        await db.execute(f"PRAGMA max_page_count = {pages}")
        big = with_cast(film, *(f"Actor Number{i} " + "x" * 2000 for i in range(200)))
        with pytest.raises(
            StoreError, match=r"cannot save film 'night-shift-1991': the disk holding .* is full"
        ):
            await store.save_film(big, "a.txt", "h2")
        assert await store.load_film(film.key) == film
        assert await store.source_hash("a.txt") == "h1"


async def test_missing_folder_is_created(tmp_path):
    async with Store.open(tmp_path / "deep" / "er" / "bot.db") as store:
        assert await store.films() == []
    assert (tmp_path / "deep" / "er" / "bot.db").is_file()


async def test_wal_and_foreign_keys_are_on(store):
    db = store._db
    assert (await (await db.execute("PRAGMA journal_mode")).fetchone())[0] == "wal"
    assert (await (await db.execute("PRAGMA foreign_keys")).fetchone())[0] == 1
