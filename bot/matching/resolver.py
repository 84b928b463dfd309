"""The resolver every command and slash autocomplete uses: a user's words -> entries, with a verdict.

``Resolver(entries)`` (or ``Resolver.for_film(film)`` / ``Resolver.for_films(films)``) answers
``resolve(query)`` with a ``Resolution``:

- ``match``: one person (group) is the answer; ``matches`` holds its entries (an actor who is also
  credited as crew gives both);
- ``ambiguous``: several people within ``LEAD`` points of each other, all listed;
- ``suggest``: the best is in the "did you mean" band (75-85);
- ``none``: nothing close; ``matches`` lists the closest names only when they score >= 65.

Exact hits on a form win outright (spellings of the name before nickname-table variants); only
when there is none does fuzzy scoring run (see ``bot.matching.scoring``). Entries sharing
``Entry.group`` (film, normalized display) are one person and never ambiguous with each other;
the same name in two films is two people, and callers name the film. With ``film_key`` the film is
searched first and all films only when it has no match or ambiguity.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from bot.kb.models import Film
from bot.matching.entries import Entry, entries_for_film
from bot.matching.index import FORM, FormIndex, Hit
from bot.matching.normalize import normalize, strip_ranks
from bot.matching.scoring import HINT, LEAD, MATCH, SUGGEST

MAX_QUERY_CHARS = 200  # longer input is refused unread ("too long")
MAX_LISTED = 25  # people listed for an ambiguous or suggest verdict
MAX_HINTS = 3  # closest names listed with a "none" verdict


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    score: float  # 0..100
    form: str  # the normalized form that matched


@dataclass(frozen=True, slots=True)
class Resolution:
    status: str  # "match" | "ambiguous" | "suggest" | "none"
    query: str
    normalized: str
    matches: list[Match] = field(default_factory=list)  # best first, grouped by person
    film_key: str | None = None  # the film searched; None when all films were
    reason: str | None = None  # for "none" without searching: "empty" | "too long"

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.matches else None

    @property
    def distinct(self) -> list[Match]:
        """The best match of each person (group), in order."""
        seen: set[tuple[str, str]] = set()
        out = []
        for m in self.matches:
            if m.entry.group not in seen:
                seen.add(m.entry.group)
                out.append(m)
        return out

    def displays(self) -> list[str]:
        return [m.entry.display for m in self.distinct]


def _kind_filter(kinds: Collection[str] | str | None):
    if kinds is None:
        return None
    return frozenset([kinds] if isinstance(kinds, str) else kinds)


class Resolver:
    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: list[Entry] = list(entries)
        per_film: dict[str, list[Entry]] = {}
        for entry in self.entries:
            per_film.setdefault(entry.film_key, []).append(entry)
        self._films: dict[str, FormIndex] = {k: FormIndex(v) for k, v in per_film.items()}
        if len(self._films) == 1:
            self._all: FormIndex = next(iter(self._films.values()))
        else:
            self._all = FormIndex(self.entries)

    @classmethod
    def for_film(cls, film: Film) -> Resolver:
        return cls(entries_for_film(film))

    @classmethod
    def for_films(cls, films: Iterable[Film]) -> Resolver:
        return cls(e for film in films for e in entries_for_film(film))

    @property
    def film_keys(self) -> list[str]:
        return list(self._films)

    # -- resolve ---------------------------------------------------------------------------------
    def resolve(self, query: str, *, kinds: Collection[str] | str | None = None,
                film_key: str | None = None, fallback: bool = True) -> Resolution:
        """Who or what ``query`` names. ``kinds`` limits entry kinds ("actor", "character", "crew",
        "speaker", "film"); ``film_key`` searches that film first, then (``fallback``) all films."""
        query = query or ""
        if len(query) > MAX_QUERY_CHARS:
            return Resolution("none", query, "", reason="too long")
        normalized = normalize(query)
        if not normalized:
            return Resolution("none", query, "", reason="empty")
        wanted = _kind_filter(kinds)
        local = self._films.get(film_key) if film_key else None
        if local is None:
            scope_key = next(iter(self._films)) if len(self._films) == 1 else None
            return self._resolve_in(self._all, query, normalized, wanted, scope_key)
        first = self._resolve_in(local, query, normalized, wanted, film_key)
        if first.status in ("match", "ambiguous") or not fallback or local is self._all:
            return first
        wider = self._resolve_in(self._all, query, normalized, wanted, None)
        if wider.status in ("match", "ambiguous") or first.status == "none":
            return wider
        return first

    def _resolve_in(self, index: FormIndex, query: str, normalized: str, wanted, scope: str | None) -> Resolution:
        variants = [normalized]
        stripped = strip_ranks(normalized)
        if stripped != normalized:
            variants.append(stripped)

        def keep(hits: list[Hit]) -> list[Hit]:
            return [h for h in hits if wanted is None or index.entries[index.owner[h.form]].kind in wanted]

        hits = keep([h for v in variants for h in index.exact_hits(v)])
        if hits:
            top_tier = max(h.tier for h in hits)
            groups = _groups(index, [h for h in hits if h.tier == top_tier])
            status = "match" if len(groups) == 1 else "ambiguous"
            return Resolution(status, query, normalized, _flatten(index, groups[:MAX_LISTED]), scope)

        def fuzzy(partial: bool) -> list[_Group]:
            return _groups(index, keep([h for v in variants for h in index.fuzzy_hits(v, cutoff=HINT, partial=partial)]))

        groups = fuzzy(partial=False)
        if (not groups or groups[0].score < SUGGEST) and " " in normalized:
            groups = fuzzy(partial=True)  # closest names for a "not found": forms covering some words
        if not groups:
            return Resolution("none", query, normalized, [], scope)
        top = groups[0].score
        close = [g for g in groups if g.score > top - LEAD]
        if top >= MATCH:
            status = "match" if len(close) == 1 else "ambiguous"
            listed = close
        elif top >= SUGGEST:
            status, listed = "suggest", [g for g in close if g.score >= SUGGEST]
        else:
            status, listed = "none", groups[:MAX_HINTS]
        return Resolution(status, query, normalized, _flatten(index, listed[:MAX_LISTED]), scope)

    # -- autocomplete ----------------------------------------------------------------------------
    def suggest(self, partial: str, *, kinds: Collection[str] | str | None = None,
                film_key: str | None = None, limit: int = 25) -> list[Match]:
        """Up to ``limit`` entries for slash autocomplete, one per person: forms starting with the
        text first (shortest first), then words starting with it, then fuzzy matches; the film of
        ``film_key`` before the others."""
        wanted = _kind_filter(kinds)
        limit = max(0, min(limit, 25))
        normalized = normalize((partial or "")[:MAX_QUERY_CHARS])
        local = self._films.get(film_key) if film_key else None
        scopes = [local] if local is not None else []
        if local is not self._all:
            scopes.append(self._all)
        out: list[Match] = []
        seen: set[tuple[str, str]] = set()

        def take(index: FormIndex, e_idx: int, score: float, form: str) -> bool:
            entry = index.entries[e_idx]
            if (wanted is None or entry.kind in wanted) and entry.group not in seen:
                seen.add(entry.group)
                out.append(Match(entry, score, form))
            return len(out) >= limit

        for index in scopes:
            if len(out) >= limit:
                break
            if not normalized:
                for e_idx, entry in enumerate(index.entries):
                    if take(index, e_idx, 0.0, entry.forms[0] if entry.forms else ""):
                        break
                continue
            done = False
            for f in index.prefix_forms(normalized, limit):
                score = 100.0 if index.forms[f].startswith(normalized) else 90.0
                if take(index, index.owner[f], score, index.forms[f]):
                    done = True
                    break
            if done:
                break
            hits = index.fuzzy_hits(normalized, cutoff=SUGGEST)
            hits.sort(key=lambda h: (-h.score, h.form))
            for h in hits:
                if take(index, index.owner[h.form], h.score, index.forms[h.form]):
                    break
        return out


@dataclass(slots=True)
class _Group:
    """Entries of one person that matched: the best score, then (entry index, its best hit)."""

    score: float
    order: tuple
    members: list[tuple[int, Hit]]


def _groups(index: FormIndex, hits: list[Hit]) -> list[_Group]:
    """Hits -> the best hit per entry -> entries grouped by person, best group first.

    Ties go to the earlier form of an entry (full name, first name, surname...), so "james" lists
    James Belushi and James Horner before Brion James, then to the earlier entry.
    """
    best: dict[int, Hit] = {}
    for h in hits:
        e = index.owner[h.form]
        old = best.get(e)
        if old is None or (h.score, h.tier == FORM) > (old.score, old.tier == FORM):
            best[e] = h
    groups: dict[tuple[str, str], _Group] = {}
    for e in sorted(best):
        h = best[e]
        order = (-h.score, index.form_rank[h.form], e)
        g = groups.get(index.entries[e].group)
        if g is None:
            groups[index.entries[e].group] = _Group(h.score, order, [(e, h)])
        else:
            g.members.append((e, h))
            if order < g.order:
                g.score, g.order = h.score, order
    return sorted(groups.values(), key=lambda g: g.order)


def _flatten(index: FormIndex, groups: list[_Group]) -> list[Match]:
    """Matches group after group; in a group the best-scoring entries first, then index order
    (actors, characters, crew, speakers)."""
    out = []
    for g in groups:
        members = sorted(g.members, key=lambda m: (m[1].score < g.score, m[0]))
        out.extend(Match(index.entries[e], h.score, index.forms[h.form]) for e, h in members)
    return out
