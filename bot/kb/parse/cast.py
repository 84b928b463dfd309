"""The Cast section: "Actor as Role" entries in billing order, several of them run together on a line.

A line "A as R1 B as R2" is cut at each " as "; a middle piece "R1 B" holds the end of one role and the
next actor. The cut point is chosen by scoring every token boundary: the actor side as a person name
(names stated elsewhere in the article, a first-name prior, length), the role side as a character
(not ending in a first name, last word used elsewhere in the article). The margin to the runner-up is
the entry's confidence.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from bot.kb.models import CastMember
from bot.kb.parse.context import ArticleContext
from bot.kb.parse.names import LOW_MARGIN, first_name_score, is_initial, margin_confidence, person_score
from bot.kb.parse.roles import PREFIX_ONLY, RANKS, parse_role, rank_length
from bot.kb.text import restore_apostrophes

_TOKEN = re.compile(r'"[^"\n]*"|[^\s"]+"?|"')
_AS = re.compile(r"\s+as\s+")
_BULLET = re.compile(r"^[*#:]+[ \t]*", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int
    end: int


def _tokens(line: str, start: int, end: int) -> list[_Tok]:
    return [_Tok(m.group(0), start + m.start(), start + m.end()) for m in _TOKEN.finditer(line[start:end])]


def _role_score(toks: list[str], ctx: ArticleContext, local: str) -> float:
    if not toks:
        return -math.inf
    last = toks[-1]
    if is_initial(last) or last in RANKS or last in PREFIX_ONLY:
        return -math.inf
    body = toks[rank_length(toks):]
    score = 0.0
    if last.startswith('"'):
        score -= 1.5
    if len(body) > 1:
        score -= 1.5 * first_name_score(last)
    word = last.strip('".,')
    if word[:1].isupper() and ctx.stated_elsewhere(word, local):
        score += 1.0
    return score


def _actor_score(toks: list[str], ctx: ArticleContext, local: str) -> float:
    if any('"' in t for t in toks):
        return -math.inf
    return person_score(toks, lambda phrase: ctx.stated_elsewhere(phrase, local))


def _split_piece(toks: list[_Tok], ctx: ArticleContext, local: str) -> tuple[int, float]:
    """Best cut of a middle piece into role | actor: (index of the first actor token, margin)."""
    words = [t.text for t in toks]

    def truncated(j: int) -> float:
        # the actor candidate is the tail of a longer name the article states ("Ray Tolliver")
        longer = " ".join(words[j - 1:])
        return -3.0 if j > 1 and '"' not in longer and ctx.stated_elsewhere(longer, local) else 0.0

    scored = sorted(
        (
            (_role_score(words[:j], ctx, local) + _actor_score(words[j:], ctx, local) + truncated(j), j)
            for j in range(1, len(words))
        ),
        reverse=True,
    )
    if not scored or scored[0][0] == -math.inf:
        return -1, 0.0
    margin = scored[0][0] - scored[1][0] if len(scored) > 1 else math.inf
    return scored[0][1], margin


def parse_cast(body: str, offset: int, ctx: ArticleContext) -> list[CastMember]:
    """Cast entries from a Cast section body starting at ``offset`` in the article text."""
    entries: list[tuple[int, int, int, int, float]] = []  # actor start/end, role start/end (abs), margin
    for line_m in re.finditer(r"[^\n]+", body):
        line = line_m.group(0)
        bullet = _BULLET.match(line)
        if not bullet:
            continue
        base = offset + line_m.start()
        content_start = bullet.end()
        content_end = len(line.rstrip())
        cuts = [m for m in _AS.finditer(line, content_start, content_end)]
        if not cuts:
            continue
        pieces = []
        prev = content_start
        for m in cuts:
            pieces.append((prev, m.start(), m.end()))
            prev = m.end()
        pieces.append((prev, content_end, content_end))
        actor = (pieces[0][0], pieces[0][1])
        margin_in = math.inf
        for k in range(1, len(pieces)):
            start, end, _ = pieces[k]
            if k == len(pieces) - 1:
                entries.append((base + actor[0], base + actor[1], base + start, base + end, margin_in))
                break
            toks = _tokens(line, start, end)
            j, margin = _split_piece(toks, ctx, line)
            if j < 0:
                ctx.warn(f"cast line could not be split: {line.strip()!r}")
                entries.append((base + actor[0], base + actor[1], base + start, base + end, 0.0))
                break
            role_end = toks[j - 1].end
            entries.append((base + actor[0], base + actor[1], base + start, base + role_end, min(margin_in, margin)))
            actor = (toks[j].start, end)
            margin_in = margin
    text = ctx.text
    for a0, a1, _r0, r1, _m in entries:
        for tok in text[a0:a1].split():
            ctx.name_tokens.add(tok)
        for tok in parse_role(text[_r0:r1]).character.split():
            if tok[:1].isupper():
                ctx.name_tokens.add(tok)
    cast: list[CastMember] = []
    for pos, (a0, a1, r0, r1, margin) in enumerate(entries):
        role = parse_role(text[r0:r1])
        names = ctx.name_tokens
        cast.append(
            CastMember(
                position=pos,
                actor=restore_apostrophes(" ".join(text[a0:a1].split()), names),
                character=restore_apostrophes(role.character, names),
                evidence=text[a0:r1],
                rank=role.rank,
                nickname=restore_apostrophes(role.nickname, names) if role.nickname else None,
                description=restore_apostrophes(role.description, names) if role.description else None,
                confidence=margin_confidence(margin),
                low_margin=margin < LOW_MARGIN,
            )
        )
    return cast
