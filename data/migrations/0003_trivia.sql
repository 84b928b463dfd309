-- Trivia: persistent per-guild stats. No foreign key into films: re-ingesting or removing an article
-- never touches them. Times are ISO-8601 UTC text (they sort as they compare).

-- One row per game started; ended_at/end_reason stay NULL if the bot stopped mid-game.
CREATE TABLE trivia_games (
    game_id    TEXT PRIMARY KEY,
    guild_id   INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    film_key   TEXT NOT NULL,
    mode       TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at   TEXT,
    end_reason TEXT,
    rounds     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX trivia_games_guild ON trivia_games (guild_id, started_at);

-- Every point given, written as it is given; the key makes a retried write count once.
CREATE TABLE trivia_awards (
    game_id     TEXT NOT NULL,
    question_id TEXT NOT NULL,
    user_id     INTEGER NOT NULL,
    guild_id    INTEGER NOT NULL,
    points      INTEGER NOT NULL,
    streak      INTEGER NOT NULL DEFAULT 1,
    awarded_at  TEXT NOT NULL,
    PRIMARY KEY (game_id, question_id, user_id)
);
CREATE INDEX trivia_awards_guild ON trivia_awards (guild_id, awarded_at);

-- Who took part in a finished game, and whether they won it (games played, wins).
CREATE TABLE trivia_players (
    game_id   TEXT NOT NULL,
    user_id   INTEGER NOT NULL,
    guild_id  INTEGER NOT NULL,
    won       INTEGER NOT NULL DEFAULT 0,
    played_at TEXT NOT NULL,
    PRIMARY KEY (game_id, user_id)
);
CREATE INDEX trivia_players_guild ON trivia_players (guild_id, played_at);
