"""What the resolver searches: one ``Entry`` per actor, character, crew person, quote speaker and film.

``entries_for_film(film)`` turns a ``bot.kb.models.Film`` into entries, each with every normalized form
a user might type (see ``bot.matching.forms``). Payloads by kind:

- ``actor``: tuple of the ``CastMember`` rows the actor plays, billing order;
- ``character``: the ``CastMember``; display is rank + name ("Capt. Ivan Danko");
- ``crew``: tuple of the person's ``Credit`` rows (one entry per person, all roles);
- ``speaker``: tuple of ``Quote`` rows; a speaker named by one form of a person or character of the
  film ("Hill", "Danko") takes that person's display and forms, so "walter hill" finds "Hill"'s quotes;
- ``film``: the ``Film``.

``Entry.group`` is (film key, normalized display): the actor entry and crew entry of one person share
it, and the resolver never counts entries of one group as ambiguous against each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from bot.kb.models import CastMember, Film, Quote
from bot.matching.forms import NameForms, name_forms, title_forms
from bot.matching.normalize import normalize

T = TypeVar("T")

KINDS = ("character", "actor", "crew", "speaker", "film")
PERSON_KINDS = frozenset({"actor", "character", "crew"})


@dataclass(frozen=True, slots=True)
class Entry:
    id: str  # unique across films: "red-heat-1988:actor:arnold-schwarzenegger"
    kind: str  # one of KINDS
    display: str
    film_key: str
    forms: tuple[str, ...]  # normalized, best (full name) first
    payload: object = field(default=None, compare=False, repr=False)
    expansions: tuple[str, ...] = ()  # nickname-table variants ("arnie"): exact hits rank after forms
    group: tuple[str, str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "group", (self.film_key, normalize(self.display)))


def _slug(text: str) -> str:
    return normalize(text).replace(" ", "-") or "x"


def _entry(film: Film, kind: str, ident: str, display: str, forms: NameForms, payload: object) -> Entry:
    return Entry(f"{film.key}:{kind}:{ident}", kind, display, film.key, forms.forms, payload, forms.expansions)


def character_display(member: CastMember) -> str:
    return f"{member.rank} {member.character}" if member.rank else member.character


def _by_person(items: Iterable[T], name_of: Callable[[T], str]) -> dict[str, tuple[str, list[T]]]:
    """Items grouped by their person's normalized name, with the first spelling kept for display."""
    groups: dict[str, tuple[str, list[T]]] = {}
    for item in items:
        name = name_of(item)
        key = normalize(name)
        if key:
            groups.setdefault(key, (name, []))[1].append(item)
    return groups


def _person_entries(film: Film, kind: str, groups: dict[str, tuple[str, list]]) -> list[Entry]:
    return [_entry(film, kind, key.replace(" ", "-"), name, name_forms(name), tuple(found))
            for key, (name, found) in groups.items()]


def _cast_entries(film: Film) -> list[Entry]:
    out = _person_entries(film, "actor", _by_person(film.cast, lambda m: m.actor))
    for member in film.cast:
        if not normalize(member.character):
            continue
        forms = name_forms(member.character, rank=member.rank, nickname=member.nickname)
        out.append(_entry(film, "character", str(member.position), character_display(member), forms, member))
    return out


def _crew_entries(film: Film) -> list[Entry]:
    return _person_entries(film, "crew", _by_person(film.crew, lambda c: c.name))


def _speaker_entries(film: Film, people: Iterable[Entry]) -> list[Entry]:
    """Quote speakers, each merged into the one person or character a form of theirs names."""
    owners: dict[str, set[tuple[str, str]]] = {}
    by_group: dict[tuple[str, str], Entry] = {}
    for entry in people:
        by_group.setdefault(entry.group, entry)
        for form in entry.forms:
            owners.setdefault(form, set()).add(entry.group)
    quotes: dict[str, list[Quote]] = {}
    shown: dict[str, tuple[str, NameForms]] = {}
    for quote in film.quotes:
        said_by = normalize(quote.speaker)
        if not said_by:
            continue
        groups = owners.get(said_by, set())
        if len(groups) == 1:
            owner = by_group[next(iter(groups))]
            key = owner.group[1]
            names = NameForms(owner.forms, owner.expansions)
            display = owner.display
        else:
            key, display, names = said_by, quote.speaker or said_by, name_forms(quote.speaker or said_by)
        quotes.setdefault(key, []).append(quote)
        shown.setdefault(key, (display, names))
    return [
        _entry(film, "speaker", key.replace(" ", "-"), shown[key][0], shown[key][1], tuple(found))
        for key, found in quotes.items()
    ]


def film_entry(film: Film) -> Entry:
    return Entry(f"{film.key}:film:{_slug(film.key)}", "film", film.title, film.key,
                 title_forms(film.title, film.year), film)


def entries_for_film(film: Film) -> list[Entry]:
    """Every searchable entry of one film: actors (billing order), characters, crew, speakers, film."""
    people = _cast_entries(film) + _crew_entries(film)
    return people + _speaker_entries(film, people) + [film_entry(film)]
