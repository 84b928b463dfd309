"""Library: films in a stable order, lookups by key and title, a resolver per film built once."""

from bot.kb.library import Library
from bot.kb.models import Film


class FakeStore:
    def __init__(self, films):
        self._films = films

    async def load_films(self):
        return list(self._films)


FILMS = [
    Film(key="zulu-1964", title="Zulu", evidence="| name = Zulu", year=1964),
    Film(key="alien-1979", title="Alien", evidence="| name = Alien", year=1979),
]


async def test_load_orders_by_title_and_finds():
    built: list[str] = []
    library = await Library.load(FakeStore(FILMS), resolver_factory=lambda films: built.append([f.key for f in films]) or "R")
    assert [f.key for f in library.films] == ["alien-1979", "zulu-1964"]
    assert library.default.key == "alien-1979"
    assert len(library) == 2 and "zulu-1964" in library
    assert library.get("zulu-1964").title == "Zulu"
    assert library.find("ALIEN") is FILMS[1]
    assert library.find("zulu 1964") is FILMS[0]
    assert library.find("Alien (1979)") is FILMS[1]
    assert library.find("predator") is None
    assert library.resolver == "R"
    assert built == [["alien-1979", "zulu-1964"]]


def test_empty_library():
    library = Library((), resolver_factory=lambda films: None)
    assert library.default is None and library.films == () and library.find("x") is None


def test_default_resolver_is_the_matching_resolver_over_all_films():
    from bot.matching import Resolver

    library = Library(FILMS)
    assert isinstance(library.resolver, Resolver)
    assert library.resolver.film_keys == ["alien-1979", "zulu-1964"]
    assert library.resolver.resolve("zulu", kinds="film").best.entry.film_key == "zulu-1964"
