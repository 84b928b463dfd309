"""Dates as the article writes them: "June 14, 1988", "1 January 1990", "13 Jan 1989"."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name.casefold(): i
    for i, names in enumerate(
        [
            ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",),
            ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sep", "Sept"),
            ("October", "Oct"), ("November", "Nov"), ("December", "Dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
DATE_RE = re.compile(
    rf"(?:\b(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})\.?,?\s+(?P<y1>\d{{4}})\b)"
    rf"|(?:\b(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}})\b)",
    re.IGNORECASE,
)


def date_from_match(m: re.Match[str]) -> dt.date | None:
    day = m.group("d1") or m.group("d2")
    month = _MONTHS[(m.group("m1") or m.group("m2")).casefold()]
    year = m.group("y1") or m.group("y2")
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The date when ``text`` is exactly one date (surrounding spaces allowed), else None."""
    m = DATE_RE.fullmatch(text.strip())
    return date_from_match(m) if m else None
