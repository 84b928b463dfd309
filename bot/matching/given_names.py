"""Nickname expansion for first names ("arnie" <-> "arnold", "larry" <-> "lawrence").

Built on the curated English table of the ``nicknames`` package (Carlton Northern's names.csv). Some of
its pairs are translations or distant relatives (ivan -> john, catherine -> kathy, richard -> dick);
those would let "john" find Ivan Danko, so only variants sharing the first letter are kept. Both
directions are used, one hop only: nicknames of a formal name, and formal names of a nickname when it
has few of them (at most ``MAX_FORMALS``: "larry" -> laurence, lawrence; but "ed" stands for eight
names, edgar to edwin, and guessing one would be noise).
"""

from __future__ import annotations

from functools import cache

from nicknames import NickNamer

MAX_FORMALS = 3


@cache
def _namer() -> NickNamer:
    return NickNamer()


@cache
def name_variants(first: str) -> tuple[str, ...]:
    """Other spellings of a normalized first name, same first letter, sorted; () when none are known."""
    if len(first) < 2 or not first.isalpha():
        return ()
    namer = _namer()

    def keep(names: set[str]) -> set[str]:
        return {v for v in names if v != first and v[:1] == first[:1] and v.isalpha()}

    found = keep(namer.nicknames_of(first))
    formals = keep(namer.canonicals_of(first))
    if len(formals) <= MAX_FORMALS:
        found |= formals
    return tuple(sorted(found))
