"""The in-memory knowledge the commands read: every loaded film plus the name resolver over them.

Built from the store at startup and rebuilt after each ingest (``Library.load(store)``); immutable
once built, so commands can hold a reference while a new one replaces it. No Discord in here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from bot.kb.models import Film


class FilmSource(Protocol):
    async def load_films(self) -> list[Film]: ...


ResolverFactory = Callable[[Sequence[Film]], Any]


def build_resolver(films: Sequence[Film]) -> Any:
    """One resolver over every film (lookups scope it with ``film_key``)."""
    from bot.matching import Resolver

    return Resolver.for_films(films)


class Library:
    """Films by key, in a stable order (title, then year), and the name resolver over all of them."""

    def __init__(self, films: Iterable[Film], resolver_factory: ResolverFactory | None = None) -> None:
        ordered = sorted(films, key=lambda f: (f.title.casefold(), f.year or 0, f.key))
        self._films: dict[str, Film] = {f.key: f for f in ordered}
        self.resolver = (resolver_factory or build_resolver)(tuple(self._films.values()))

    @classmethod
    async def load(cls, store: FilmSource, resolver_factory: ResolverFactory | None = None) -> Library:
        return cls(await store.load_films(), resolver_factory)

    def __len__(self) -> int:
        return len(self._films)

    def __iter__(self):
        return iter(self._films.values())

    def __contains__(self, key: object) -> bool:
        return key in self._films

    @property
    def films(self) -> tuple[Film, ...]:
        return tuple(self._films.values())

    @property
    def default(self) -> Film | None:
        """The film commands use when none is named: the first one (the only one, usually)."""
        return next(iter(self._films.values()), None)

    def get(self, key: str) -> Film | None:
        return self._films.get(key)

    def find(self, query: str) -> Film | None:
        """A film by key, exact title, or title with year ("red heat 1988"), case-insensitive."""
        wanted = " ".join(query.casefold().replace("-", " ").split())
        if not wanted:
            return None
        for film in self._films.values():
            names = {film.key.replace("-", " "), film.title.casefold()}
            if film.year:
                names.add(f"{film.title.casefold()} {film.year}")
                names.add(f"{film.title.casefold()} ({film.year})")
            if wanted in {" ".join(n.split()) for n in names}:
                return film
        return None
