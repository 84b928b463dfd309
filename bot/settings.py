"""Typed configuration read once at startup from the environment and an optional ``.env`` file.

Nothing here runs at import time: call :meth:`Settings.from_env` from the entry point. Values set in
the real environment win over the ``.env`` file. Every invalid value is reported by its variable name,
all of them at once, in a :class:`SettingsError`.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from dotenv import dotenv_values

DEFAULT_API_BASE = "https://discord.com/api/v10"
DEFAULT_GATEWAY_URL = "wss://gateway.discord.gg/"

# Every setting, with its one-line description (shared by .env.example, the README and `--help`).
SETTINGS_HELP: dict[str, str] = {
    "DISCORD_TOKEN": "bot token from the Discord developer portal (Bot tab); without it the local console runs",
    "COMMAND_PREFIX": "prefix for text commands (mentioning the bot always works too); default !",
    "DATABASE_PATH": "SQLite database file; default data/bot.db",
    "FILMS_DIR": "folder of film articles ingested at startup; default data/films",
    "LOG_LEVEL": "DEBUG, INFO, WARNING, ERROR or CRITICAL; default INFO",
    "DEV_GUILD_ID": "guild (server) id that `python -m bot sync` targets by default; empty = global",
    "SHARD_COUNT": "total number of shards; set it to run sharded (AutoShardedBot)",
    "SHARD_IDS": "comma-separated shard ids this process runs (needs SHARD_COUNT), e.g. 0,1",
    "DISCORD_API_BASE": f"Discord REST base URL; default {DEFAULT_API_BASE}",
    "DISCORD_GATEWAY_URL": f"Discord gateway URL; default {DEFAULT_GATEWAY_URL}",
    "GUILD_READY_TIMEOUT": "seconds to wait for guilds to stream in before ready; default 2",
    "LOOKUP_RATE": "lookups a user may run per window, as COUNT/SECONDS; off disables; default 5/10",
    "COMMAND_RATE": "commands of any kind a user may run per window, as COUNT/SECONDS; off disables; default 30/10",
}

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


@dataclass(frozen=True, slots=True)
class Rate:
    """A per-user budget: ``count`` uses per ``per`` seconds."""

    count: int
    per: float

    def __str__(self) -> str:
        return f"{self.count}/{self.per:g}"


DEFAULT_LOOKUP_RATE = Rate(5, 10.0)
DEFAULT_COMMAND_RATE = Rate(30, 10.0)


class SettingsError(ValueError):
    """One or more settings are invalid; ``problems`` holds one message per bad variable."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


class Secret:
    """A string that never shows itself in ``repr``/``str`` (so not in logs or tracebacks)."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)


@dataclass(frozen=True, slots=True)
class Settings:
    discord_token: Secret | None = None
    command_prefix: str = "!"
    database_path: Path = Path("data/bot.db")
    films_dir: Path = Path("data/films")
    log_level: str = "INFO"
    dev_guild_id: int | None = None
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    discord_api_base: str = DEFAULT_API_BASE
    discord_gateway_url: str = DEFAULT_GATEWAY_URL
    guild_ready_timeout: float = 2.0
    lookup_rate: Rate | None = DEFAULT_LOOKUP_RATE  # None: no lookup cooldown
    command_rate: Rate | None = DEFAULT_COMMAND_RATE  # None: no overall command budget

    @property
    def token(self) -> str | None:
        """The bot token in clear, or None when unset."""
        return self.discord_token.reveal() if self.discord_token else None

    @property
    def sharded(self) -> bool:
        return self.shard_count is not None

    def replace(self, **changes: object) -> Settings:
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, env_file: str | Path | None = ".env") -> Settings:
        """Read the settings; ``environ`` defaults to ``os.environ`` and wins over ``env_file``."""
        values: dict[str, str] = {}
        if env_file is not None and Path(env_file).is_file():
            values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
        values.update(os.environ if environ is None else environ)
        return cls.from_mapping(values)

    @classmethod
    def from_mapping(cls, values: Mapping[str, str]) -> Settings:
        """Build settings from raw strings (empty strings count as unset)."""
        problems: list[str] = []

        def get(name: str) -> str | None:
            raw = values.get(name)
            if raw is None:
                return None
            raw = raw.strip()
            return raw or None

        kwargs: dict[str, object] = {}
        token = get("DISCORD_TOKEN")
        if token is not None:
            if any(ch.isspace() for ch in token):
                problems.append("DISCORD_TOKEN must not contain spaces")
            kwargs["discord_token"] = Secret(token)

        prefix = values.get("COMMAND_PREFIX")
        if prefix is not None and prefix.strip():
            if prefix != prefix.strip() or " " in prefix or len(prefix) > 5:
                problems.append(f"COMMAND_PREFIX must be 1-5 characters without spaces, got {prefix!r}")
            else:
                kwargs["command_prefix"] = prefix

        for name, attr in (("DATABASE_PATH", "database_path"), ("FILMS_DIR", "films_dir")):
            raw = get(name)
            if raw is not None:
                kwargs[attr] = Path(raw).expanduser()

        level = get("LOG_LEVEL")
        if level is not None:
            if level.upper() not in LOG_LEVELS:
                problems.append(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {level!r}")
            else:
                kwargs["log_level"] = level.upper()

        guild = get("DEV_GUILD_ID")
        if guild is not None:
            kwargs["dev_guild_id"] = _positive_int("DEV_GUILD_ID", guild, problems, what="a guild id (digits)")

        shard_count_raw = get("SHARD_COUNT")
        shard_count = None
        if shard_count_raw is not None:
            shard_count = _positive_int("SHARD_COUNT", shard_count_raw, problems)
            kwargs["shard_count"] = shard_count

        shard_ids_raw = get("SHARD_IDS")
        if shard_ids_raw is not None:
            ids = _shard_ids(shard_ids_raw, shard_count, shard_count_raw is not None, problems)
            if ids is not None:
                kwargs["shard_ids"] = ids

        for name, attr, schemes in (
            ("DISCORD_API_BASE", "discord_api_base", ("http", "https")),
            ("DISCORD_GATEWAY_URL", "discord_gateway_url", ("ws", "wss")),
        ):
            raw = get(name)
            if raw is None:
                continue
            parts = urlsplit(raw)
            if parts.scheme not in schemes or not parts.netloc:
                problems.append(f"{name} must be a {' or '.join(schemes)} URL, got {raw!r}")
            else:
                kwargs[attr] = raw.rstrip("/") if attr == "discord_api_base" else raw

        timeout = get("GUILD_READY_TIMEOUT")
        if timeout is not None:
            try:
                value = float(timeout)
                if not 0 <= value <= 600:
                    raise ValueError
                kwargs["guild_ready_timeout"] = value
            except ValueError:
                problems.append(f"GUILD_READY_TIMEOUT must be a number of seconds (0-600), got {timeout!r}")

        for name, attr in (("LOOKUP_RATE", "lookup_rate"), ("COMMAND_RATE", "command_rate")):
            raw = get(name)
            if raw is not None:
                rate = _rate(name, raw, problems)
                if rate is not False:
                    kwargs[attr] = rate

        if problems:
            raise SettingsError(problems)
        return cls(**kwargs)  # type: ignore[arg-type]

    @property
    def log_level_number(self) -> int:
        return logging.getLevelName(self.log_level)


def _positive_int(name: str, raw: str, problems: list[str], what: str = "a positive integer") -> int | None:
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0 or not raw.isdigit():
        problems.append(f"{name} must be {what}, got {raw!r}")
        return None
    return value


def _rate(name: str, raw: str, problems: list[str]) -> Rate | None | bool:
    """``COUNT/SECONDS`` -> Rate; ``off`` (or 0) -> None; anything else is reported (returns False)."""
    if raw.lower() in ("off", "0", "none"):
        return None
    count, _, per = raw.partition("/")
    try:
        rate = Rate(int(count), float(per))
    except ValueError:
        rate = None
    if rate is None or rate.count <= 0 or not 0 < rate.per <= 3600:
        problems.append(f"{name} must be COUNT/SECONDS (e.g. 5/10) or off, got {raw!r}")
        return False
    return rate


def _shard_ids(raw: str, count: int | None, count_given: bool, problems: list[str]) -> tuple[int, ...] | None:
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    if not parts or not all(p.isdigit() for p in parts):
        problems.append(f"SHARD_IDS must be a comma-separated list of shard numbers, got {raw!r}")
        return None
    ids = tuple(int(p) for p in parts)
    if not count_given:
        problems.append("SHARD_IDS needs SHARD_COUNT to be set")
        return None
    if count is not None:
        bad = [i for i in ids if i >= count]
        if bad:
            problems.append(f"SHARD_IDS must be below SHARD_COUNT ({count}), got {', '.join(map(str, bad))}")
            return None
    if len(set(ids)) != len(ids):
        problems.append(f"SHARD_IDS must not repeat a shard, got {raw!r}")
        return None
    return ids
