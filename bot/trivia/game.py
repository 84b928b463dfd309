"""The rules of one trivia game in one channel, as a pure state machine.

No Discord and no clock: the caller (the trivia cog) passes ``now`` (seconds, any monotonic origin) to
every call and drives time itself (sleeping until ``deadline``, then calling ``timeout``). Every point
given is returned as an :class:`Award` at the moment it is given, so the caller can persist it at once.

Free-text mode: the first correct answer wins the question; a near miss earns one "close!" per player
per question; up to two hints, each lowering the points still on offer. Multiple-choice mode: one
answer per player, points for everyone right, more for faster answers. Either mode: skip at once by the
starter or a privileged member, or by a vote of ``skip_votes`` players; no question repeats; the game
ends on the target score, after the set number of rounds, when stopped, when inactive, or when the
question bank runs out.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from bot.trivia import hints as hint_text
from bot.trivia.questions import Question

FREE, CHOICE = "free", "choice"
MODES = (FREE, CHOICE)

# How a question closed.
ANSWERED, TIMEOUT, SKIPPED, STOPPED = "answered", "timeout", "skipped", "stopped"
# Why a game ended.
END_TARGET, END_ROUNDS, END_STOPPED, END_INACTIVE, END_EXHAUSTED = (
    "target",
    "rounds",
    "stopped",
    "inactive",
    "exhausted",
)
# What an answer did.
CORRECT, CLOSE, WRONG, ALREADY_ANSWERED, IGNORED = "correct", "close", "wrong", "already_answered", "ignored"

JudgeFn = Callable[[str, str, str, Iterable[str]], object]  # returns something with .correct and .close


class GameError(Exception):
    """A request the game refuses; the message is meant for the player."""


@dataclass(frozen=True, slots=True)
class GameConfig:
    target_score: int = 50  # 0: no target
    max_rounds: int = 10
    time_limit: float = 30.0  # seconds per question
    inactivity_limit: float = 120.0  # stop after this long without any player action; 0: never
    hints: bool = True
    reveal_answer: bool = True
    mode: str = FREE
    points: int = 10  # for a question answered without hints (free) or at once (choice)
    hint_decay: float = 0.3  # share of ``points`` each hint takes away
    max_hints: int = hint_text.MAX_LEVEL
    skip_votes: int = 3
    speed_share: float = 0.5  # choice mode: share of the points that shrinks as time passes

    def __post_init__(self) -> None:
        problems = []
        if self.mode not in MODES:
            problems.append(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")
        if self.target_score < 0:
            problems.append("target score cannot be negative")
        if self.max_rounds < 1:
            problems.append("there must be at least one round")
        if self.time_limit <= 0:
            problems.append("the time limit must be positive")
        if self.inactivity_limit < 0:
            problems.append("the inactivity limit cannot be negative")
        if self.points < 1:
            problems.append("a question must be worth at least 1 point")
        if not 0 <= self.hint_decay < 1:
            problems.append("hint decay must be at least 0 and below 1")
        if not 0 <= self.max_hints <= hint_text.MAX_LEVEL:
            problems.append(f"hints per question must be 0..{hint_text.MAX_LEVEL}")
        if self.skip_votes < 1:
            problems.append("a skip needs at least one vote")
        if not 0 <= self.speed_share <= 1:
            problems.append("the speed share must be between 0 and 1")
        if problems:
            raise ValueError("; ".join(problems))


@dataclass(frozen=True, slots=True)
class Award:
    """Points given to one player for one question: persist it as soon as it is returned."""

    user_id: int
    points: int
    question_id: str
    at: float
    streak: int  # questions in a row this player has now got right in this game


@dataclass(frozen=True, slots=True)
class QuestionResult:
    question: Question
    reason: str  # ANSWERED, TIMEOUT, SKIPPED, STOPPED
    awards: tuple[Award, ...]
    round: int
    ended_at: float

    @property
    def winners(self) -> tuple[int, ...]:
        return tuple(a.user_id for a in self.awards)


@dataclass(frozen=True, slots=True)
class AnswerOutcome:
    status: str  # CORRECT, CLOSE, WRONG, ALREADY_ANSWERED, IGNORED
    award: Award | None = None
    result: QuestionResult | None = None  # set when this call closed the question


@dataclass(frozen=True, slots=True)
class Hint:
    level: int
    text: str
    points_left: int  # what a correct answer is now worth


@dataclass(frozen=True, slots=True)
class SkipOutcome:
    skipped: bool
    votes: int
    needed: int
    result: QuestionResult | None = None
    already_voted: bool = False


@dataclass(frozen=True, slots=True)
class ScoreLine:
    rank: int
    user_id: int
    points: int
    correct: int
    best_streak: int


@dataclass(frozen=True, slots=True)
class Scoreboard:
    lines: tuple[ScoreLine, ...]
    reason: str | None  # why the game ended (None while it runs)
    rounds_played: int

    @property
    def winners(self) -> tuple[int, ...]:
        """Everyone tied at the top with at least one point."""
        if not self.lines or self.lines[0].points <= 0:
            return ()
        top = self.lines[0].points
        return tuple(line.user_id for line in self.lines if line.points == top)


@dataclass(slots=True)
class _Player:
    points: int = 0
    correct: int = 0
    streak: int = 0
    best_streak: int = 0
    reached_at: float = 0.0  # when the current points were reached (earlier wins a tie)


@dataclass(slots=True)
class _Open:
    question: Question
    round: int
    started_at: float
    deadline: float
    hints: int = 0
    close_sent: set[int] = field(default_factory=set)
    answered: dict[int, int] = field(default_factory=dict)  # choice mode: user -> choice index
    skip_votes: set[int] = field(default_factory=set)
    awards: list[Award] = field(default_factory=list)


def _default_judge() -> JudgeFn:
    from bot.trivia import judge

    return judge


class Game:
    """One game in one channel. Not thread-safe; one caller (the channel's task) drives it."""

    def __init__(
        self,
        questions: Sequence[Question],
        config: GameConfig | None = None,
        *,
        starter_id: int,
        seed: int | str | None = None,
        judge: JudgeFn | None = None,
    ) -> None:
        if not questions:
            raise GameError("There are no questions to ask.")
        self.config = config or GameConfig()
        self.starter_id = starter_id
        self._judge = judge or _default_judge()
        self._rng = random.Random(seed)
        unique = {q.id: q for q in questions}
        self._remaining: list[Question] = list(unique.values())
        self._rng.shuffle(self._remaining)
        self._used_evidence: set[str] = set()
        self._asked: list[str] = []
        self._players: dict[int, _Player] = {}
        self._open: _Open | None = None
        self._last_activity: float | None = None
        self.rounds_played = 0
        self.end_reason: str | None = None
        self.results: list[QuestionResult] = []

    # ------------------------------------------------------------ state

    @property
    def finished(self) -> bool:
        return self.end_reason is not None

    @property
    def current(self) -> Question | None:
        return self._open.question if self._open else None

    @property
    def deadline(self) -> float | None:
        return self._open.deadline if self._open else None

    @property
    def asked(self) -> tuple[str, ...]:
        """Ids of the questions asked so far, in order."""
        return tuple(self._asked)

    @property
    def scores(self) -> dict[int, int]:
        return {uid: p.points for uid, p in self._players.items()}

    def points_on_offer(self, now: float | None = None) -> int:
        """What a correct answer to the open question is worth now."""
        if not self._open:
            return 0
        cfg = self.config
        if cfg.mode == FREE:
            factor = 1 - cfg.hint_decay * self._open.hints
        else:
            at = self._open.started_at if now is None else now
            left = max(0.0, min(1.0, (self._open.deadline - at) / cfg.time_limit))
            factor = (1 - cfg.speed_share) + cfg.speed_share * left
        return max(1, round(cfg.points * factor))

    def is_inactive(self, now: float) -> bool:
        limit = self.config.inactivity_limit
        return bool(limit) and self._last_activity is not None and now - self._last_activity >= limit

    def scoreboard(self) -> Scoreboard:
        ordered = sorted(
            self._players.items(), key=lambda item: (-item[1].points, -item[1].correct, item[1].reached_at)
        )
        lines = []
        for i, (uid, p) in enumerate(ordered):
            prev = lines[-1] if lines else None
            rank = prev.rank if prev and prev.points == p.points and prev.correct == p.correct else i + 1
            lines.append(ScoreLine(rank, uid, p.points, p.correct, p.best_streak))
        return Scoreboard(tuple(lines), self.end_reason, self.rounds_played)

    # ------------------------------------------------------------ flow

    def start_question(self, now: float) -> Question | None:
        """Open the next question; None when the game is over (see ``end_reason``)."""
        if self.finished:
            return None
        if self._open:
            raise GameError("A question is already open.")
        if self._last_activity is None:
            self._last_activity = now
        question = self._next_question()
        if question is None:
            self._end(END_EXHAUSTED)
            return None
        self.rounds_played += 1
        self._asked.append(question.id)
        self._used_evidence.add(question.evidence)
        self._open = _Open(question, self.rounds_played, now, now + self.config.time_limit)
        return question

    def _next_question(self) -> Question | None:
        if not self._remaining:
            return None
        # Prefer a question resting on a fact not used yet (asking "who played Danko?" right after
        # "whom did Schwarzenegger play?" gives the answer away).
        index = next((i for i, q in enumerate(self._remaining) if q.evidence not in self._used_evidence), 0)
        return self._remaining.pop(index)

    def submit_answer(self, user_id: int, text: str, now: float) -> AnswerOutcome:
        """A free-text message in the channel while a question is open."""
        if self.finished or not self._open or self.config.mode != FREE:
            return AnswerOutcome(IGNORED)
        self._last_activity = now
        late = self._close_if_late(now)
        if late:
            return AnswerOutcome(IGNORED, result=late)
        q = self._open.question
        verdict = self._judge(text, q.answer, q.kind, q.aliases)
        if getattr(verdict, "correct", False):
            award = self._award(user_id, self.points_on_offer(now), now)
            return AnswerOutcome(CORRECT, award, self._close(ANSWERED, now))
        if getattr(verdict, "close", False) and user_id not in self._open.close_sent:
            self._open.close_sent.add(user_id)
            return AnswerOutcome(CLOSE)
        return AnswerOutcome(WRONG)

    def choose(self, user_id: int, choice_index: int, now: float) -> AnswerOutcome:
        """A multiple-choice answer: one per player per question; everyone right scores."""
        if self.finished or not self._open or self.config.mode != CHOICE:
            return AnswerOutcome(IGNORED)
        self._last_activity = now
        late = self._close_if_late(now)
        if late:
            return AnswerOutcome(IGNORED, result=late)
        q = self._open.question
        if not 0 <= choice_index < len(q.choices):
            raise GameError(f"Pick one of the {len(q.choices)} choices.")
        if user_id in self._open.answered:
            return AnswerOutcome(ALREADY_ANSWERED)
        self._open.answered[user_id] = choice_index
        if choice_index == q.answer_index:
            return AnswerOutcome(CORRECT, self._award(user_id, self.points_on_offer(now), now))
        return AnswerOutcome(WRONG)

    def hint(self, now: float) -> Hint:
        """The next hint of the open free-text question; each one lowers the points on offer."""
        if self.finished or not self._open:
            raise GameError("There is no question to give a hint for.")
        if self.config.mode != FREE:
            raise GameError("Hints are only for free-text questions.")
        if not self.config.hints:
            raise GameError("Hints are turned off for this game.")
        if self._open.hints >= self.config.max_hints:
            raise GameError("No more hints for this question.")
        self._last_activity = now
        self._open.hints += 1
        level = self._open.hints
        return Hint(level, hint_text.hint(self._open.question.answer, level), self.points_on_offer(now))

    def skip(self, user_id: int, is_privileged: bool, now: float) -> SkipOutcome:
        """The starter or a privileged member skips at once; anyone else adds a vote."""
        if self.finished or not self._open:
            raise GameError("There is no question to skip.")
        needed = self.config.skip_votes
        self._last_activity = now
        if user_id == self.starter_id or is_privileged:
            votes = len(self._open.skip_votes)
            return SkipOutcome(True, votes, needed, self._close(SKIPPED, now))
        if user_id in self._open.skip_votes:
            return SkipOutcome(False, len(self._open.skip_votes), needed, already_voted=True)
        self._open.skip_votes.add(user_id)
        votes = len(self._open.skip_votes)
        if votes >= needed:
            return SkipOutcome(True, votes, needed, self._close(SKIPPED, now))
        return SkipOutcome(False, votes, needed)

    def timeout(self, now: float) -> QuestionResult | None:
        """Close the open question if its time is up (reveal); None if it is still running."""
        if not self._open or now < self._open.deadline:
            return None
        return self._close(TIMEOUT, now)

    def stop(self, now: float, reason: str = END_STOPPED) -> QuestionResult | None:
        """End the game (``reason``: END_STOPPED or END_INACTIVE); returns the open question's result."""
        result = self._close(STOPPED, now) if self._open else None
        self._end(reason)
        return result

    # ------------------------------------------------------------ internals

    def _close_if_late(self, now: float) -> QuestionResult | None:
        if self._open and now >= self._open.deadline:
            return self._close(TIMEOUT, now)
        return None

    def _award(self, user_id: int, points: int, now: float) -> Award:
        assert self._open is not None
        player = self._players.setdefault(user_id, _Player())
        player.points += points
        player.correct += 1
        player.streak += 1
        player.best_streak = max(player.best_streak, player.streak)
        player.reached_at = now
        award = Award(user_id, points, self._open.question.id, now, player.streak)
        self._open.awards.append(award)
        return award

    def _close(self, reason: str, now: float) -> QuestionResult:
        assert self._open is not None
        opened, self._open = self._open, None
        winners = {a.user_id for a in opened.awards}
        for uid, player in self._players.items():
            if uid not in winners:
                player.streak = 0
        result = QuestionResult(opened.question, reason, tuple(opened.awards), opened.round, now)
        self.results.append(result)
        if not self.finished:
            target = self.config.target_score
            if target and any(p.points >= target for p in self._players.values()):
                self._end(END_TARGET)
            elif self.rounds_played >= self.config.max_rounds:
                self._end(END_ROUNDS)
        return result

    def _end(self, reason: str) -> None:
        if self.end_reason is None:
            self.end_reason = reason
