"""Text helpers for the lookup answers: escaping user and article text, folding for search, dates.

Pure equivalents of ``discord.utils.escape_markdown``/``escape_mentions`` so this package needs no
discord import; the bot also sends everything with no mentions allowed.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

# Markdown Discord renders: emphasis, code, strike, spoilers, escapes; block quotes, headings, list
# dashes at a line start; masked links.
_MARKDOWN = re.compile(r"(?P<md>[_\\~|*`]|^>(?:>>)?\s|^#{1,3}|^\s*-|\[(?=.+\]\(.+\)))", re.MULTILINE)
_URL = re.compile(r"(?P<url><[^: >]+:/[^ >]+>|(?:https?|steam)://[^\s<]+[^<.,:;\"'\]\s])")
_MENTION = re.compile(r"@(everyone|here|[!&]?[0-9]{17,20})")
_APOSTROPHES = "'\u2019\u2018`\u02bc"


_ESCAPED = r"\\\g<md>"  # a backslash, then the markdown character (a template: no Python call per match)
_URL_HINT = re.compile(r"<|://")  # no URL can match without one of these


def escape_markdown(text: str) -> str:
    """Backslash every markdown character so the text shows as typed (links are left alone)."""
    if not _URL_HINT.search(text):
        return _MARKDOWN.sub(_ESCAPED, text)
    out: list[str] = []
    pos = 0
    for url in _URL.finditer(text):
        out.append(_MARKDOWN.sub(_ESCAPED, text[pos : url.start()]))
        out.append(url.group())
        pos = url.end()
    out.append(_MARKDOWN.sub(_ESCAPED, text[pos:]))
    return "".join(out)


def escape_mentions(text: str) -> str:
    """Break @everyone, @here and user/role mentions with a zero-width space."""
    return _MENTION.sub("@\u200b\\1", text) if "@" in text else text


@functools.lru_cache(maxsize=8192)  # answers escape the same article values on every lookup
def escape(text: str) -> str:
    """Text from a user or an article, made safe to show verbatim in an embed."""
    return escape_mentions(escape_markdown(text))


def echo(text: str, limit: int = 100) -> str:
    """A user's argument quoted back: single line, escaped, clipped for display only."""
    one_line = " ".join(text.split())
    if len(one_line) > limit:
        one_line = one_line[: limit - 1] + "…"
    return f"'{escape(one_line)}'"


@functools.lru_cache(maxsize=8192)  # the same names and filters are folded on every lookup
def fold(text: str) -> str:
    """Casefold, strip accents, delete apostrophes (o'ross -> oross), other punctuation to spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold()
    for a in _APOSTROPHES:
        text = text.replace(a, "")
    text = text.replace(".", "")
    text = re.sub(r"[^\w]+|_", " ", text)
    return " ".join(text.split())


def words(text: str) -> list[str]:
    return fold(text).split()


MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # English whatever the locale (strftime's %B follows it, and is slow)


def format_date(date: dt.date) -> str:
    """'June 14, 1988'."""
    return f"{MONTHS[date.month - 1]} {date.day}, {date.year}"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def join_names(names: list[str] | tuple[str, ...]) -> str:
    return ", ".join(names)
