"""The game session without Discord: a fake port and recorder, real (short) time."""

from __future__ import annotations

import asyncio
import logging

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
    Game,
    GameConfig,
    GameError,
)
from bot.trivia.questions import Question
from bot.trivia.session import GameSession, Timing

ALICE, BOB, CAROL, STARTER = 1, 2, 3, 99


def make_question(n: int, answer: str) -> Question:
    return Question(id=f"q{n}", film="film-2000", template="test", kind="person", question=f"Question {n}?",
                    answer=answer, aliases=(), choices=(answer, f"Wrong {n}a", f"Wrong {n}b", f"Wrong {n}c"),
                    difficulty=1, evidence=f"evidence {n}")


ANSWERS = {"q1": "Walter Hill", "q2": "Ivan Danko", "q3": "Art Ridzik", "q4": "Gina Gershon"}
QUESTIONS = [make_question(int(k[1:]), v) for k, v in ANSWERS.items()]


class FakePort:
    def __init__(self) -> None:
        self.events: list[tuple] = []
        self.asked = asyncio.Queue()
        self.ended_event = asyncio.Event()

    async def question(self, session, question, round_no, points):
        self.events.append(("question", question.id, round_no, points))
        self.asked.put_nowait(question)

    async def close_call(self, session, user_id):
        self.events.append(("close", user_id))

    async def reveal(self, session, result, show_answer):
        self.events.append(("reveal", result.question.id, result.reason, result.winners, show_answer))

    async def ended(self, session, scoreboard, note):
        self.events.append(("ended", scoreboard.reason, [(line.user_id, line.points) for line in scoreboard.lines], note))
        self.ended_event.set()

    async def failed(self, session, error):
        self.events.append(("failed", str(error)))

    async def not_saved(self, session, award):
        self.events.append(("not_saved", award.user_id, award.points))

    def kinds(self) -> list[str]:
        return [e[0] for e in self.events]


class FakeRecorder:
    def __init__(self, fail_first: int = 0) -> None:
        self.started: list[str] = []
        self.awards: list[tuple] = []
        self.finished: list[dict] = []
        self.fail_first = fail_first

    async def game_started(self, session):
        self.started.append(session.game_id)

    async def award(self, session, award):
        if self.fail_first:
            self.fail_first -= 1
            raise OSError("disk busy")
        self.awards.append((award.user_id, award.question_id, award.points, award.streak))

    async def game_finished(self, session, players):
        self.finished.append(dict(players))


_SESSIONS: list[GameSession] = []


@pytest.fixture(autouse=True)
async def _cancel_leftovers():
    """A failed test must not leave a game task running into the next one."""
    yield
    while _SESSIONS:
        task = _SESSIONS.pop().task
        if task is not None and not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)


def make_session(config: GameConfig, *, recorder=None, timing=None, questions=QUESTIONS, port=None):
    port = port or FakePort()
    game = Game(questions, config, starter_id=STARTER, seed=7)
    session = GameSession(game, port, recorder, game_id="game-1", guild_id=10, channel_id=20,
                          film_key="film-2000", timing=timing or Timing(between=0))
    _SESSIONS.append(session)
    return session, port


async def test_free_game_right_wrong_close_hint_skip_and_rounds():
    recorder = FakeRecorder()
    session, port = make_session(GameConfig(max_rounds=3, time_limit=5, target_score=0), recorder=recorder)
    session.start()
    q = await port.asked.get()
    answer = ANSWERS[q.id]
    assert (await session.answer(BOB, "Nobody Atall")).status == WRONG
    near = answer.split()[-1]  # the surname alone (no alias here): a near miss
    assert (await session.answer(CAROL, near)).status == CLOSE
    assert (await session.answer(CAROL, near)).status == WRONG  # "close!" once per question per player
    hint = session.hint()
    assert hint.level == 1 and hint.points_left == 7
    outcome = await session.answer(ALICE, answer.lower())
    assert outcome.status == CORRECT and outcome.award.points == 7
    assert recorder.awards == [(ALICE, q.id, 7, 1)]  # persisted before the call returned

    q2 = await port.asked.get()
    assert (await session.skip(BOB, privileged=False)).skipped is False
    skip = await session.skip(STARTER, privileged=False)
    assert skip.skipped and skip.votes == 1

    q3 = await port.asked.get()
    await session.answer(BOB, ANSWERS[q3.id])
    await asyncio.wait_for(session.wait(), 2)
    assert port.events == [
        ("question", q.id, 1, 10), ("close", CAROL), ("reveal", q.id, ANSWERED, (ALICE,), True),
        ("question", q2.id, 2, 10), ("reveal", q2.id, SKIPPED, (), True),
        ("question", q3.id, 3, 10), ("reveal", q3.id, ANSWERED, (BOB,), True),
        ("ended", END_ROUNDS, [(BOB, 10), (ALICE, 7)], None),
    ]
    assert len({q.id, q2.id, q3.id}) == 3
    assert recorder.started == ["game-1"]
    assert recorder.finished == [{ALICE: False, BOB: True, CAROL: False}]
    assert not session.running


async def test_timeout_reveals_and_inactivity_stops_the_game():
    session, port = make_session(GameConfig(time_limit=0.15, inactivity_limit=0.25, reveal_answer=False))
    loop = asyncio.get_running_loop()
    started = loop.time()
    session.start()
    await asyncio.wait_for(session.wait(), 3)
    took = loop.time() - started
    # q1 times out at 0.15 s (nobody there: answer not shown); q2 is cut by inactivity at 0.25 s.
    assert [e[0] for e in port.events] == ["question", "reveal", "question", "reveal", "ended"]
    assert port.events[1][2:] == (TIMEOUT, (), False)
    assert port.events[3][2] == STOPPED
    assert port.events[4][1] == END_INACTIVE
    assert 0.24 <= took < 1.0


async def test_target_score_and_exhausted_bank():
    session, port = make_session(GameConfig(target_score=10, time_limit=5))
    session.start()
    q = await port.asked.get()
    await session.answer(ALICE, ANSWERS[q.id])
    await asyncio.wait_for(session.wait(), 2)
    assert port.events[-1] == ("ended", END_TARGET, [(ALICE, 10)], None)

    session, port = make_session(GameConfig(target_score=0, max_rounds=10, time_limit=5), questions=QUESTIONS[:2])
    session.start()
    for _ in range(2):
        q = await port.asked.get()
        await session.skip(STARTER, privileged=False)
    await asyncio.wait_for(session.wait(), 2)
    assert port.events[-1] == ("ended", END_EXHAUSTED, [], None)


async def test_choice_mode_everyone_right_scores_faster_more():
    recorder = FakeRecorder()
    session, port = make_session(GameConfig(mode=CHOICE, time_limit=0.4, max_rounds=1), recorder=recorder)
    session.start()
    q = await port.asked.get()
    with pytest.raises(GameError, match="Hints are only for free-text questions."):
        session.hint()
    right = q.answer_index
    assert (await session.choose(ALICE, right, q.id)).status == CORRECT
    assert (await session.choose(ALICE, (right + 1) % 4, q.id)).status == ALREADY_ANSWERED
    assert (await session.choose(BOB, (right + 1) % 4, q.id)).status == WRONG
    assert (await session.choose(CAROL, right, "stale-question")).status == IGNORED
    await asyncio.sleep(0.2)
    assert (await session.choose(CAROL, right, q.id)).status == CORRECT
    await asyncio.wait_for(session.wait(), 2)
    alice_points, carol_points = recorder.awards[0][2], recorder.awards[1][2]
    assert alice_points == 10 and 5 <= carol_points < alice_points
    assert port.events[-2] == ("reveal", q.id, TIMEOUT, (ALICE, CAROL), True)
    assert recorder.finished == [{ALICE: True, BOB: False, CAROL: False}]


async def test_stop_and_shutdown_end_cleanly():
    session, port = make_session(GameConfig(time_limit=30))
    session.start()
    q = await port.asked.get()
    await session.stop()  # returns once the reveal and scoreboard are out
    assert port.events[-2:] == [("reveal", q.id, STOPPED, (), True), ("ended", END_STOPPED, [], None)]
    assert not session.running

    session, port = make_session(GameConfig(time_limit=30))
    session.start()
    await port.asked.get()
    await session.shutdown("The bot is restarting.")
    assert port.events[-1] == ("ended", END_STOPPED, [], "The bot is restarting.")
    assert session.task.done() and not session.task.cancelled()


async def test_shutdown_cancels_a_stuck_session():
    class StuckPort(FakePort):
        async def ended(self, session, scoreboard, note):
            await asyncio.sleep(60)

    session, port = make_session(GameConfig(time_limit=30), timing=Timing(between=0, shutdown_grace=0.1),
                                 port=StuckPort())
    session.start()
    await port.asked.get()
    await asyncio.wait_for(session.shutdown("bye"), 2)
    assert session.task.cancelled()


async def test_a_crash_is_logged_and_reported(caplog):
    class BrokenPort(FakePort):
        async def reveal(self, session, result, show_answer):
            raise RuntimeError("boom")

    finished = []
    session, port = make_session(GameConfig(time_limit=30), port=BrokenPort())
    session._on_finished = finished.append
    session.start()
    await port.asked.get()
    with caplog.at_level(logging.ERROR):
        await session.stop()
        await asyncio.sleep(0.01)
    assert finished == [session]
    assert ("failed", "boom") in port.events
    assert any("crashed" in r.getMessage() for r in caplog.records)


async def test_a_failed_award_write_is_retried_once_counted():
    recorder = FakeRecorder(fail_first=1)
    session, port = make_session(GameConfig(time_limit=5, max_rounds=1),
                                 recorder=recorder, timing=Timing(between=0, retry_delay=0.01))
    session.start()
    q = await port.asked.get()
    await session.answer(ALICE, ANSWERS[q.id])
    await asyncio.wait_for(session.wait(), 2)
    assert recorder.awards == [(ALICE, q.id, 10, 1)]


async def test_an_award_the_store_keeps_refusing_is_announced():
    recorder = FakeRecorder(fail_first=3)  # the first try and both retries fail
    session, port = make_session(GameConfig(time_limit=5, max_rounds=1),
                                 recorder=recorder, timing=Timing(between=0, retry_delay=0.01))
    session.start()
    q = await port.asked.get()
    await session.answer(ALICE, ANSWERS[q.id])
    await asyncio.wait_for(session.wait(), 2)
    assert recorder.awards == []
    assert ("not_saved", ALICE, 10) in port.events
    assert session.game.scores[ALICE] == 10
