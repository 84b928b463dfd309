"""Fill-in-the-blank questions from the article's prose: a sentence of the plot or production sections
with one named person or character blanked out.

Conservative by design; a sentence/name pair is asked only when all of these hold:

- the section is a plot or production section (its title holds one of ``PROSE_SECTION_WORDS``); the
  lead and every other section are never used;
- the sentence is a whole sentence of running prose (see ``looks_like_prose``), 6 to 45 words, and does
  not overlap a quotation the quote templates know about, nor a cited source or its headline;
- the blank is the full name of a cast member, a crew person or a character (personal names only, two
  words or more) that the structured data states with confidence, appearing exactly once in the
  sentence in the article's verbatim form (apostrophes optional: the article writes "ORoss"), not
  running on into another capitalised word ("Peter Jason Smith");
- no other form of the same name (any of its words, its nickname, a possessive "Ridziks") is left in the
  sentence, or the question would answer itself; a name that is both a person and a character is
  skipped.

The question shows the display sentence (apostrophes restored by the parser) with ``____`` for the name;
the evidence is the verbatim sentence of the article.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from bot.kb.models import CREW_ROLES, CastMember, Film, Section
from bot.trivia import distractors as dis
from bot.trivia.aliases import fold, looks_personal, name_words
from bot.trivia.judge import CHARACTER, PERSON
from bot.trivia.templates import RANK_WORDS, Accepts, Context, Draft, confident

BLANK = "____"
MIN_WORDS = 6
MAX_WORDS = 45
PLOT_SECTION_WORDS = frozenset({"plot", "synopsis", "premise", "summary", "storyline"})
PROSE_SECTION_WORDS = PLOT_SECTION_WORDS | frozenset(
    {"production", "development", "casting", "filming", "preproduction", "postproduction", "writing", "music"}
)
# A word before a period that does not end a sentence.
ABBREVIATIONS = frozenset(RANK_WORDS) | {"mr", "mrs", "ms", "st", "jr", "sr", "vs", "no", "mt", "ft", "co"}
_MARKUP = re.compile(r"\[\[|\]\]|\{\{|\}\}|\||<|>|==")
_SENTENCE_END = re.compile(r"[.!?]+[\"\u201d]?(?=\s|$)|:\s*$")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)*[A-Za-z]$")
_WORD = re.compile(r"[^\W_][\w'\u2019.-]*")


# The same names and sentences are folded at every game start: remember them.
_fold = lru_cache(maxsize=8192)(fold)


@lru_cache(maxsize=4096)
def _name_words(name: str) -> frozenset[str]:
    return frozenset(name_words(name))


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    kind: str  # PERSON or CHARACTER
    forms: frozenset[str]  # folded words that name the same one (name words, nickname)
    member: CastMember | None = None  # the cast entry, for a character


# ---------------------------------------------------------------- sentences


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``, line by line (a line break always ends one).

    A sentence ends at ., ! or ? (with an optional closing quote) before a space and a capital letter,
    digit or quote, unless the word before is an initial ("J.W.") or a known abbreviation ("Sgt.");
    a colon ending a line ends one too. Whatever is left at the end of a line is a sentence of its own.
    """
    pos = 0
    for line in text.splitlines(keepends=True):
        start = 0
        for m in _SENTENCE_END.finditer(line):
            if not _ends_sentence(line, start, m):
                continue
            yield from _trimmed(line, pos + start, start, m.end())
            start = m.end()
        yield from _trimmed(line, pos + start, start, len(line))
        pos += len(line)


def _ends_sentence(line: str, start: int, m: re.Match) -> bool:
    if m.group().startswith(":"):
        return True
    before = line[start : m.start()].rsplit(None, 1)
    word = before[-1].lstrip("(\"'\u201c") if before else ""
    if m.group().startswith(".") and (_INITIALS.match(word) or word.lower() in ABBREVIATIONS):
        return False
    rest = line[m.end() :].lstrip()
    return not rest or rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"\u201c'"


def _trimmed(line: str, base: int, start: int, end: int) -> Iterator[tuple[int, int]]:
    piece = line[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        yield base + lead, base + lead + len(stripped)


def looks_like_prose(sentence: str) -> bool:
    """A whole sentence of running prose, not a fragment, headline or reference.

    It starts with a capital letter, a digit or an opening quote; it ends with ., ! or ? (or a colon
    introducing a quotation); its double quotes are balanced; and at least three of its words, and at
    least a third of them, start with a lowercase letter (headlines and citations are mostly capitals).
    """
    if not sentence or not (sentence[0].isupper() or sentence[0].isdigit() or sentence[0] in '"\u201c'):
        return False
    if not re.search(r"[.!?][\"\u201d]?$|:$", sentence):
        return False
    if (sentence.count('"') % 2) or sentence.count("\u201c") != sentence.count("\u201d"):
        return False
    words = _WORD.findall(sentence)
    lower = sum(1 for w in words if w[0].islower())
    return lower >= 3 and lower * 3 >= len(words)


def _spans(haystack: str, needles: set[str]) -> list[tuple[int, int]]:
    out = []
    for needle in needles:
        if not needle.strip():
            continue
        start = haystack.find(needle)
        while start != -1:
            out.append((start, start + len(needle)))
            start = haystack.find(needle, start + 1)
    return out


def _prose_sentences(film: Film, section: Section, keys: frozenset[str]) -> Iterator[tuple[str, str]]:
    """(verbatim sentence, display sentence) pairs of a section that may be asked about and that hold
    one of ``keys`` (a cheap substring filter applied before the costlier checks)."""
    evidence = section.evidence
    if not _holds(evidence, keys):
        return
    taken: set[str] = set()
    for quote in film.quotes:
        taken.add(quote.evidence)
        if quote.citation:
            taken.add(quote.citation.evidence)
            taken.update(line for line in quote.citation.evidence.splitlines() if len(line.strip()) > 3)
            if quote.citation.headline:
                taken.add(quote.citation.headline)
    blocked = _spans(evidence, taken)
    display: dict[str, str] | None = None
    for start, end in split_sentences(evidence):
        verbatim = evidence[start:end]
        if not _holds(verbatim, keys) or any(s < end and start < e for s, e in blocked):
            continue
        if display is None:
            display = {}
            for d_start, d_end in split_sentences(section.text):
                text = section.text[d_start:d_end]
                display.setdefault(_fold(text), text)
        shown = display.get(_fold(verbatim))
        if shown is None or _MARKUP.search(verbatim) or not looks_like_prose(shown):
            continue
        if MIN_WORDS <= len(shown.split()) <= MAX_WORDS:
            yield verbatim, shown


def _holds(text: str, keys: frozenset[str]) -> bool:
    return any(key in text for key in keys)


def _key(name: str) -> str:
    """The longest piece of a name without apostrophes: found in the sentence whatever its apostrophes."""
    return max(re.split(r"[\s'\u2019]+", name), key=len)


def is_prose_section(section: Section) -> bool:
    return bool(set(_fold(section.title.replace("-", "")).split()) & PROSE_SECTION_WORDS)


def is_plot_section(section: Section) -> bool:
    return bool(set(_fold(section.title).split()) & PLOT_SECTION_WORDS)


# ---------------------------------------------------------------- names


def _entities(ctx: Context) -> list[Entity]:
    """The full names the structured data states with confidence, each of one kind only."""
    film = ctx.film
    kinds: dict[str, set[str]] = {}
    safe_people: dict[str, str] = {}
    for member in film.cast:
        if member.actor:
            kinds.setdefault(_fold(member.actor), set()).add(PERSON)
            if confident(member):
                safe_people.setdefault(_fold(member.actor), member.actor)
        if member.character:
            kinds.setdefault(_fold(member.character), set()).add(CHARACTER)
    for credit in film.credits:
        if credit.role in CREW_ROLES:
            kinds.setdefault(_fold(credit.name), set()).add(PERSON)
            if confident(credit):
                safe_people.setdefault(_fold(credit.name), credit.name)
    by_character = Counter(_fold(m.character) for m in film.cast if m.character)
    out = [
        Entity(name, PERSON, _name_words(name))
        for key, name in safe_people.items()
        if kinds[key] == {PERSON} and len(_name_words(name)) >= 2
    ]
    for m in ctx.cast:
        key = _fold(m.character)
        if kinds[key] != {CHARACTER} or by_character[key] != 1 or not confident(m):
            continue
        if len(_name_words(m.character)) < 2 or not looks_personal(
            m.character, rank=m.rank, nickname=m.nickname
        ):
            continue
        forms = _name_words(m.character) | _name_words(m.nickname or "")
        out.append(Entity(m.character, CHARACTER, frozenset(forms), m))
    return out


@lru_cache(maxsize=4096)
def name_pattern(name: str) -> re.Pattern[str]:
    """The name as the article may write it: apostrophes optional, any run of spaces, whole words."""
    parts = []
    for ch in name.strip():
        if ch in "'\u2019":
            parts.append("['\u2019]?")
        elif ch.isspace():
            parts.append(r"\s+")
        else:
            parts.append(re.escape(ch))
    return re.compile(r"(?<![\w'\u2019])" + "".join(parts) + r"(?![\w'\u2019]*\w)")


def _single(pattern: re.Pattern[str], sentence: str) -> re.Match | None:
    matches = list(pattern.finditer(sentence))
    if len(matches) != 1:
        return None
    m = matches[0]
    if re.match(r"[ \t]+[A-Z]", sentence[m.end() :]):
        return None  # the name runs on: "Peter Jason Smith"
    return m


def _capitalised_words(text: str) -> set[str]:
    """Folded words of ``text`` written with a capital, each also without a possessive s ('Ridziks')."""
    words = set()
    for raw in _WORD.findall(text):
        if raw[0].isupper():
            word = _fold(raw)
            words.add(word)
            if word.endswith("s"):
                words.add(word[:-1])
    return words


# ---------------------------------------------------------------- questions


def cloze_questions(ctx: Context) -> Iterator[Draft]:
    film = ctx.film
    sections = [s for s in film.sections if is_prose_section(s)]
    entities = _entities(ctx) if sections else []
    if not entities:
        return
    patterns = {e.name: name_pattern(e.name) for e in entities}
    key_of = {e.name: _key(e.name) for e in entities}
    keys = frozenset(key_of.values())
    for section in sections:
        difficulty = 2 if is_plot_section(section) else 3
        for verbatim, shown in _prose_sentences(film, section, keys):
            for entity in entities:
                if key_of[entity.name] not in verbatim:
                    continue
                pattern = patterns[entity.name]
                m = _single(pattern, verbatim)
                shown_m = m and _single(pattern, shown)
                if not m or not shown_m:
                    continue
                rest = verbatim[: m.start()] + " " + verbatim[m.end() :]
                words = _capitalised_words(rest)
                if words & entity.forms:
                    continue  # another form of the same name gives the answer away
                cloze = shown[: shown_m.start()] + BLANK + shown[shown_m.end() :]
                yield _draft(
                    ctx,
                    section,
                    entity,
                    verbatim,
                    cloze.removesuffix(":").rstrip(),
                    words,
                    difficulty,
                )


def _draft(
    ctx: Context,
    section: Section,
    entity: Entity,
    verbatim: str,
    cloze: str,
    words: set[str],
    difficulty: int,
) -> Draft:
    if entity.kind == PERSON:
        in_cast = entity.name in ctx.actors
        pools = [ctx.actors, ctx.crew_people] if in_cast else [ctx.crew_people, ctx.actors]
        aliases = ctx.person_aliases(entity.name)
    else:
        assert entity.member is not None
        personal = [
            m.character for m in ctx.cast if looks_personal(m.character, rank=m.rank, nickname=m.nickname)
        ]
        pools = [personal, ctx.characters]
        aliases = ctx.character_aliases(entity.member)
    # no name the sentence already holds ("Walter Hill says he and ____ ...") is a plausible choice
    pools = [[n for n in pool if not _name_words(n) & words] for pool in pools]
    answer = entity.name

    def distract(rng: random.Random, accepts: Accepts) -> list[str] | None:
        return dis.pick_names(pools, answer, accepts, rng)

    return Draft(
        f"cloze.{entity.kind}",
        f"{_fold(answer)}|{_fold(verbatim)}",
        entity.kind,
        f'Fill in the blank ({ctx.title}, {section.title}): "{cloze}"',
        answer,
        aliases,
        verbatim,
        difficulty,
        distract,
    )
