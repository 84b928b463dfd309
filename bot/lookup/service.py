"""The lookup commands as plain functions: a user's arguments in, an :class:`Answer` out.

``Lookups(library)`` answers ``cast``, ``crew``, ``quote``, ``release``, ``film``, ``plot`` and
``reception`` from the in-memory :class:`~bot.kb.library.Library`, and offers the slash autocomplete
choices. Which film: the one named by ``film`` (fuzzy on titles), else the server's default
(``default_key``), else the library's first; name lookups search that film first, then every film.
No Discord here: the cog only turns answers into embeds.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace

from bot.kb.models import Film
from bot.lookup import answers, limits
from bot.lookup.pages import Answer, combine, message
from bot.lookup.quotes import quotes_by, quotes_containing
from bot.lookup.releases import filter_releases
from bot.lookup.roles import ROLE_SYNONYMS, role_label, roles_for
from bot.lookup.text import echo, escape, fold

CAST_KINDS = ("character", "actor", "crew")
PERSON_KINDS = ("crew", "actor", "character")
QUOTE_KINDS = ("speaker", "character", "actor", "crew")
MAX_CHOICES = 25
CHOICE_CHARS = 100  # Discord's limit for an autocomplete choice's name and value


@dataclass(frozen=True, slots=True)
class Scope:
    """The film a command is about, and whether to look further when a name is not found there."""

    film: Film
    restricted: bool  # the user named the film: search nowhere else
    several: bool  # more than one film is stored: name the film in replies


class Lookups:
    def __init__(self, library) -> None:
        self.library = library

    # ------------------------------------------------------------ scope

    def scope(self, film: str | None = None, default_key: str | None = None) -> Scope | Answer:
        """The film in question, or an answer explaining why there is none."""
        several = len(self.library) > 1
        if film and film.strip():
            if len(film) > limits.MAX_ARGUMENT:
                return answers.too_long(len(film))
            found = self.find_film(film)
            if isinstance(found, Answer):
                return found
            return Scope(found, True, several)
        chosen = self.library.get(default_key) if default_key else None
        chosen = chosen or self.library.default
        if chosen is None:
            return message("No films yet", "I don't know any film yet: an admin has to add one.", kind="none")
        return Scope(chosen, False, several)

    def find_film(self, query: str) -> Film | Answer:
        exact = self.library.find(query)
        if exact is not None:
            return exact
        res = self.library.resolver.resolve(query, kinds="film")
        known = ", ".join(answers.film_name(f) for f in self.library.films)
        if res.status == "match":
            return self.library.get(res.best.entry.film_key)
        if res.status in ("ambiguous", "suggest"):
            options = [answers.film_name(self.library.get(m.entry.film_key)) for m in res.distinct]
            if res.status == "suggest" and len(options) == 1:
                return answers.did_you_mean(query, options[0], "the films I know")
            return answers.ambiguous(query, options, "the films I know")
        return message(
            "Not found",
            f"I don't know a film called {echo(query)}. I know: {escape(known)}.",
            kind="none",
        )

    def _where(self, scope: Scope) -> str:
        name = answers.film_name(scope.film)
        return name if scope.restricted or not scope.several else f"{name} or the other films I know"

    def _resolve(self, query: str, scope: Scope, kinds: Collection[str]):
        return self.library.resolver.resolve(
            query, kinds=kinds, film_key=scope.film.key, fallback=not scope.restricted
        )

    def _label(self, match, scope: Scope) -> str:
        """How one person is listed in 'which one?' and 'did you mean' answers."""
        entry = match.entry
        film = self.library.get(entry.film_key)
        label = entry.display
        if entry.kind == "character":
            label = f"{entry.display} ({entry.payload.actor})"
        elif entry.kind == "actor":
            label = f"{entry.display} (as {', '.join(answers.character_name(m) for m in entry.payload)})"
        elif entry.kind == "crew":
            roles = ", ".join(dict.fromkeys(role_label(c.role).lower() for c in entry.payload))
            label = f"{entry.display} ({roles})"
        if scope.several and film is not None:
            label += f" — {answers.film_name(film)}"
        return label

    def _unresolved(self, res, query: str, scope: Scope, *, what: str = "No one called") -> Answer:
        """The answer for a name lookup that found no single person."""
        people = res.distinct
        if res.status == "ambiguous":
            return answers.ambiguous(query, [self._label(m, scope) for m in people], self._where(scope))
        if res.status == "suggest":
            if len(people) == 1:
                option = people[0].entry.display
                film = self.library.get(people[0].entry.film_key)
                if scope.several and film is not None:
                    option += f" ({answers.film_name(film)})"
                return answers.did_you_mean(query, option, self._where(scope))
            return answers.ambiguous(query, [self._label(m, scope) for m in people], self._where(scope))
        closest = [m.entry.display for m in people]
        return answers.not_found(query, self._where(scope), what=what, closest=closest)

    def _opening(
        self, arg: str | None, film: str | None, default_key: str | None, overview: Callable[[Scope], Answer]
    ) -> Scope | Answer:
        """The scope a command with an optional argument searches, or the answer that ends it at once:
        a film problem, the overview when the argument is empty, or "too long"."""
        scope = self.scope(film, default_key)
        if isinstance(scope, Answer):
            return scope
        if not arg or not arg.strip():
            return overview(scope)
        if len(arg) > limits.MAX_ARGUMENT:
            return answers.too_long(len(arg))
        return scope

    @staticmethod
    def _group(res) -> list:
        best = res.best
        return [m for m in res.matches if m.entry.group == best.entry.group]

    # ------------------------------------------------------------ commands

    def cast(
        self, name: str | None = None, *, film: str | None = None, default_key: str | None = None
    ) -> Answer:
        scope = self._opening(name, film, default_key, lambda s: answers.cast_list(s.film, show_film=s.several))
        if isinstance(scope, Answer):
            return scope
        res = self._resolve(name, scope, CAST_KINDS)
        if res.status != "match":
            return self._unresolved(res, name, scope)
        group = self._group(res)
        target = self.library.get(res.best.entry.film_key)
        show = scope.several
        characters = [m.entry.payload for m in group if m.entry.kind == "character"]
        if characters:
            return answers.cast_member(target, characters[0], show_film=show)
        members = [member for m in group if m.entry.kind == "actor" for member in m.entry.payload]
        if members:
            return combine(*(answers.cast_member(target, member, show_film=show) for member in members))
        person = answers.person_credits(target, res.best.entry.display, show_film=show)
        note = f"{res.best.entry.display} is not in the cast of {answers.film_name(target)}; crew credits:"
        return Answer(tuple(_with_header(person, note)))

    def crew(
        self, query: str | None = None, *, film: str | None = None, default_key: str | None = None
    ) -> Answer:
        scope = self._opening(query, film, default_key,
                              lambda s: answers.crew_overview(s.film, show_film=s.several))
        if isinstance(scope, Answer):
            return scope
        roles = roles_for(query)
        if roles:
            return answers.crew_for_roles(scope.film, roles, show_film=scope.several)
        res = self._resolve(query, scope, PERSON_KINDS)
        if res.status != "match":
            return self._unresolved(res, query, scope, what="No role or person called")
        group = self._group(res)
        target = self.library.get(res.best.entry.film_key)
        person = next((m.entry.display for m in group if m.entry.kind in ("crew", "actor")), None)
        if person is None:  # a character: the actor who plays it
            person = group[0].entry.payload.actor
        return answers.person_credits(target, person, show_film=scope.several)

    def quote(
        self,
        query: str | None = None,
        *,
        film: str | None = None,
        default_key: str | None = None,
        rng: random.Random | None = None,
    ) -> Answer:
        scope = self._opening(query, film, default_key, lambda s: self._random_quote(s, rng or random))
        if isinstance(scope, Answer):
            return scope
        show = scope.several
        res = self._resolve(query, scope, QUOTE_KINDS)
        if res.status == "match":
            group = self._group(res)
            target = self.library.get(res.best.entry.film_key)
            said = [q for m in group if m.entry.kind == "speaker" for q in m.entry.payload]
            if not said:
                said = list(quotes_by(target, [m.entry.display for m in group]))
            if said:
                title = f"Quotes by {res.best.entry.display}"
                return answers.quotes_answer(target, said, escape(title), show_film=show)
        for target in self._films_in_order(scope):
            found = quotes_containing(target, query)
            if found:
                title = f"Quotes containing {echo(query, 60)}"
                return answers.quotes_answer(target, found, title, show_film=show)
        if res.status == "match":
            target = self.library.get(res.best.entry.film_key)
            return message(
                "No quotes",
                f"{escape(res.best.entry.display)} has no quotes in {answers.film_name(target)}.",
                kind="none",
            )
        return self._unresolved(res, query, scope, what="No quote by or containing")

    def _random_quote(self, scope: Scope, rng: random.Random) -> Answer:
        pool = scope.film.quotes or tuple(q for f in self.library.films for q in f.quotes)
        if not pool:
            return message("No quotes", f"The article for {answers.film_name(scope.film)} has no quotes.")
        picked = rng.choice(pool)
        owner = next(f for f in (scope.film, *self.library.films) if picked in f.quotes)
        return answers.quotes_answer(
            owner, [picked], f"A quote from {answers.film_name(owner)}", show_film=scope.several
        )

    def _films_in_order(self, scope: Scope) -> list[Film]:
        if scope.restricted:
            return [scope.film]
        return [scope.film, *(f for f in self.library.films if f.key != scope.film.key)]

    def release(
        self, query: str | None = None, *, film: str | None = None, default_key: str | None = None
    ) -> Answer:
        scope = self._opening(query, film, default_key,
                              lambda s: answers.releases_overview(s.film, show_film=s.several))
        if isinstance(scope, Answer):
            return scope
        return answers.release_details(
            scope.film, filter_releases(scope.film, query), query, show_film=scope.several
        )

    def film(self, title: str | None = None, *, default_key: str | None = None) -> Answer:
        if title and title.strip():
            if len(title) > limits.MAX_ARGUMENT:
                return answers.too_long(len(title))
            found = self.find_film(title)
            return found if isinstance(found, Answer) else answers.film_overview(found)
        if len(self.library) > 1:
            return answers.film_list(self.library.films, default_key)
        scope = self.scope(None, default_key)
        return scope if isinstance(scope, Answer) else answers.film_overview(scope.film)

    def plot(self, *, film: str | None = None, default_key: str | None = None) -> Answer:
        scope = self.scope(film, default_key)
        return scope if isinstance(scope, Answer) else answers.plot(scope.film)

    def reception(self, *, film: str | None = None, default_key: str | None = None) -> Answer:
        scope = self.scope(film, default_key)
        return scope if isinstance(scope, Answer) else answers.reception(scope.film)

    # ------------------------------------------------------------ autocomplete

    def _choice_scope(self, film: str | None, default_key: str | None) -> Scope | None:
        scope = self.scope(film, default_key) if film and len(film) <= limits.MAX_ARGUMENT else None
        if not isinstance(scope, Scope):
            scope = self.scope(None, default_key)
        return scope if isinstance(scope, Scope) else None

    def name_choices(
        self,
        partial: str,
        kinds: Collection[str] = CAST_KINDS,
        *,
        film: str | None = None,
        default_key: str | None = None,
    ) -> list[tuple[str, str]]:
        """(label, value) pairs for slash autocomplete, best first, at most 25."""
        scope = self._choice_scope(film, default_key)
        if scope is None:
            return []
        found = self.library.resolver.suggest(
            partial[: limits.MAX_ARGUMENT], kinds=kinds, film_key=scope.film.key
        )
        out = []
        for m in found[:MAX_CHOICES]:
            label = m.entry.display
            if scope.several:
                label += f" — {answers.film_name(self.library.get(m.entry.film_key))}"
            out.append((label[:CHOICE_CHARS], m.entry.display[:CHOICE_CHARS]))
        return out

    def crew_choices(self, partial: str, *, film: str | None = None, default_key: str | None = None):
        """Crew roles (and their one-word synonyms) starting with the text, then crew people."""
        folded = fold(partial)
        words = [w for w in ROLE_SYNONYMS if " " not in w and w.startswith(folded)] if folded else []
        roles = [
            (w, w) for w in (words or list(dict.fromkeys(r for rs in ROLE_SYNONYMS.values() for r in rs)))
        ]
        people = self.name_choices(partial, ("crew",), film=film, default_key=default_key)
        return (roles[:10] + people)[:MAX_CHOICES]

    def release_choices(self, partial: str, *, film: str | None = None, default_key: str | None = None):
        scope = self._choice_scope(film, default_key)
        if scope is None:
            return []
        values: list[str] = []
        for r in scope.film.home_media:
            values += [v for v in (r.medium, r.publisher, r.country) if v]
            if r.date:
                values.append(str(r.date.year))
        values = list(dict.fromkeys(values))
        folded = fold(partial)
        starts = [v for v in values if fold(v).startswith(folded)]
        inner = [v for v in values if v not in starts and any(w.startswith(folded) for w in fold(v).split())]
        return [(v[:CHOICE_CHARS], v[:CHOICE_CHARS]) for v in (starts + inner)[:MAX_CHOICES]]

    def film_choices(self, partial: str) -> list[tuple[str, str]]:
        films = self.library.films
        if partial.strip():
            found = self.library.resolver.suggest(partial[: limits.MAX_ARGUMENT], kinds="film")
            films = [self.library.get(m.entry.film_key) for m in found]
        return [(answers.film_name(f)[:CHOICE_CHARS], f.title[:CHOICE_CHARS]) for f in films[:MAX_CHOICES]]


def _with_header(answer: Answer, note: str) -> list:
    pages = list(answer.pages)
    first = pages[0]
    pages[0] = replace(first, description=f"{escape(note)}\n{first.description}")
    return pages
