"""Crew roles: the words people type for them, and how answers label them."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from bot.lookup.text import fold

# Typed word -> the model roles it means. Every role also answers to its own name.
ROLE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "director": ("director",),
    "directors": ("director",),
    "directed": ("director",),
    "directed by": ("director",),
    "directing": ("director",),
    "direction": ("director",),
    "producer": ("producer",),
    "producers": ("producer",),
    "produced": ("producer",),
    "produced by": ("producer",),
    "production": ("producer",),
    "screenplay": ("screenplay",),
    "screenwriter": ("screenplay",),
    "screenwriters": ("screenplay",),
    "script": ("screenplay",),
    "scriptwriter": ("screenplay",),
    "story": ("story",),
    "story by": ("story",),
    "writer": ("writer", "screenplay", "story"),
    "writers": ("writer", "screenplay", "story"),
    "written by": ("writer", "screenplay", "story"),
    "writing": ("writer", "screenplay", "story"),
    "cinematography": ("cinematography",),
    "cinematographer": ("cinematography",),
    "director of photography": ("cinematography",),
    "photography": ("cinematography",),
    "camera": ("cinematography",),
    "dp": ("cinematography",),
    "dop": ("cinematography",),
    "editing": ("editing",),
    "editor": ("editing",),
    "editors": ("editing",),
    "edited by": ("editing",),
    "film editor": ("editing",),
    "music": ("music",),
    "music by": ("music",),
    "composer": ("music",),
    "composers": ("music",),
    "composed by": ("music",),
    "score": ("music",),
    "soundtrack": ("music",),
}

ROLE_LABELS: dict[str, tuple[str, str]] = {  # role -> (singular, plural)
    "director": ("Director", "Directors"),
    "producer": ("Producer", "Producers"),
    "screenplay": ("Screenplay", "Screenplay"),
    "story": ("Story", "Story"),
    "writer": ("Writer", "Writers"),
    "cinematography": ("Cinematography", "Cinematography"),
    "editing": ("Editing", "Editing"),
    "music": ("Music", "Music"),
}

_KEYS = list(ROLE_SYNONYMS)


def roles_for(query: str) -> tuple[str, ...] | None:
    """The crew roles a typed word names ('composer' -> music), tolerating a typo; None if not a role."""
    key = fold(query)
    if key in ROLE_SYNONYMS:
        return ROLE_SYNONYMS[key]
    if len(key) < 5:  # short words ('dp', 'ed') must match exactly
        return None
    best = process.extractOne(key, _KEYS, scorer=fuzz.ratio, score_cutoff=85)
    return ROLE_SYNONYMS[best[0]] if best else None


def role_label(role: str, count: int = 1) -> str:
    singular, plural = ROLE_LABELS.get(role, (role.title(), role.title()))
    return singular if count == 1 else plural
