"""The words of each release are computed once per release, and filtering gives the same answers."""

import datetime as dt

from bot.kb.models import Film, HomeMediaRelease
from bot.lookup.releases import _home_media_words, filter_releases


def test_release_words_are_memoised_and_filters_unchanged():
    dvd = HomeMediaRelease(1, "row 1", medium="DVD", date=dt.date(2005, 3, 1), country="United Kingdom",
                           publisher="Optimum Releasing")
    blu = HomeMediaRelease(2, "row 2", medium="Blu-ray", date=dt.date(2012, 5, 2), country="Germany")
    film = Film(key="f-1990", title="F", evidence="", year=1990, home_media=(dvd, blu))
    _home_media_words.cache_clear()
    assert filter_releases(film, "bluray").home_media == (blu,)
    assert filter_releases(film, "uk 2005").home_media == (dvd,)
    assert filter_releases(film, "optimun").home_media == (dvd,)
    assert filter_releases(film, "vhs").home_media == ()
    info = _home_media_words.cache_info()
    assert (info.misses, info.hits) == (2, 6)


def test_loose_matching_agrees_with_word_matches_on_every_pair():
    from bot.lookup.releases import _loose_match, _word_matches, _words_not_numbers

    words = ["bluray", "blu", "ray", "optimum", "releasing", "2005", "march", "uk", "gbr", "dvd", "cinemaclub",
             "19885", "pal"]
    queries = ["bluray", "blu-ray", "optimun", "optim", "opt", "2005", "1988x", "19885", "marhc", "dvd", "cinema",
               "releasin", "palx", "ukk", "ray",
               "palray", "optimumpal", "blur", "releasing"]  # no prefix match across two joined words
    have = frozenset(words)
    for q in queries:
        expected = q in have or any(_word_matches(q, h) for h in have)
        assert (q in have or _loose_match(q, *_words_not_numbers(have))) == expected, q
