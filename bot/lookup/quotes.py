"""Finding quotes: by speaker (any form of a person's or character's name) or by the words they contain."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz

from bot.kb.models import Film, Quote
from bot.lookup.text import fold


def quotes_containing(film: Film, query: str) -> tuple[Quote, ...]:
    """Quotes holding the query as a phrase; failing that, holding every one of its words."""
    wanted = fold(query)
    if not wanted:
        return ()
    phrase = tuple(q for q in film.quotes if f" {wanted} " in f" {fold(q.text)} ")
    if phrase:
        return phrase
    words = wanted.split()
    return tuple(q for q in film.quotes if all(_has_word(w, fold(q.text).split()) for w in words))


def _has_word(word: str, text_words: list[str]) -> bool:
    if word in text_words:
        return True
    return len(word) >= 4 and any(t.startswith(word) for t in text_words)


def quotes_by(film: Film, names: Iterable[str]) -> tuple[Quote, ...]:
    """Quotes whose speaker is one of ``names`` (any form: 'Danko' is 'Capt. Ivan Danko')."""
    forms = [set(fold(n).split()) for n in names if fold(n)]
    out = []
    for q in film.quotes:
        if not q.speaker:
            continue
        speaker = set(fold(q.speaker).split())
        if speaker and any(speaker <= form or form <= speaker for form in forms):
            out.append(q)
    return tuple(out)


def quotes_by_speaker_words(film: Film, query: str) -> tuple[Quote, ...]:
    """Quotes whose speaker's name has every query word (typo-tolerant for longer words)."""
    wanted = fold(query).split()
    if not wanted:
        return ()
    out = []
    for q in film.quotes:
        if not q.speaker:
            continue
        have = fold(q.speaker).split()
        if all(any(_close(w, h) for h in have) for w in wanted):
            out.append(q)
    return tuple(out)


def _close(query: str, word: str) -> bool:
    if query == word:
        return True
    return len(query) >= 5 and fuzz.ratio(query, word) >= 80


def speakers(film: Film) -> list[str]:
    """Distinct speakers, in order of first quote."""
    seen: dict[str, None] = {}
    for q in film.quotes:
        if q.speaker:
            seen.setdefault(q.speaker, None)
    return list(seen)
