"""Every form a user might type for a name: full, without rank, rank + name, first name, surname...

``name_forms`` works on display names as the knowledge base holds them ("Capt. Ivan Danko",
"Ed ORoss", "Matthew F. Leonetti", "Sven-Ole Thorsen") and returns normalized strings in two tiers:
``forms`` (spellings of the name itself) and ``expansions`` (nickname-table variants of the first
name, e.g. "arnie schwarzenegger"), which rank just behind real forms on an exact hit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.matching.given_names import name_variants
from bot.matching.normalize import normalize, rank_variants, split_rank

# Surname particles: "Jean-Claude Van Damme" is also "van damme".
_PARTICLES = frozenset(["de", "da", "del", "della", "di", "du", "la", "le", "van", "von", "der", "den", "ter", "mac", "st", "bin", "al", "el", "dos", "das"])
# An Irish or French prefix run together with the name after a lost apostrophe: ORoss, DAngelo.
_RUN_TOGETHER = re.compile(r"\b([OD])['\u2019]?(?=[A-Z][a-z])")
# Initials written together: "J.W.", "J.R.R."
_INITIALS = re.compile(r"\b(?:[^\W\d_]\.){2,}")


@dataclass(frozen=True, slots=True)
class NameForms:
    forms: tuple[str, ...]
    expansions: tuple[str, ...] = ()


def _parts(words: list[str]) -> list[str]:
    """Full name, first name, surname(s) and first + last of a normalized word list."""
    out = [" ".join(words)]
    if len(words) < 2:
        return out
    out.append(words[0])
    out.append(words[-1])
    if len(words) >= 3:
        out.append(f"{words[0]} {words[-1]}")
        out.append(" ".join(words[1:]))  # "kennedy martin", "taylor vince"
    if len(words) >= 3 and words[-2] in _PARTICLES:
        out.append(" ".join(words[-2:]))
    return out


def _spellings(display: str) -> list[str]:
    """Normalized spellings of one display name: as written, prefix split off, initials apart,
    hyphen joined."""
    spellings = [normalize(display)]
    if _RUN_TOGETHER.search(display):
        spellings.append(normalize(_RUN_TOGETHER.sub(r"\1 ", display)))  # ORoss -> o ross
    if _INITIALS.search(display):
        spellings.append(normalize(display.replace(".", " ")))  # J.W. Smith -> j w smith
    if "-" in display:
        spellings.append(normalize(display.replace("-", "")))  # Sven-Ole -> svenole
    return [s for s in dict.fromkeys(spellings) if s]


def name_forms(display: str, *, rank: str | None = None, nickname: str | None = None) -> NameForms:
    """All forms of a person or character name.

    ``rank`` is the rank as written ("Det. Sgt."); when it is None a rank leading the display itself is
    recognised ("Capt. Ivan Danko"). ``nickname`` is the article's nickname ("Rosta").
    """
    forms: list[str] = []
    expansions: list[str] = []
    rank_norm = normalize(rank) if rank else ""
    spellings = _spellings(display)
    for spelling in spellings:
        leading_rank, bare = split_rank(spelling)
        if leading_rank:
            forms.append(spelling)
        the_rank = rank_norm or leading_rank
        words = bare.split()
        initials_free = [w for w in words if len(w) > 1] or words
        parts = _parts(words) + (_parts(initials_free) if initials_free != words else [])
        forms.extend(parts)
        if the_rank and words:
            for r in rank_variants(the_rank):
                forms.append(f"{r} {bare}")
                if len(words) >= 2:
                    forms.append(f"{r} {words[-1]}")
        first = words[0] if words and spelling == spellings[0] else ""
        for variant in name_variants(first):
            expansions.append(" ".join([variant, *words[1:]]))
            if len(words) >= 2:
                expansions.append(variant)
    nick = normalize(nickname) if nickname else ""
    if nick:
        words = split_rank(normalize(display))[1].split()
        forms.append(nick)
        if len(words) >= 2:
            forms.append(f"{nick} {words[-1]}")
            forms.append(" ".join([words[0], nick, *words[1:]]))
    forms = [f for f in dict.fromkeys(forms) if f]
    taken = set(forms)
    return NameForms(tuple(forms), tuple(e for e in dict.fromkeys(expansions) if e and e not in taken))


_LEADING_ARTICLES = frozenset(["the", "a", "an"])
_SEQUEL_NUMBERS = {"2": "ii", "3": "iii", "4": "iv", "5": "v", "6": "vi", "7": "vii", "8": "viii", "9": "ix"}
_SEQUEL_NUMBERS.update({roman: digit for digit, roman in list(_SEQUEL_NUMBERS.items())})


def title_forms(title: str, year: int | None = None) -> tuple[str, ...]:
    """Forms of a film title: as written, without a leading article, with the sequel number spelt the
    other way ("rocky ii" / "rocky 2"), each also followed by the year ("red heat 1988")."""
    base = normalize(title)
    if not base:
        return ()
    words = base.split()
    variants = [base]
    if len(words) > 1 and words[0] in _LEADING_ARTICLES:
        variants.append(" ".join(words[1:]))
    for v in list(variants):
        *head, last = v.split()
        if head and last in _SEQUEL_NUMBERS:
            variants.append(" ".join([*head, _SEQUEL_NUMBERS[last]]))
    if year:
        variants += [f"{v} {year}" for v in variants]
    return tuple(dict.fromkeys(variants))
