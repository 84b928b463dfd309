"""Filtering a film's releases by what a user types: medium, country, year, publisher, format...

``!release blu-ray``, ``!release bluray``, ``!release dvd``, ``!release 2005``, ``!release optimum``,
``!release uk``. Every word of the query must match some value of the release (exactly for numbers and
short words, by prefix or a small typo for longer words); small words like "in" or "the" are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pycountry
from rapidfuzz import fuzz, process

from bot.kb.models import Film, HomeMediaRelease, ReleaseEvent
from bot.lookup.text import MONTHS, fold

_IGNORED = frozenset(
    {"in", "on", "of", "the", "a", "an", "and", "from", "by", "released", "release", "releases"}
)
# Common names people use that ISO 3166 does not list as codes.
_COUNTRY_ALIASES = {"GB": ("uk", "britain", "great britain", "england"), "US": ("usa", "america")}


@dataclass(frozen=True, slots=True)
class ReleaseMatches:
    events: tuple[ReleaseEvent, ...]
    home_media: tuple[HomeMediaRelease, ...]

    def __bool__(self) -> bool:
        return bool(self.events or self.home_media)


def query_words(query: str) -> list[str]:
    return [w for w in fold(query).split() if w not in _IGNORED]


def filter_releases(film: Film, query: str) -> ReleaseMatches:
    """Theatrical events and home media releases matching every word of ``query``."""
    wanted = query_words(query)
    if not wanted:
        return ReleaseMatches(film.releases, film.home_media)
    events = tuple(e for e in film.releases if _matches(wanted, _event_words(e)))
    media = tuple(r for r in film.home_media if _matches(wanted, _home_media_words(r)))
    return ReleaseMatches(events, media)


def _matches(wanted: list[str], have: frozenset[str]) -> bool:
    return all(w in have or _loose_match(w, *_words_not_numbers(have)) for w in wanted)


@lru_cache(maxsize=4096)
def _words_not_numbers(have: frozenset[str]) -> tuple[tuple[str, ...], str]:
    """The non-number words, and the same joined as "\nword\nword" for a one-call prefix test."""
    words = tuple(sorted(h for h in have if not h.isdigit()))
    return words, "".join(f"\n{w}" for w in words)


def _loose_match(query: str, words: tuple[str, ...], joined: str) -> bool:
    """``_word_matches`` against every word but exact ones, with rapidfuzz's C loop for the typo test.

    ``joined`` is ``words`` as "\nw1\nw2...": a query (a folded word, no whitespace) is a prefix of
    some word exactly when "\n" + query occurs in it.
    """
    if query.isdigit() or len(query) < 4:
        return False
    if f"\n{query}" in joined:
        return True
    return len(query) >= 5 and process.extractOne(query, words, scorer=fuzz.ratio, score_cutoff=85) is not None


def _word_matches(query: str, word: str) -> bool:
    if query == word:
        return True
    if query.isdigit() or word.isdigit() or len(query) < 4:
        return False
    if word.startswith(query):  # 'optim' -> 'optimum'
        return True
    return len(query) >= 5 and fuzz.ratio(query, word) >= 85  # 'optimun', 'bluray' vs 'blu ray'


def _values_words(values: list[str | None]) -> set[str]:
    out: set[str] = set()
    for value in values:
        if not value:
            continue
        folded = fold(value)
        out.update(folded.split())
        out.add(folded.replace(" ", ""))  # 'blu ray' -> 'bluray', 'cinema club' -> 'cinemaclub'
    return out


@lru_cache(maxsize=512)
def _country_words(country: str | None) -> frozenset[str]:
    """ISO codes and common names of a country, for matching 'uk' or 'gbr' (cached: pycountry is slow)."""
    if not country:
        return frozenset()
    out: set[str] = set()
    try:
        found = pycountry.countries.lookup(country)
    except LookupError:
        return frozenset()
    out.update({found.alpha_2.casefold(), found.alpha_3.casefold()})
    for alias in _COUNTRY_ALIASES.get(found.alpha_2, ()):
        out.update(alias.split())
        out.add(alias.replace(" ", ""))
    return frozenset(out)


def _date_words(release_date) -> list[str]:
    return [str(release_date.year), MONTHS[release_date.month - 1]] if release_date else []


@lru_cache(maxsize=4096)  # releases are immutable and filtered on every !release
def _home_media_words(r: HomeMediaRelease) -> frozenset[str]:
    values = [
        r.medium,
        r.country,
        r.publisher,
        r.format,
        r.region,
        r.ratio,
        r.resolution,
        r.audio,
        r.subtitles,
        r.notes,
        r.pack_name,
        *r.pack_titles,
        *_date_words(r.date),
    ]
    return frozenset(_values_words(values) | _country_words(r.country))


@lru_cache(maxsize=4096)
def _event_words(e: ReleaseEvent) -> frozenset[str]:
    return frozenset(_values_words([e.kind, e.qualifier, e.country, *_date_words(e.date)]) | _country_words(e.country))
