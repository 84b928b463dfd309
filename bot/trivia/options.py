"""Per-guild trivia settings and the options of a ``trivia`` start command, parsed and validated.

Pure logic, no Discord. ``TriviaSettings`` is what an admin sets with ``triviaset`` (stored as one JSON
object under the guild setting ``SETTING_NAME``); ``with_value(key, text)`` returns a changed copy or
raises ``OptionError`` with a message for the admin; ``game_config(mode, rounds)`` gives the rules of
one game. ``split_start_args`` reads ``[film] [rounds] [mode]`` typed after ``!trivia``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.trivia.game import CHOICE, FREE, GameConfig

SETTING_NAME = "trivia"

MIN_TIME, MAX_TIME = 2.0, 300.0  # seconds per question
MAX_TARGET, MAX_ROUNDS, MAX_INACTIVITY = 1000, 50, 3600

_MODE_WORDS = {
    FREE: ("free", "text", "free-text", "freetext", "open", "typed"),
    CHOICE: ("choice", "choices", "mc", "multiple", "multiple-choice", "buttons", "quiz"),
}
_ON = ("on", "yes", "true", "1", "enable", "enabled")
_OFF = ("off", "no", "false", "0", "disable", "disabled")


class OptionError(ValueError):
    """A setting or option value that cannot be used; the message is meant for the user."""


def parse_mode(text: str) -> str:
    word = text.strip().casefold()
    for mode, words in _MODE_WORDS.items():
        if word in words:
            return mode
    raise OptionError(f"`{text[:30]}` is not a mode: use free (type the answer) or choice (four buttons).")


def is_mode_word(text: str) -> bool:
    return any(text.strip().casefold() in words for words in _MODE_WORDS.values())


def _number(text: str, low: float, high: float, what: str, *, whole: bool = True) -> float:
    raw = text.strip().casefold().removesuffix("seconds").removesuffix("s").strip()
    try:
        value = float(raw)
    except ValueError:
        raise OptionError(f"{what} must be a number from {low:g} to {high:g}, not `{text[:30]}`.") from None
    if whole and value != int(value):
        raise OptionError(f"{what} must be a whole number, not `{text[:30]}`.")
    if not low <= value <= high:
        raise OptionError(f"{what} must be from {low:g} to {high:g}, not {value:g}.")
    return value


def _switch(text: str, what: str) -> bool:
    word = text.strip().casefold()
    if word in _ON:
        return True
    if word in _OFF:
        return False
    raise OptionError(f"{what} must be on or off, not `{text[:30]}`.")


@dataclass(frozen=True, slots=True)
class Key:
    field: str
    label: str
    words: tuple[str, ...]
    parse: Callable[[str], Any]
    show: Callable[[Any], str]


KEYS: tuple[Key, ...] = (
    Key("target_score", "Target score", ("target", "target_score", "score", "maxscore"),
        lambda t: int(_number(t, 0, MAX_TARGET, "The target score")), lambda v: f"{v}" if v else "none"),
    Key("max_rounds", "Rounds", ("rounds", "questions", "max_rounds", "length"),
        lambda t: int(_number(t, 1, MAX_ROUNDS, "Rounds")), str),
    Key("time_limit", "Time per question", ("time", "timelimit", "time_limit", "delay", "timeout"),
        lambda t: _number(t, MIN_TIME, MAX_TIME, "The time per question", whole=False), lambda v: f"{v:g} s"),
    Key("inactivity_limit", "Stop after inactivity", ("inactivity", "idle", "stopafter", "inactivity_limit"),
        lambda t: _number(t, 0, MAX_INACTIVITY, "The inactivity limit", whole=False),
        lambda v: f"{v:g} s" if v else "never"),
    Key("hints", "Hints", ("hints", "hint"), lambda t: _switch(t, "Hints"), lambda v: "on" if v else "off"),
    Key("reveal_answer", "Reveal answer on timeout", ("reveal", "reveal_answer", "revealanswer"),
        lambda t: _switch(t, "Reveal"), lambda v: "on" if v else "off"),
    Key("mode", "Default mode", ("mode", "default_mode", "defaultmode"), parse_mode, str),
)
KEY_NAMES = tuple(k.words[0] for k in KEYS)


def find_key(text: str) -> Key:
    word = text.strip().casefold().replace("-", "_").replace(" ", "_")
    for key in KEYS:
        if word in key.words or word.replace("_", "") in key.words:
            return key
    raise OptionError(f"`{text[:30]}` is not a trivia setting: use one of {', '.join(KEY_NAMES)}.")


@dataclass(frozen=True, slots=True)
class TriviaSettings:
    target_score: int = 50
    max_rounds: int = 10
    time_limit: float = 30.0
    inactivity_limit: float = 120.0
    hints: bool = True
    reveal_answer: bool = True
    mode: str = FREE

    @classmethod
    def from_stored(cls, data: Mapping[str, Any] | None) -> TriviaSettings:
        """Settings from the stored JSON object; unknown or invalid entries fall back to the defaults."""
        base = cls()
        if not isinstance(data, Mapping):
            return base
        changes = {}
        for key in KEYS:
            if key.field in data:
                try:
                    changes[key.field] = key.parse(str(data[key.field]))
                except OptionError:
                    continue
        return dataclasses.replace(base, **changes)

    def to_stored(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def with_value(self, key_text: str, value_text: str) -> tuple[Key, TriviaSettings]:
        key = find_key(key_text)
        return key, dataclasses.replace(self, **{key.field: key.parse(value_text)})

    def lines(self) -> list[tuple[str, str, str]]:
        """(label, shown value, key name) for every setting, in display order."""
        return [(k.label, k.show(getattr(self, k.field)), k.words[0]) for k in KEYS]

    def game_config(self, *, mode: str | None = None, rounds: int | None = None) -> GameConfig:
        return GameConfig(
            target_score=self.target_score,
            max_rounds=rounds or self.max_rounds,
            time_limit=self.time_limit,
            inactivity_limit=self.inactivity_limit,
            hints=self.hints,
            reveal_answer=self.reveal_answer,
            mode=mode or self.mode,
        )


@dataclass(frozen=True, slots=True)
class StartArgs:
    film: str  # "" for the default film
    rounds: int | None
    mode: str | None


def split_start_args(text: str, is_film: Callable[[str], bool] = lambda _t: False) -> StartArgs:
    """``[film] [rounds] [mode]`` in any order at the end: "red heat 5 choice", "choice", "7", "".

    The whole text is taken as a film first if ``is_film`` says so ("Red Heat 2" stays a title)."""
    words = text.split()
    if words and is_film(" ".join(words)):
        return StartArgs(" ".join(words), None, None)
    rounds: int | None = None
    mode: str | None = None
    while words:
        last = words[-1]
        if mode is None and is_mode_word(last):
            mode = parse_mode(words.pop())
        elif rounds is None and last.isdigit():
            rounds = int(_number(words.pop(), 1, MAX_ROUNDS, "Rounds"))
        else:
            break
    return StartArgs(" ".join(words), rounds, mode)
