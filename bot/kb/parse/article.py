"""Article text -> Film: checks the input, then reads the infobox, cast, sections, quotes, reception and
home media table. Nothing here knows any particular film."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

import mwparserfromhell

from bot.kb.errors import ArticleError
from bot.kb.models import Film, Section
from bot.kb.parse.cast import parse_cast
from bot.kb.parse.context import ArticleContext
from bot.kb.parse.home_media import parse_tables
from bot.kb.parse.infobox import find_infobox, read_infobox
from bot.kb.parse.quotes import PLOT_TITLES, about_quotes, line_quotes
from bot.kb.parse.reception import parse_reception
from bot.kb.text import display

_TABLE = re.compile(r"^\{\|.*?^\|\}[^\n]*", re.MULTILINE | re.DOTALL)
_BULLETS = re.compile(r"^[*#:;]+\s*", re.MULTILINE)


def _check_text(text: str, source: str) -> None:
    where = f"{source}: " if source else ""
    if not isinstance(text, str):
        raise ArticleError(f"{where}article must be text, got {type(text).__name__}")
    if not text.strip():
        raise ArticleError(f"{where}empty article")
    bad = sum(1 for ch in text if ch not in "\n\r\t" and unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"))
    bad += text.count("\ufffd")
    if "\x00" in text or bad > max(2, len(text) // 200):
        raise ArticleError(f"{where}not a text article ({bad} control or invalid characters)")


def _slug(title: str, year: int | None) -> str:
    norm = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", norm.casefold()).strip("-") or "film"
    return f"{slug}-{year}" if year else slug


def _sections(code: mwparserfromhell.wikicode.Wikicode, text: str) -> list[tuple[str, int, str, int]]:
    """(title, level, verbatim body, body offset) for every headed section."""
    out = []
    cursor = 0
    for sec in code.get_sections(flat=True, include_lead=False):
        headings = sec.filter_headings(recursive=False)
        if not headings:
            continue
        heading = headings[0]
        raw = str(sec)
        start = text.find(raw, cursor)
        cursor = max(cursor, start)
        body_off = start + len(str(heading))
        body = text[body_off: start + len(raw)]
        lead = len(body) - len(body.lstrip())
        out.append((heading.title.strip_code().strip(), heading.level, body.strip(), body_off + lead))
    return out


def _plain(body: str, names: set[str]) -> str:
    body = _TABLE.sub(" ", body)
    body = _BULLETS.sub("", body)
    stripped = mwparserfromhell.parse(body).strip_code(keep_template_params=False)
    paragraphs = [display(p, names) for p in stripped.split("\n")]
    return "\n".join(p for p in paragraphs if p)


def parse_article(text: str, *, source: str = "") -> Film:
    """Parse one film article in the lossy wiki export format into a ``Film``."""
    _check_text(text, source)
    where = f"{source}: " if source else ""
    code = mwparserfromhell.parse(text)
    found = find_infobox(code, text)
    if found is None:
        raise ArticleError(f"{where}no infobox: not a film article")
    fields, _ib_start, _ib_end = found
    ctx = ArticleContext(text)
    sections = _sections(code, text)

    cast = []
    for title, _level, body, off in sections:
        if title.casefold().startswith("cast"):
            cast.extend(parse_cast(body, off, ctx))
    cast = [replace(c, position=i) for i, c in enumerate(cast)]

    facts = read_infobox(fields, ctx, {" ".join(c.actor.replace("'", "").split()).casefold() for c in cast}
                         | {c.actor.casefold() for c in cast})
    for credit in facts.credits:
        ctx.name_tokens.update(t for t in credit.name.split() if t[:1].isupper())
    names = ctx.name_tokens

    title = facts.title or text.strip().splitlines()[0].strip()
    title_evidence = facts.title_evidence or text.strip().splitlines()[0].strip()
    dates = [r.date for r in facts.releases]
    year = min(dates).year if dates else None

    people = [c.name for c in facts.credits if c.role in ("director", "producer", "screenplay", "writer",
                                                          "story", "cinematography", "editing", "music")]
    people += [c.actor for c in cast]
    people = list(dict.fromkeys(people))
    characters = list(dict.fromkeys(c.character for c in cast if c.character))

    out_sections, quotes, home_media = [], [], []
    for title_s, level, body, off in sections:
        plain = _plain(body, names)
        if plain:
            out_sections.append(Section(title=title_s, level=level, text=plain, evidence=body))
        low = title_s.casefold()
        if low.startswith("cast"):
            continue
        if any(k in low for k in PLOT_TITLES):
            quotes.extend(line_quotes(body, off, text, title_s, characters, names))
        elif not any(k in low for k in ("reference", "external", "see also", "further")):
            quotes.extend(about_quotes(_TABLE.sub(lambda m: " " * len(m.group(0)), body), off, text, title_s,
                                       people, names))
        if "{|" in body:
            home_media.extend(parse_tables(body))
    home_media = [replace(h, position=i) for i, h in enumerate(home_media)]
    reception = parse_reception([(t, b) for t, _lv, b, _o in sections], names)

    return Film(
        key=_slug(title, year),
        title=title,
        evidence=title_evidence,
        year=year,
        runtime_minutes=facts.runtime,
        runtime_evidence=facts.runtime_evidence,
        credits=tuple(facts.credits),
        cast=tuple(cast),
        figures=tuple(facts.figures),
        releases=tuple(facts.releases),
        home_media=tuple(home_media),
        reception=reception,
        quotes=tuple(quotes),
        sections=tuple(out_sections),
        infobox=facts.raw,
        warnings=tuple(f"{where}{w}" for w in ctx.warnings),
    )
