"""The one exception the store raises: a one-line message fit to show a user, naming the database."""

from __future__ import annotations

import sqlite3


class StoreError(Exception):
    """The store could not do what was asked (schema too new, read-only, locked, disk full...)."""


def explain(exc: sqlite3.Error, action: str, path: str, *, busy_timeout: float | None = None) -> StoreError:
    """A StoreError with a clear message for an sqlite3 error raised while doing ``action``."""
    text = str(exc)
    low = text.lower()
    if "readonly" in low or "read-only" in low:
        msg = f"cannot {action}: the database {path} is read-only (check the permissions of the file and its folder)"
    elif "locked" in low or "busy" in low:
        waited = f" (waited {busy_timeout:g} s)" if busy_timeout is not None else ""
        msg = f"cannot {action}: the database {path} is locked by another process{waited}"
    elif "full" in low:
        msg = f"cannot {action}: the disk holding {path} is full (or the database reached its size limit)"
    elif "not a database" in low or "malformed" in low:
        msg = f"cannot {action}: {path} is not a valid SQLite database ({text})"
    elif "unable to open" in low:
        msg = f"cannot {action}: unable to open the database file {path} (does its folder exist and is it writable?)"
    else:
        msg = f"cannot {action} in {path}: {text}"
    return StoreError(msg)
