"""Person names: a first-name frequency prior and the segmentation of run-together name lists.

The prior comes from the name dictionary bundled with the ``gender-guesser`` package (first names with
per-country frequencies on a 1..13 log scale). It is read once, lazily, and cached in memory.
A run-together field ("Walter Hill Harry Kleiner Troy Kennedy Martin") is segmented by scoring every
split into names over token boundaries (dynamic programming, keeping the runner-up) so that the margin
between the best and the second-best split becomes a confidence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

_INITIAL = re.compile(r"^(?:[A-Z]\.)+$|^[A-Z]\.(?:[A-Z]\.?)*$")
_NAME_TOKEN = re.compile(r"^[A-Z][\w'.-]*$")
_PARTICLES = frozenset({"de", "van", "von", "der", "da", "di", "du", "del", "la", "le", "bin", "al"})
_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})


@cache
def first_name_prior() -> dict[str, float]:
    """Map a lower-cased first name to its frequency prior in 0..1 (highest country value / 13)."""
    prior: dict[str, float] = {}
    data = resources.files("gender_guesser").joinpath("data/nam_dict.txt")
    with data.open(encoding="utf-8") as fh:
        for line in fh:
            if not line or line[0] in "#=" or len(line) < 31:
                continue
            parts = line.split(None, 2)
            if len(parts) < 2:
                continue
            name = parts[1].casefold()
            score = _frequency_prior(line[30:-1])
            if score > prior.get(name, 0.0):
                prior[name] = score
    return prior


_NOT_FREQUENCIES = str.maketrans("", "", " \n$")


def _frequency_prior(columns: str) -> float:
    """The highest per-country frequency in a dictionary line's columns ('1'..'9', 'A'..'D' = 1..13;
    blanks and '$' ignored), as 0..1; 1/13 when there is none. Digits sort before letters, so the
    highest character is the highest frequency (one C-level ``max`` instead of a loop per column)."""
    values = columns.translate(_NOT_FREQUENCIES)
    if not values:
        return 1 / 13
    top = ord(max(values))
    best = top - 55 if top > 64 else top - 48
    return max(1, min(best, 13)) / 13


def first_name_score(token: str) -> float:
    """How likely ``token`` is a first name, 0..1 (initials count as a modest 0.4)."""
    if is_initial(token):
        return 0.4 if token.count(".") > 1 else 0.0
    return first_name_prior().get(token.strip(".,").casefold(), 0.0)


def is_initial(token: str) -> bool:
    return bool(_INITIAL.match(token))


def looks_like_name_token(token: str) -> bool:
    return bool(_NAME_TOKEN.match(token)) or token in _PARTICLES


_LENGTH_PRIOR = {1: -4.0, 2: 0.0, 3: -0.8, 4: -2.2}


def person_score(tokens: Sequence[str], known: Callable[[str], bool] = lambda _s: False) -> float:
    """Score one candidate person name (higher is better, -inf when impossible)."""
    n = len(tokens)
    if n not in _LENGTH_PRIOR or not all(looks_like_name_token(t) for t in tokens):
        return -math.inf
    if tokens[0] in _PARTICLES or tokens[0] in _SUFFIXES:
        return -math.inf
    last = tokens[-1]
    if n > 1 and is_initial(last):
        return -math.inf
    score = _LENGTH_PRIOR[n]
    if known(" ".join(tokens)):
        score += 5.0
    score += 2.0 * first_name_score(tokens[0])
    if n > 1 and last not in _SUFFIXES:
        score -= 1.5 * first_name_score(last)
    for mid in tokens[1:-1]:
        if is_initial(mid):
            score += 0.8
    return score


@dataclass(frozen=True, slots=True)
class Segment:
    start: int  # token index
    end: int  # exclusive
    confidence: float
    low_margin: bool


@dataclass(frozen=True, slots=True)
class Segmentation:
    segments: tuple[Segment, ...]
    margin: float  # best minus runner-up score (inf when there was no alternative)


def margin_confidence(margin: float) -> float:
    if math.isinf(margin):
        return 1.0
    return round(1 / (1 + math.exp(-1.5 * margin)), 3)


LOW_MARGIN = 1.0


def segment(
    n_tokens: int,
    score: Callable[[int, int], float],
    max_len: int = 4,
) -> Segmentation | None:
    """Best split of ``n_tokens`` tokens into segments scored by ``score(start, end)``.

    Keeps the two best splits per prefix; a segment of the best split that the runner-up does not share
    gets the margin-based confidence and is marked low-margin when the margin is small.
    """
    # best[i]: list of up to 2 (total, segments) for the first i tokens
    best: list[list[tuple[float, tuple[tuple[int, int], ...]]]] = [[(0.0, ())]] + [[] for _ in range(n_tokens)]
    for end in range(1, n_tokens + 1):
        cands: list[tuple[float, tuple[tuple[int, int], ...]]] = []
        for start in range(max(0, end - max_len), end):
            s = score(start, end)
            if s == -math.inf:
                continue
            for total, segs in best[start]:
                cands.append((total + s, (*segs, (start, end))))
        cands.sort(key=lambda c: -c[0])
        best[end] = cands[:2]
    if not best[n_tokens]:
        return None
    top_total, top = best[n_tokens][0]
    if len(best[n_tokens]) > 1:
        second_total, second = best[n_tokens][1]
        margin = top_total - second_total
        shared = set(second)
    else:
        margin, shared = math.inf, set(top)
    conf = margin_confidence(margin)
    segs = tuple(
        Segment(a, b, 1.0, False) if (a, b) in shared else Segment(a, b, conf, margin < LOW_MARGIN)
        for a, b in top
    )
    return Segmentation(segs, margin)


def segment_people(tokens: Sequence[str], known: Callable[[str], bool]) -> Segmentation | None:
    """Split space-joined person names into people.

    A candidate that is part of a longer name the article states (one token more on either side)
    is penalised, so "Ray Tolliver" does not win over "Billy Ray Tolliver".
    """

    def score(a: int, b: int) -> float:
        s = person_score(tokens[a:b], known)
        longer_before = a > 0 and known(" ".join(tokens[a - 1:b]))
        longer_after = b < len(tokens) and known(" ".join(tokens[a:b + 1]))
        if s > -math.inf and b - a < 4 and (longer_before or longer_after):
            s -= 3.0
        return s

    return segment(len(tokens), score)
