"""Every SQL statement of the project, in one place (the schema itself lives in data/migrations/).

The film tables' statements are built from the generic model mapping (``bot.store.mapping``), so a new
model field changes them without an edit here; the rest are fixed strings.
"""

from __future__ import annotations

from bot.store.mapping import FILM_KEY, FILMS, ORD, Table


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _cols(names: tuple[str, ...]) -> str:
    return ", ".join(_ident(n) for n in names)


# --- connection and schema ----------------------------------------------------------------------------

USER_VERSION = "PRAGMA user_version"
FOREIGN_KEYS_ON = "PRAGMA foreign_keys = ON"
JOURNAL_WAL = "PRAGMA journal_mode = WAL"
SYNCHRONOUS_NORMAL = "PRAGMA synchronous = NORMAL"  # with WAL: no corruption on power loss, fewer fsyncs
BEGIN = "BEGIN"
BEGIN_IMMEDIATE = "BEGIN IMMEDIATE"
COMMIT = "COMMIT"
ROLLBACK = "ROLLBACK"


def set_user_version(version: int) -> str:
    return f"PRAGMA user_version = {int(version)}"


def table_info(table: str) -> str:
    return f"PRAGMA table_info({_ident(table)})"


# --- films ---------------------------------------------------------------------------------------------


def upsert_film() -> str:
    names = FILMS.column_names
    updates = ", ".join(f"{_ident(n)} = excluded.{_ident(n)}" for n in names if n != "key")
    marks = ", ".join("?" for _ in names)
    return f"INSERT INTO films ({_cols(names)}) VALUES ({marks}) ON CONFLICT (key) DO UPDATE SET {updates}"


def insert_rows(table: Table) -> str:
    names = table.column_names
    return f"INSERT INTO {_ident(table.name)} ({_cols(names)}) VALUES ({', '.join('?' for _ in names)})"


def delete_rows(table: Table) -> str:
    return f"DELETE FROM {_ident(table.name)} WHERE {FILM_KEY} = ?"


def select_film() -> str:
    return f"SELECT {_cols(FILMS.column_names)} FROM films WHERE key = ?"


def select_all_films() -> str:
    return f"SELECT {_cols(FILMS.column_names)} FROM films ORDER BY title COLLATE NOCASE, year, key"


def select_rows(table: Table) -> str:
    return f"SELECT {_cols(table.column_names)} FROM {_ident(table.name)} WHERE {FILM_KEY} = ? ORDER BY {ORD}"


def select_all_rows(table: Table) -> str:
    return f"SELECT {_cols(table.column_names)} FROM {_ident(table.name)} ORDER BY {FILM_KEY}, {ORD}"


FILM_SUMMARIES = "SELECT key, title, year FROM films ORDER BY title COLLATE NOCASE, year, key"
DELETE_FILM = "DELETE FROM films WHERE key = ?"

# --- sources (ingest bookkeeping) ---------------------------------------------------------------------

SOURCE_STATE = """
SELECT s.source, s.content_hash, s.parser_version, s.film_key, f.title
FROM sources AS s LEFT JOIN films AS f ON f.key = s.film_key
WHERE s.source = ?
"""

UPSERT_SOURCE = """
INSERT INTO sources (source, content_hash, parser_version, film_key, ingested_at) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (source) DO UPDATE SET
    content_hash = excluded.content_hash, parser_version = excluded.parser_version,
    film_key = excluded.film_key, ingested_at = excluded.ingested_at
"""

COUNT_SOURCES_FOR_FILM = "SELECT count(*) FROM sources WHERE film_key = ?"

# --- guild settings ------------------------------------------------------------------------------------

GET_GUILD_SETTING = "SELECT value FROM guild_settings WHERE guild_id = ? AND name = ?"

SET_GUILD_SETTING = """
INSERT INTO guild_settings (guild_id, name, value, updated_at) VALUES (?, ?, ?, ?)
ON CONFLICT (guild_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
"""

DELETE_GUILD_SETTING = "DELETE FROM guild_settings WHERE guild_id = ? AND name = ?"
