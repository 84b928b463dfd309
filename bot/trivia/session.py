"""One running trivia game: an asyncio task that drives the pure rules (:mod:`bot.trivia.game`) in real time.

No Discord here. The session talks to the channel only through a :class:`SessionPort` (post a question,
"close!", the reveal, the final scoreboard) and persists through a :class:`Recorder` (game started,
each award the moment it is given, game finished), so it runs the same against Discord, the sandbox or
a fake in a unit test. Player actions arrive as awaited calls from the cog's handlers (``answer``,
``choose``, ``hint``, ``skip``, ``stop``); the task sleeps until the question's deadline, the
inactivity limit or a change, whichever comes first, and never polls.

Lifecycle: ``start()`` creates the task (with a done-callback that logs a crash and tells the port);
``stop()`` ends the game normally (reveal, scoreboard, stats) and waits for the task; ``shutdown(note)``
does the same within ``Timing.shutdown_grace`` seconds and then cancels the task (cog unload, bot
shutdown).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from bot.trivia.game import (
    END_INACTIVE,
    END_STOPPED,
    IGNORED,
    STOPPED,
    TIMEOUT,
    AnswerOutcome,
    Award,
    Game,
    Hint,
    QuestionResult,
    Scoreboard,
    SkipOutcome,
)
from bot.trivia.questions import Question

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Timing:
    """Real-time knobs of a session that are not game rules (those are in ``GameConfig``)."""

    between: float = 3.0  # pause after a reveal before the next question
    shutdown_grace: float = 3.0  # how long ``shutdown`` lets the game say goodbye before cancelling
    write_retries: int = 2  # extra attempts for an award the store refused (idempotent, so safe)
    retry_delay: float = 0.2


class SessionPort(Protocol):
    """What a session says in its channel. Implementations should swallow their own transport errors."""

    async def question(self, session: GameSession, question: Question, round_no: int, points: int) -> None: ...

    async def close_call(self, session: GameSession, user_id: int) -> None: ...

    async def reveal(self, session: GameSession, result: QuestionResult, show_answer: bool) -> None: ...

    async def ended(self, session: GameSession, scoreboard: Scoreboard, note: str | None) -> None: ...

    async def failed(self, session: GameSession, error: BaseException) -> None: ...

    async def not_saved(self, session: GameSession, award: Award) -> None:
        """The store refused an award even after the retries: the points count in this game only."""
        ...


class Recorder(Protocol):
    """Where the persistent stats go (the store, through :class:`StoreRecorder`)."""

    async def game_started(self, session: GameSession) -> None: ...

    async def award(self, session: GameSession, award: Award) -> None: ...

    async def game_finished(self, session: GameSession, players: dict[int, bool]) -> None: ...


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class StoreRecorder:
    """A :class:`Recorder` over the store's trivia methods; awards carry wall-clock UTC times."""

    def __init__(self, store: Any, wall: Callable[[], dt.datetime] = utc_now) -> None:
        self.store = store
        self.wall = wall

    async def game_started(self, session: GameSession) -> None:
        await self.store.start_trivia_game(
            session.game_id, guild_id=session.guild_id, channel_id=session.channel_id,
            film_key=session.film_key, mode=session.game.config.mode, at=self.wall(),
        )

    async def award(self, session: GameSession, award: Award) -> None:
        await self.store.add_trivia_award(
            session.game_id, award.question_id, award.user_id, guild_id=session.guild_id,
            points=award.points, streak=award.streak, at=self.wall(),
        )

    async def game_finished(self, session: GameSession, players: dict[int, bool]) -> None:
        game = session.game
        await self.store.finish_trivia_game(
            session.game_id, guild_id=session.guild_id, players=players,
            end_reason=game.end_reason or END_STOPPED, rounds=game.rounds_played, at=self.wall(),
        )


class GameSession:
    """One game in one channel, run by its own task. Create, then ``start()``."""

    def __init__(
        self,
        game: Game,
        port: SessionPort,
        recorder: Recorder | None = None,
        *,
        game_id: str,
        guild_id: int,
        channel_id: int,
        film_key: str,
        timing: Timing | None = None,
        clock: Callable[[], float] = time.monotonic,
        on_finished: Callable[[GameSession], None] | None = None,
    ) -> None:
        self.game = game
        self.port = port
        self.recorder = recorder
        self.game_id = game_id
        self.guild_id = guild_id
        self.channel_id = channel_id
        self.film_key = film_key
        self.timing = timing or Timing()
        self.clock = clock
        self.participants: set[int] = set()
        self.note: str | None = None  # said with the final scoreboard (e.g. "the bot is restarting")
        self._on_finished = on_finished
        self._changed = asyncio.Event()
        self._active_at = clock()
        self._task: asyncio.Task | None = None
        self._finished = asyncio.Event()

    # ------------------------------------------------------------ lifecycle

    def start(self) -> asyncio.Task:
        if self._task is not None:
            raise RuntimeError("this session has already started")
        self._task = asyncio.create_task(self._run(), name=f"trivia-{self.channel_id}-{self.game_id[:8]}")
        self._task.add_done_callback(self._task_done)
        return self._task

    @property
    def task(self) -> asyncio.Task | None:
        return self._task

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def wait(self) -> None:
        """Until the task has ended (normally, by cancellation or by a crash)."""
        await self._finished.wait()

    def _task_done(self, task: asyncio.Task) -> None:
        self._finished.set()
        if self._on_finished is not None:
            try:
                self._on_finished(self)
            except Exception:  # noqa: BLE001 - a bookkeeping bug must not hide the game's own outcome
                log.exception("trivia game %s: the finish callback failed", self.game_id)
        if task.cancelled():
            log.info("trivia game %s in channel %s cancelled", self.game_id, self.channel_id)
            return
        error = task.exception()
        if error is None:
            return
        log.error("trivia game %s in channel %s crashed", self.game_id, self.channel_id,
                  exc_info=(type(error), error, error.__traceback__))
        with contextlib.suppress(RuntimeError):  # the loop may be closing
            asyncio.get_running_loop().create_task(self._tell_failure(error), name=f"trivia-failed-{self.game_id[:8]}")

    async def _tell_failure(self, error: BaseException) -> None:
        try:
            await self.port.failed(self, error)
        except Exception:  # noqa: BLE001
            log.warning("trivia game %s: could not report its failure", self.game_id, exc_info=True)

    async def stop(self) -> None:
        """End the game now: the open question is revealed, the scoreboard posted; returns when done."""
        if self.game.finished and not self.running:
            return
        self.game.stop(self.clock(), END_STOPPED)
        self._changed.set()
        if self._task is not None and self._task is not asyncio.current_task():
            await self.wait()

    async def shutdown(self, note: str) -> None:
        """End the game for a cog unload or bot shutdown: say ``note`` with the scoreboard if that can be
        done within the grace time, then cancel the task whatever it is doing."""
        if self._task is None or self._task.done():
            return
        self.note = note
        self.game.stop(self.clock(), END_STOPPED)
        self._changed.set()
        try:
            await asyncio.wait_for(asyncio.shield(self._finished.wait()), self.timing.shutdown_grace)
        except TimeoutError:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task

    # ------------------------------------------------------------ player actions

    def _touch(self, user_id: int | None = None) -> float:
        now = self.clock()
        self._active_at = now
        if user_id is not None:
            self.participants.add(user_id)
        return now

    async def answer(self, user_id: int, text: str) -> AnswerOutcome:
        """A free-text message in the channel. Awards are persisted before this returns."""
        if self.game.current is None or self.game.finished:
            return AnswerOutcome(IGNORED)
        now = self._touch(user_id)
        outcome = self.game.submit_answer(user_id, text, now)
        if outcome.award is not None:
            await self._record(outcome.award)
        if outcome.status == "close":
            await self.port.close_call(self, user_id)
        self._changed.set()
        return outcome

    async def choose(self, user_id: int, index: int, question_id: str | None = None) -> AnswerOutcome:
        """A multiple-choice click; a click on an older question's button (``question_id``) is ignored."""
        current = self.game.current
        if current is None or self.game.finished or (question_id is not None and question_id != current.id):
            return AnswerOutcome(IGNORED)
        now = self._touch(user_id)
        outcome = self.game.choose(user_id, index, now)
        if outcome.award is not None:
            await self._record(outcome.award)
        self._changed.set()
        return outcome

    def hint(self) -> Hint:
        """The next hint of the open question (raises GameError with a message for the player)."""
        return self.game.hint(self._touch())

    async def skip(self, user_id: int, privileged: bool) -> SkipOutcome:
        """The starter or a privileged member skips at once; anyone else votes. The loop reveals."""
        now = self._touch()
        outcome = self.game.skip(user_id, privileged, now)
        self._changed.set()
        return outcome

    async def _record(self, award: Award) -> None:
        if self.recorder is None:
            return
        attempts = 1 + max(0, self.timing.write_retries)
        for attempt in range(attempts):
            try:
                await self.recorder.award(self, award)
                return
            except Exception:  # noqa: BLE001 - the store explains itself; the game goes on
                if attempt == attempts - 1:
                    log.error("trivia game %s: could not save %d points for user %s", self.game_id,
                              award.points, award.user_id, exc_info=True)
                    await self.port.not_saved(self, award)
                    return
                await asyncio.sleep(self.timing.retry_delay)

    # ------------------------------------------------------------ the task

    async def _run(self) -> None:
        if self.recorder is not None:
            try:
                await self.recorder.game_started(self)
            except Exception:  # noqa: BLE001 - awards still carry the game id
                log.error("trivia game %s: could not record its start", self.game_id, exc_info=True)
        self._active_at = self.clock()
        while not self.game.finished:
            now = self.clock()
            question = self.game.start_question(now)
            if question is None:
                break
            await self.port.question(self, question, self.game.rounds_played, self.game.points_on_offer(now))
            result = await self._until_closed(question)
            show = self.game.config.reveal_answer or result.reason not in (TIMEOUT, STOPPED) or bool(result.awards)
            await self.port.reveal(self, result, show)
            if not self.game.finished:
                await self._pause(self.timing.between)
        await self.port.ended(self, self.game.scoreboard(), self.note)
        await self._record_finish()

    async def _until_closed(self, question: Question) -> QuestionResult:
        while self.game.current is question:
            now = self.clock()
            if self.game.is_inactive(now):
                self.game.stop(now, END_INACTIVE)
                break
            if self.game.timeout(now) is not None:
                break
            wake = self.game.deadline or now
            limit = self.game.config.inactivity_limit
            if limit:
                wake = min(wake, self._active_at + limit)
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), max(0.0, wake - now) + 0.001)
        return next(r for r in reversed(self.game.results) if r.question is question)

    async def _pause(self, seconds: float) -> None:
        if seconds <= 0:
            return
        end = self.clock() + seconds
        while not self.game.finished and (left := end - self.clock()) > 0:
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), left)

    async def _record_finish(self) -> None:
        if self.recorder is None:
            return
        board = self.game.scoreboard()
        winners = set(board.winners)
        players = {uid: uid in winners for uid in sorted(self.participants | {line.user_id for line in board.lines})}
        if not players:
            return
        try:
            await self.recorder.game_finished(self, players)
        except Exception:  # noqa: BLE001
            log.error("trivia game %s: could not record its end", self.game_id, exc_info=True)
