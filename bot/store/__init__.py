"""The film store: an async SQLite store (aiosqlite) behind a small query interface of dataclasses.

``Store`` (bot/store/store.py) is the interface, ``sql`` holds every SQL statement, ``mapping`` maps the
film model onto tables, ``migrate`` applies data/migrations/. Errors are ``StoreError``.
"""

from bot.store.errors import StoreError
from bot.store.store import FilmSummary, SourceState, Store

__all__ = ["FilmSummary", "SourceState", "Store", "StoreError"]
