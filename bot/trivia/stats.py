"""Leaderboard periods for the persistent trivia stats.

Pure logic, no Discord and no SQL: ``parse_period`` reads what a player typed, ``period_start`` turns a
period into the UTC instant its board counts from (calendar week from Monday 00:00 UTC, calendar month
from the 1st, or everything); the store's ``trivia_leaderboard(guild_id, since=...)`` counts from there.
"""

from __future__ import annotations

import datetime as dt

WEEK, MONTH, ALL = "week", "month", "all"
PERIODS = (WEEK, MONTH, ALL)

_PERIOD_WORDS = {
    WEEK: ("week", "weekly", "w", "this week", "7d"),
    MONTH: ("month", "monthly", "m", "this month", "30d"),
    ALL: ("all", "all time", "all-time", "alltime", "ever", "total", "a", ""),
}
PERIOD_TITLES = {WEEK: "this week", MONTH: "this month", ALL: "all time"}


class PeriodError(ValueError):
    """Text that names no leaderboard period; the message is meant for the player."""


def parse_period(text: str | None) -> str:
    """``WEEK``, ``MONTH`` or ``ALL`` for what a player typed (case and spacing ignored; empty: ALL)."""
    wanted = " ".join((text or "").casefold().split())
    for period, words in _PERIOD_WORDS.items():
        if wanted in words:
            return period
    raise PeriodError(f"`{(text or '')[:30]}` is not a period: use week, month or all.")


def period_start(period: str, now: dt.datetime) -> dt.datetime | None:
    """The first instant counted by the board of ``period`` at ``now`` (aware, UTC); None for ALL."""
    if period not in PERIODS:
        raise PeriodError(f"unknown period {period!r}")
    if period == ALL:
        return None
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    day = now.astimezone(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    if period == WEEK:
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1)
