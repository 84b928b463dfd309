"""Trivia: answer judging (``judge``), and the question bank and game rules built on it.

Pure logic, no discord imports. ``judge(guess, answer, kind, aliases)`` returns a ``Verdict``; the answer
kinds are the constants below.
"""

from bot.trivia.judge import (
    CHARACTER,
    DATE,
    DURATION,
    KINDS,
    MONEY,
    NAME_KINDS,
    NUMBER,
    PERCENT,
    PERSON,
    TEXT,
    TITLE,
    VALUE_KINDS,
    YEAR,
    Verdict,
    judge,
)

__all__ = [
    "CHARACTER",
    "DATE",
    "DURATION",
    "KINDS",
    "MONEY",
    "NAME_KINDS",
    "NUMBER",
    "PERCENT",
    "PERSON",
    "TEXT",
    "TITLE",
    "VALUE_KINDS",
    "YEAR",
    "Verdict",
    "judge",
]

# The question bank and the game rules, built on the judge.
from bot.trivia.game import Award, Game, GameConfig, GameError, QuestionResult, Scoreboard  # noqa: E402
from bot.trivia.questions import Question, build_questions  # noqa: E402

__all__ += ["Award", "Game", "GameConfig", "GameError", "Question", "QuestionResult", "Scoreboard", "build_questions"]
