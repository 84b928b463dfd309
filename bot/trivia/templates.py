"""Question templates, one function per fact type of the film model.

Each template yields ``Draft`` questions: the text, the canonical answer and its accepted forms, the
verbatim evidence, a difficulty and a way to draw distractors. A template asks only what the article
states clearly: credits and cast entries with low confidence or a close runner-up are skipped, inferred
credits are never asked about, and a question that would have two right answers is not produced.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pycountry

from bot.kb.models import CREW_ROLES, CastMember, Credit, Film, HomeMediaRelease, Quote
from bot.trivia import distractors as dis
from bot.trivia.aliases import (
    NameIndex,
    fold,
    looks_personal,
    name_aliases,
    name_words,
    place_phrase,
    title_aliases,
)
from bot.trivia.judge import CHARACTER, DATE, DURATION, MONEY, NUMBER, PERCENT, PERSON, TEXT, TITLE, YEAR

MIN_CONFIDENCE = 0.8

Accepts = Callable[[str], bool]
Distract = Callable[[random.Random, Accepts], "list[str] | None"]


@dataclass(frozen=True, slots=True)
class Draft:
    template: str  # template id, part of the question id
    identity: str  # what the fact is (names, dates), never a list position
    kind: str
    question: str
    answer: str
    aliases: tuple[str, ...]
    evidence: str
    difficulty: int
    distract: Distract


# ---------------------------------------------------------------- formatting


def format_date(date: dt.date) -> str:
    return f"{date:%B} {date.day}, {date.year}"


def format_money(amount: float, unit: str) -> str:
    symbol = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥"}.get(unit)
    if amount >= 1_000_000:
        millions = amount / 1_000_000
        text = f"{millions:,.2f}".rstrip("0").rstrip(".") + " million"
    else:
        text = f"{amount:,.0f}"
    return f"{symbol}{text}" if symbol else f"{text} {unit}"


def format_number(value: float) -> str:
    return f"{value:,.0f}"


def format_minutes(minutes: int) -> str:
    return f"{minutes} minutes"


# ---------------------------------------------------------------- helpers

RANK_WORDS = {
    "capt": "Captain",
    "cpt": "Captain",
    "det": "Detective",
    "sgt": "Sergeant",
    "lt": "Lieutenant",
    "cmdr": "Commander",
    "cdr": "Commander",
    "col": "Colonel",
    "maj": "Major",
    "gen": "General",
    "insp": "Inspector",
    "cpl": "Corporal",
    "pvt": "Private",
    "adm": "Admiral",
    "supt": "Superintendent",
    "ofc": "Officer",
    "off": "Officer",
    "dr": "Doctor",
    "prof": "Professor",
    "cmdt": "Commandant",
}

ROLE_NOUNS = {
    "director": "director",
    "producer": "producer",
    "screenplay": "screenwriter",
    "story": "story writer",
    "writer": "writer",
    "cinematography": "cinematographer",
    "editing": "film editor",
    "music": "composer",
}
ROLE_ALIASES = {
    "director": ("directing",),
    "producer": ("production",),
    "screenplay": ("screenplay", "screenplay writer"),
    "story": ("story",),
    "writer": ("writing",),
    "cinematography": ("cinematography", "director of photography", "DP"),
    "editing": ("editor", "editing"),
    "music": ("music", "score", "music composer", "score composer"),
}
ROLE_QUESTIONS = {  # single credit, several credits (past tense verb phrase)
    "director": "directed",
    "producer": "produced",
    "screenplay": "wrote the screenplay of",
    "story": "wrote the story of",
    "writer": "wrote",
    "cinematography": "was the cinematographer of",
    "editing": "edited",
    "music": "composed the music of",
}
WRITING_JOBS = {"screenwriter", "story writer", "writer"}
OTHER_JOBS = ("production designer", "costume designer", "art director")

ENTITY_QUESTIONS = {  # single, several ("Besides X, ...")
    "studio": ("Which studio produced {title}?", "Besides {given}, which studio produced {title}?"),
    "distributor": (
        "Which company distributed {title}?",
        "Besides {given}, which company distributed {title}?",
    ),
    "country": (
        "Which country is {title} from, according to its infobox?",
        "Besides {given}, which country is {title} credited to?",
    ),
    "language": (
        "What is the language of {title}, according to its infobox?",
        "Besides {given}, which language is listed for {title}?",
    ),
}


def expand_rank(rank: str) -> str:
    words = []
    for word in rank.split():
        key = fold(word)
        words.append(RANK_WORDS.get(key, word.rstrip(".").capitalize() if word.endswith(".") else word))
    return " ".join(words)


def confident(fact: Credit | CastMember) -> bool:
    if fact.confidence < MIN_CONFIDENCE or fact.low_margin:
        return False
    return not getattr(fact, "inferred", False)


def join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def excerpt(text: str, limit: int = 160) -> str:
    """The start of a quote, cut at a sentence end (or a word) near ``limit``."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = max((m.end() for m in re.finditer(r"[.!?](?=\s)", text[: limit + 1])), default=0)
    if cut >= 40:
        return text[:cut] + " …"
    return text[:limit].rsplit(" ", 1)[0] + " …"


def _kind_of_words(name: str) -> set[str]:
    return set(fold(name).split())


class Context:
    """What every template needs: the film, its name index and pools of candidates."""

    def __init__(self, film: Film) -> None:
        self.film = film
        self.title = film.title
        self.index = NameIndex(film)
        self.cast = [m for m in film.cast if m.actor and m.character]
        self.actors = [m.actor for m in self.cast]
        self.characters = [m.character for m in self.cast]
        self.crew_people = [c.name for c in film.credits if c.role in CREW_ROLES]
        self.companies = [c.name for c in film.credits if c.role in ("studio", "distributor")]
        self.publishers = [h.publisher for h in film.home_media if h.publisher]

    def person_aliases(self, name: str) -> tuple[str, ...]:
        return tuple(name_aliases(name, self.index))

    def character_aliases(self, member: CastMember) -> tuple[str, ...]:
        personal = looks_personal(member.character, rank=member.rank, nickname=member.nickname)
        return tuple(
            name_aliases(
                member.character, self.index, rank=member.rank, nickname=member.nickname, personal=personal
            )
        )

    def character_phrase(self, member: CastMember) -> str:
        """'Ivan Danko', but 'the Night Clerk' for a role."""
        words = member.character.split()
        personal = looks_personal(member.character, rank=member.rank, nickname=member.nickname)
        return member.character if personal or len(words) < 2 else f"the {member.character}"

    def personal_first_names(self, exclude: CastMember) -> list[str]:
        return [
            m.character.split()[0]
            for m in self.cast
            if m is not exclude and looks_personal(m.character, rank=m.rank, nickname=m.nickname)
        ]


def _names(ctx: Context, pools: list[list[str]], answer: str, exclude: list[str] = ()) -> Distract:  # type: ignore[assignment]
    def distract(rng: random.Random, accepts: Accepts) -> list[str] | None:
        return dis.pick_names(pools, answer, accepts, rng, exclude=exclude)

    return distract


def _values(near: Callable[[random.Random], list], fmt: Callable[[object], str]) -> Distract:
    """Three nearby values, formatted like the answer, none of which the judge would accept."""

    def distract(rng: random.Random, accepts: Accepts) -> list[str] | None:
        out: list[str] = []
        for value in near(rng):
            text = fmt(value)
            if text not in out and not accepts(text):
                out.append(text)
            if len(out) == 3:
                return out
        return None

    return distract


# ---------------------------------------------------------------- cast


def cast_questions(ctx: Context) -> Iterator[Draft]:
    title = ctx.title
    by_character = Counter(fold(m.character) for m in ctx.cast)
    by_actor = Counter(fold(m.actor) for m in ctx.cast)
    for m in ctx.cast:
        if not confident(m):
            continue
        difficulty = 1 if m.position < 3 else 2 if m.position < 8 else 3
        if by_character[fold(m.character)] == 1:
            yield Draft(
                "cast.actor",
                f"{fold(m.actor)}|{fold(m.character)}",
                PERSON,
                f"Who played {ctx.character_phrase(m)} in {title}?",
                m.actor,
                ctx.person_aliases(m.actor),
                m.evidence,
                difficulty,
                _names(ctx, [ctx.actors, ctx.crew_people], m.actor),
            )
        if by_actor[fold(m.actor)] == 1:
            yield Draft(
                "cast.character",
                f"{fold(m.actor)}|{fold(m.character)}",
                CHARACTER,
                f"Which character did {m.actor} play in {title}?",
                m.character,
                ctx.character_aliases(m),
                m.evidence,
                difficulty,
                _names(ctx, [ctx.characters], m.character),
            )
        if m.rank and by_character[fold(m.character)] == 1:
            answer = expand_rank(m.rank)
            film_ranks = [expand_rank(o.rank) for o in ctx.cast if o.rank]
            sharing = [r for r in film_ranks + list(dis.RANKS) if _kind_of_words(r) & _kind_of_words(answer)]
            yield Draft(
                "cast.rank",
                f"{fold(m.character)}|{fold(m.rank)}",
                TEXT,
                f"What is the rank of {m.character} in {title}?",
                answer,
                tuple(a for a in (m.rank,) if fold(a) != fold(answer)),
                m.evidence,
                3,
                _names(ctx, [film_ranks, list(dis.RANKS)], answer, exclude=sharing),
            )
        if m.nickname and by_character[fold(m.character)] == 1:
            own = name_words(m.character)
            others = [o.nickname for o in ctx.cast if o.nickname and o is not m]
            firsts = ctx.personal_first_names(m)
            yield Draft(
                "cast.nickname",
                f"{fold(m.character)}|{fold(m.nickname)}",
                CHARACTER,
                f"What is the nickname of {m.character} in {title}?",
                m.nickname,
                (),
                m.evidence,
                2,
                _names(ctx, [others, firsts], m.nickname, exclude=own),
            )


# ---------------------------------------------------------------- crew


def crew_questions(ctx: Context) -> Iterator[Draft]:
    film, title = ctx.film, ctx.title
    cast_actors = {fold(a) for a in ctx.actors}
    all_roles: dict[str, set[str]] = defaultdict(set)
    for credit in film.credits:
        if credit.role in CREW_ROLES:
            all_roles[fold(credit.name)].add(credit.role)

    for role in CREW_ROLES:
        credits = sorted(film.credits_for(role), key=lambda c: c.position)
        if not credits or not all(confident(c) for c in credits):
            continue
        names = [c.name for c in credits]
        if len({fold(n) for n in names}) != len(names):
            continue
        in_role = set(names)
        others = [p for p in ctx.crew_people if p not in in_role]
        for credit in credits:
            given = [n for n in names if n != credit.name]
            if given:
                text = f"Besides {join_names(given)}, who {ROLE_QUESTIONS[role]} {title}?"
            else:
                text = f"Who {ROLE_QUESTIONS[role]} {title}?"
            yield Draft(
                f"crew.person.{role}",
                fold(credit.name),
                PERSON,
                text,
                credit.name,
                ctx.person_aliases(credit.name),
                credit.evidence,
                2 if role in ("director", "music") else 3,
                _names(ctx, [others, ctx.actors], credit.name, exclude=names),
            )
            # person -> role: only for someone with this one job on the film and not in the cast
            if all_roles[fold(credit.name)] == {role} and fold(credit.name) not in cast_actors:
                answer = ROLE_NOUNS[role]
                jobs = [j for j in ROLE_NOUNS.values() if j != answer]
                if answer in WRITING_JOBS:
                    jobs = [j for j in jobs if j not in WRITING_JOBS]
                yield Draft(
                    "crew.role",
                    f"{fold(credit.name)}|{role}",
                    TEXT,
                    f"What was {credit.name}'s job on {title}?",
                    answer,
                    ROLE_ALIASES[role],
                    credit.evidence,
                    3,
                    _names(ctx, [jobs, list(OTHER_JOBS)], answer),
                )


def _place_aliases(name: str, role: str) -> tuple[str, ...]:
    if role != "country":
        return ()
    try:
        country = pycountry.countries.lookup(name)
    except LookupError:
        return ()
    forms = [getattr(country, "official_name", None), getattr(country, "common_name", None), country.alpha_3]
    return tuple(f for f in forms if f and fold(f) != fold(name))


def entity_questions(ctx: Context) -> Iterator[Draft]:
    film, title = ctx.film, ctx.title
    for role, (single, several) in ENTITY_QUESTIONS.items():
        credits = sorted(film.credits_for(role), key=lambda c: c.position)
        if not credits or not all(confident(c) for c in credits):
            continue
        names = [c.name for c in credits]
        if len({fold(n) for n in names}) != len(names):
            continue
        if role == "country":
            pool = [list(dis.COMMON_COUNTRIES)]
        elif role == "language":
            pool = [list(dis.COMMON_LANGUAGES)]
        else:
            pool = [ctx.companies, ctx.publishers, list(dis.COMMON_COMPANIES)]
        for credit in credits:
            given = [n for n in names if n != credit.name]
            shown = [place_phrase(n) for n in given] if role == "country" else given
            text = (several if given else single).format(given=join_names(shown), title=title)
            is_company = role in ("studio", "distributor")
            yield Draft(
                f"entity.{role}",
                fold(credit.name),
                TITLE if is_company else TEXT,
                text,
                credit.name,
                title_aliases(credit.name) if is_company else _place_aliases(credit.name, role),
                credit.evidence,
                2 if is_company or given else 1,
                _names(ctx, pool, credit.name, exclude=names),
            )


# ---------------------------------------------------------------- dates, numbers


def release_questions(ctx: Context) -> Iterator[Draft]:
    film, title = ctx.film, ctx.title
    releases = [r for r in film.releases if r.kind == "release"]
    premieres = [r for r in film.releases if r.kind == "premiere"]
    dated = releases or premieres
    years = {r.date.year for r in dated}
    if len(years) == 1:
        event = dated[0]
        year = event.date.year
        yield Draft(
            "release.year",
            str(year),
            YEAR,
            f"In which year was {title} released?",
            str(year),
            (),
            event.evidence,
            1,
            _values(lambda rng: dis.near_years(year, rng), str),
        )
    for kind, events in (("release", releases), ("premiere", premieres)):
        if not events:
            continue
        countries = [e.country for e in events]
        if len(events) > 1 and (None in countries or len(set(countries)) != len(countries)):
            continue  # several dates and nothing to tell them apart
        for event in events:
            where = f" in {place_phrase(event.country)}" if len(events) > 1 and event.country else ""
            verb = "released" if kind == "release" else "premiere"
            text = (
                f"On which date was {title} released{where}?"
                if kind == "release"
                else f"On which date did {title} have its {verb}{where}?"
            )
            date = event.date
            yield Draft(
                f"release.date.{kind}",
                f"{date.isoformat()}|{event.country or ''}",
                DATE,
                text,
                format_date(date),
                (),
                event.evidence,
                2,
                _values(lambda rng, d=date: dis.near_dates(d, rng), format_date),
            )


def number_questions(ctx: Context) -> Iterator[Draft]:
    film, title = ctx.film, ctx.title
    if film.runtime_minutes and film.runtime_evidence:
        minutes = film.runtime_minutes
        yield Draft(
            "runtime",
            str(minutes),
            DURATION,
            f"What is the running time of {title}?",
            format_minutes(minutes),
            (f"{minutes} min",),
            film.runtime_evidence,
            2,
            _values(lambda rng: dis.near_minutes(minutes, rng), format_minutes),
        )
    groups = Counter((f.kind, f.qualifier) for f in film.figures)
    for fig in film.figures:
        if groups[(fig.kind, fig.qualifier)] != 1 or fig.amount <= 0:
            continue
        where = f" ({fig.qualifier})" if fig.qualifier else ""
        if fig.kind in ("budget", "gross") and fig.unit != "people":
            amount, unit = fig.amount, fig.unit
            text = (
                f"What was the budget of {title}{where}?"
                if fig.kind == "budget"
                else f"How much did {title} gross{where}?"
            )
            yield Draft(
                f"figure.{fig.kind}",
                f"{fig.qualifier or ''}|{amount:g}|{unit}",
                MONEY,
                text,
                format_money(amount, unit),
                (),
                fig.evidence,
                2,
                _values(lambda rng, a=amount: dis.near_amounts(a, rng), lambda v, u=unit: format_money(v, u)),
            )
        elif fig.kind == "admissions":
            count = int(fig.amount)
            where = f" in {fig.qualifier}" if fig.qualifier else ""
            yield Draft(
                "figure.admissions",
                f"{fig.qualifier or ''}|{count}",
                NUMBER,
                f"How many admissions did {title} record{where}?",
                format_number(count),
                (),
                fig.evidence,
                3,
                _values(lambda rng, c=count: dis.near_numbers(c, rng), format_number),
            )
    rec = film.reception
    if rec.rt_score is not None and rec.evidence.get("rt_score"):
        score = rec.rt_score
        yield Draft(
            "reception.rt_score",
            str(score),
            PERCENT,
            f"What rating does {title} hold on Rotten Tomatoes, according to the article?",
            f"{score}%",
            (),
            rec.evidence["rt_score"],
            2,
            _values(lambda rng: dis.near_percents(score, rng), lambda v: f"{v}%"),
        )
    if rec.rt_reviews is not None and rec.evidence.get("rt_reviews"):
        reviews = rec.rt_reviews
        yield Draft(
            "reception.rt_reviews",
            str(reviews),
            NUMBER,
            f"On how many reviews is the Rotten Tomatoes rating of {title} based, according to the article?",
            str(reviews),
            (),
            rec.evidence["rt_reviews"],
            3,
            _values(lambda rng: dis.near_numbers(reviews, rng), str),
        )


# ---------------------------------------------------------------- quotes


def _resolve(name: str, candidates: list[str]) -> str | None:
    """The one candidate whose name contains all the words of ``name`` (e.g. 'Danko' -> 'Ivan Danko')."""
    words = set(fold(name).split())
    if not words:
        return None
    found = {c for c in candidates if words <= set(fold(c).split())}
    return found.pop() if len(found) == 1 else None


def quote_questions(ctx: Context) -> Iterator[Draft]:
    title = ctx.title
    texts = Counter(fold(q.text) for q in ctx.film.quotes)
    people = ctx.crew_people + ctx.actors
    for quote in ctx.film.quotes:
        if not quote.speaker or not quote.text.strip() or texts[fold(quote.text)] != 1:
            continue
        yield from _quote_draft(ctx, quote, title, people)


def _quote_draft(ctx: Context, quote: Quote, title: str, people: list[str]) -> Iterator[Draft]:
    speaker = quote.speaker or ""
    if quote.kind == "line":
        answer = _resolve(speaker, ctx.characters) or speaker
        member = next((m for m in ctx.cast if m.character == answer), None)
        if member is not None and not confident(member):
            return
        aliases = ctx.character_aliases(member) if member else ()
        kind, pool, text = CHARACTER, [ctx.characters], f'In {title}, who says: "{excerpt(quote.text)}"?'
        difficulty = 2
    else:
        answer = _resolve(speaker, people) or speaker
        aliases = ctx.person_aliases(answer)
        kind, pool = PERSON, [ctx.crew_people, ctx.actors]
        text = f'Who said this about {title}: "{excerpt(quote.text)}"?'
        difficulty = 3
    if set(name_words(answer)) & set(fold(quote.text).split()):
        return  # the quote names its own speaker
    yield Draft(
        f"quote.{quote.kind}",
        fold(quote.text),
        kind,
        text,
        answer,
        aliases,
        quote.evidence,
        difficulty,
        _names(ctx, pool, answer, exclude=[speaker]),
    )


# ---------------------------------------------------------------- home media


def home_media_questions(ctx: Context) -> Iterator[Draft]:
    title = ctx.title
    rows = [h for h in ctx.film.home_media if h.evidence.strip()]
    dated = [h for h in rows if h.date]
    media = sorted({h.medium for h in rows if h.medium})
    where = _only_country(rows)

    # earliest year per medium
    for medium in media:
        of_medium = sorted((h for h in dated if h.medium == medium), key=lambda h: h.date)
        if not of_medium:
            continue
        first = of_medium[0]
        year = first.date.year
        yield Draft(
            "home.first_year",
            f"{fold(medium)}|{year}",
            YEAR,
            f"According to the article's home media table, in which year did {title} first come out on {medium}{where}?",
            str(year),
            (),
            first.evidence,
            3,
            _values(lambda rng, y=year: dis.near_years(y, rng), str),
        )

    # year per publisher and medium, when all such releases share one year
    groups: dict[tuple[str, str], list[HomeMediaRelease]] = defaultdict(list)
    for h in dated:
        if h.publisher and h.medium:
            groups[(h.publisher, h.medium)].append(h)
    for (publisher, medium), items in sorted(groups.items()):
        years = {h.date.year for h in items}
        if len(years) != 1:
            continue
        year = years.pop()
        yield Draft(
            "home.year",
            f"{fold(publisher)}|{fold(medium)}|{year}",
            YEAR,
            f"In which year did {publisher} release {title} on {medium}{where}?",
            str(year),
            (),
            items[0].evidence,
            3,
            _values(lambda rng, y=year: dis.near_years(y, rng), str),
        )

    publishers = sorted({h.publisher for h in rows if h.publisher})
    by_date = defaultdict(list)
    for h in dated:
        by_date[h.date].append(h)
    for h in dated:
        same_day = by_date[h.date]
        day = format_date(h.date)
        if h.publisher and h.medium and len([o for o in same_day if o.medium == h.medium]) == 1:
            yield Draft(
                "home.publisher",
                f"{fold(h.medium)}|{h.date.isoformat()}|{fold(h.publisher)}",
                TITLE,
                f"Which company released {title} on {h.medium} on {day}{where}?",
                h.publisher,
                title_aliases(h.publisher),
                h.evidence,
                3,
                _names(ctx, [publishers, ctx.companies, list(dis.COMMON_COMPANIES)], h.publisher),
            )
        if h.medium and len({o.medium for o in same_day}) == 1 and len(same_day) == 1:
            by = f" by {h.publisher}" if h.publisher else ""
            yield Draft(
                "home.medium",
                f"{h.date.isoformat()}|{fold(h.medium)}",
                TEXT,
                f"On which home media format was {title} released{by} on {day}{where}?",
                h.medium,
                (),
                h.evidence,
                3,
                _names(ctx, [media, list(dis.MEDIA)], h.medium),
            )
    yield from _pack_questions(ctx, rows)


def _only_country(rows: list[HomeMediaRelease]) -> str:
    countries = {h.country for h in rows}
    if len(countries) == 1:
        (country,) = countries
        if country:
            return f" in {place_phrase(country)}"
    return ""


def _pack_questions(ctx: Context, rows: list[HomeMediaRelease]) -> Iterator[Draft]:
    title = ctx.title
    own = {fold(title)} | {fold(a) for a in title_aliases(title)}
    packs: dict[tuple[str, tuple[str, ...]], HomeMediaRelease] = {}
    for h in rows:
        if h.pack_name and h.pack_titles:
            key = (h.pack_name, tuple(sorted({fold(t) for t in h.pack_titles})))
            packs.setdefault(key, h)
    all_titles = [t for h in packs.values() for t in h.pack_titles if fold(t) not in own]
    for (pack_name, _), h in packs.items():
        others = [t for t in dict.fromkeys(h.pack_titles) if fold(t) not in own]
        if not others or len(others) == len(h.pack_titles):
            continue  # the pack must list this film, and something else
        for t in others:
            given = [o for o in others if o != t]
            if given:
                text = f"The {pack_name} with {title} also held {join_names(given)} and which other film?"
            else:
                text = f"Which other film was in the {pack_name} with {title}?"
            yield Draft(
                "home.pack",
                f"{fold(pack_name)}|{'|'.join(sorted(fold(o) for o in others))}|{fold(t)}",
                TITLE,
                text,
                t,
                title_aliases(t),
                h.evidence,
                3,
                _names(ctx, [all_titles], t, exclude=others),
            )


TEMPLATES = (
    cast_questions,
    crew_questions,
    entity_questions,
    release_questions,
    number_questions,
    quote_questions,
    home_media_questions,
)
