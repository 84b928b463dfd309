"""Game rules: the pure state machine driven with explicit ``now`` values."""

from __future__ import annotations

import pytest

from bot.trivia.game import (
    ALREADY_ANSWERED,
    ANSWERED,
    CHOICE,
    CLOSE,
    CORRECT,
    END_EXHAUSTED,
    END_INACTIVE,
    END_ROUNDS,
    END_STOPPED,
    END_TARGET,
    IGNORED,
    SKIPPED,
    STOPPED,
    TIMEOUT,
    WRONG,
    Award,
    Game,
    GameConfig,
    GameError,
)
from bot.trivia.hints import first_letters, masked
from bot.trivia.questions import Question

ALICE, BOB, CAROL, DAVE = 1, 2, 3, 4
STARTER = 99


def make_question(n: int, answer: str = "Ivan Danko", kind: str = "character") -> Question:
    choices = (answer, f"Wrong {n}a", f"Wrong {n}b", f"Wrong {n}c")
    return Question(
        id=f"q{n}",
        film="film-2000",
        template="test",
        kind=kind,
        question=f"Question {n}?",
        answer=answer,
        aliases=(),
        choices=choices,
        difficulty=1,
        evidence=f"evidence {n}",
    )


BANK = [make_question(i) for i in range(12)]


def new_game(bank=BANK, **config) -> Game:
    return Game(bank, GameConfig(**config), starter_id=STARTER, seed=7)


# ---------------------------------------------------------------- free text


def test_first_correct_answer_wins_and_closes_the_question():
    game = new_game(points=10)
    q = game.start_question(0.0)
    assert game.submit_answer(ALICE, "Ivan Drago", 1.0).status == WRONG
    won = game.submit_answer(BOB, "ivan danko", 2.0)
    assert won.status == CORRECT
    assert won.award == Award(BOB, 10, q.id, 2.0, 1)
    assert won.result.reason == ANSWERED and won.result.winners == (BOB,)
    # a second correct answer after the win scores nothing
    assert game.submit_answer(ALICE, "Ivan Danko", 2.5).status == IGNORED
    assert game.scores == {BOB: 10}


def test_close_is_said_at_most_once_per_player_per_question():
    game = new_game()
    game.start_question(0.0)
    assert game.submit_answer(ALICE, "Danko", 1.0).status == CLOSE  # part of the answer: a near miss
    assert game.submit_answer(ALICE, "Danko", 2.0).status == WRONG
    assert game.submit_answer(BOB, "Danko", 3.0).status == CLOSE
    game.timeout(100.0)
    game.start_question(101.0)
    assert game.submit_answer(ALICE, "Danko", 102.0).status == CLOSE


def test_hints_mask_then_show_first_letters_and_lower_the_points():
    game = new_game(points=10, hint_decay=0.3)
    q = game.start_question(0.0)
    first = game.hint(1.0)
    assert (first.level, first.text, first.points_left) == (1, "____ _____", 7)
    second = game.hint(2.0)
    assert (second.level, second.text, second.points_left) == (2, "I___ D____", 4)
    with pytest.raises(GameError, match="No more hints"):
        game.hint(3.0)
    outcome = game.submit_answer(CAROL, "Ivan Danko", 4.0)
    assert outcome.award == Award(CAROL, 4, q.id, 4.0, 1)


def test_hints_can_be_turned_off():
    game = new_game(hints=False)
    game.start_question(0.0)
    with pytest.raises(GameError, match="turned off"):
        game.hint(1.0)


def test_hint_texts_keep_spaces_punctuation_and_digits_shape():
    assert masked("Viktor Rostavili") == "______ _________"
    assert first_letters("Sven-Ole Thorsen") == "S___-O__ T______"
    assert masked("$29 million") == "$__ _______"
    assert first_letters("1988") == "1___"


def test_timeout_reveals_only_after_the_deadline():
    game = new_game(time_limit=30)
    game.start_question(10.0)
    assert game.deadline == 40.0
    assert game.timeout(39.9) is None
    result = game.timeout(40.0)
    assert result.reason == TIMEOUT and result.awards == ()
    assert game.current is None


def test_an_answer_after_the_deadline_closes_the_question_without_points():
    game = new_game(time_limit=30)
    game.start_question(0.0)
    late = game.submit_answer(ALICE, "Ivan Danko", 31.0)
    assert late.status == IGNORED and late.result.reason == TIMEOUT
    assert game.scores == {}


# ---------------------------------------------------------------- skip


def test_skip_by_starter_or_privileged_member_is_immediate():
    game = new_game()
    game.start_question(0.0)
    assert game.skip(STARTER, False, 1.0).result.reason == SKIPPED
    game.start_question(2.0)
    assert game.skip(ALICE, True, 3.0).skipped


def test_skip_by_vote_needs_three_different_players():
    game = new_game(skip_votes=3)
    game.start_question(0.0)
    first = game.skip(ALICE, False, 1.0)
    assert (first.skipped, first.votes, first.needed) == (False, 1, 3)
    again = game.skip(ALICE, False, 1.5)
    assert again.already_voted and again.votes == 1
    assert not game.skip(BOB, False, 2.0).skipped
    third = game.skip(CAROL, False, 3.0)
    assert third.skipped and third.result.reason == SKIPPED
    with pytest.raises(GameError, match="no question"):
        game.skip(DAVE, False, 4.0)


# ---------------------------------------------------------------- multiple choice


def test_choice_mode_scores_everyone_right_with_a_speed_bonus():
    game = new_game(mode=CHOICE, points=10, time_limit=20, speed_share=0.5)
    q = game.start_question(0.0)
    right, wrong = q.answer_index, (q.answer_index + 1) % 4
    fast = game.choose(ALICE, right, 0.0)
    slow = game.choose(BOB, right, 15.0)
    assert (fast.status, fast.award.points) == (CORRECT, 10)
    assert (slow.status, slow.award.points) == (CORRECT, 6)  # 10 * (0.5 + 0.5 * 5/20) = 6.25
    assert game.choose(CAROL, wrong, 5.0).status == WRONG
    assert game.choose(ALICE, wrong, 6.0).status == ALREADY_ANSWERED  # one answer per player
    assert game.submit_answer(DAVE, q.answer, 7.0).status == IGNORED  # typed answers do not count
    result = game.timeout(20.0)
    assert result.winners == (ALICE, BOB)
    assert game.scores == {ALICE: 10, BOB: 6}


def test_choice_mode_refuses_hints_and_bad_indexes():
    game = new_game(mode=CHOICE)
    game.start_question(0.0)
    with pytest.raises(GameError, match="free-text"):
        game.hint(1.0)
    with pytest.raises(GameError, match="4 choices"):
        game.choose(ALICE, 4, 1.0)


# ---------------------------------------------------------------- selection and end


def test_no_question_repeats_and_the_bank_running_out_ends_the_game():
    bank = BANK[:5]
    game = new_game(bank, max_rounds=10)
    while game.start_question(0.0) is not None:
        game.skip(STARTER, False, 0.0)
    assert sorted(game.asked) == sorted(q.id for q in bank)
    assert game.end_reason == END_EXHAUSTED


def test_same_seed_same_order_and_fresh_facts_come_first():
    twin = [make_question(i) for i in range(4)]
    # two questions resting on the same fact as q0
    twin.append(
        Question(
            "q0b",
            "film-2000",
            "test",
            "person",
            "Q?",
            "Arnold",
            (),
            ("Arnold", "A", "B", "C"),
            1,
            "evidence 0",
        )
    )
    orders = []
    for _ in range(2):
        game = Game(twin, GameConfig(max_rounds=5), starter_id=STARTER, seed=3)
        for _ in range(4):
            game.start_question(0.0)
            game.skip(STARTER, False, 0.0)
        orders.append(game.asked)
    assert orders[0] == orders[1]
    assert len({("q0" if i == "q0b" else i) for i in orders[0]}) == 4  # q0 and q0b not both in the first 4


def test_game_ends_when_the_target_score_is_reached():
    game = new_game(target_score=20, points=10, max_rounds=10)
    for t in (0.0, 10.0):
        game.start_question(t)
        game.submit_answer(ALICE, "Ivan Danko", t + 1)
    assert game.end_reason == END_TARGET
    assert game.start_question(20.0) is None
    board = game.scoreboard()
    assert board.winners == (ALICE,)
    assert (board.lines[0].points, board.lines[0].correct, board.lines[0].best_streak) == (20, 2, 2)


def test_game_ends_after_the_set_number_of_rounds():
    game = new_game(max_rounds=3, target_score=0)
    for t in range(3):
        game.start_question(float(t))
        game.timeout(t + 100.0)
    assert game.end_reason == END_ROUNDS and game.rounds_played == 3


def test_stop_closes_the_open_question_and_ends_the_game():
    game = new_game()
    game.start_question(0.0)
    result = game.stop(5.0)
    assert result.reason == STOPPED
    assert game.end_reason == END_STOPPED and game.finished


def test_inactivity_is_measured_from_the_last_player_action():
    game = new_game(inactivity_limit=120, time_limit=30)
    game.start_question(0.0)
    assert game.is_inactive(120.0)
    game.submit_answer(ALICE, "no idea", 50.0)  # late, but a sign of life
    assert not game.is_inactive(169.0)
    assert game.is_inactive(170.0)
    game.stop(170.0, reason=END_INACTIVE)
    assert game.end_reason == END_INACTIVE


def test_streaks_and_scoreboard_order():
    game = new_game(points=10, target_score=0, max_rounds=10)
    for t, user in ((0, ALICE), (10, ALICE), (20, BOB), (30, ALICE)):
        game.start_question(float(t))
        outcome = game.submit_answer(user, "Ivan Danko", t + 1.0)
    assert outcome.award.streak == 1  # Bob's win broke Alice's run
    board = game.scoreboard()
    assert [(line.rank, line.user_id, line.points, line.best_streak) for line in board.lines] == [
        (1, ALICE, 30, 2),
        (2, BOB, 10, 1),
    ]


def test_bad_config_gets_a_clear_message():
    with pytest.raises(ValueError, match="mode must be one of free, choice"):
        GameConfig(mode="blitz")
    with pytest.raises(ValueError, match="at least one round"):
        GameConfig(max_rounds=0)
    with pytest.raises(GameError, match="no questions"):
        Game([], starter_id=STARTER)
