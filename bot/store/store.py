"""The store: films, ingest bookkeeping and guild settings in SQLite through one aiosqlite connection.

Open it either way (both close the connection for you only with ``async with``)::

    async with Store.open(path) as store:      # closed on exit
        ...
    store = await Store.open(path)             # the caller must ``await store.close()``

The connection is long-lived, in autocommit mode, with foreign keys on, WAL (synchronous=NORMAL)
and a busy timeout.
Every method holds one asyncio.Lock, so a multi-statement write (or a multi-statement read, which
runs in its own read transaction) never interleaves with another coroutine's statements on the
shared connection. Callers get dataclasses and ``StoreError``; they never see SQL or sqlite3.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import sqlite3
from collections.abc import AsyncIterator, Generator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiosqlite

from bot.kb.models import Film
from bot.store import migrate, sql
from bot.store.errors import StoreError, explain
from bot.store.mapping import ALL_TABLES, CHILDREN, FILM_KEY, FILMS, build_film, film_rows

log = logging.getLogger(__name__)

DEFAULT_BUSY_TIMEOUT = 5.0  # seconds to wait for another process's write lock


@dataclass(frozen=True, slots=True)
class FilmSummary:
    key: str
    title: str
    year: int | None


@dataclass(frozen=True, slots=True)
class PlayerStats:
    """One player's trivia record in one guild over one period."""

    user_id: int
    points: int
    correct: int
    games: int
    wins: int
    best_streak: int


@dataclass(frozen=True, slots=True)
class SourceState:
    """What the store remembers about one ingested article file."""

    source: str
    content_hash: str
    parser_version: str
    film_key: str
    title: str | None  # None if the film has gone since


class _Opening:
    """``Store.open(...)``: awaitable (returns the Store) and an async context manager (closes it)."""

    def __init__(self, opener: Any) -> None:
        self._opener = opener
        self._store: Store | None = None

    def __await__(self) -> Generator[Any, None, Store]:
        return self._opener().__await__()

    async def __aenter__(self) -> Store:
        self._store = await self._opener()
        return self._store

    async def __aexit__(self, *exc: object) -> None:
        if self._store is not None:
            await self._store.close()


class Store:
    """Query interface over one SQLite database. Create with ``Store.open``."""

    def __init__(self, db: aiosqlite.Connection, path: str, *, read_only: bool, busy_timeout: float) -> None:
        self._db = db
        self.path = path
        self.read_only = read_only
        self._busy_timeout = busy_timeout
        self._lock = asyncio.Lock()
        self._closed = False
        # Guild settings are read on every command: remembered here (JSON text, None for "no row") and
        # kept in step by this store's own writes, so a read costs no trip to the database thread.
        self._guild_settings: dict[tuple[int, str], str | None] = {}

    # --- lifecycle -------------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        read_only: bool = False,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
        migrations_dir: Path | None = None,
    ) -> _Opening:
        """Open (creating and migrating if needed) the database at ``path``.

        ``read_only`` opens the file without ever writing to it (it must exist and be up to date).
        A database whose schema is newer than this code knows raises StoreError untouched.
        """

        where = Path(path)
        ro_uri = f"file:{quote(str(where.absolute()))}?mode=ro"

        async def opener() -> Store:
            folder = migrations_dir or migrate.MIGRATIONS_DIR
            return await cls._open(where, ro_uri if read_only else None, busy_timeout, folder)

        return _Opening(opener)

    @classmethod
    async def _open(cls, path: Path, ro_uri: str | None, busy_timeout: float, migrations_dir: Path) -> Store:
        shown = str(path)
        read_only = ro_uri is not None
        migrations = migrate.discover(migrations_dir)
        memory = shown == ":memory:"
        if read_only:
            if not await asyncio.to_thread(path.is_file):
                raise StoreError(f"cannot open database {shown} read-only: no such file")
            target, uri = ro_uri, True
        else:
            if not memory:
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise StoreError(
                        f"cannot create the folder for database {shown}: {exc.strerror}"
                    ) from exc
            target, uri = shown, False
        try:
            db = await aiosqlite.connect(target, uri=uri, isolation_level=None, timeout=busy_timeout)
        except sqlite3.Error as exc:
            raise explain(exc, "open the database", shown) from exc
        try:
            db.row_factory = sqlite3.Row
            # Read the version before anything that could write (journal mode, migrations).
            version = await migrate.user_version(db)
            migrate.check_not_newer(version, migrations, shown)
            await db.execute(sql.FOREIGN_KEYS_ON)
            if read_only:
                if version < len(migrations):
                    raise StoreError(
                        f"database {shown} has schema version {version} but this bot needs "
                        f"{len(migrations)}: open it once for writing to migrate it"
                    )
            else:
                await db.execute(sql.JOURNAL_WAL)
                await db.execute(sql.SYNCHRONOUS_NORMAL)
                await migrate.apply(db, migrations, path=shown)
            await _check_columns(db, shown)
        except BaseException as exc:
            await db.close()
            if isinstance(exc, sqlite3.Error):
                raise explain(exc, "open the database", shown, busy_timeout=busy_timeout) from exc
            raise
        return cls(db, shown, read_only=read_only, busy_timeout=busy_timeout)

    async def close(self) -> None:
        if not self._closed:
            self._closed = True
            await self._db.close()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def total_changes(self) -> int:
        """Rows inserted, updated or deleted through this connection since it opened."""
        return self._db.total_changes

    # --- transactions ------------------------------------------------------------------------------------

    def _error(self, exc: sqlite3.Error, action: str) -> StoreError:
        return explain(exc, action, self.path, busy_timeout=self._busy_timeout)

    async def _rollback(self) -> None:
        if self._db.in_transaction:
            try:
                await self._db.execute(sql.ROLLBACK)
            except sqlite3.Error:  # SQLite may already have rolled back (e.g. disk full)
                log.debug("rollback after a failed transaction failed", exc_info=True)

    @asynccontextmanager
    async def _transaction(self, action: str, *, write: bool) -> AsyncIterator[aiosqlite.Connection]:
        """Hold the lock and run one transaction; roll back and explain on any failure."""
        async with self._lock:
            if self._closed:
                raise StoreError(f"cannot {action}: the store {self.path} is closed")
            if write and self.read_only:
                raise StoreError(f"cannot {action}: the database {self.path} was opened read-only")
            try:
                await self._db.execute(sql.BEGIN_IMMEDIATE if write else sql.BEGIN)
                yield self._db
                await self._db.execute(sql.COMMIT)
            except BaseException as exc:
                await self._rollback()
                if isinstance(exc, sqlite3.Error):
                    raise self._error(exc, action) from exc
                raise

    # --- films -------------------------------------------------------------------------------------------

    async def source_state(self, source: str) -> SourceState | None:
        async with self._transaction("read the sources", write=False) as db:
            return await _source_state(db, source)

    async def source_hash(self, source: str) -> str | None:
        state = await self.source_state(source)
        return None if state is None else state.content_hash

    async def save_film(
        self, film: Film, source: str, content_hash: str, *, parser_version: str = "", force: bool = False
    ) -> bool:
        """Store ``film`` as read from ``source`` in one transaction; False if it was already stored.

        Unchanged (same source, hash and parser version, film still present): nothing is written.
        Otherwise (or with ``force``) the film's facts are replaced (films row updated, its child rows deleted and
        re-inserted) and nothing else is touched. Any failure rolls back: the previous version stays.
        """
        state = await self.source_state(source)
        if not force and _unchanged(state, content_hash, parser_version):
            return False
        rows = film_rows(film)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        async with self._transaction(f"save film {film.key!r}", write=True) as db:
            state = await _source_state(db, source)  # again, inside the write lock
            if not force and _unchanged(state, content_hash, parser_version):
                return False
            await db.execute(sql.upsert_film(), rows[FILMS.name][0])
            for table in CHILDREN:
                await db.execute(sql.delete_rows(table), (film.key,))
            for table in ALL_TABLES[1:]:
                if rows[table.name]:
                    await db.executemany(sql.insert_rows(table), rows[table.name])
            await db.execute(sql.UPSERT_SOURCE, (source, content_hash, parser_version, film.key, now))
            if state is not None and state.film_key != film.key:
                await _drop_if_orphaned(db, state.film_key)
        return True

    async def films(self) -> list[FilmSummary]:
        async with self._transaction("list the films", write=False) as db:
            rows = await db.execute_fetchall(sql.FILM_SUMMARIES)
        return [FilmSummary(r["key"], r["title"], r["year"]) for r in rows]

    async def load_film(self, key: str) -> Film | None:
        async with self._transaction(f"load film {key!r}", write=False) as db:
            async with db.execute(sql.select_film(), (key,)) as cursor:
                film_row = await cursor.fetchone()
            if film_row is None:
                return None
            rows: dict[str, list[Any]] = {}
            for table in ALL_TABLES[1:]:
                async with db.execute(sql.select_rows(table), (key,)) as cursor:
                    rows[table.name] = list(await cursor.fetchall())
        return build_film(film_row, rows)

    async def load_films(self) -> list[Film]:
        """Every stored film, ordered by title then year."""
        async with self._transaction("load the films", write=False) as db:
            async with db.execute(sql.select_all_films()) as cursor:
                film_rows_ = list(await cursor.fetchall())
            by_film: dict[str, dict[str, list[Any]]] = {r["key"]: {} for r in film_rows_}
            for table in ALL_TABLES[1:]:
                async with db.execute(sql.select_all_rows(table)) as cursor:
                    for r in await cursor.fetchall():
                        by_film[r[FILM_KEY]].setdefault(table.name, []).append(r)
        return [build_film(r, by_film[r["key"]]) for r in film_rows_]

    # --- guild settings ---------------------------------------------------------------------------------

    async def get_guild_setting(self, guild_id: int, name: str, default: Any = None) -> Any:
        key = (guild_id, name)
        if key in self._guild_settings:
            text = self._guild_settings[key]
        else:
            async with self._transaction(f"read setting {name!r}", write=False) as db:
                rows = list(await db.execute_fetchall(sql.GET_GUILD_SETTING, (guild_id, name)))
            text = rows[0]["value"] if rows else None
            self._guild_settings[key] = text
        return default if text is None else json.loads(text)

    async def set_guild_setting(self, guild_id: int, name: str, value: Any) -> None:
        """Store a JSON-serialisable ``value`` (None included) under ``name`` for the guild."""
        try:
            text = json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError) as exc:
            raise StoreError(f"setting {name!r} cannot be stored: {exc}") from exc
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self._guild_settings.pop((guild_id, name), None)
        async with self._transaction(f"save setting {name!r}", write=True) as db:
            await db.execute(sql.SET_GUILD_SETTING, (guild_id, name, text, now))
        self._guild_settings[(guild_id, name)] = text

    async def delete_guild_setting(self, guild_id: int, name: str) -> None:
        self._guild_settings.pop((guild_id, name), None)
        async with self._transaction(f"delete setting {name!r}", write=True) as db:
            await db.execute(sql.DELETE_GUILD_SETTING, (guild_id, name))
        self._guild_settings[(guild_id, name)] = None


    # --- trivia stats -----------------------------------------------------------------------------------

    async def start_trivia_game(
        self, game_id: str, *, guild_id: int, channel_id: int, film_key: str, mode: str, at: dt.datetime
    ) -> None:
        """Remember that a game started (a retry with the same id writes nothing)."""
        async with self._transaction(f"record trivia game {game_id!r}", write=True) as db:
            await db.execute(sql.INSERT_TRIVIA_GAME, (game_id, guild_id, channel_id, film_key, mode, utc_text(at)))

    async def add_trivia_award(
        self,
        game_id: str,
        question_id: str,
        user_id: int,
        *,
        guild_id: int,
        points: int,
        streak: int,
        at: dt.datetime,
    ) -> bool:
        """Record points given for one question, in its own transaction, as soon as they are given.

        Idempotent: the same (game, question, user) counts once; a retry returns False and writes nothing.
        """
        row = (game_id, question_id, user_id, guild_id, points, streak, utc_text(at))
        async with self._transaction("record trivia points", write=True) as db:
            cursor = await db.execute(sql.INSERT_TRIVIA_AWARD, row)
            return cursor.rowcount == 1

    async def finish_trivia_game(
        self,
        game_id: str,
        *,
        guild_id: int,
        players: Mapping[int, bool],
        end_reason: str,
        rounds: int,
        at: dt.datetime,
    ) -> None:
        """Close a game: one played game per player (``players``: user id -> won), in one transaction."""
        when = utc_text(at)
        async with self._transaction(f"record the end of trivia game {game_id!r}", write=True) as db:
            await db.execute(sql.FINISH_TRIVIA_GAME, (when, end_reason, rounds, game_id))
            await db.executemany(
                sql.INSERT_TRIVIA_PLAYER, [(game_id, uid, guild_id, int(won), when) for uid, won in players.items()]
            )

    async def trivia_leaderboard(
        self, guild_id: int, *, since: dt.datetime | None = None, limit: int = 10
    ) -> list[PlayerStats]:
        """The guild's players by points (then correct answers, wins), counting from ``since`` (None: all)."""
        params = {"guild": guild_id, "since": utc_text(since) if since else "", "limit": limit, "user": None}
        async with self._transaction("read the trivia leaderboard", write=False) as db:
            rows = await db.execute_fetchall(sql.TRIVIA_LEADERBOARD, params)
        return [_player_stats(r) for r in rows]

    async def trivia_player(
        self, guild_id: int, user_id: int, *, since: dt.datetime | None = None
    ) -> PlayerStats | None:
        """One player's stats in the guild (None if they never scored nor played)."""
        params = {"guild": guild_id, "since": utc_text(since) if since else "", "limit": 1, "user": user_id}
        async with self._transaction("read trivia stats", write=False) as db:
            rows = list(await db.execute_fetchall(sql.TRIVIA_LEADERBOARD, params))
        return _player_stats(rows[0]) if rows else None

    async def reset_trivia(self, guild_id: int) -> int:
        """Delete every trivia record of the guild in one transaction; returns the awards deleted."""
        async with self._transaction("reset the trivia stats", write=True) as db:
            deleted = (await db.execute(sql.DELETE_TRIVIA_AWARDS, (guild_id,))).rowcount
            await db.execute(sql.DELETE_TRIVIA_PLAYERS, (guild_id,))
            await db.execute(sql.DELETE_TRIVIA_GAMES, (guild_id,))
        return deleted


def utc_text(moment: dt.datetime) -> str:
    """How the store writes an instant: ISO-8601 in UTC to the second (sorts as it compares)."""
    if moment.tzinfo is None:
        raise StoreError("trivia times must be timezone-aware")
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def _player_stats(row: Any) -> PlayerStats:
    return PlayerStats(
        row["user_id"], row["points"], row["correct"], row["games"], row["wins"], row["best_streak"]
    )


def _unchanged(state: SourceState | None, content_hash: str, parser_version: str) -> bool:
    return (
        state is not None
        and state.title is not None
        and state.content_hash == content_hash
        and state.parser_version == parser_version
    )


async def _source_state(db: aiosqlite.Connection, source: str) -> SourceState | None:
    async with db.execute(sql.SOURCE_STATE, (source,)) as cursor:
        row = await cursor.fetchone()
    if row is None:
        return None
    return SourceState(
        row["source"], row["content_hash"], row["parser_version"], row["film_key"], row["title"]
    )


async def _drop_if_orphaned(db: aiosqlite.Connection, key: str) -> None:
    """The article now yields another key (its title or year changed): drop the old film if no
    other article still provides it, so the library does not keep a stale copy."""
    async with db.execute(sql.COUNT_SOURCES_FOR_FILM, (key,)) as cursor:
        (count,) = await cursor.fetchone()
    if count == 0:
        await db.execute(sql.DELETE_FILM, (key,))
        log.info("film %r dropped: its article now describes another film", key)


async def _check_columns(db: aiosqlite.Connection, path: str) -> None:
    """Every model field must have its column: a missing one means a migration is missing."""
    for table in ALL_TABLES:
        async with db.execute(sql.table_info(table.name)) as cursor:
            present = {r["name"] for r in await cursor.fetchall()}
        if not present:
            raise StoreError(
                f"database {path} has no table {table.name}: add a migration under data/migrations"
            )
        missing = [c for c in table.column_names if c not in present]
        if missing:
            owner = table.cls.__name__ if table.cls else table.field
            raise StoreError(
                f"database {path} table {table.name} lacks column(s) {', '.join(missing)} for {owner}: "
                f"add a migration under data/migrations"
            )
