"""The film infobox: title, crew and entity credits, release dates, runtime and money/admission figures."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

import mwparserfromhell
import pycountry

from bot.kb.models import Credit, Figure, ReleaseEvent
from bot.kb.parse.context import ArticleContext
from bot.kb.parse.dates import DATE_RE, date_from_match
from bot.kb.parse.gazetteer import (
    COMPANY_SUFFIXES,
    country_name,
    greedy_split,
    language_name,
    split_companies,
)
from bot.kb.parse.names import LOW_MARGIN, margin_confidence, person_score, segment_people
from bot.kb.text import collapse_ws, restore_apostrophes

# Field name -> role. Fields not listed here nor in _OTHER_FIELDS are kept and warned about.
_CREW_FIELDS = {
    "director": "director", "directed_by": "director", "producer": "producer", "producers": "producer",
    "screenplay": "screenplay", "writer": "writer", "writers": "writer", "story": "story",
    "cinematography": "cinematography", "editing": "editing", "editor": "editing", "music": "music",
}
_ENTITY_FIELDS = {
    "studio": "studio", "studios": "studio", "production_companies": "studio", "production_company": "studio",
    "distributor": "distributor", "distributors": "distributor", "country": "country", "countries": "country",
    "language": "language", "languages": "language",
}
_OTHER_FIELDS = frozenset(
    ["name", "image", "image_size", "image_upright", "alt", "caption", "border", "based_on", "starring", "narrator", "released", "release_date", "release_dates", "runtime", "running_time", "budget", "gross", "awards", "italic_title"]
)
_SEPARATORS = re.compile(r"\s*(?:<br\s*/?>|\n\s*\*|,|;|\n)\s*", re.IGNORECASE)
_MULT = {"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
_SYMBOLS = {"US$": "USD", "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR"}
_MONEY = re.compile(
    r"(?P<sym>US\$|\$|£|€|¥|₹)\s?(?P<num>\d[\d,]*(?:\.\d+)?)(?:[ \t](?P<mult>thousand|million|billion|m|bn)\b)?"
    r"(?:[ \t](?P<code>[A-Z]{3})\b)?(?:[ \t]?\((?P<q>[^()\n]*)\))?"
)
_ADMISSIONS = re.compile(
    r"(?P<num>\d[\d,]*(?:\.\d+)?)(?:[ \t](?P<mult>thousand|million)\b)?[ \t]+admissions\b"
    r"(?:[ \t]?\((?P<q>[^()\n]*)\))?",
    re.IGNORECASE,
)
_ORPHAN_CODE = re.compile(r"(?<![\w$£€])(?P<code>[A-Z]{3})[ \t]?\((?P<q>[^()\n]*)\)")
_RUNTIME = re.compile(r"(\d+)\s*(?:min\b|minutes\b|mins\b)", re.IGNORECASE)
_QUALIFIER = re.compile(r"[ \t]*\(([^()\n]*)\)")


@dataclass
class InfoboxField:
    name: str  # normalised field name
    raw_name: str
    value: str  # raw value, stripped
    evidence: str  # the verbatim "| name = value" line(s), stripped
    value_start: int  # offset of ``value`` in the article text


def find_infobox(code: mwparserfromhell.wikicode.Wikicode, text: str) -> tuple[list[InfoboxField], int, int] | None:
    """The infobox fields and the infobox span, or None when the article (parsed as ``code``) has none."""
    for tpl in code.filter_templates(recursive=False):
        if str(tpl.name).strip().casefold().startswith("infobox"):
            raw = str(tpl)
            start = text.find(raw)
            fields: list[InfoboxField] = []
            cursor = start
            for param in tpl.params:
                chunk = "|" + str(param)
                pos = text.find(chunk, cursor)
                if pos < 0:
                    continue
                cursor = pos + len(chunk)
                raw_name = str(param.name)
                value = str(param.value)
                lead = len(value) - len(value.lstrip())
                value_start = pos + 1 + len(raw_name) + (1 if param.showkey else 0) - (0 if param.showkey else 1)
                value_start += lead
                fields.append(
                    InfoboxField(
                        name=raw_name.strip().casefold().replace(" ", "_"),
                        raw_name=raw_name.strip(),
                        value=value.strip(),
                        evidence=chunk.strip(),
                        value_start=value_start,
                    )
                )
            return fields, start, start + len(raw)
    return None


def _people(field: InfoboxField, role: str, ctx: ArticleContext, cast_actors: set[str]) -> list[Credit]:
    value = field.value
    parts = [p for p in _SEPARATORS.split(value) if p.strip()]
    has_separators = len(parts) > 1
    credits: list[Credit] = []
    for part in parts:
        tokens = part.split()
        seg = segment_people(tokens, lambda phrase: ctx.stated_elsewhere(phrase, field.evidence))
        if seg is None:
            ctx.warn(f"infobox field {field.raw_name!r}: could not read names in {part.strip()!r}")
            spans = [(0, len(tokens), 0.3, True)]
        else:
            spans = [(s.start, s.end, s.confidence, s.low_margin) for s in seg.segments]
        for a, b, conf, low in spans:
            name = " ".join(tokens[a:b])
            if not has_separators and name.casefold() in cast_actors:
                # a cast member inside a crew field with no separators: probably a merged list
                conf, low = min(conf, 0.3), True
            credits.append(
                Credit(
                    role=role,
                    name=restore_apostrophes(name, ctx.name_tokens),
                    position=len(credits),
                    evidence=field.evidence,
                    raw_field=value,
                    confidence=conf,
                    low_margin=low,
                )
            )
    return credits


def _entities(field: InfoboxField, role: str, ctx: ArticleContext) -> list[Credit]:
    credits: list[Credit] = []
    for part in (p for p in _SEPARATORS.split(field.value) if p.strip()):
        tokens = part.split()
        if role in ("country", "language"):
            lookup = country_name if role == "country" else language_name
            spans = [(a, b, 1.0 if ok else 0.4) for a, b, ok in greedy_split(tokens, lookup)]
            for a, b, conf in spans:
                if conf < 1:
                    ctx.warn(f"infobox field {field.raw_name!r}: unknown {role} {' '.join(tokens[a:b])!r}")
        else:
            groups = split_companies(tokens)
            spans = []
            for a, b in groups:
                named = tokens[b - 1] in COMPANY_SUFFIXES or b - a == 1
                spans.append((a, b, 1.0 if named or len(groups) == 1 else 0.6))
        for a, b, conf in spans:
            credits.append(
                Credit(
                    role=role,
                    name=" ".join(tokens[a:b]),
                    position=len([c for c in credits]),
                    evidence=field.evidence,
                    raw_field=field.value,
                    confidence=conf,
                    low_margin=conf < 1,
                )
            )
    return credits


def _releases(field: InfoboxField, text: str) -> list[ReleaseEvent]:
    events = []
    value_text = text[field.value_start: field.value_start + len(field.value)]
    for m in DATE_RE.finditer(value_text):
        date = date_from_match(m)
        if date is None:
            continue
        end = m.end()
        qualifier = None
        q = _QUALIFIER.match(value_text, end)
        if q:
            qualifier = collapse_ws(q.group(1)) or None
            end = q.end()
        country = country_name(qualifier) and qualifier if qualifier else None
        kind = "premiere" if qualifier and "premiere" in qualifier.casefold() else "release"
        events.append(ReleaseEvent(kind=kind, date=date, evidence=value_text[m.start(): end],
                                   qualifier=qualifier, country=country))
    return events


def _amount(num: str, mult: str | None) -> float:
    return float(num.replace(",", "")) * _MULT.get((mult or "").casefold(), 1.0)


def _figures(field: InfoboxField, text: str, ctx: ArticleContext) -> list[Figure]:
    value_text = text[field.value_start: field.value_start + len(field.value)]
    figures: list[tuple[int, Figure]] = []
    taken: list[tuple[int, int]] = []
    for m in _MONEY.finditer(value_text):
        code = m.group("code")
        currency = code if code and pycountry.currencies.get(alpha_3=code) else _SYMBOLS[m.group("sym")]
        end = m.end() if code is None or currency == code else m.start("code") - 1
        kind = "gross" if field.name == "gross" or any(f.kind == "budget" for _, f in figures) else "budget"
        figures.append((m.start(), Figure(kind=kind, amount=_amount(m.group("num"), m.group("mult")),
                                          unit=currency, evidence=value_text[m.start(): end].strip(),
                                          qualifier=collapse_ws(m.group("q")) if m.group("q") else None)))
        taken.append((m.start(), end))
    for m in _ADMISSIONS.finditer(value_text):
        figures.append((m.start(), Figure(kind="admissions", amount=_amount(m.group("num"), m.group("mult")),
                                          unit="people", evidence=m.group(0).strip(),
                                          qualifier=collapse_ws(m.group("q")) if m.group("q") else None)))
        taken.append((m.start(), m.end()))
    for m in _ORPHAN_CODE.finditer(value_text):
        if pycountry.currencies.get(alpha_3=m.group("code")) and not any(a <= m.start() < b for a, b in taken):
            ctx.warn(f"infobox field {field.raw_name!r}: {collapse_ws(m.group(0))!r} has no figure (lost in the export)")
    return [f for _, f in sorted(figures, key=lambda x: x[0])]


@dataclass
class InfoboxFacts:
    title: str | None
    title_evidence: str | None
    credits: list[Credit]
    releases: list[ReleaseEvent]
    figures: list[Figure]
    runtime: int | None
    runtime_evidence: str | None
    raw: dict[str, str]


def read_infobox(fields: list[InfoboxField], ctx: ArticleContext, cast_actors: set[str]) -> InfoboxFacts:
    facts = InfoboxFacts(None, None, [], [], [], None, None, {})
    text = ctx.text
    by_role: dict[str, list[Credit]] = {}
    for f in fields:
        facts.raw[f.raw_name] = f.value
        if f.name in _CREW_FIELDS or f.name in _ENTITY_FIELDS:
            pass
        elif f.name not in _OTHER_FIELDS:
            ctx.warn(f"unknown infobox field {f.raw_name!r} kept as is")
            continue
        if not f.value:
            continue
        if f.name == "name":
            facts.title, facts.title_evidence = collapse_ws(f.value), f.evidence
        elif f.name in _CREW_FIELDS:
            by_role.setdefault(_CREW_FIELDS[f.name], []).extend(_people(f, _CREW_FIELDS[f.name], ctx, cast_actors))
        elif f.name in _ENTITY_FIELDS:
            by_role.setdefault(_ENTITY_FIELDS[f.name], []).extend(_entities(f, _ENTITY_FIELDS[f.name], ctx))
        elif f.name in ("released", "release_date", "release_dates"):
            facts.releases.extend(_releases(f, text))
            if not facts.releases:
                ctx.warn(f"infobox field {f.raw_name!r}: no date in {f.value!r}")
        elif f.name in ("runtime", "running_time"):
            m = _RUNTIME.search(f.value)
            if m:
                facts.runtime, facts.runtime_evidence = int(m.group(1)), m.group(0)
            else:
                ctx.warn(f"infobox field {f.raw_name!r}: no runtime in {f.value!r}")
        elif f.name in ("budget", "gross"):
            facts.figures.extend(_figures(f, text, ctx))
    if "director" not in by_role:
        inferred = _director_from_caption(fields, by_role, ctx)
        if inferred:
            by_role["director"] = [inferred]
    for role_credits in by_role.values():
        for i, c in enumerate(role_credits):
            facts.credits.append(c if c.position == i else replace(c, position=i))
    return facts


def _director_from_caption(fields: list[InfoboxField], by_role: dict[str, list[Credit]],
                           ctx: ArticleContext) -> Credit | None:
    """A crew member's name glued onto the poster caption: at most an inferred, low-confidence director."""
    caption = next((f for f in fields if f.name == "caption" and f.value), None)
    if caption is None:
        return None
    tokens = caption.value.split()
    crew = {c.name: c for cs in by_role.values() for c in cs if c.role != "story"}
    for n in (3, 2):
        name = " ".join(tokens[-n:])
        if len(tokens) > n and name in crew and person_score(tokens[-n:]) > -math.inf:
            return Credit(role="director", name=name, position=0, evidence=caption.evidence,
                          raw_field=caption.value, confidence=0.3, low_margin=True, inferred=True)
    return None


__all__ = ["InfoboxFacts", "InfoboxField", "find_infobox", "read_infobox", "LOW_MARGIN", "margin_confidence"]
