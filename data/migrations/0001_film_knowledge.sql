-- Film knowledge: one row per film plus one table per collection of the film model (bot/kb/models.py).
-- Columns are named exactly like the model's fields (see bot/store/mapping.py for the rules).
-- Child tables cascade from films; tables added later for other data (scores, settings) must not.
-- Dates are ISO text, bools 0/1, tuples of strings and dicts JSON text.

CREATE TABLE films (
    key              TEXT PRIMARY KEY,
    title            TEXT NOT NULL,
    evidence         TEXT NOT NULL,
    year             INTEGER,
    runtime_minutes  INTEGER,
    runtime_evidence TEXT
);

CREATE TABLE film_credits (
    film_key    TEXT NOT NULL REFERENCES films (key) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    role        TEXT NOT NULL,
    name        TEXT NOT NULL,
    position    INTEGER NOT NULL,
    evidence    TEXT NOT NULL,
    raw_field   TEXT NOT NULL DEFAULT '',
    confidence  REAL NOT NULL DEFAULT 1.0,
    low_margin  INTEGER NOT NULL DEFAULT 0,
    inferred    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (film_key, ord)
);

CREATE TABLE film_cast (
    film_key    TEXT NOT NULL REFERENCES films (key) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    character   TEXT NOT NULL,
    evidence    TEXT NOT NULL,
    rank        TEXT,
    nickname    TEXT,
    description TEXT,
    confidence  REAL NOT NULL DEFAULT 1.0,
    low_margin  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (film_key, ord)
);

CREATE TABLE film_figures (
    film_key  TEXT NOT NULL REFERENCES films (key) ON DELETE CASCADE,
    ord       INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    amount    REAL NOT NULL,
    unit      TEXT NOT NULL,
    evidence  TEXT NOT NULL,
    qualifier TEXT,
    PRIMARY KEY (film_key, ord)
);

CREATE TABLE film_releases (
    film_key  TEXT NOT NULL REFERENCES films (key) ON DELETE CASCADE,
    ord       INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    date      TEXT NOT NULL,
    evidence  TEXT NOT NULL,
    qualifier TEXT,
    country   TEXT,
    PRIMARY KEY (film_key, ord)
);

CREATE TABLE film_home_media (
    film_key    TEXT NOT NULL REFERENCES films (key) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    evidence    TEXT NOT NULL,
    raw_cells   TEXT NOT NULL DEFAULT '[]',
    medium      TEXT,
    date        TEXT,
    country     TEXT,
    publisher   TEXT,
    format      TEXT,
    region      TEXT,
    ratio       TEXT,
    resolution  TEXT,
    audio       TEXT,
    subtitles   TEXT,
    notes       TEXT,
    pack_name   TEXT,
    pack_titles TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (film_key, ord)
);

CREATE TABLE film_reception (
    film_key        TEXT NOT NULL REFERENCES films (key) ON DELETE CASCADE,
    ord             INTEGER NOT NULL DEFAULT 0,
    critics_summary TEXT,
    rt_score        INTEGER,
    rt_reviews      INTEGER,
    box_office      TEXT,
    home_rentals    TEXT,
    evidence        TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (film_key, ord)
);

CREATE TABLE film_quotes (
    film_key TEXT NOT NULL REFERENCES films (key) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    text     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    evidence TEXT NOT NULL,
    speaker  TEXT,
    section  TEXT,
    PRIMARY KEY (film_key, ord)
);

CREATE TABLE film_quotes_citation (
    film_key    TEXT NOT NULL,
    ord         INTEGER NOT NULL,
    evidence    TEXT NOT NULL,
    headline    TEXT,
    author      TEXT,
    publication TEXT,
    date        TEXT,
    page        TEXT,
    PRIMARY KEY (film_key, ord),
    FOREIGN KEY (film_key, ord) REFERENCES film_quotes (film_key, ord) ON DELETE CASCADE
);

CREATE TABLE film_sections (
    film_key TEXT NOT NULL REFERENCES films (key) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    title    TEXT NOT NULL,
    level    INTEGER NOT NULL,
    text     TEXT NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (film_key, ord)
);

CREATE TABLE film_infobox (
    film_key TEXT NOT NULL REFERENCES films (key) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    name     TEXT NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (film_key, ord)
);

CREATE TABLE film_warnings (
    film_key TEXT NOT NULL REFERENCES films (key) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (film_key, ord)
);

-- Which article file each film came from, and the hash of its bytes when it was ingested.
CREATE TABLE sources (
    source         TEXT PRIMARY KEY,
    content_hash   TEXT NOT NULL,
    parser_version TEXT NOT NULL DEFAULT '',
    film_key       TEXT NOT NULL REFERENCES films (key) ON DELETE CASCADE,
    ingested_at    TEXT NOT NULL
);
CREATE INDEX sources_film_key ON sources (film_key);
