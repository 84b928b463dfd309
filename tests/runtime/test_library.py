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
    library = await Library.load(FakeStore(FILMS), resolver_factory=lambda f: built.append(f.key) or f.title)
    assert [f.key for f in library.films] == ["alien-1979", "zulu-1964"]
    assert library.default.key == "alien-1979"
    assert len(library) == 2 and "zulu-1964" in library
    assert library.get("zulu-1964").title == "Zulu"
    assert library.find("ALIEN") is FILMS[1]
    assert library.find("zulu 1964") is FILMS[0]
    assert library.find("Alien (1979)") is FILMS[1]
    assert library.find("predator") is None
    assert library.resolver("zulu-1964") == "Zulu"
    assert library.resolver(FILMS[0]) == "Zulu"
    assert built == ["zulu-1964"]


def test_empty_library():
    library = Library(())
    assert library.default is None and library.films == () and library.find("x") is None
