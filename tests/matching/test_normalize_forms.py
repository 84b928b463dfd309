"""Normalisation, rank handling, nickname variants and name forms."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.matching import normalize, strip_ranks
from bot.matching.forms import name_forms, title_forms
from bot.matching.given_names import name_variants
from bot.matching.normalize import rank_variants, split_rank


@pytest.mark.parametrize(("text", "expected"), [
    ("O'Ross", "oross"),
    ("O\u2019Ross", "oross"),
    ("O`Ross", "oross"),
    ("O\u02bcRoss", "oross"),
    ("ORoss", "oross"),
    ("Capt. Ivan Danko", "capt ivan danko"),
    ("J.W. Smith", "jw smith"),
    ("Sven-Ole Thorsen", "sven ole thorsen"),
    ('Viktor "Rosta" Rostavili', "viktor rosta rostavili"),
    ("  Ivan\t\nDANKO  ", "ivan danko"),
    ("Dánkó Þór Søren", "danko thor soren"),
    ("stra\u00dfe", "strasse"),
    ("dan\u200bko\u200d", "danko"),
    ("\u202eDanko\u202c", "danko"),
    ("Danko\U0001f525Ridzik", "danko ridzik"),
    ("$29 million", "29 million"),
    ("Иван Данко", "иван данко"),
    ("", ""),
    (None, ""),
])
def test_normalize(text, expected):
    assert normalize(text) == expected


@given(st.text())
def test_normalize_is_idempotent_and_clean(text):
    once = normalize(text)
    assert normalize(once) == once
    assert "'" not in once and "." not in once and "  " not in once
    assert once == once.strip()


def test_ranks():
    assert strip_ranks("det sgt art ridzik") == "art ridzik"
    assert strip_ranks("detective sergeant art ridzik") == "art ridzik"
    assert strip_ranks("officer") == "officer"  # nothing but a rank: kept as the name
    assert strip_ranks("danko captain") == "danko captain"  # only leading ranks go
    assert split_rank("lt charlie stobbs") == ("lt", "charlie stobbs")
    assert rank_variants("det sgt") == ["det sgt", "det sergeant", "detective sgt", "detective sergeant",
                                        "det", "detective", "sgt", "sergeant"]
    assert rank_variants("capt") == ["capt", "captain", "cpt"]


def test_nickname_table_keeps_same_first_letter_only():
    assert name_variants("arnold") == ("arnie",)
    assert name_variants("larry") == ("laurence", "lawrence")
    assert name_variants("ivan") == ()  # the table says ivan -> john
    assert "dick" not in name_variants("richard") and "rick" in name_variants("richard")
    assert name_variants("ed") == ()  # eight formal names: too many to guess


def test_character_forms():
    forms = name_forms("Ivan Danko", rank="Capt.")
    assert forms.forms == ("ivan danko", "ivan", "danko", "capt ivan danko", "capt danko",
                           "captain ivan danko", "captain danko", "cpt ivan danko", "cpt danko")
    assert forms.expansions == ()
    # rank left in the display by the parser is recognised too
    assert name_forms("Capt. Ivan Danko").forms[:4] == ("capt ivan danko", "ivan danko", "ivan", "danko")


def test_nickname_forms():
    forms = name_forms("Viktor Rostavili", nickname="Rosta")
    assert forms.forms == ("viktor rostavili", "viktor", "rostavili", "rosta", "rosta rostavili",
                           "viktor rosta rostavili")


def test_person_forms():
    assert name_forms("Arnold Schwarzenegger").expansions == ("arnie schwarzenegger", "arnie")
    assert name_forms("Ed ORoss").forms == ("ed oross", "ed", "oross", "ed o ross", "ross", "ed ross", "o ross")
    assert name_forms("Matthew F. Leonetti").forms[:5] == (
        "matthew f leonetti", "matthew", "leonetti", "matthew leonetti", "f leonetti")
    assert "van damme" in name_forms("Jean-Claude Van Damme").forms
    assert "jeanclaude van damme" in name_forms("Jean-Claude Van Damme").forms
    assert name_forms("Night Clerk").forms == ("night clerk", "night", "clerk")


def test_title_forms():
    assert title_forms("Red Heat", 1988) == ("red heat", "red heat 1988")
    assert title_forms("The Running Man", 1987) == (
        "the running man", "running man", "the running man 1987", "running man 1987")
    assert title_forms("Rocky II") == ("rocky ii", "rocky 2")
    assert title_forms("!!!", 1988) == ()
