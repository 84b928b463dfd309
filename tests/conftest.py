"""Shared fixtures for end-to-end tests: the real FilmBot in the offline sandbox.

- ``seeded_db`` (session): a database with ``data/films`` ingested once, copied per test.
- ``bot_settings``: Settings for one test (its own copy of the database, the repo's films folder).
- ``start_harness``: ``async with start_harness(world=..., settings=...) as h`` for custom worlds.
- ``harness``: the bot running in the default sandbox world (users alice, bob, carol, admin, owner;
  channels #general and #trivia), ready to ``send``/``slash``/``run``/``click``.
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FILMS_DIR = ROOT / "data" / "films"


@pytest.fixture(scope="session")
def films_dir() -> Path:
    return FILMS_DIR


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory, films_dir: Path) -> Path:
    from bot.kb.ingest import ingest_paths
    from bot.store import Store

    path = tmp_path_factory.mktemp("seeded") / "bot.db"

    async def seed() -> None:
        store = await Store.open(path)
        try:
            await ingest_paths(store, [films_dir])
        finally:
            await store.close()

    asyncio.run(seed())
    return path


@pytest.fixture
def bot_settings(tmp_path: Path, seeded_db: Path, films_dir: Path) -> Settings:
    database = tmp_path / "bot.db"
    for source in seeded_db.parent.glob(seeded_db.name + "*"):  # the file and any -wal/-shm
        shutil.copy(source, tmp_path / source.name)
    return Settings(database_path=database, films_dir=films_dir)


@pytest.fixture
def start_harness(bot_settings: Settings):
    from bot.ask import offline_harness

    def start(*, world=None, settings: Settings | None = None, **options):
        return offline_harness(settings or bot_settings, world=world, **options)

    return start


@pytest.fixture
async def harness(start_harness):
    async with start_harness() as h:
        yield h
