"""Answers for the lookup commands, built from Film objects as pages (embeds as data).

Every article-sourced or user-typed string passes through :func:`bot.lookup.text.escape`; everything
long is paginated by :mod:`bot.lookup.pages`. Nothing here knows which film it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.kb.models import CREW_ROLES, CastMember, Citation, Credit, Figure, Film, HomeMediaRelease, Quote
from bot.lookup import limits
from bot.lookup.pages import Answer, Field, message, paginate_fields, paginate_lines, paginate_text
from bot.lookup.releases import ReleaseMatches
from bot.lookup.roles import role_label
from bot.lookup.text import echo, escape, fold, format_date, ordinal

PLOT_SECTIONS = ("plot", "synopsis", "plot summary", "summary", "premise")
SYNOPSIS_TEASER = 300  # characters of the synopsis shown by the overview


# ---------------------------------------------------------------- names of things


def film_name(film: Film) -> str:
    return f"{film.title} ({film.year})" if film.year else film.title


def character_name(member: CastMember) -> str:
    """'Capt. Ivan Danko', 'Viktor "Rosta" Rostavili', 'Night Clerk'."""
    name = member.character
    if member.nickname:
        first, _, rest = name.partition(" ")
        name = f'{first} "{member.nickname}" {rest}' if rest else f'{name} "{member.nickname}"'
    return f"{member.rank} {name}" if member.rank else name


def cast_line(member: CastMember) -> str:
    """'Arnold Schwarzenegger as Capt. Ivan Danko' (plus the article's description of the role)."""
    line = f"{member.actor} as {character_name(member)}"
    return f"{line}, {member.description}" if member.description else line


def inferred_note(credit: Credit) -> str:
    """'inferred: the article has no director field; read from its caption “...”'."""
    source = credit.evidence.strip()
    field, sep, value = source.lstrip("|").partition("=")
    where = f"its {field.strip()} “{value.strip()}”" if source.startswith("|") and sep else f"“{source}”"
    return f"inferred: the article has no {role_label(credit.role).lower()} field; read from {escape(where)}"


def credit_notes(credit: Credit) -> list[str]:
    """What is uncertain about a credit: inferred rather than stated, or a close call splitting a field."""
    if credit.inferred:
        return [inferred_note(credit)]
    if credit.low_margin:
        return [f"uncertain split of “{escape(credit.raw_field or credit.evidence)}”"]
    return []


def credit_line(credit: Credit) -> str:
    """A crew credit's name, with what the article does not state plainly labelled as such."""
    notes = credit_notes(credit)
    return escape(credit.name) + (f" ({'; '.join(notes)})" if notes else "")


def _footer(film: Film, show_film: bool, extra: str = "") -> str:
    parts = [extra] if extra else []
    if show_film:
        parts.append(film_name(film))
    return " · ".join(parts)


def _titled(title: str, film: Film, show_film: bool) -> str:
    return f"{title} — {film_name(film)}" if show_film else title


# ---------------------------------------------------------------- cast


def cast_list(film: Film, *, show_film: bool = False) -> Answer:
    if not film.cast:
        return message(f"Cast of {film_name(film)}", "The article lists no cast.", kind="none")
    lines = [f"{m.position + 1}. {escape(cast_line(m))}" for m in sorted(film.cast, key=lambda m: m.position)]
    pages = paginate_lines(
        f"Cast of {film_name(film)}", lines, footer=f"{len(lines)} credited, in billing order"
    )
    return Answer(tuple(pages))


def cast_member(film: Film, member: CastMember, *, show_film: bool = False) -> Answer:
    lines = []
    if member.nickname:
        lines.append(f"**Nickname:** {escape(member.nickname)}")
    if member.description:
        lines.append(f"**Character:** {escape(member.description)}")
    lines.append(f"**Billing:** {ordinal(member.position + 1)} of {len(film.cast)}")
    crew = [c for c in film.crew if _same_person(c.name, member.actor)]
    if crew:
        lines.append(f"**Also credited for:** {_roles_text(crew)}")
    title = f"{member.actor} as {character_name(member)}"
    return Answer(tuple(paginate_lines(escape(title), lines, footer=_footer(film, show_film))))


def _same_person(a: str, b: str) -> bool:
    return fold(a) == fold(b)


def _roles_text(credits: Sequence[Credit]) -> str:
    parts = []
    for c in credits:
        label = role_label(c.role).lower()
        if c.inferred:
            label += " (inferred)"
        if c.low_margin:
            label += " (uncertain split)"
        parts.append(label)
    return ", ".join(dict.fromkeys(parts))


# ---------------------------------------------------------------- crew


def crew_overview(film: Film, *, show_film: bool = False) -> Answer:
    fields = []
    for role in CREW_ROLES:
        credits = sorted(film.credits_for(role), key=lambda c: c.position)
        if credits:
            fields.append(Field(role_label(role, len(credits)), "\n".join(credit_line(c) for c in credits)))
    if not fields:
        return message(f"Crew of {film_name(film)}", "The article lists no crew.", kind="none")
    return Answer(
        tuple(paginate_fields(f"Crew of {film_name(film)}", fields, footer=_footer(film, show_film)))
    )


def crew_for_roles(film: Film, roles: Sequence[str], *, show_film: bool = False) -> Answer:
    fields = []
    for role in roles:
        credits = sorted(film.credits_for(role), key=lambda c: c.position)
        if credits:
            fields.append(Field(role_label(role, len(credits)), "\n".join(credit_line(c) for c in credits)))
    label = role_label(roles[0], 2)
    if not fields:
        return message(
            _titled(label, film, show_film),
            f"The article for {film_name(film)} names no {label.lower()}.",
            kind="none",
        )
    if len(fields) == 1:
        title = f"{fields[0].name} of {film_name(film)}"
        return Answer(
            tuple(paginate_lines(title, fields[0].value.split("\n"), footer=_footer(film, show_film)))
        )
    title = f"{label} of {film_name(film)}"
    return Answer(tuple(paginate_fields(title, fields, footer=_footer(film, show_film))))


def person_credits(film: Film, name: str, *, show_film: bool = False) -> Answer:
    """Everything one person did on the film: crew roles and cast parts."""
    crew = sorted(
        (c for c in film.crew if _same_person(c.name, name)), key=lambda c: CREW_ROLES.index(c.role)
    )
    cast = [m for m in film.cast if _same_person(m.actor, name)]
    lines = []
    for c in crew:
        notes = credit_notes(c)
        lines.append(f"**{role_label(c.role)}**" + (f" ({'; '.join(notes)})" if notes else ""))
    lines.extend(f"**Cast:** as {escape(character_name(m))}" for m in cast)
    if not lines:
        return message(escape(name), f"No credits in {film_name(film)}.", kind="none")
    return Answer(tuple(paginate_lines(escape(name), lines, footer=_footer(film, show_film))))


# ---------------------------------------------------------------- quotes


def citation_text(c: Citation) -> str:
    parts = []
    if c.author:
        parts.append(c.author.rstrip(".") + ".")
    if c.headline:
        parts.append(f"“{c.headline}”.")
    tail = [p for p in (c.publication, format_date(c.date) if c.date else None) if p]
    if c.page:
        tail.append(f"p. {c.page}")
    if tail:
        parts.append(", ".join(tail) + ".")
    return " ".join(parts)


def quote_block(q: Quote) -> str:
    """The quote, then who said it, whether in the film or about it, and where it is cited."""
    who = escape(q.speaker) if q.speaker else "Unattributed"
    kind = "a line from the film" if q.kind == "line" else "said about the film"
    lines = [f"“{escape(q.text)}”", f"— {who}, {kind}"]
    if q.citation:
        lines.append(f"Source: {escape(citation_text(q.citation))}")
    elif q.section:
        lines.append(f"Source: the article's {escape(q.section)} section")
    return "\n".join(lines)


def quotes_answer(film: Film, quotes: Sequence[Quote], heading: str, *, show_film: bool = False) -> Answer:
    blocks = [quote_block(q) + "\n" for q in quotes]
    footer = _footer(film, show_film, f"{len(quotes)} quote{'s' if len(quotes) != 1 else ''}")
    return Answer(tuple(paginate_lines(heading, blocks, per_page=4, footer=footer)))


# ---------------------------------------------------------------- releases


def release_event_line(kind: str, date, qualifier: str | None, country: str | None) -> str:
    line = f"**{kind.capitalize()}:** {format_date(date)}"
    if country:
        line += f", {escape(country)}"
    if qualifier and qualifier.casefold() != kind.casefold():
        line += f" ({escape(qualifier)})"
    return line


def home_media_line(r: HomeMediaRelease) -> str:
    parts = [r.medium or "Unknown medium"]
    parts += [p for p in (format_date(r.date) if r.date else None, r.country, r.publisher) if p]
    line = escape(" · ".join(parts))
    if r.pack_name:
        line += f" — part of {escape(_pack_text(r))}"
    return line


def _pack_text(r: HomeMediaRelease) -> str:
    if r.pack_titles:
        return f"{r.pack_name}: {', '.join(r.pack_titles)}"
    return r.pack_name or ""


HOME_MEDIA_FIELDS = (
    ("Date", "date"),
    ("Country", "country"),
    ("Publisher", "publisher"),
    ("Format", "format"),
    ("Region", "region"),
    ("Ratio", "ratio"),
    ("Resolution", "resolution"),
    ("Audio", "audio"),
    ("Subtitles", "subtitles"),
    ("Notes", "notes"),
)


def home_media_details(r: HomeMediaRelease, *, with_date: bool = True) -> str:
    """Every field the article has for one release, pack contents included."""
    lines = []
    for label, attr in HOME_MEDIA_FIELDS:
        value = getattr(r, attr)
        if value and (with_date or attr != "date"):
            text = format_date(value) if attr == "date" else value
            lines.append(f"**{label}:** {escape(text)}")
    if r.pack_name:
        lines.append(f"**Pack:** {escape(_pack_text(r))}")
    return "\n".join(lines) or "No details in the article."


def releases_overview(film: Film, *, show_film: bool = False) -> Answer:
    fields = []
    events = sorted(film.releases, key=lambda e: e.date)
    if events:
        fields.append(
            Field(
                "Premiere and release",
                "\n".join(release_event_line(e.kind, e.date, e.qualifier, e.country) for e in events),
            )
        )
    if film.home_media:
        fields.append(Field("Home media", "\n".join(home_media_line(r) for r in film.home_media)))
    if not fields:
        return message(f"Releases of {film_name(film)}", "The article lists no release dates.", kind="none")
    footer = _footer(film, show_film, "!release <medium|country|year|publisher> for every detail")
    return Answer(tuple(paginate_fields(f"Releases of {film_name(film)}", fields, footer=footer)))


def release_details(film: Film, found: ReleaseMatches, query: str, *, show_film: bool = False) -> Answer:
    title = f"Releases of {film_name(film)} matching {echo(query, 60)}"
    if not found:
        media = sorted({r.medium for r in film.home_media if r.medium})
        publishers = sorted({r.publisher for r in film.home_media if r.publisher})
        hint = []
        if media:
            hint.append(f"Media: {escape(', '.join(media))}")
        if publishers:
            hint.append(f"Publishers: {escape(', '.join(publishers))}")
        return message(
            title,
            "\n".join([f"No release of {film_name(film)} matches {echo(query)}.", *hint]),
            kind="none",
        )
    fields = []
    if found.events:
        lines = [release_event_line(e.kind, e.date, e.qualifier, e.country) for e in found.events]
        fields.append(Field("Premiere and release", "\n".join(lines)))
    for r in found.home_media:
        name = " — ".join(p for p in (r.medium, format_date(r.date) if r.date else None) if p) or "Home media"
        fields.append(Field(escape(name), home_media_details(r, with_date=False)))
    count = len(found.events) + len(found.home_media)
    footer = _footer(film, show_film, f"{count} release{'s' if count != 1 else ''}")
    return Answer(tuple(paginate_fields(title, fields, footer=footer, per_page=4)))


# ---------------------------------------------------------------- film, plot, reception


def format_figure(f: Figure) -> str:
    if f.unit == "people":
        text = f"{f.amount:,.0f} admissions"
    else:
        symbol = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥"}.get(f.unit)
        if f.amount >= 1e9:
            number = f"{f.amount / 1e9:g} billion"
        elif f.amount >= 1e6:
            number = f"{f.amount / 1e6:g} million"
        else:
            number = f"{f.amount:,.0f}"
        text = f"{symbol}{number}" if symbol else f"{number} {f.unit}"
    return f"{text} ({f.qualifier})" if f.qualifier else text


def plot_section(film: Film):
    for title in PLOT_SECTIONS:
        section = film.section(title)
        if section and section.text.strip():
            return section
    return None


_SENTENCE_GAP = re.compile(r"(?<=[.!?])\s+")


def _sentences(text: str):
    """``_SENTENCE_GAP.split(text)``, lazily: a teaser reads only the first few sentences."""
    pos = 0
    for gap in _SENTENCE_GAP.finditer(text):
        yield text[pos : gap.start()]
        pos = gap.end()
    yield text[pos:]


def _teaser(text: str, size: int = SYNOPSIS_TEASER) -> str:
    """Whole sentences from the start of ``text`` up to about ``size`` characters."""
    out = ""
    for sentence in _sentences(text.strip()):
        if out and len(out) + len(sentence) + 1 > size:
            return out + " …"
        out = f"{out} {sentence}".strip()
        if len(out) > size:
            return out[:size].rsplit(" ", 1)[0] + " …"
    return out


def film_overview(film: Film, *, show_film: bool = False) -> Answer:
    fields: list[Field] = []

    def add(name: str, values: Sequence[str], inline: bool = True) -> None:
        if values:
            fields.append(Field(name, escape(", ".join(values)), inline))

    events = sorted(film.releases, key=lambda e: e.date)
    add("Released", [format_date(e.date) + (f" ({e.qualifier})" if e.qualifier else "") for e in events])
    if film.runtime_minutes:
        add("Runtime", [f"{film.runtime_minutes} min"])
    for role, label in (("language", "Languages"), ("country", "Countries"), ("studio", "Studios")):
        names = [c.name for c in sorted(film.credits_for(role), key=lambda c: c.position)]
        add(label if len(names) != 1 else label[:-1].replace("Countrie", "Country"), names)
    add("Distributor", [c.name for c in film.credits_for("distributor")])
    if film.budget:
        add("Budget", [format_figure(film.budget)])
    others = [format_figure(f) for f in film.figures if f.kind != "budget"]
    add("Box office figures", others)
    section = plot_section(film)
    if section:
        fields.append(
            Field(section.title, escape(_teaser(section.text)) + "\n(`!plot` for the whole of it)", False)
        )
    releases = f"{len(film.releases)} release dates, {len(film.home_media)} home media releases"
    counts = f"{len(film.cast)} cast, {len(film.crew)} crew credits, {len(film.quotes)} quotes, {releases}"
    fields.append(Field("In the knowledge base", counts, False))
    return Answer(
        tuple(paginate_fields(escape(film_name(film)), fields, footer=_footer(film, False), per_page=25))
    )


def film_list(films: Sequence[Film], default_key: str | None = None) -> Answer:
    lines = []
    for f in sorted(films, key=lambda f: (f.title.casefold(), f.year or 0)):
        line = f"• {escape(film_name(f))}"
        if f.key == default_key:
            line += " — this server's default"
        lines.append(line)
    header = f"I know {len(films)} films. `!film <title>` shows one."
    return Answer(tuple(paginate_lines("Films", lines, header=header)))


def plot(film: Film, *, show_film: bool = False) -> Answer:
    section = plot_section(film)
    if not section:
        return message(f"Plot of {film_name(film)}", "The article has no synopsis.", kind="none")
    return Answer(tuple(paginate_text(f"{section.title} of {escape(film_name(film))}", escape(section.text))))


def reception(film: Film, *, show_film: bool = False) -> Answer:
    r = film.reception
    fields = []
    if r.critics_summary:
        fields.append(Field("Critics", escape(r.critics_summary)))
    if r.rt_score is not None:
        reviews = f" based on {r.rt_reviews} reviews" if r.rt_reviews is not None else ""
        fields.append(Field("Rotten Tomatoes", f"{r.rt_score}%{reviews} (as the article states it)"))
    if r.box_office:
        fields.append(Field("Box office", escape(r.box_office)))
    figures = [format_figure(f) for f in film.figures if f.kind != "budget"]
    if figures:
        fields.append(Field("Box office figures", escape(", ".join(figures))))
    if r.home_rentals:
        fields.append(Field("Home media", escape(r.home_rentals)))
    if not fields:
        return message(
            f"Reception of {film_name(film)}", "The article has no reception details.", kind="none"
        )
    return Answer(tuple(paginate_fields(f"Reception of {escape(film_name(film))}", fields)))


# ---------------------------------------------------------------- outcomes of a lookup


def ambiguous(query: str, options: Sequence[str], where: str) -> Answer:
    lines = [f"• {escape(o)}" for o in options]
    header = f"Several names match {echo(query)} in {escape(where)}. Which one?"
    return Answer(tuple(paginate_lines("Which one?", lines, header=header)), kind="ambiguous")


def did_you_mean(query: str, option: str, where: str) -> Answer:
    return message(
        f"Did you mean {escape(option)}?",
        f"Nothing matches {echo(query)} exactly in {escape(where)}; the closest is {escape(option)}.",
        kind="suggest",
    )


def not_found(query: str, where: str, *, what: str = "No one called", closest: Sequence[str] = ()) -> Answer:
    text = f"{what} {echo(query)} in {escape(where)}."
    if closest:
        text += "\nClosest: " + ", ".join(escape(c) for c in closest)
    return message("Not found", text, kind="none")


def too_long(length: int, limit: int = limits.MAX_ARGUMENT) -> Answer:
    """Kind "error": the cog sends the description as a short plain reply."""
    return message(
        "Too long", f"That's too long ({length} characters); please keep it under {limit}.", kind="error"
    )
