"""Judging a trivia guess against the canonical answer: a pure function, usable without Discord.

``judge(guess, answer, kind, aliases)`` returns a :class:`Verdict` with ``correct`` and ``close`` (a
near miss worth a "close!"; never both). The answer's kind decides how it is compared:

Values (year, number, date, money, percent, duration) are parsed (see :mod:`bot.trivia.values`) and
compared exactly. A value inside a short phrase counts ("in 1988", "about 22 reviews"); a guess of more
than ``MAX_VALUE_WORDS`` words is chat, not an answer; a guess stating two different values ("1988 or
1989") is a shotgun and neither correct nor close. Close means off by a little:

- year: one year off;
- number: within 10% (or 1) of the answer;
- money: within 10%, the right amount in another currency, or the right figure without its scale
  ("29" for $29 million);
- percent: within 3 points;  duration: within 5% (at least 2 minutes);
- date: one day off; the right day and month in the wrong year; the right day in the wrong month; the
  right year or month alone; a numeric date whose day/month order is ambiguous (05/06/1988) and one of
  whose readings is right (the player is asked to write it unambiguously).
  A guess may leave out the year when the answer has a day and month ("June 17" for June 17, 1988), but
  a guess stating the wrong year is wrong. A guess more precise than the answer is judged on the fields
  the answer has ("June 17, 1988" for "June 1988" is right).

Names and titles (person, character, title, text) are compared word by word after normalising case,
accents, apostrophes (removed, no space: O'Ross = oross), hyphens and dots, "&" = "and", initials
written with dots (J.R.R. = JRR); for characters and titles/text a leading "the/a/an"; for people and
characters a leading rank (Capt. = Captain, Det., Sgt., Lt., Cmdr., ...: optional on either side, but
two different ranks make a near miss). Each answer word allows a typo budget growing with its length
(<= 4 letters: exact, 5-7: one edit, >= 8: two; Damerau-Levenshtein, so a swap is one edit), none on
digits or single-letter initials. Middle initials are optional; two guess words may spell one answer word
and one guess word two answer words ("Van Damme" = "Vandamme"). The guess must cover every word of the
full answer or of one alias (the caller passes the short forms it accepts, e.g. a unique surname) and
must not add any word ("Walter Hill James Horner", "Red Heat 2"). Close: one edit beyond the budget in
one word ("Walter Hall" for Walter Hill), a different rank, or only part of the answer ("James" for
James Horner when "James" is not an alias).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import DamerauLevenshtein

from bot.trivia import values as V

__all__ = [
    "CHARACTER",
    "DATE",
    "DURATION",
    "KINDS",
    "MAX_GUESS_CHARS",
    "MAX_VALUE_WORDS",
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

PERSON = "person"
CHARACTER = "character"
TITLE = "title"
TEXT = "text"
YEAR = "year"
NUMBER = "number"
DATE = "date"
MONEY = "money"
PERCENT = "percent"
DURATION = "duration"

NAME_KINDS = frozenset({PERSON, CHARACTER, TITLE, TEXT})
VALUE_KINDS = frozenset({YEAR, NUMBER, DATE, MONEY, PERCENT, DURATION})
KINDS = (PERSON, CHARACTER, TITLE, TEXT, YEAR, NUMBER, DATE, MONEY, PERCENT, DURATION)

MAX_GUESS_CHARS = 200  # longer messages are chat, not guesses
MAX_VALUE_WORDS = 10  # "it came out in June 1988 I think" still counts; a paragraph does not


@dataclass(frozen=True, slots=True)
class Verdict:
    """The judgement of one guess. ``correct`` and ``close`` are never both true."""

    correct: bool
    close: bool = False
    reason: str = ""  # short English explanation, for logs and tests

    def __post_init__(self) -> None:
        if self.correct and self.close:
            raise ValueError("a verdict cannot be both correct and close")


def _right(reason: str) -> Verdict:
    return Verdict(True, False, reason)


def _close(reason: str) -> Verdict:
    return Verdict(False, True, reason)


def _wrong(reason: str) -> Verdict:
    return Verdict(False, False, reason)


def judge(guess: str, answer: str, kind: str, aliases: Iterable[str] = ()) -> Verdict:
    """Judge ``guess`` against ``answer`` (and any accepted ``aliases``) for an answer of ``kind``.

    Raises ValueError for an unknown kind, an empty answer, or an answer/alias that does not read as a
    value of its kind (a question-bank bug, caught when the bank is built). Any guess is fine.
    """
    target = _target(answer, kind, tuple(a for a in aliases if a and a.strip()))
    guess = guess.strip()
    if not guess:
        return _wrong("empty guess")
    if len(guess) > MAX_GUESS_CHARS:
        return _wrong("too long to be a guess")
    if kind in NAME_KINDS:
        return _judge_name(guess, kind, target)
    if len(guess.split()) > MAX_VALUE_WORDS:
        return _wrong("too many words to be a value")
    return _VALUE_JUDGES[kind](guess, target)


@lru_cache(maxsize=4096)
def _target(answer: str, kind: str, aliases: tuple[str, ...]) -> tuple:
    """The parsed answer and aliases: name forms for name kinds, accepted values for value kinds."""
    if kind not in KINDS:
        raise ValueError(f"unknown answer kind {kind!r}; expected one of {', '.join(KINDS)}")
    if not answer or not answer.strip():
        raise ValueError("empty answer")
    if kind in NAME_KINDS:
        forms = tuple(f for f in (_name_form(text, kind) for text in (answer, *aliases)) if f.words)
        if not forms:
            raise ValueError(f"answer {answer!r} has no words to compare")
        return forms
    accepted = []
    for text in (answer, *aliases):
        found = _VALUE_PARSERS[kind](text)
        if len(found) != 1 or (kind == DATE and found[0].ambiguous):
            raise ValueError(f"{text!r} does not read as exactly one {kind}")
        accepted.append(found[0])
    return tuple(accepted)


# ---------------------------------------------------------------------------------------------------
# Names and titles


_APOSTROPHES = str.maketrans("", "", "'\u2019\u2018`\u02bc\u00b4\u02bb")
_NON_WORD = re.compile(r"[\W_]+")
_ARTICLES = frozenset({"the", "a", "an"})
_RANKS = {
    "capt": "captain",
    "cpt": "captain",
    "captain": "captain",
    "det": "detective",
    "detective": "detective",
    "sgt": "sergeant",
    "sergeant": "sergeant",
    "lt": "lieutenant",
    "lieut": "lieutenant",
    "lieutenant": "lieutenant",
    "cmdr": "commander",
    "cdr": "commander",
    "commander": "commander",
    "col": "colonel",
    "colonel": "colonel",
    "gen": "general",
    "general": "general",
    "maj": "major",
    "major": "major",
    "insp": "inspector",
    "inspector": "inspector",
    "cpl": "corporal",
    "corporal": "corporal",
    "pvt": "private",
    "private": "private",
    "adm": "admiral",
    "admiral": "admiral",
    "officer": "officer",
    "agent": "agent",
}
_ROMAN = {"ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8", "ix": "9"}
_MINOR_WORDS = frozenset(
    {
        "the",
        "a",
        "an",
        "and",
        "of",
        "in",
        "on",
        "to",
        "for",
        "at",
        "de",
        "da",
        "di",
        "del",
        "der",
        "van",
        "von",
        "la",
        "le",
        "el",
        "y",
    }
)
_NO_MATCH = 99


@dataclass(frozen=True, slots=True)
class _NameForm:
    rank: tuple[str, ...]  # canonical ranks, e.g. ("detective", "sergeant")
    words: tuple[str, ...]
    optional: tuple[bool, ...]  # middle initials


def _name_form(text: str, kind: str) -> _NameForm:
    words = _words(text)
    if kind in (CHARACTER, TITLE, TEXT) and len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    rank: list[str] = []
    if kind in (PERSON, CHARACTER):
        while len(words) > 1 and words[0] in _RANKS:
            rank.append(_RANKS[words[0]])
            words = words[1:]
    if kind == TITLE:
        words = [_ROMAN.get(w, w) for w in words]
    last = len(words) - 1
    optional = tuple(0 < i < last and len(w) == 1 and w.isalpha() for i, w in enumerate(words))
    return _NameForm(tuple(rank), tuple(words), optional)


def _words(text: str) -> list[str]:
    """Folded words: no accents or apostrophes; punctuation, hyphens and dots split words; a run of
    single letters (initials "J. R. R.") becomes one word ("jrr")."""
    text = V.fold(text).translate(_APOSTROPHES).replace("&", " and ")
    words: list[str] = []
    run = ""
    for word in _NON_WORD.sub(" ", text).split():
        if len(word) == 1 and word.isalpha():
            run += word
            continue
        if run:
            words.append(run)
            run = ""
        words.append(word)
    if run:
        words.append(run)
    return words


def _budget(word: str) -> int:
    n = len(word)
    return 0 if n <= 4 else 1 if n <= 7 else 2


@lru_cache(maxsize=16384)
def _excess(guess: str, answer: str) -> int:
    """Edits beyond the answer word's typo budget: 0 (accepted), 1 (a near miss) or _NO_MATCH.
    Cached: a game compares the same few answer words with the same common guess words."""
    if guess == answer:
        return 0
    if len(answer) == 1 or len(guess) == 1 or not guess.isalpha() or not answer.isalpha():
        return _NO_MATCH  # initials and anything with digits must be exact
    budget = _budget(answer)
    if abs(len(guess) - len(answer)) > budget + 1:
        return _NO_MATCH
    distance = DamerauLevenshtein.distance(guess, answer, score_cutoff=budget + 1)
    if distance <= budget:
        return 0
    return 1 if distance == budget + 1 else _NO_MATCH


def _joined_excess(guess: str, answer: str, first: str, second: str) -> int:
    """A word against two written together ("vandamme" / "van damme"); ``first`` and ``second`` are the
    two parts (on either side). Exact when a part is a single letter, so an initial cannot ride on a
    typo ("hillx" is not "hill")."""
    if len(first) == 1 or len(second) == 1:
        return 0 if guess == answer else _NO_MATCH
    return _excess(guess, answer)


def _align(guess: tuple[str, ...], form: _NameForm, allow_missing: bool) -> int:
    """Least total excess over an in-order alignment that uses every guess word; answer words may be
    skipped only when optional (or, with ``allow_missing``, any of them), guess words only when they are
    a middle initial and the answer has none. _NO_MATCH when no alignment exists."""
    g, a, opt = guess, form.words, form.optional
    if g == a:
        return 0
    n, m = len(g), len(a)
    no = _NO_MATCH
    # the guess may add a middle initial only where the answer has none ("G." is not "F.")
    skip_initials = not any(opt)
    # best[i][j]: least excess to align g[i:] with a[j:]
    best = [[no] * (m + 1) for _ in range(n + 1)]
    best[n][m] = 0
    last = best[n]
    for j in range(m - 1, -1, -1):  # guess used up: the rest of the answer must be skippable
        if opt[j] or allow_missing:
            last[j] = last[j + 1]
    for i in range(n - 1, -1, -1):
        row, below = best[i], best[i + 1]
        word = g[i]
        skippable = skip_initials and 0 < i < n - 1 and len(word) == 1 and word.isalpha()
        after = best[i + 2] if i + 2 <= n else None
        for j in range(m, -1, -1):
            b = below[j] if skippable else no
            if j < m:
                if (opt[j] or allow_missing) and row[j + 1] < b:
                    b = row[j + 1]
                if below[j + 1] < b:
                    c = _excess(word, a[j]) + below[j + 1]
                    if c < b:
                        b = c
                if j + 1 < m and below[j + 2] < b:
                    c = _joined_excess(word, a[j] + a[j + 1], a[j], a[j + 1]) + below[j + 2]
                    if c < b:
                        b = c
                if after is not None and after[j + 1] < b:
                    c = _joined_excess(word + g[i + 1], a[j], word, g[i + 1]) + after[j + 1]
                    if c < b:
                        b = c
            row[j] = b if b < no else no
    return best[0][0]


def _judge_name(guess: str, kind: str, forms: tuple[_NameForm, ...]) -> Verdict:
    mine = _name_form(guess, kind)
    if not mine.words:
        return _wrong("no words in the guess")
    if len(mine.words) > 2 * max(len(f.words) for f in forms) + 2:
        return _wrong("too many words")
    near = ""
    for form in forms:
        excess = _align(mine.words, form, allow_missing=False)
        if excess == 0:
            if mine.rank and form.rank and mine.rank != form.rank:
                near = near or "different rank"
                continue
            return _right("matches the answer" if form is forms[0] else "matches an alias")
        if excess == 1 and not near:
            near = "one edit beyond the typo budget"
    if near:
        return _close(near)
    if any(w not in _MINOR_WORDS and len(w) > 1 for w in mine.words):
        for form in forms:
            if _align(mine.words, form, allow_missing=True) == 0:
                return _close("part of the answer")
    return _wrong("does not match the answer")


# ---------------------------------------------------------------------------------------------------
# Values


def _single(found: tuple, kind: str) -> Verdict | None:
    if not found:
        return _wrong(f"no {kind} in the guess")
    if len(found) > 1:
        return _wrong(f"several different {kind} values")
    return None


def _judge_year(guess: str, accepted: tuple[int, ...]) -> Verdict:
    found = V.parse_years(guess)
    if len(found) > 1:  # "June 17, 1988" states one year
        dates = V.parse_dates(guess)
        if len(dates) == 1 and len({r.year for r in dates[0].readings}) == 1 and dates[0].readings[0].year:
            found = (dates[0].readings[0].year,)
    if bad := _single(found, YEAR):
        return bad
    year = found[0]
    if year in accepted:
        return _right("same year")
    if any(abs(year - a) == 1 for a in accepted):
        return _close("one year off")
    return _wrong("different year")


def _judge_number(guess: str, accepted: tuple[float, ...]) -> Verdict:
    found = V.parse_numbers(guess)
    if bad := _single(found, NUMBER):
        return bad
    value = found[0]
    if any(V.same_value(value, a) for a in accepted):
        return _right("same number")
    if any(abs(value - a) <= max(1.0, 0.1 * abs(a)) for a in accepted):
        return _close("within 10%")
    return _wrong("different number")


def _judge_percent(guess: str, accepted: tuple[float, ...]) -> Verdict:
    found = V.parse_percents(guess)
    if bad := _single(found, PERCENT):
        return bad
    value = found[0]
    if any(V.same_value(value, a) for a in accepted):
        return _right("same percentage")
    if any(abs(value - a) <= 3.0 for a in accepted):
        return _close("within 3 points")
    return _wrong("different percentage")


def _judge_duration(guess: str, accepted: tuple[float, ...]) -> Verdict:
    found = V.parse_durations(guess)
    if bad := _single(found, DURATION):
        return bad
    value = found[0]
    if any(V.same_value(value, a) for a in accepted):
        return _right("same duration")
    if any(abs(value - a) <= max(2.0, 0.05 * a) for a in accepted):
        return _close("within 5%")
    return _wrong("different duration")


def _judge_money(guess: str, accepted: tuple[V.Money, ...]) -> Verdict:
    found = V.parse_money(guess)
    if bad := _single(found, MONEY):
        return bad
    value = found[0]
    for a in accepted:
        if V.same_value(value.amount, a.amount):
            return _right("same amount") if value.same_currency(a) else _close("another currency")
    for a in accepted:
        if value.same_currency(a) and abs(value.amount - a.amount) <= 0.1 * a.amount:
            return _close("within 10%")
        if not value.scaled and any(V.same_value(value.amount * s, a.amount) for s in (1e3, 1e6, 1e9)):
            return _close("the figure without its scale")
    return _wrong("different amount")


def _judge_date(guess: str, accepted: tuple[V.DateStatement, ...]) -> Verdict:
    found = V.parse_dates(guess)
    if bad := _single(found, DATE):
        return bad
    statement = found[0]
    targets = [s.readings[0] for s in accepted]
    if statement.ambiguous:
        if any(_date_right(r, t) for r in statement.readings for t in targets):
            return _close("day and month order is ambiguous")
        return _wrong("different date")
    reading = statement.readings[0]
    if any(_date_right(reading, t) for t in targets):
        return _right("same date")
    for t in targets:
        if reason := _date_near(reading, t):
            return _close(reason)
    return _wrong("different date")


def _date_right(g: V.PartialDate, t: V.PartialDate) -> bool:
    """Every field the answer has is stated and equal, except that the year may be left out when the
    answer has a day and month."""
    if t.month is not None and g.month != t.month:
        return False
    if t.day is not None and g.day != t.day:
        return False
    if t.year is not None and g.year != t.year:
        return g.year is None and t.day is not None and t.month is not None
    return True


def _date_near(g: V.PartialDate, t: V.PartialDate) -> str:
    year = t.year if g.year is None else g.year
    mine, theirs = g.as_date(year), t.as_date()
    if mine and theirs and abs((mine - theirs).days) == 1:
        return "one day off"
    if t.day is not None and g.day == t.day:
        if g.month == t.month:
            return "right day and month, wrong year"
        if g.month is not None and g.year in (None, t.year):
            return "right day, wrong month"
    if g.day is None and g.year == t.year and g.month in (None, t.month):
        return "right month and year, no day" if g.month else "right year only"
    if g.day is None and g.year is None and g.month is not None and g.month == t.month:
        return "right month only"
    return ""


_VALUE_JUDGES = {
    YEAR: _judge_year,
    NUMBER: _judge_number,
    PERCENT: _judge_percent,
    DURATION: _judge_duration,
    MONEY: _judge_money,
    DATE: _judge_date,
}
_VALUE_PARSERS = {
    YEAR: V.parse_years,
    NUMBER: V.parse_numbers,
    PERCENT: V.parse_percents,
    DURATION: V.parse_durations,
    MONEY: V.parse_money,
    DATE: V.parse_dates,
}
