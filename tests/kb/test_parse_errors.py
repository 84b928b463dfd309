"""Inputs that cannot be a film article get a one-line ArticleError; odd but readable ones parse."""

from __future__ import annotations

import pytest

from bot.kb.errors import ArticleError
from bot.kb.parse import parse_article
from bot.kb.text import restore_apostrophes

MINIMAL = "Some Film\n{{Infobox film\n| name = Some Film\n| released = 2 May 2001\n}}\n==Plot==\nA plot.\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "x.txt: empty article"),
        ("   \n\t \n", "x.txt: empty article"),
        ("Just a page\n\n==Plot==\nNo infobox here.\n", "x.txt: no infobox: not a film article"),
        ("{{Cite web|title=Not a film}}\nText", "x.txt: no infobox: not a film article"),
        ("\x00\x01\x02binary\x00" * 50, "x.txt: not a text article (200 control or invalid characters)"),
        ("".join(chr(c) for c in range(1, 32)) * 20 + MINIMAL, "x.txt: not a text article (560 control or invalid characters)"),
    ],
)
def test_bad_input(text, message):
    with pytest.raises(ArticleError) as err:
        parse_article(text, source="x.txt")
    assert str(err.value) == message
    assert "\n" not in str(err.value)


def test_non_text_input():
    with pytest.raises(ArticleError, match="article must be text, got bytes"):
        parse_article(b"{{Infobox film}}")  # type: ignore[arg-type]


def test_minimal_article_parses():
    film = parse_article(MINIMAL)
    assert (film.key, film.title, film.year, film.cast, film.warnings) == ("some-film-2001", "Some Film", 2001, (), ())
    assert film.section("Plot").text == "A plot."


def test_unknown_field_warns_and_is_kept():
    film = parse_article(MINIMAL.replace("| released", "| colour = blue\n| released"), source="s.txt")
    assert film.infobox["colour"] == "blue"
    assert film.warnings == ("s.txt: unknown infobox field 'colour' kept as is",)


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("Ed ORoss met Dankos partner", {"ORoss", "Danko"}, "Ed O'Ross met Danko's partner"),
        ("ORoss", set(), "ORoss"),  # not evidenced as a name: left alone
        ("its youre didnt doesnt youve Thats", set(), "its you're didn't doesn't you've That's"),
        ("Dankos", {"Dankos"}, "Dankos"),
        ("the movies weak portrayal", set(), "the movies weak portrayal"),
    ],
)
def test_apostrophes(text, names, expected):
    assert restore_apostrophes(text, names) == expected
