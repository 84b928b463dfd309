-- Per-guild settings (e.g. the guild's default film), values as JSON text.
-- No foreign key into films: settings survive any re-ingest or removal of a film.

CREATE TABLE guild_settings (
    guild_id   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (guild_id, name)
);
