"""Text normalisation shared by every matcher: one canonical spelling for names and queries.

``normalize`` folds case and accents, deletes apostrophes and dots without leaving a space (so
"O'Ross", "ORoss" and "o'ross" all become "oross", "J.W." becomes "jw"), turns other punctuation and
symbols into spaces, drops zero-width and control characters and collapses spaces. The rank helpers
know the titles that prefix character names ("Capt.", "Det. Sgt.") in both their short and long
spellings.
"""

from __future__ import annotations

import itertools
import unicodedata

# Deleted without a trace: apostrophes of every kind, and dots (initials, "Capt.").
_DELETED = set("'\u2019\u2018`\u02bc\u00b4\u2032.")
# Letters that do not decompose under NFKD but have an obvious ASCII reading.
# Keys are lower case: text is case-folded first.
_LETTERS = {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}

# Rank or title -> every spelling a user may type (the first one is the short form).
_RANK_GROUPS: tuple[tuple[str, ...], ...] = (
    ("capt", "captain", "cpt"),
    ("det", "detective"),
    ("sgt", "sergeant"),
    ("cmdr", "commander", "cdr"),
    ("lt", "lieutenant"),
    ("col", "colonel"),
    ("gen", "general"),
    ("maj", "major"),
    ("cpl", "corporal"),
    ("pvt", "private"),
    ("insp", "inspector"),
    ("supt", "superintendent"),
    ("adm", "admiral"),
    ("dr", "doctor"),
    ("prof", "professor"),
    ("rev", "reverend"),
    ("officer",),
    ("agent",),
    ("sheriff",),
    ("deputy",),
    ("mr", "mister"),
    ("mrs",),
    ("ms",),
    ("miss",),
    ("sir",),
)
_RANK_SPELLINGS: dict[str, tuple[str, ...]] = {word: group for group in _RANK_GROUPS for word in group}
RANK_WORDS: frozenset[str] = frozenset(_RANK_SPELLINGS)


def normalize(text: str | None) -> str:
    """Canonical form of a name or query: lower case ASCII-ish words separated by single spaces."""
    if not text:
        return ""
    out: list[str] = []
    for ch in unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold()):
        if ch in _DELETED:
            continue
        if ch.isalnum():
            out.append(_LETTERS.get(ch, ch))
            continue
        category = unicodedata.category(ch)
        if category == "Mn":  # combining accent left by NFKD
            continue
        if ch.isspace() or category[0] in "PSZ":  # punctuation, symbols (emoji), separators
            out.append(" ")
        # everything else (format characters such as zero-width and direction marks, controls,
        # unassigned code points) is dropped without a trace
    return " ".join("".join(out).split())


def is_rank(word: str) -> bool:
    return word in RANK_WORDS


def split_rank(normalized: str) -> tuple[str, str]:
    """("det sgt", "art ridzik") from "det sgt art ridzik": leading rank words, then the rest.

    The whole text is kept as the name when it holds nothing but rank words ("officer").
    """
    words = normalized.split()
    cut = 0
    while cut < len(words) and words[cut] in RANK_WORDS:
        cut += 1
    if cut == len(words):
        return "", normalized
    return " ".join(words[:cut]), " ".join(words[cut:])


def strip_ranks(normalized: str) -> str:
    """Drop leading rank and title words from a normalized text ("capt ivan danko" -> "ivan danko")."""
    return split_rank(normalized)[1]


def rank_variants(rank: str) -> list[str]:
    """Every way to type a normalized rank, whole and word by word, short and long spellings.

    "det sgt" -> ["det sgt", "det sergeant", "detective sgt", "detective sergeant", "det", "detective",
    "sgt", "sergeant"].
    """
    words = rank.split()
    if not words:
        return []
    spellings = [_RANK_SPELLINGS.get(w, (w,)) for w in words]
    variants = [" ".join(combo) for combo in itertools.product(*spellings)]
    if len(words) > 1:
        for options in spellings:
            variants.extend(options)
    return list(dict.fromkeys(variants))
