"""Text helpers for the lossy article format: whitespace cleanup, link remnants, apostrophe restoration.

Display text may restore apostrophes where that is unambiguous; evidence is never passed through here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WS = re.compile(r"\s+")
_WORD = re.compile(r"[A-Za-z]+")

# Contractions whose apostrophe-less spelling is not itself an English word ("its", "well", "were",
# "ill", "wont", "cant", "shell", "id", "hed", "wed", "lets" stay as they are).
_CONTRACTIONS = {
    "didnt": "didn't", "doesnt": "doesn't", "dont": "don't", "isnt": "isn't", "arent": "aren't",
    "wasnt": "wasn't", "werent": "weren't", "hasnt": "hasn't", "havent": "haven't", "hadnt": "hadn't",
    "wouldnt": "wouldn't", "couldnt": "couldn't", "shouldnt": "shouldn't", "mustnt": "mustn't",
    "neednt": "needn't", "aint": "ain't", "youre": "you're", "youve": "you've", "youll": "you'll",
    "youd": "you'd", "theyre": "they're", "theyve": "they've", "theyll": "they'll", "theyd": "they'd",
    "weve": "we've", "ive": "I've", "im": "I'm", "hes": "he's", "shes": "she's", "thats": "that's",
    "whats": "what's", "theres": "there's", "heres": "here's", "wheres": "where's", "whos": "who's",
    "couldve": "could've", "wouldve": "would've", "shouldve": "should've", "mightve": "might've",
    "itll": "it'll", "thatll": "that'll", "yall": "y'all",
}
_IRISH = re.compile(r"^O([A-Z][a-z]{2,})$")
# "Title (disambiguation)|Shown": a piped wiki link whose brackets were lost.
_LINK_REMNANT = re.compile(r" \([^()|\n]*\)\|([^\s|.,;:!?)]+(?: [^\s|.,;:!?)]+)*)")


def collapse_ws(text: str) -> str:
    """Collapse every run of whitespace into one space and strip the ends."""
    return _WS.sub(" ", text).strip()


def strip_link_remnants(text: str) -> str:
    """Turn "Twins (1988 film)|Twins" into "Twins" when the shown text repeats the link target."""

    def repl(m: re.Match[str]) -> str:
        shown = m.group(1)
        before = text[: m.start()]
        if before.casefold().endswith(shown.casefold()):
            return ""
        return " " + shown

    return _LINK_REMNANT.sub(repl, text)


def _match_case(src: str, repl: str) -> str:
    if src.isupper() and len(src) > 1:
        return repl.upper()
    if src[0].isupper():
        return repl[0].upper() + repl[1:]
    return repl


def restore_word(word: str, name_tokens: Iterable[str] | frozenset[str] = frozenset()) -> str:
    """Restore the apostrophe of one stripped word when unambiguous, else return it unchanged.

    ``name_tokens`` are the proper-name words the article evidences ("Danko", "ORoss", ...):
    "Dankos" becomes "Danko's" only when "Danko" is one of them and "Dankos" is not.
    """
    names = name_tokens if isinstance(name_tokens, (set, frozenset)) else frozenset(name_tokens)
    low = word.casefold()
    if low in _CONTRACTIONS:
        return "I" + _CONTRACTIONS[low][1:] if low in ("ive", "im") else _match_case(word, _CONTRACTIONS[low])
    if word in names or not word[:1].isupper():
        m = _IRISH.match(word)
        return f"O'{m.group(1)}" if m and word in names else word
    if len(word) > 3 and word.endswith("s") and word[:-1] in names:
        base = restore_word(word[:-1], names)
        return base + "'s"
    return word


def restore_apostrophes(text: str, name_tokens: Iterable[str] = ()) -> str:
    """Restore stripped apostrophes in running text where unambiguous (never "its")."""
    names = frozenset(name_tokens)
    return _WORD.sub(lambda m: restore_word(m.group(0), names), text)


def display(text: str, name_tokens: Iterable[str] = ()) -> str:
    """Clean display text: link remnants removed, whitespace collapsed, apostrophes restored."""
    return restore_apostrophes(collapse_ws(strip_link_remnants(text)), name_tokens)
