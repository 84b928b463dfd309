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

# --- trivia stats (no foreign key into films: re-ingest never touches them) -----------------------------

INSERT_TRIVIA_GAME = """
INSERT INTO trivia_games (game_id, guild_id, channel_id, film_key, mode, started_at) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (game_id) DO NOTHING
"""

FINISH_TRIVIA_GAME = """
UPDATE trivia_games SET ended_at = ?, end_reason = ?, rounds = ? WHERE game_id = ?
"""

INSERT_TRIVIA_AWARD = """
INSERT INTO trivia_awards (game_id, question_id, user_id, guild_id, points, streak, awarded_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (game_id, question_id, user_id) DO NOTHING
"""

INSERT_TRIVIA_PLAYER = """
INSERT INTO trivia_players (game_id, user_id, guild_id, won, played_at) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (game_id, user_id) DO NOTHING
"""

# :guild, :since (ISO text; '' counts everything), :limit
TRIVIA_LEADERBOARD = """
WITH a AS (
    SELECT user_id, sum(points) AS points, count(*) AS correct, max(streak) AS best_streak
    FROM trivia_awards WHERE guild_id = :guild AND awarded_at >= :since GROUP BY user_id
), p AS (
    SELECT user_id, count(*) AS games, sum(won) AS wins
    FROM trivia_players WHERE guild_id = :guild AND played_at >= :since GROUP BY user_id
), u AS (
    SELECT user_id FROM a UNION SELECT user_id FROM p
)
SELECT u.user_id AS user_id, coalesce(a.points, 0) AS points, coalesce(a.correct, 0) AS correct,
       coalesce(p.games, 0) AS games, coalesce(p.wins, 0) AS wins, coalesce(a.best_streak, 0) AS best_streak
FROM u LEFT JOIN a ON a.user_id = u.user_id LEFT JOIN p ON p.user_id = u.user_id
WHERE :user IS NULL OR u.user_id = :user
ORDER BY points DESC, correct DESC, wins DESC, u.user_id
LIMIT :limit
"""

DELETE_TRIVIA_AWARDS = "DELETE FROM trivia_awards WHERE guild_id = ?"
DELETE_TRIVIA_PLAYERS = "DELETE FROM trivia_players WHERE guild_id = ?"
DELETE_TRIVIA_GAMES = "DELETE FROM trivia_games WHERE guild_id = ?"
