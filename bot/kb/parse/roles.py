"""Character roles as the cast list writes them: rank/title, nickname in quotes, description after a comma."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Ranks and titles that can open a role ("Det. Sgt. Tom Gallagher"). Prefix-only words need a rank after.
RANKS = frozenset(
    ["Capt.", "Capt", "Captain", "Det.", "Det", "Detective", "Sgt.", "Sgt", "Sergeant", "Lt.", "Lt", "Lieut.", "Lieutenant", "Cmdr.", "Cmdr", "Cdr.", "Commander", "Col.", "Col", "Colonel", "Gen.", "General", "Maj.", "Major", "Insp.", "Inspector", "Supt.", "Superintendent", "Officer", "Agent", "Dr.", "Dr", "Doctor", "Prof.", "Professor", "Sheriff", "Cpl.", "Corporal", "Pvt.", "Private", "Adm.", "Admiral", "Commissioner", "Constable", "Marshal", "Rev.", "Reverend", "Judge", "Sen.", "Senator", "Gov.", "Governor", "Mayor", "Ensign", "Cadet", "Trooper", "Patrolman", "Sgt.Maj.", "Detective-Sergeant", "Detective-Inspector", "Chief-Inspector", "Comdr.", "Cpt.", "Lt.Col.", "Brig.", "Brigadier"]
)
PREFIX_ONLY = frozenset({"Special", "Chief", "Deputy", "Vice", "Senior", "Head", "Assistant", "First", "Staff"})
_NICK = re.compile(r'"([^"]+)"')


def rank_length(tokens: list[str]) -> int:
    """How many leading tokens form a rank ("Det. Sgt." -> 2); 0 when the role has no rank."""
    i = 0
    while i < len(tokens):
        if tokens[i] in RANKS or tokens[i] in PREFIX_ONLY and i + 1 < len(tokens) and tokens[i + 1] in (RANKS | PREFIX_ONLY):
            i += 1
        else:
            break
    while i and tokens[i - 1] in PREFIX_ONLY:
        i -= 1
    return i if i < len(tokens) else 0  # a role that is only a rank ("Officer") is the character


@dataclass(frozen=True, slots=True)
class Role:
    character: str
    rank: str | None
    nickname: str | None
    description: str | None


def parse_role(text: str) -> Role:
    """Split 'Det. Sgt. Tom Gallagher', 'Viktor "Rosta" Rostavili', 'Nikolai, the Russian ...'."""
    text = " ".join(text.split())
    description = None
    head = text
    if "," in text:
        head, _, tail = text.partition(",")
        description = tail.strip() or None
    nickname = None
    m = _NICK.search(head)
    if m:
        nickname = m.group(1).strip()
        head = head[: m.start()] + head[m.end():]
    tokens = head.split()
    n = rank_length(tokens)
    rank = " ".join(tokens[:n]) or None
    character = " ".join(tokens[n:])
    return Role(character=character, rank=rank, nickname=nickname, description=description)
