"""Fuzzy film titles for ``!film <title>`` and the slash ``film`` option.

Titles are indexed without a leading article, with the sequel number spelt both ways and with the
year ("red heat", "red heat 1988"), and resolved by the same rules as names: "red heat 2" does not
find Red Heat, because "2" must be a word of the title.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.kb.models import Film
from bot.matching.entries import film_entry
from bot.matching.forms import title_forms
from bot.matching.resolver import Match, Resolution, Resolver

__all__ = ["TitleMatcher", "title_forms"]


class TitleMatcher:
    """Film titles of a library; ``resolve`` gives a Resolution whose entries' payload is the Film."""

    def __init__(self, films: Iterable[Film]) -> None:
        self._resolver = Resolver(film_entry(f) for f in films)

    def resolve(self, query: str) -> Resolution:
        return self._resolver.resolve(query, kinds="film")

    def suggest(self, partial: str, limit: int = 25) -> list[Match]:
        return self._resolver.suggest(partial, kinds="film", limit=limit)
