"""Autocomplete, several films, film titles, and the word index against a brute-force scan."""

import pytest
from rapidfuzz import fuzz

from bot.kb.models import CastMember, Film
from bot.matching import Resolver, entries_for_film
from bot.matching.index import FormIndex
from bot.matching.scoring import capped, coverage
from bot.matching.titles import TitleMatcher

from .seed_film import seed_film
from .test_resolver_table import TABLE


def names(matches):
    return [m.entry.display for m in matches]


def twins() -> Film:
    cast = [("Arnold Schwarzenegger", "Julius Benedict"), ("Danny DeVito", "Vincent Benedict"),
            ("Kelly Preston", "Marnie Mason"), ("Chloe Webb", "Linda Mason")]
    return Film(key="twins-1988", title="Twins", evidence="| name = Twins", year=1988,
                cast=tuple(CastMember(i, a, c, f"{a} as {c}") for i, (a, c) in enumerate(cast)))


@pytest.fixture(scope="module")
def library():
    return Resolver.for_films([seed_film(), twins()])


# -- autocomplete ---------------------------------------------------------------------------------
def test_suggest_prefix_first(resolver):
    assert names(resolver.suggest("dan")) == ["Capt. Ivan Danko"]
    assert names(resolver.suggest("jam")) == ["James Belushi", "Brion James", "James Horner"]
    assert names(resolver.suggest("o'r")) == ["Ed O'Ross"]
    assert names(resolver.suggest("night c")) == ["Night Clerk"]


def test_suggest_fuzzy_after_prefix(resolver):
    (match,) = resolver.suggest("fishbern")
    assert (match.entry.display, round(match.score)) == ("Larry Fishburne", 82)


def test_suggest_empty_lists_in_billing_order_and_caps_at_25(resolver):
    got = resolver.suggest("", kinds="actor")
    assert names(got)[:3] == ["Arnold Schwarzenegger", "James Belushi", "Ed O'Ross"]
    assert len(got) == 17
    assert len(resolver.suggest("")) == 25
    assert len(resolver.suggest("", limit=100)) == 25
    assert names(resolver.suggest("", kinds="character", limit=2)) == ["Capt. Ivan Danko", "Det. Sgt. Art Ridzik"]


def test_suggest_one_line_per_person_and_kinds(resolver):
    got = resolver.suggest("belushi")
    assert names(got) == ["James Belushi"]
    assert names(resolver.suggest("ca", kinds="crew")) == ["Carmel Davies", "Gordon Carroll"]


def test_suggest_nothing(resolver):
    assert resolver.suggest("zzzq") == []
    assert resolver.suggest("\u200b\U0001f525", kinds="crew")[0].entry.display == "Walter Hill"


# -- several films --------------------------------------------------------------------------------
def test_film_first_then_all(library):
    arnold = library.resolve("arnold", film_key="twins-1988")
    assert (arnold.status, arnold.film_key, arnold.best.entry.id) == (
        "match", "twins-1988", "twins-1988:actor:arnold-schwarzenegger")
    danko = library.resolve("danko", film_key="twins-1988")  # not in Twins: found in Red Heat
    assert (danko.status, danko.film_key, danko.best.entry.film_key) == ("match", None, "red-heat-1988")
    assert library.resolve("danko", film_key="twins-1988", fallback=False).status == "none"


def test_same_name_in_two_films_is_two_people(library):
    result = library.resolve("arnold")
    assert result.status == "ambiguous"
    assert [(m.entry.display, m.entry.film_key) for m in result.distinct] == [
        ("Arnold Schwarzenegger", "red-heat-1988"), ("Arnold Schwarzenegger", "twins-1988")]


def test_typo_in_the_other_film(library):
    result = library.resolve("devitto", film_key="red-heat-1988")
    assert (result.status, result.displays(), result.best.entry.film_key) == ("match", ["Danny DeVito"], "twins-1988")
    assert library.resolve("benedict", film_key="red-heat-1988").displays() == ["Julius Benedict", "Vincent Benedict"]


def test_suggest_film_first(library):
    got = library.suggest("ma", film_key="twins-1988", kinds="character")
    assert [(m.entry.display, m.entry.film_key) for m in got] == [
        ("Marnie Mason", "twins-1988"), ("Linda Mason", "twins-1988"), ("Catherine Manzetti", "red-heat-1988")]


def test_unknown_film_key_searches_everything(library):
    assert library.resolve("devito", film_key="no-such-film").displays() == ["Danny DeVito"]


# -- titles ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def titles():
    films = [seed_film(), twins(), Film(key="the-running-man-1987", title="The Running Man", evidence="", year=1987),
             Film(key="rocky-ii-1979", title="Rocky II", evidence="", year=1979)]
    return TitleMatcher(films)


@pytest.mark.parametrize(("query", "status", "shown"), [
    ("red heat", "match", ["Red Heat"]),
    ("Red Heat (1988)", "match", ["Red Heat"]),
    ("red het", "match", ["Red Heat"]),
    ("running man", "match", ["The Running Man"]),
    ("rocky 2", "match", ["Rocky II"]),
    ("twin", "match", ["Twins"]),
    ("1988", "ambiguous", ["Red Heat", "Twins"]),
    ("red heat 2", "none", ["Red Heat"]),
    ("red heat 1989", "none", ["Red Heat"]),
    ("rambo", "none", []),
])
def test_titles(titles, query, status, shown):
    result = titles.resolve(query)
    assert (result.status, result.displays()) == (status, shown)


def test_title_payload_and_suggest(titles):
    assert titles.resolve("the running man").best.entry.payload.year == 1987
    assert names(titles.suggest("r")) == ["Rocky II", "Red Heat", "The Running Man"]  # shortest form first


# -- the index finds what a full scan would --------------------------------------------------------
def brute_force(entries, query, cutoff):
    words = query.split()
    best = {}
    for entry in entries:
        for form in entry.forms:
            score = capped(fuzz.WRatio(query, form), coverage(words, form))
            if score >= cutoff:
                best[entry.id] = max(best.get(entry.id, 0), score)
    return best


QUERIES = sorted({row[0].lower() for row in TABLE} | {"danka", "ridzk", "gerhson", "manzeti", "capt dnko",
                                                     "stob", "vidof", "novenyi norbert", "elija", "abdul elija"})


@pytest.mark.parametrize("query", QUERIES)
def test_index_equals_full_scan(film, query):
    from bot.matching import normalize

    entries = [e for e in entries_for_film(film)]
    index = FormIndex(entries)
    q = normalize(query)
    got = {}
    for hit in index.fuzzy_hits(q, cutoff=65, partial=True):
        if index.tier[hit.form] == 2:  # real forms: expansions are scored with a penalty
            entry = index.entries[index.owner[hit.form]]
            got[entry.id] = max(got.get(entry.id, 0), hit.score)
    assert got == pytest.approx(brute_force(entries, q, 65))
