"""Hints for free-text questions: first every letter and digit masked, then each word's first letter shown.

Spaces and punctuation stay visible, so the shape of the answer shows from the first hint on:
"Ivan Danko" -> "____ _____" -> "I___ D____"; "1988" -> "____" -> "1___".
"""

from __future__ import annotations

MASK = "_"
MAX_LEVEL = 2


def masked(answer: str) -> str:
    """Level 1: every letter and digit replaced by the mask."""
    return "".join(MASK if ch.isalnum() else ch for ch in answer)


def first_letters(answer: str) -> str:
    """Level 2: the first letter or digit of each word shown, the rest masked."""
    out = []
    at_word_start = True
    for ch in answer:
        if ch.isalnum():
            out.append(ch if at_word_start else MASK)
            at_word_start = False
        else:
            out.append(ch)
            at_word_start = ch.isspace() or ch in "-/"
    return "".join(out)


def hint(answer: str, level: int) -> str:
    """The hint of the given level (1 or 2)."""
    if level == 1:
        return masked(answer)
    if level == 2:
        return first_letters(answer)
    raise ValueError(f"hint level must be 1..{MAX_LEVEL}, not {level}")
