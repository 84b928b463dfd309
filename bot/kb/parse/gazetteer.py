"""Gazetteers for infobox entity lists: countries and languages (pycountry) and company names.

"United States Soviet Union" -> two countries, "English Russian" -> two languages: greedy longest match
against the names pycountry knows (historic countries included; a multi-word phrase whose words all
belong to one country's names, like "Soviet Union", also matches). Studios are split on company suffixes
("Pictures", "Films", ...) and CamelCase company names ("StudioCanal").
"""

from __future__ import annotations

import json
import re
from functools import cache

import pycountry

_SPLIT_NAME = re.compile(r",\s*|\s*\(|\)")
_WORDS = re.compile(r"[A-Za-z]+")
_STOP = frozenset({"of", "the", "and", "republic", "democratic", "people's", "federal", "socialist"})


@cache
def _country_names() -> tuple[dict[str, str], list[tuple[frozenset[str], str]]]:
    """Exact names (casefolded -> canonical) and word sets for the subset match."""
    exact: dict[str, str] = {}
    word_sets: list[tuple[frozenset[str], str]] = []
    entries = list(pycountry.countries) + list(pycountry.historic_countries)
    for c in entries:
        canonical = c.name
        names = {c.name, getattr(c, "official_name", "") or "", getattr(c, "common_name", "") or ""}
        for name in list(names):
            names.update(p.strip() for p in _SPLIT_NAME.split(name) if p.strip())
        words: set[str] = set()
        for name in names:
            if name:
                exact.setdefault(name.casefold(), canonical)
                words.update(w.casefold() for w in _WORDS.findall(name))
        word_sets.append((frozenset(words), canonical))
    return exact, word_sets


def country_name(phrase: str) -> str | None:
    """The pycountry name of a country phrase ("United Kingdom", "Soviet Union"), else None."""
    exact, word_sets = _country_names()
    key = " ".join(phrase.split()).casefold()
    if not key:
        return None
    if key in exact:
        return exact[key]
    words = [w.casefold() for w in _WORDS.findall(phrase)]
    if not set(words) - _STOP or len(words) != len(phrase.split()):
        return None
    if len(words) == 1:
        # "Russia" for "Russian Federation": one distinctive word naming exactly one country
        if len(words[0]) < 5:
            return None
        hits = {c for ws, c in word_sets if any(w == words[0] or w == words[0] + "n" for w in ws)}
    else:
        hits = {canonical for ws, canonical in word_sets if set(words) <= ws}
    return hits.pop() if len(hits) == 1 else None


def _language_entries() -> list[dict[str, str]]:
    """pycountry's ISO 639-3 entries as plain dicts, read from its own JSON file: building its ~8,000
    language objects and their indexes took ~100 ms of the first parse for the two names used here."""
    database = pycountry.languages
    with open(database.filename, encoding="utf-8") as fh:
        return json.load(fh)[database.root_key]


@cache
def _language_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for lang in _language_entries():
        for name in (lang.get("name"), lang.get("common_name")):
            if name:
                names.setdefault(name.casefold(), name)
                base = name.split(" (")[0]
                names.setdefault(base.casefold(), base)
    return names


def language_name(phrase: str) -> str | None:
    return _language_names().get(" ".join(phrase.split()).casefold())


def greedy_split(tokens: list[str], lookup, max_len: int = 6) -> list[tuple[int, int, bool]]:
    """Split tokens into (start, end, matched) spans by greedy longest match; unmatched runs kept."""
    spans: list[tuple[int, int, bool]] = []
    i, pending = 0, None
    while i < len(tokens):
        for j in range(min(len(tokens), i + max_len), i, -1):
            if lookup(" ".join(tokens[i:j])):
                if pending is not None:
                    spans.append((pending, i, False))
                    pending = None
                spans.append((i, j, True))
                i = j
                break
        else:
            if pending is None:
                pending = i
            i += 1
    if pending is not None:
        spans.append((pending, len(tokens), False))
    return spans


COMPANY_SUFFIXES = frozenset(
    ["Pictures", "Picture", "Films", "Film", "Studios", "Studio", "Entertainment", "Productions", "Production", "Company", "Co.", "Corp.", "Corporation", "Inc.", "Inc", "Ltd.", "Ltd", "LLC", "Media", "Group", "Releasing", "Distribution", "Distributors", "International", "Associates", "Enterprises", "Features", "Classics", "Animation", "Television", "Network", "Partners", "Bros.", "Brothers", "Filmproduktion", "Cinema"]
)
_CAMEL = re.compile(r"^[A-Z][a-z]+[A-Z][A-Za-z]*$")


def split_companies(tokens: list[str]) -> list[tuple[int, int]]:
    """Split space-joined company names on suffixes and CamelCase names."""
    groups: list[tuple[int, int]] = []
    start = None
    for i, tok in enumerate(tokens):
        if start is not None:
            prev_suffix = tokens[i - 1] in COMPANY_SUFFIXES
            is_suffix = tok in COMPANY_SUFFIXES
            prev_camel = bool(_CAMEL.match(tokens[i - 1])) and i - 1 == start
            if (prev_suffix or prev_camel) and not is_suffix or (_CAMEL.match(tok) and not prev_suffix):
                groups.append((start, i))
                start = None
        if start is None:
            start = i
    if start is not None:
        groups.append((start, len(tokens)))
    return groups
