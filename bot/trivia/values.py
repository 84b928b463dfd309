"""Reading typed values out of short free text: numbers, years, dates, money, percentages, durations.

Every parser returns a tuple with one item per *distinct* value the text states: ``()`` when it states
none, one item for a plain answer ("in 1988", "about twenty-two reviews", "$29M"), several when the
text names different values ("1988 or 1989"), which the judge treats as a shotgun guess. Repeating the
same value ("$29 million ($29,000,000)") counts once.

Number words go through text2num (``alpha2digit``); month and weekday names come from dateutil's
``parserinfo`` tables. Dates are read by a small typed reader rather than ``dateutil.parser.parse``,
because that fills missing fields from a default date and silently picks one day/month order, and the
judge needs to know which fields the text actually stated.

Date rules: a numeric date ``d/m/y`` whose day and month could be swapped (``05/06/1988``) yields one
:class:`DateStatement` with two readings; ``17/06/1988`` and ``06/17/1988`` have only one valid reading.
ISO ``1988-06-17`` is always year-month-day. Two-digit years are read as 19xx/20xx (the nearer past).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from dateutil.parser import parserinfo
from text_to_num import alpha2digit

__all__ = [
    "DateStatement",
    "Money",
    "PartialDate",
    "parse_dates",
    "parse_durations",
    "parse_money",
    "parse_numbers",
    "parse_percents",
    "parse_years",
    "prepare",
    "same_value",
]

# ---------------------------------------------------------------------------------------------------
# Shared preparation


_NUMBER_WORD = re.compile(
    r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"thousand|million|billion|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|twelfth|"
    r"\w+teenth|\w+tieth|point)\b"
)
_THOUSANDS_COMMA = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")
# "29 1000000" is what alpha2digit makes of "29 million"; "2.9 1000000" of "two point nine million".
_SCALE_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s+(1000|1000000|1000000000|1000000000000)(?![\d.])")
_SCALE_WORD = re.compile(r"(\d+(?:\.\d+)?)\s*(thousand|million|billion|trillion)\b")
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d])")
_SPECIAL_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i"})


def fold(text: str) -> str:
    """Casefold and strip accents ("Ryūichi" -> "ryuichi"); keeps all other characters."""
    text = text.casefold()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=4096)
def prepare(text: str) -> str:
    """Fold case and accents, turn number words into digits, drop thousands commas and ordinal suffixes,
    and apply spelled scales: "Twenty-nine million" -> "29000000", "17th June" -> "17 june"."""
    text = fold(text).replace("\u2212", "-")
    if _NUMBER_WORD.search(text):
        text = alpha2digit(text, "en", threshold=0)
    text = _THOUSANDS_COMMA.sub("", text)
    text = _ORDINAL.sub("", text)
    text = _SCALE_NUMBER.sub(lambda m: _fmt(float(m.group(1)) * float(m.group(2))), text)
    return _SCALE_WORD.sub(lambda m: _fmt(float(m.group(1)) * _SCALES[m.group(2)]), text)


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def same_value(a: float, b: float) -> bool:
    """Exact comparison that forgives float noise only (2.9e6 == 2900000.0000000005)."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _distinct(values) -> tuple:
    out: list = []
    for v in values:
        if not any(_same(v, w) for w in out):
            out.append(v)
    return tuple(out)


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return same_value(a, b)
    return a == b


# ---------------------------------------------------------------------------------------------------
# Numbers, years, percentages


def parse_numbers(text: str) -> tuple[float, ...]:
    """Distinct numbers stated: "about twenty-two reviews" -> (22.0,); "1.2 million" -> (1200000.0,);
    "22 or 23" -> (22.0, 23.0)."""
    return _distinct(float(m.group()) for m in _NUMBER.finditer(prepare(text)))


_JOINED_YEAR = re.compile(r"\b(1[0-9]|20) ([0-9]{2})\b")  # "nineteen eighty-eight" -> "19 88"


def parse_years(text: str) -> tuple[int, ...]:
    """Distinct whole numbers stated, read as years: "in 1988" -> (1988,), "nineteen eighty-eight" ->
    (1988,). Fractions are not years and are left out."""
    prepared = _JOINED_YEAR.sub(r"\1\2", prepare(text))
    values = (float(m.group()) for m in _NUMBER.finditer(prepared))
    return _distinct(int(v) for v in values if v == int(v))


def parse_percents(text: str) -> tuple[float, ...]:
    """Distinct percentages: "64%", "64 percent", "64 per cent" and a bare "64" are all (64.0,)."""
    return parse_numbers(text)


# ---------------------------------------------------------------------------------------------------
# Money


@dataclass(frozen=True, slots=True)
class Money:
    amount: float
    currency: str | None = None  # ISO code, "$" for a dollar of unstated country, None when not stated
    scaled: bool = False  # the text gave the size: a scale word/suffix or the full number of digits

    def same_currency(self, other: Money) -> bool:
        """Unstated currencies match anything; "$" matches every dollar currency."""
        a, b = self.currency, other.currency
        if a is None or b is None or a == b:
            return True
        return (a == "$" and b in _DOLLARS) or (b == "$" and a in _DOLLARS)


_DOLLARS = frozenset({"USD", "CAD", "AUD", "NZD", "HKD", "SGD"})
_CURRENCY_PREFIX = {
    "us$": "USD",
    "c$": "CAD",
    "ca$": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "nz$": "NZD",
    "hk$": "HKD",
    "$": "$",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
}
_CURRENCY_WORD = {
    "dollar": "$",
    "dollars": "$",
    "bucks": "$",
    "pound": "GBP",
    "pounds": "GBP",
    "quid": "GBP",
    "sterling": "GBP",
    "euro": "EUR",
    "euros": "EUR",
    "yen": "JPY",
    "rupee": "INR",
    "rupees": "INR",
    "franc": "FRF",
    "francs": "FRF",
}
_CURRENCY_CODES = ("usd", "gbp", "eur", "cad", "aud", "nzd", "hkd", "sgd", "jpy", "inr", "frf", "dem", "itl")
_PREFIX_RE = "|".join(re.escape(p) for p in sorted(_CURRENCY_PREFIX, key=len, reverse=True))
_CODE_RE = "|".join(_CURRENCY_CODES)
_WORD_RE = "|".join(sorted(_CURRENCY_WORD, key=len, reverse=True))
_MONEY = re.compile(
    rf"(?:(?P<pre>{_PREFIX_RE})|\b(?P<precode>{_CODE_RE})\b)?\s*"
    r"(?P<num>(?<![\d.])\d+(?:\.\d+)?(?!\d))"
    r"(?:\s*(?P<suffix>k|m|mn|mil|mill|mln|b|bn|bil)(?![a-z]))?"
    rf"(?:\s*(?:(?P<word>{_WORD_RE})|(?P<code>{_CODE_RE}))(?![a-z]))?"
)
_SUFFIX_SCALE = {
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mil": 1e6,
    "mill": 1e6,
    "mln": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "bil": 1e9,
}


def parse_money(text: str) -> tuple[Money, ...]:
    """Distinct sums of money: "29m", "$29M", "29 million", "$29,000,000" and "29 million dollars" are
    all (Money(29000000.0, ...),); "$2.9 million" is 2900000."""
    raw = fold(text)
    found = []
    for m in _MONEY.finditer(prepare(text)):
        amount = float(m.group("num"))
        suffix = m.group("suffix")
        if suffix:
            amount *= _SUFFIX_SCALE[suffix]
        currency = None
        if m.group("pre"):
            currency = _CURRENCY_PREFIX[m.group("pre")]
        elif m.group("precode") or m.group("code"):
            currency = (m.group("precode") or m.group("code")).upper()
        elif m.group("word"):
            currency = _CURRENCY_WORD[m.group("word")]
        scaled = bool(suffix) or amount >= 1000 or _said_scale(raw)
        found.append(Money(amount, currency, scaled))
    return _distinct_money(found)


def _said_scale(raw: str) -> bool:
    return any(word in raw for word in ("thousand", "million", "billion", "trillion"))


def _distinct_money(items: list[Money]) -> tuple[Money, ...]:
    out: list[Money] = []
    for item in items:
        for i, seen in enumerate(out):
            if same_value(item.amount, seen.amount) and item.same_currency(seen):
                if seen.currency is None and item.currency is not None:
                    out[i] = Money(seen.amount, item.currency, seen.scaled or item.scaled)
                break
        else:
            out.append(item)
    return tuple(out)


# ---------------------------------------------------------------------------------------------------
# Durations


_UNIT_MINUTES = {"h": 60.0, "m": 1.0, "s": 1 / 60}
_DURATION = re.compile(
    r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)(?!\d)\s*"
    r"(?P<unit>hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)?(?![a-z])"
)
_CLOCK = re.compile(r"\b(\d{1,2}):([0-5]\d)\b")  # "1:43" = 1 h 43 min
_AN_HOUR = re.compile(r"\b(?:an?|one) (?=hour)")
_HALF_HOUR = re.compile(r"\bhalf an hour\b")


def parse_durations(text: str) -> tuple[float, ...]:
    """Distinct durations in minutes: "1h 43m", "1 hour 43 minutes", "1:43", "103", "103 min" are all
    (103.0,). A bare number is minutes; one right after an hours figure is too ("1 hour 43")."""
    prepared = _AN_HOUR.sub("1 ", _HALF_HOUR.sub("30 minutes", prepare(text)))
    prepared = _CLOCK.sub(lambda m: f"{m.group(1)} h {m.group(2)} m", prepared)
    values: list[float] = []
    total: float | None = None
    last_rank = 0  # 3 = hours, 2 = minutes, 1 = seconds: each compound goes strictly downwards
    for m in _DURATION.finditer(prepared):
        unit = (m.group("unit") or "")[:1]
        if not unit:
            unit = "m"
        rank = {"h": 3, "m": 2, "s": 1}[unit]
        amount = float(m.group("num")) * _UNIT_MINUTES[unit]
        if total is not None and rank < last_rank:
            total += amount
        else:
            if total is not None:
                values.append(total)
            total = amount
        last_rank = rank
    if total is not None:
        values.append(total)
    return _distinct(values)


# ---------------------------------------------------------------------------------------------------
# Dates


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date as far as the text states it; missing fields are None."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def as_date(self, year: int | None = None) -> dt.date | None:
        """The full date, taking ``year`` when the text gave none; None when incomplete or invalid."""
        y = self.year if self.year is not None else year
        if y is None or self.month is None or self.day is None:
            return None
        try:
            return dt.date(y, self.month, self.day)
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class DateStatement:
    """One date the text states; two readings when its day and month order is ambiguous."""

    readings: tuple[PartialDate, ...]

    @property
    def ambiguous(self) -> bool:
        return len(self.readings) > 1


_INFO = parserinfo()
_ISO = re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}|\d{2}))?\b")
_TOKEN = re.compile(r"\d+|[a-z]+")
_DATE_NOISE = frozenset({"of", "the", "on", "in", "at", "and", "or"})


def parse_dates(text: str) -> tuple[DateStatement, ...]:
    """Distinct dates stated: "17 June 1988", "June 17th, 1988", "1988-06-17" and "17/06/1988" are all
    one statement reading 1988-06-17; "June 17" has no year; "June 17 or June 18" gives two."""
    prepared = prepare(text)
    statements: list[DateStatement] = []
    for m in _ISO.finditer(prepared):
        date = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if date:
            statements.append(DateStatement((date,)))
    prepared = _ISO.sub(" ", prepared)
    for m in _NUMERIC.finditer(prepared):
        a, b = int(m.group(1)), int(m.group(2))
        year = _full_year(m.group(3)) if m.group(3) else None
        readings = tuple(r for r in _distinct((_valid(year, b, a), _valid(year, a, b))) if r)
        if readings:
            statements.append(DateStatement(readings))
    prepared = _JOINED_YEAR.sub(r"\1\2", _NUMERIC.sub(" ", prepared))
    statements.extend(_worded_dates(prepared))
    return tuple(_distinct(statements))


def _worded_dates(prepared: str) -> list[DateStatement]:
    months: list[int] = []
    years: list[int] = []
    days: list[int] = []
    for token in _TOKEN.findall(prepared):
        if token.isdigit():
            value = int(token)
            if len(token) == 4:
                years.append(value)
            elif len(token) <= 2 and 1 <= value <= 31:
                days.append(value)
            else:
                return []  # a number that is no part of a date: not a date
        else:
            month = _INFO.month(token) if len(token) >= 3 else None
            if month:
                months.append(month)
    months, years, days = list(_distinct(months)), list(_distinct(years)), list(_distinct(days))
    if days and not months:
        return []  # "17 1988" is no date
    out = []
    for year in years or [None]:
        for month in months or [None]:
            for day in days or [None]:
                if month is None and year is None:
                    continue
                date = _valid(year, month, day)
                if date:
                    out.append(DateStatement((date,)))
    return out


def _full_year(text: str) -> int:
    value = int(text)
    if len(text) == 4:
        return value
    this_year = dt.date.today().year % 100
    return 2000 + value if value <= this_year else 1900 + value


def _valid(year: int | None, month: int | None, day: int | None) -> PartialDate | None:
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        if month is None:
            return None
        try:
            dt.date(year if year is not None else 2000, month, day)  # 2000: leap, so Feb 29 is fine
        except ValueError:
            return None
    return PartialDate(year, month, day)
