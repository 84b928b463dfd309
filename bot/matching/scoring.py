"""Scoring rules and thresholds of the resolver (measured in shared notes on this project's names).

A form scores ``fuzz.WRatio`` against the query, both normalized. Every query word must also be
*close* to some word of the form, else the score is capped below the "did you mean" band: WRatio
alone lets short keys match inside long words ("ed" in "predator"). Close means:

- 1 letter: an initial, the form word starts with it ("j smith" for "J.W. Smith");
- 2 letters, or any digit: the same word ("ed", "tv", "1988" never fuzzy);
- otherwise ``fuzz.ratio >= 80`` ("hil" ~ "hill", "schwarzeneger" ~ "schwarzenegger") or a prefix of
  at least 4 letters ("schwarz" of "schwarzenegger").
"""

from __future__ import annotations

from rapidfuzz import fuzz

MATCH = 85.0  # at least this and LEAD points ahead of every other person: the answer
LEAD = 5.0  # closer than this to the best: ambiguous
SUGGEST = 75.0  # from here up to MATCH: "did you mean"
HINT = 65.0  # below SUGGEST: "not found", closest names listed only from here up
WORD_CLOSE = 80.0
PREFIX_MIN = 4
CAP_BASE, CAP_SPAN = 60.0, 14.0  # a form covering a fraction f of the query words scores <= 60 + 14 f
EXPANSION_PENALTY = 3.0  # fuzzy hits on nickname-table forms rank just behind real forms


def is_initial(word: str) -> bool:
    return len(word) == 1 and word.isalpha()


def exact_only(word: str) -> bool:
    return len(word) == 2 or any(ch.isdigit() for ch in word)


def word_close(query_word: str, form_word: str) -> bool:
    if query_word == form_word:
        return True
    if is_initial(query_word):
        return form_word.startswith(query_word)
    if exact_only(query_word):
        return False
    if len(query_word) >= PREFIX_MIN and form_word.startswith(query_word):
        return True
    return fuzz.ratio(query_word, form_word, score_cutoff=WORD_CLOSE) > 0


def coverage(query_words: list[str], form: str) -> float:
    """Share of query words close to some word of the form."""
    form_words = form.split()
    hit = sum(1 for q in query_words if any(word_close(q, f) for f in form_words))
    return hit / len(query_words) if query_words else 0.0


def capped(score: float, covered: float) -> float:
    return score if covered >= 1.0 else min(score, CAP_BASE + CAP_SPAN * covered)
