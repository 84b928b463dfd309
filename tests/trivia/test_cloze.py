"""Fill-in-the-blank questions from the plot and production sentences, on both parsed articles."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.kb.models import Section
from bot.kb.parse import parse_article
from bot.trivia.aliases import fold
from bot.trivia.cloze import is_prose_section, looks_like_prose, split_sentences
from bot.trivia.questions import build_questions, question_id
from tests.trivia.test_questions import check_well_formed

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "films" / "red-heat.txt"
SECOND = ROOT / "tests" / "data" / "films" / "iron-meridian.txt"

SEED_CLOZE = {
    (
        'Fill in the blank (Red Heat, Synopsis): "Loudmouthed Chicago Police Department Detective-Sergeant ____, '
        "investigates several local murders committed by Viktor's cartel.\"",
        "Art Ridzik",
    ),
    (
        'Fill in the blank (Red Heat, Production): "____ says he conceived of the idea for Red Heat because he and '
        'Arnold Schwarzenegger had long wanted to work together"',
        "Walter Hill",
    ),
    (
        'Fill in the blank (Red Heat, Production): "Walter Hill says he conceived of the idea for Red Heat because he '
        'and ____ had long wanted to work together"',
        "Arnold Schwarzenegger",
    ),
    ('Fill in the blank (Red Heat, Production): "The music score was done by ____."', "James Horner"),
}
SECOND_CLOZE = {
    (
        'Fill in the blank (Iron Meridian, Plot): "Detective ____ loses his partner in a raid on a freighter that was '
        'carrying nothing at all."',
        "Frank Moreno",
    ),
    (
        'Fill in the blank (Iron Meridian, Plot): "Moreno follows the freighter to Brazil, where forensic accountant '
        '____ has traced the cartels money through a shipping company."',
        "Helena Marsh",
    ),
    (
        'Fill in the blank (Iron Meridian, Production): "____ was cast after Delaney saw him in a regional stage '
        'production."',
        "Billy Ray Tolliver",
    ),
}


def cloze(bank):
    return [q for q in bank if q.template.startswith("cloze.")]


def cloze_pairs(bank):
    return {(q.question, q.answer) for q in cloze(bank)}


@pytest.fixture(scope="module")
def seed_text():
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_film(seed_text):
    return parse_article(seed_text, source=str(SEED))


@pytest.fixture(scope="module")
def seed_bank(seed_film):
    return build_questions(seed_film)


def bank_of(text: str):
    return build_questions(parse_article(text, source="edited.txt"))


def test_seed_cloze_questions_exactly(seed_bank, seed_text):
    assert cloze_pairs(seed_bank) == SEED_CLOZE
    by_answer = {q.answer: q for q in cloze(seed_bank)}
    ridzik = by_answer["Art Ridzik"]
    assert (ridzik.kind, ridzik.difficulty, ridzik.template) == ("character", 2, "cloze.character")
    # evidence is the article's verbatim sentence (no apostrophe in "Viktors"), the text restores it
    assert ridzik.evidence == (
        "Loudmouthed Chicago Police Department Detective-Sergeant Art Ridzik, investigates several local "
        "murders committed by Viktors cartel."
    )
    assert ridzik.aliases == ("Ridzik", "Det. Sgt. Art Ridzik")
    assert ridzik.id == question_id("red-heat-1988", "cloze.character", f"art ridzik|{fold(ridzik.evidence)}")
    horner = by_answer["James Horner"]
    assert (horner.kind, horner.difficulty, horner.evidence) == (
        "person", 3, "The music score was done by James Horner."
    )  # fmt: skip
    hill = by_answer["Walter Hill"]
    assert hill.evidence.endswith("had long wanted to work together:")
    for q in cloze(seed_bank):
        assert q.evidence in seed_text
    # the whole bank, these included, keeps the bank's rules
    check_well_formed(seed_bank, seed_text)


def test_choices_are_of_the_same_kind_and_not_named_in_the_sentence(seed_bank, seed_film):
    by_answer = {q.answer: q for q in cloze(seed_bank)}
    characters = {m.character for m in seed_film.cast}
    assert set(by_answer["Art Ridzik"].choices) <= characters
    people = {m.actor for m in seed_film.cast} | {c.name for c in seed_film.crew}
    arnold = by_answer["Arnold Schwarzenegger"]
    assert set(arnold.choices) <= people
    assert "Walter Hill" not in arnold.choices  # already in the sentence
    assert "Arnold Schwarzenegger" not in by_answer["Walter Hill"].choices


def test_second_article_cloze_questions_exactly():
    text = SECOND.read_text(encoding="utf-8")
    bank = build_questions(parse_article(text, source=str(SECOND)))
    assert cloze_pairs(bank) == SECOND_CLOZE
    marsh = next(q for q in cloze(bank) if q.answer == "Helena Marsh")
    assert marsh.kind == "character"
    assert "Frank Moreno" not in marsh.choices  # "Moreno" opens the sentence
    check_well_formed(bank, text)


def test_a_second_form_of_the_same_name_spoils_the_sentence(seed_text):
    surname = seed_text.replace(
        "The music score was done by James Horner.",
        "The music score was done by James Horner, and Horner conducted it.",
    )
    assert ("Fill in the blank (Red Heat, Production): \"The music score was done by ____, and Horner conducted it.\"",
            "James Horner") not in cloze_pairs(bank_of(surname))  # fmt: skip
    assert not [q for q in cloze(bank_of(surname)) if q.answer == "James Horner"]
    # a possessive without its apostrophe ("Ridziks") is the same name too
    possessive = seed_text.replace(
        "committed by Viktors cartel.", "committed by Viktors cartel and Ridziks rivals."
    )
    assert not [q for q in cloze(bank_of(possessive)) if q.answer == "Art Ridzik"]
    # another person's name is no give-away: the control keeps its question
    other = seed_text.replace(
        "committed by Viktors cartel.", "committed by Viktors cartel and Dankos rivals."
    )
    assert [q.answer for q in cloze(bank_of(other)) if q.answer == "Art Ridzik"] == ["Art Ridzik"]


def test_sentences_holding_a_quotation_are_skipped(seed_text):
    # a whole quoted sentence the quote templates ask about ("Who said this about Red Heat: ...")
    edited = seed_text.replace('"I wanted something heroic."', '"I wanted James Horner to make it heroic."')
    assert edited != seed_text
    bank = bank_of(edited)
    assert [q.answer for q in bank if q.question.endswith('"I wanted James Horner to make it heroic."?')] == [
        "Walter Hill"
    ]
    assert not [q for q in cloze(bank) if "heroic" in q.question]
    # a sentence running into a quotation
    edited = seed_text.replace(
        "He shares his candid observations with Ridzik:", "He shares his candid observations with Art Ridzik:"
    )
    assert edited != seed_text
    assert not [q for q in cloze(bank_of(edited)) if "candid" in q.question or "strange city" in q.question]


def test_uncertain_names_are_never_asked(seed_film):
    shaky = tuple(
        dataclasses.replace(m, low_margin=True) if m.character == "Art Ridzik" else m for m in seed_film.cast
    )
    answers = {q.answer for q in cloze(build_questions(dataclasses.replace(seed_film, cast=shaky)))}
    assert "Art Ridzik" not in answers and "James Horner" in answers
    # Walter Hill with only the inferred director credit left: nothing rests on him
    inferred = tuple(c for c in seed_film.credits if c.name != "Walter Hill" or c.inferred)
    answers = {q.answer for q in cloze(build_questions(dataclasses.replace(seed_film, credits=inferred)))}
    assert "Walter Hill" not in answers and "Arnold Schwarzenegger" in answers


def test_only_plot_and_production_sections_are_used(seed_film):
    titles = {s.title: is_prose_section(s) for s in seed_film.sections}
    assert titles == {"Synopsis": True, "Cast": False, "Production": True, "Reception": False,
                      "Box office": False, "Home media": False}  # fmt: skip
    assert is_prose_section(Section("Pre-production", 3, "", ""))
    assert is_prose_section(Section("Plot summary", 2, "", ""))
    assert not is_prose_section(Section("", 0, "", ""))  # a lead
    # the same sentence in the reception section is not asked
    moved = dataclasses.replace(
        seed_film,
        sections=tuple(
            dataclasses.replace(s, title="Legacy") if s.title == "Production" else s
            for s in seed_film.sections
        ),
    )
    assert {q.answer for q in cloze(build_questions(moved))} == {"Art Ridzik"}


def test_sentence_splitting_and_fragments():
    text = "Det. Sgt. Art Ridzik meets J.W. Smith. The cops...until dawn! He said: \nHill:\nDone"
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Det. Sgt. Art Ridzik meets J.W. Smith.", "The cops...until dawn!", "He said:", "Hill:", "Done",
    ]  # fmt: skip
    assert looks_like_prose("The music score was done by James Horner.")
    assert looks_like_prose("Walter Hill says he conceived of the idea because he wanted to:")
    assert not looks_like_prose(
        "Director Hill puts extra dimension in Hollywood themes"
    )  # headline: no full stop
    assert not looks_like_prose("Thompson, Anne. Chicago Tribune (1963-Current file) 17 June 1988: GL.")
    assert not looks_like_prose("in an odd way its a traditional love story between these two guys.")
    assert not looks_like_prose(
        'He described the film as "in an odd way its a love story.'
    )  # unbalanced quote
    assert not looks_like_prose("Moscow Police Georgian Drug Kingpin and Crime Lord.")  # mostly capitals
