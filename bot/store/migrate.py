"""Numbered schema migrations (data/migrations/NNNN_name.sql) tracked by ``PRAGMA user_version``.

Each pending file is applied in its own transaction: ``BEGIN IMMEDIATE``, re-check the version (another
process may have migrated meanwhile), the file's statements, ``PRAGMA user_version = N``, ``COMMIT``.
The statements are run one by one (split with ``sqlite3.complete_statement``) rather than through
``executescript``, because executescript commits any open transaction first. A database newer than the
files known here is refused before anything is written.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import aiosqlite

from bot.store import sql
from bot.store.errors import StoreError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "data" / "migrations"
_NAME = re.compile(r"^(\d{4})_[A-Za-z0-9_]+\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    path: Path

    @property
    def name(self) -> str:
        return self.path.name


def discover(folder: Path = MIGRATIONS_DIR) -> list[Migration]:
    """The migration files in ``folder``, ordered, checked to be numbered 1..N without gaps."""
    if not folder.is_dir():
        raise StoreError(f"migrations folder {folder} does not exist")
    found = sorted(
        (Migration(int(m.group(1)), p) for p in folder.iterdir() if (m := _NAME.match(p.name))),
        key=lambda m: m.version,
    )
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise StoreError(
                f"migrations in {folder} must be numbered 0001, 0002... without gaps or duplicates: "
                f"found {migration.name} where {expected:04d} was expected"
            )
    return found


async def user_version(db: aiosqlite.Connection) -> int:
    async with db.execute(sql.USER_VERSION) as cursor:
        row = await cursor.fetchone()
    return int(row[0])


def check_not_newer(version: int, migrations: list[Migration], path: str) -> None:
    known = len(migrations)
    if version > known:
        raise StoreError(
            f"database schema version {version} is newer than this bot supports ({known}): "
            f"{path} was written by a newer version of the bot; upgrade the bot or use another DATABASE_PATH"
        )


async def apply(db: aiosqlite.Connection, migrations: list[Migration], *, path: str) -> int:
    """Apply every pending migration; return the resulting schema version.

    ``db`` must be in autocommit mode (``isolation_level=None``): the transactions are explicit.
    """
    version = await user_version(db)
    check_not_newer(version, migrations, path)
    for migration in migrations[version:]:
        body = migration.path.read_text(encoding="utf-8")
        await db.execute(sql.BEGIN_IMMEDIATE)
        try:
            current = await user_version(db)
            check_not_newer(current, migrations, path)
            if current >= migration.version:  # another process got there first
                await db.execute(sql.ROLLBACK)
                continue
            for statement in split_statements(body, migration.name):
                await db.execute(statement)
            await db.execute(sql.set_user_version(migration.version))
            await db.execute(sql.COMMIT)
        except BaseException as exc:
            if db.in_transaction:
                await db.execute(sql.ROLLBACK)
            if isinstance(exc, sqlite3.Error) and not _is_fault(exc):
                raise StoreError(f"migration {migration.name} failed on {path}: {exc}") from exc
            raise
        log.info("database %s migrated to schema version %d (%s)", path, migration.version, migration.name)
    return await user_version(db)


def split_statements(script: str, name: str = "script") -> list[str]:
    """The complete SQL statements of ``script``, in order (a comment stays with its statement)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    leftover = "\n".join(ln for ln in buffer.splitlines() if not ln.strip().startswith("--")).strip()
    if leftover:
        raise StoreError(f"migration {name} ends with an incomplete statement: {leftover[:60]!r}")
    return statements


def _is_fault(exc: sqlite3.Error) -> bool:
    """Environment faults (read-only, locked, full) are explained by the caller, not blamed on the file."""
    low = str(exc).lower()
    return any(word in low for word in ("readonly", "read-only", "locked", "busy", "full", "unable to open"))
