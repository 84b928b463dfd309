"""The same query table over the seed article as the parser reads it (data/films/red-heat.txt)."""

from pathlib import Path

import pytest

from bot.kb.parse import parse_article
from bot.matching import Resolver

from .test_resolver_table import TABLE

SEED = Path(__file__).resolve().parents[2] / "data" / "films" / "red-heat.txt"


@pytest.fixture(scope="module")
def parsed():
    return Resolver.for_film(parse_article(SEED.read_text(encoding="utf-8"), source=str(SEED)))


@pytest.mark.parametrize(("query", "status", "people"), TABLE, ids=[row[0] for row in TABLE])
def test_table_on_parsed_seed(parsed, query, status, people):
    result = parsed.resolve(query)
    assert (result.status, result.displays()) == (status, people)


def test_parsed_speakers(parsed):
    hill = parsed.resolve("hill", kinds="speaker")
    assert (hill.status, hill.displays(), len(hill.best.entry.payload)) == ("match", ["Walter Hill"], 6)
    danko = parsed.resolve("danko", kinds="speaker")
    assert (danko.displays(), [q.kind for q in danko.best.entry.payload]) == (["Capt. Ivan Danko"], ["line"])
    assert parsed.resolve("ridzik", kinds="speaker").status == "none"


def test_parsed_crew_roles_and_film(parsed):
    (hill,) = parsed.resolve("walter hill", kinds="crew").matches
    assert sorted(c.role for c in hill.entry.payload) == ["director", "producer", "screenplay", "story"]
    film = parsed.resolve("red heat 1988", kinds="film")
    assert (film.status, film.best.entry.payload.key) == ("match", "red-heat-1988")
    assert [m.entry.display for m in parsed.suggest("gre")] == ["Gretchen Palmer"]
