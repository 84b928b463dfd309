"""The question bank: on a hand-built film (exact rules) and on the parsed articles (counts, safety)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest

from bot.kb.models import Credit
from bot.kb.parse import parse_article
from bot.trivia import judge
from bot.trivia.aliases import fold
from bot.trivia.questions import build_questions, question_id
from tests.trivia.handmade import ARTICLE, handmade_film


def by_question(questions):
    return {q.question: q for q in questions}


@pytest.fixture(scope="module")
def hand_bank():
    return build_questions(handmade_film())


def check_well_formed(questions, article: str) -> None:
    """Rules every question of every bank must keep."""
    assert len({q.id for q in questions}) == len(questions)
    assert len({fold(q.question) for q in questions}) == len(questions)
    for q in questions:
        assert q.evidence in article, q
        assert len(q.choices) == 4
        assert len({fold(c) for c in q.choices}) == 4, q
        assert q.choices.count(q.answer) == 1, q
        assert q.difficulty in (1, 2, 3)
        assert judge(q.answer, q.answer, q.kind, q.aliases).correct, q
        for alias in q.aliases:
            assert judge(alias, q.answer, q.kind, q.aliases).correct, (q, alias)
        for wrong in q.choices:
            if wrong != q.answer:
                assert fold(wrong) not in {fold(a) for a in q.aliases}, (q, wrong)
                assert not judge(wrong, q.answer, q.kind, q.aliases).correct, (q, wrong)


def test_handmade_bank_is_well_formed(hand_bank):
    check_well_formed(hand_bank, ARTICLE)
    assert len(hand_bank) == 32
    assert Counter(q.kind for q in hand_bank) == {
        "person": 8, "character": 7, "text": 6, "title": 3, "year": 3,
        "date": 1, "duration": 1, "money": 1, "percent": 1, "number": 1,
    }  # fmt: skip


def test_cast_questions_and_their_aliases(hand_bank):
    qs = by_question(hand_bank)
    played = qs["Who played Mara Vance in The Long Night?"]
    assert (played.answer, played.aliases, played.kind) == ("Nell Carter", ("Carter",), "person")
    assert played.evidence == "*Nell Carter as Insp. Mara Vance"
    # "Mara" is used alone in the synopsis; the rank form is accepted too
    role = qs["Which character did Nell Carter play in The Long Night?"]
    assert (role.answer, role.aliases) == ("Mara Vance", ("Vance", "Mara", "Insp. Mara Vance"))
    # Reed is shared by actor Owen Reed and character Jonah Reed: no surname alone for either;
    # "Jonah" only ever appears before the nickname, never alone
    assert qs["Who played Jonah Reed in The Long Night?"].aliases == ()
    assert qs["Which character did Owen Reed play in The Long Night?"].aliases == ("Fox",)
    # a role, not a name: no "Porter" or "Night" alone
    assert qs["Which character did Sam Hale play in The Long Night?"].aliases == ()
    assert qs["What is the rank of Mara Vance in The Long Night?"].answer == "Inspector"
    # only two plausible wrong nicknames in this film: no four-choice question about it
    assert "What is the nickname of Jonah Reed in The Long Night?" not in qs


def test_no_question_with_two_right_answers_or_on_uncertain_facts(hand_bank):
    texts = {q.question for q in hand_bank}
    # two actors share "Harbour Master": who played it has two answers
    assert not any("Who played Harbour Master" in t for t in texts)
    # each of them played one character: that direction is fine
    assert "Which character did Dana Cole play in The Long Night?" in texts
    # the story credit is low-margin: nothing rests on it
    assert not [q for q in hand_bank if q.evidence == "| story = Tom Quill Mara Vance"]
    # Ada Brook both directed and produced: "what was her job" has two answers
    assert "What was Ada Brook's job on The Long Night?" not in texts
    assert by_question(hand_bank)["Who directed The Long Night?"].answer == "Ada Brook"


def test_no_director_question_when_the_credit_is_inferred():
    film = handmade_film()
    credits = tuple(
        dataclasses.replace(c, inferred=True) if c.role == "director" else c for c in film.credits
    )
    bank = build_questions(dataclasses.replace(film, credits=credits))
    assert not [q for q in bank if q.template == "crew.person.director"]
    absent = build_questions(
        dataclasses.replace(film, credits=tuple(c for c in credits if c.role != "director"))
    )
    assert not [q for q in absent if "direct" in q.question]


def test_several_credits_ask_for_the_missing_one(hand_bank):
    q = by_question(hand_bank)["Besides Ada Brook, who produced The Long Night?"]
    assert (q.answer, q.aliases) == ("Tom Quill", ("Quill",))
    assert "Ada Brook" not in q.choices


def test_a_low_confidence_credit_spoils_the_whole_field():
    film = handmade_film()
    shaky = Credit("producer", "Tom Quill", 1, "| producer = Ada Brook Tom Quill", confidence=0.6)
    credits = tuple(shaky if (c.role, c.name) == ("producer", "Tom Quill") else c for c in film.credits)
    bank = build_questions(dataclasses.replace(film, credits=credits))
    assert not [q for q in bank if q.template == "crew.person.producer"]


def test_values_are_formatted_and_distractors_are_near_but_wrong(hand_bank):
    qs = by_question(hand_bank)
    budget = qs["What was the budget of The Long Night?"]
    assert (budget.answer, budget.kind, budget.evidence) == ("$12 million", "money", "| budget = $12 million")
    assert "$1.2 million" not in budget.choices and "$120 million" not in budget.choices
    date = qs["On which date was The Long Night released?"]
    assert (date.answer, date.kind) == ("March 3, 1994", "date")
    assert qs["What is the running time of The Long Night?"].answer == "96 minutes"
    assert (
        qs["What rating does The Long Night hold on Rotten Tomatoes, according to the article?"].answer
        == "71%"
    )


def test_quote_speaker_is_resolved_to_the_full_character(hand_bank):
    q = by_question(hand_bank)['In The Long Night, who says: "The sea keeps what it takes."?']
    assert (q.answer, q.kind) == ("Mara Vance", "character")


def test_ids_and_choices_are_stable_and_do_not_depend_on_positions(hand_bank):
    again = build_questions(handmade_film())
    assert [(q.id, q.choices) for q in again] == [(q.id, q.choices) for q in hand_bank]
    film = handmade_film()
    reordered = dataclasses.replace(
        film, cast=tuple(dataclasses.replace(m, position=9 - m.position) for m in reversed(film.cast))
    )
    ids = {q.question: q.id for q in build_questions(reordered)}
    assert (
        ids["Who played Mara Vance in The Long Night?"]
        == by_question(hand_bank)["Who played Mara Vance in The Long Night?"].id
    )
    assert question_id("k", "t", "x") == question_id("k", "t", "x") != question_id("k", "t", "y")


# ---------------------------------------------------------------- parsed articles

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "films" / "red-heat.txt"
SECOND = ROOT / "tests" / "data" / "films" / "iron-meridian.txt"


@pytest.fixture(scope="module")
def seed_text():
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_bank(seed_text):
    return build_questions(parse_article(seed_text, source=str(SEED)))


@pytest.fixture(scope="module")
def second_bank():
    return build_questions(parse_article(SECOND.read_text(encoding="utf-8"), source=str(SECOND)))


def test_seed_bank_size_kinds_and_form(seed_bank, seed_text):
    check_well_formed(seed_bank, seed_text)
    assert len(seed_bank) >= 60
    kinds = Counter(q.kind for q in seed_bank)
    assert len(kinds) >= 6
    assert set(kinds) == {"person", "character", "text", "title", "year", "date", "number", "duration",
                          "money", "percent"}  # fmt: skip
    assert {q.film for q in seed_bank} == {"red-heat-1988"}


def test_seed_ids_are_stable_across_reparses(seed_bank, seed_text):
    again = build_questions(parse_article(seed_text, source="elsewhere/red-heat.txt"))
    assert [(q.id, q.question, q.choices) for q in again] == [
        (q.id, q.question, q.choices) for q in seed_bank
    ]


def test_seed_exact_questions(seed_bank):
    qs = by_question(seed_bank)
    danko = qs["Who played Ivan Danko in Red Heat?"]
    assert (danko.answer, danko.aliases) == ("Arnold Schwarzenegger", ("Schwarzenegger", "Arnold"))
    assert danko.evidence == "Arnold Schwarzenegger as Capt. Ivan Danko"
    viktor = qs["Which character did Ed O'Ross play in Red Heat?"]
    assert (viktor.answer, viktor.aliases) == ("Viktor Rostavili", ("Rostavili", "Viktor", "Rosta"))
    # "Michael" appears alone only in a cited source's author ("Dwyer, Michael"): not an alias
    assert qs["Who played Pat Nunn in Red Heat?"].aliases == ("Hagerty",)
    # Brion James: "James" is also Belushi's and Horner's first name
    assert qs["Who played Streak in Red Heat?"].aliases == ()
    # two Davieses among the editors: no surname alone
    assert qs["Besides Donn Aron and Freeman A. Davies, who edited Red Heat?"].aliases == ()
    assert qs["Who played the Night Clerk in Red Heat?"].answer == "Pruitt Taylor Vince"
    assert qs["What is the rank of Art Ridzik in Red Heat?"].answer == "Detective Sergeant"
    assert qs["In which year was Red Heat released?"].answer == "1988"
    assert qs["On which date did Red Heat have its premiere?"].answer == "June 14, 1988"
    assert qs["What was the budget of Red Heat?"].answer == "$29 million"
    assert qs["What is the running time of Red Heat?"].answer == "103 minutes"
    assert qs["How many admissions did Red Heat record in France?"].answer == "1,292,988"
    assert qs["Which other film was in the Double Pack with Red Heat?"].answer == "Conan the Destroyer"
    line = qs[
        'In Red Heat, who says: "This Chicago is very strange city. Your crime is organized, but your police is not."?'
    ]
    assert (line.answer, line.kind) == ("Ivan Danko", "character")
    bluray = qs["In which year did Optimum Home Releasing release Red Heat on Blu-ray in the United Kingdom?"]
    assert bluray.answer == "2010"


def test_seed_forbidden_questions_are_absent(seed_bank):
    texts = " ".join(q.question for q in seed_bank)
    assert "direct" not in texts  # the director credit is only inferred from a caption
    for q in seed_bank:
        assert not q.evidence.startswith("| story ="), q  # low-margin names (cast merged into the field)
        assert not q.evidence.startswith("| caption ="), q
        assert not q.evidence.startswith("| screenplay ="), q  # Troy Kennedy Martin's split is low-margin
    # Walter Hill produced, wrote and (maybe) directed: "what was his job" has several answers
    assert "What was Walter Hill's job on Red Heat?" not in texts
    # several VHS releases by Cinema Club in different years: no "which year" for that pair
    assert "In which year did Cinema Club release Red Heat on VHS" not in texts


def test_second_article_bank(second_bank):
    text = SECOND.read_text(encoding="utf-8")
    check_well_formed(second_bank, text)
    assert len(second_bank) >= 40
    assert len({q.kind for q in second_bank}) >= 6
    qs = by_question(second_bank)
    assert qs["Who directed Iron Meridian?"].answer == "Marcus Delaney"
    # a role, not a name: "Master" alone (it is in "DTS-HD Master Audio") is no alias
    assert qs["Which character did Victor Hale play in Iron Meridian?"].aliases == ()
    assert "On which date was Iron Meridian released in the United States?" in qs
