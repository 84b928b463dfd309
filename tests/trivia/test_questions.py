"""The question bank: on a hand-built film (exact rules) and on the parsed articles (counts, safety)."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from bot.kb.models import Credit
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
