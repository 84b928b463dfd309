"""Plausible wrong choices for multiple-choice play: same kind as the answer, never an accepted form of it.

Names come from the film itself (other cast members, other crew, other publishers); numbers, years,
dates, sums and durations are nearby values. Every pick is driven by a ``random.Random`` seeded by the
question id, so the same question always offers the same choices.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable, Sequence

from bot.trivia.aliases import fold

# Generic pools used when the film itself does not offer three candidates of a kind.
COMMON_LANGUAGES = (
    "English",
    "French",
    "German",
    "Spanish",
    "Italian",
    "Russian",
    "Japanese",
    "Mandarin",
    "Cantonese",
    "Portuguese",
    "Hindi",
    "Arabic",
    "Swedish",
    "Polish",
    "Korean",
)
COMMON_COUNTRIES = (
    "United States",
    "United Kingdom",
    "France",
    "Germany",
    "Italy",
    "Canada",
    "Japan",
    "Spain",
    "Australia",
    "Soviet Union",
    "West Germany",
    "Mexico",
    "Hong Kong",
    "China",
    "India",
)
COMMON_COMPANIES = (
    "Paramount Pictures",
    "Universal Pictures",
    "Warner Bros.",
    "Columbia Pictures",
    "20th Century Fox",
    "Metro-Goldwyn-Mayer",
    "Orion Pictures",
    "New Line Cinema",
    "United Artists",
    "Walt Disney Pictures",
    "Lionsgate",
    "Miramax",
)
MEDIA = ("VHS", "DVD", "Blu-ray", "LaserDisc", "Betamax", "4K Ultra HD Blu-ray", "Video CD", "UMD")
RANKS = (
    "Captain",
    "Lieutenant",
    "Sergeant",
    "Detective",
    "Commander",
    "Major",
    "Colonel",
    "General",
    "Inspector",
    "Corporal",
    "Private",
    "Officer",
    "Chief",
    "Admiral",
)

Accepts = Callable[[str], bool]


def pick_names(
    pools: Iterable[Iterable[str]],
    answer: str,
    accepts: Accepts,
    rng: random.Random,
    *,
    exclude: Iterable[str] = (),
    n: int = 3,
) -> list[str] | None:
    """Up to ``n`` distinct candidates, taking from the first pool before the next.

    Candidates accepted by the judge for the answer, or equal (after folding) to the answer, to each
    other or to an excluded form, are dropped. None when fewer than ``n`` remain.
    """
    seen = {fold(answer)} | {fold(e) for e in exclude}
    chosen: list[str] = []
    for pool in pools:
        candidates = sorted({c for c in pool if c and c.strip()}, key=fold)
        rng.shuffle(candidates)
        for cand in candidates:
            key = fold(cand)
            if not key or key in seen or accepts(cand):
                continue
            seen.add(key)
            chosen.append(cand)
            if len(chosen) == n:
                return chosen
    return None


def _pick_values(
    answer: int | float,
    offsets: Sequence[int | float],
    rng: random.Random,
    *,
    low: float | None = None,
    high: float | None = None,
) -> list[int | float]:
    options = [answer + o for o in offsets if o]
    options = [v for v in options if (low is None or v >= low) and (high is None or v <= high)]
    options = sorted(set(options) - {answer})
    rng.shuffle(options)
    return options


def near_years(year: int, rng: random.Random) -> list[int]:
    return [int(v) for v in _pick_values(year, [-4, -3, -2, -1, 1, 2, 3, 4], rng)]


def near_numbers(value: int, rng: random.Random) -> list[int]:
    """Nearby whole numbers: +-1..5 for small counts, +-10..40% for large ones."""
    if value < 20:
        offsets: list[int | float] = [-5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 8]
    else:
        offsets = [round(value * f) for f in (-0.4, -0.3, -0.2, -0.1, 0.1, 0.2, 0.3, 0.4)]
    return [int(v) for v in _pick_values(value, offsets, rng, low=0)]


def near_percents(value: int, rng: random.Random) -> list[int]:
    offsets = [-27, -19, -12, -7, 6, 11, 17, 24, 31]
    return [int(v) for v in _pick_values(value, offsets, rng, low=0, high=100)]


def near_minutes(value: int, rng: random.Random) -> list[int]:
    offsets = [-20, -14, -9, -5, 4, 8, 13, 19, 26]
    return [int(v) for v in _pick_values(value, offsets, rng, low=1)]


def near_amounts(value: float, rng: random.Random) -> list[float]:
    """Other round sums near the answer (x0.5 .. x2), never a power-of-ten slip of it."""
    factors = (0.5, 0.6, 0.75, 0.85, 1.2, 1.35, 1.5, 1.75, 2.0)
    options: list[float] = []
    for f in factors:
        v = _round_significant(value * f)
        ratio = v / value if value else 0
        if v > 0 and v != value and all(abs(ratio - 10**k) > 1e-9 for k in (-2, -1, 1, 2)):
            options.append(v)
    options = sorted(set(options))
    rng.shuffle(options)
    return options


def near_dates(date: dt.date, rng: random.Random) -> list[dt.date]:
    """Other dates a few days, weeks or months away, in the same or a neighbouring year."""
    options: set[dt.date] = set()
    for days in (-9, -5, -3, 2, 4, 7, 12, 31, -31, 61, -61):
        options.add(date + dt.timedelta(days=days))
    for years in (-1, 1):
        try:
            options.add(date.replace(year=date.year + years))
        except ValueError:  # 29 February
            options.add(date.replace(year=date.year + years, day=28))
    options.discard(date)
    ordered = sorted(options)
    rng.shuffle(ordered)
    return ordered


def _round_significant(value: float, digits: int = 2) -> float:
    if value <= 0:
        return value
    from math import floor, log10

    magnitude = 10 ** (floor(log10(value)) - digits + 1)
    return round(value / magnitude) * magnitude
