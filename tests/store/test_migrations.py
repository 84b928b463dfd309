"""Numbered migrations under PRAGMA user_version, and the check that every model field has a column."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from bot.store import Store, StoreError
from bot.store.migrate import MIGRATIONS_DIR, discover, split_statements
from tests.store.films import full_film


def _copy_migrations(tmp_path, upto: int | None = None):
    folder = tmp_path / "migrations"
    folder.mkdir()
    for migration in discover(MIGRATIONS_DIR)[:upto]:
        shutil.copy(migration.path, folder / migration.name)
    return folder


def _user_version(path) -> int:
    with sqlite3.connect(path) as raw:
        version = raw.execute("PRAGMA user_version").fetchone()[0]
    raw.close()
    return version


def _tables(path) -> set[str]:
    with sqlite3.connect(path) as raw:
        names = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    raw.close()
    return names


def test_shipped_migrations_are_numbered_from_one():
    assert [(m.version, m.name) for m in discover()] == [
        (1, "0001_film_knowledge.sql"),
        (2, "0002_guild_settings.sql"),
        (3, "0003_trivia.sql"),
    ]


def test_split_statements_keeps_triggers_whole():
    script = """-- a comment
CREATE TABLE t (x TEXT); -- trailing
CREATE TRIGGER tr AFTER INSERT ON t BEGIN
    UPDATE t SET x = 'a;b';
END;
-- the end
"""
    assert split_statements(script) == [
        "-- a comment\nCREATE TABLE t (x TEXT); -- trailing",
        "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n    UPDATE t SET x = 'a;b';\nEND;",
    ]


def test_incomplete_statement_is_reported():
    with pytest.raises(
        StoreError, match=r"0009_x.sql ends with an incomplete statement: 'CREATE TABLE t \(x'"
    ):
        split_statements("CREATE TABLE t (x", "0009_x.sql")


def test_gap_in_numbering_is_refused(tmp_path):
    folder = _copy_migrations(tmp_path)
    (folder / "0005_later.sql").write_text("CREATE TABLE later (x);")
    with pytest.raises(StoreError, match="found 0005_later.sql where 0004 was expected"):
        discover(folder)


async def test_fresh_database_gets_every_migration(tmp_path):
    path = tmp_path / "bot.db"
    async with Store.open(path):
        pass
    assert _user_version(path) == 3
    assert {"films", "film_cast", "film_quotes_citation", "sources", "guild_settings", "trivia_awards"} <= _tables(path)


async def test_old_database_is_migrated_step_by_step_and_keeps_its_data(tmp_path):
    path = tmp_path / "bot.db"
    film = full_film()
    async with Store.open(path, migrations_dir=_copy_migrations(tmp_path, upto=1)) as store:
        await store.save_film(film, "a.txt", "h1")
    assert _user_version(path) == 1
    assert "guild_settings" not in _tables(path)
    async with Store.open(path) as store:
        assert await store.load_film(film.key) == film
        await store.set_guild_setting(1, "default_film", film.key)
        assert await store.get_guild_setting(1, "default_film") == film.key
    assert _user_version(path) == 3


async def test_failed_migration_rolls_back_entirely(tmp_path):
    path = tmp_path / "bot.db"
    async with Store.open(path):
        pass
    folder = _copy_migrations(tmp_path)
    (folder / "0004_broken.sql").write_text("CREATE TABLE half (x TEXT);\nINSERT INTO nowhere VALUES (1);\n")
    with pytest.raises(
        StoreError, match=r"migration 0004_broken.sql failed on .*bot\.db: no such table: nowhere"
    ):
        await Store.open(path, migrations_dir=folder)
    assert _user_version(path) == 3
    assert "half" not in _tables(path)


async def test_a_migration_adding_a_column_is_applied(tmp_path):
    path = tmp_path / "bot.db"
    folder = _copy_migrations(tmp_path)
    (folder / "0004_tagline.sql").write_text("ALTER TABLE films ADD COLUMN tagline TEXT;\n")
    async with Store.open(path, migrations_dir=folder) as store:
        film = full_film()
        await store.save_film(film, "a.txt", "h")
        assert await store.load_film(film.key) == film
    assert _user_version(path) == 4
    # The shipped code knows only 3 migrations: this database is now too new for it.
    with pytest.raises(StoreError, match=r"database schema version 4 is newer than this bot supports \(3\)"):
        await Store.open(path)


async def test_model_field_without_a_column_names_the_missing_migration(tmp_path):
    folder = _copy_migrations(tmp_path)
    first = folder / "0001_film_knowledge.sql"
    text = first.read_text()
    assert "    nickname    TEXT,\n" in text
    first.write_text(text.replace("    nickname    TEXT,\n", ""))
    with pytest.raises(
        StoreError,
        match=r"table film_cast lacks column\(s\) nickname for CastMember: add a migration under data/migrations",
    ):
        await Store.open(tmp_path / "bot.db", migrations_dir=folder)
