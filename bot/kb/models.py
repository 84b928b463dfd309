"""Typed model of one film article: what the parser produces, the store keeps and everything else reads.

Plain frozen dataclasses with no Discord or SQL in sight. Every fact carries ``evidence``: the exact
span of the article it came from, verbatim (a substring of the article file). Display fields may
restore apostrophes where that is unambiguous (ORoss -> O'Ross); evidence never does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Roles a Credit can have. Crew roles first, then the infobox's entity lists.
CREW_ROLES = ("director", "producer", "screenplay", "story", "writer", "cinematography", "editing", "music")
ENTITY_ROLES = ("studio", "distributor", "country", "language")


@dataclass(frozen=True, slots=True)
class Credit:
    """One person or entity named by an infobox field (crew role, studio, country, language...)."""

    role: str  # one of CREW_ROLES or ENTITY_ROLES
    name: str  # display form
    position: int  # order within the field, from 0
    evidence: str  # verbatim span, e.g. the whole "| producer = ..." line
    raw_field: str = ""  # the field's raw value before segmentation
    confidence: float = 1.0  # 0..1: how sure the segmentation of the field is
    low_margin: bool = False  # the split had a close runner-up: trivia must not rest on it
    inferred: bool = False  # not stated by a field for this role (e.g. director read from a caption)


@dataclass(frozen=True, slots=True)
class CastMember:
    position: int  # billing order, from 0
    actor: str  # display form ("Ed O'Ross")
    character: str  # without rank or nickname ("Ivan Danko", "Viktor Rostavili", "Night Clerk")
    evidence: str  # verbatim "Actor as Role" span
    rank: str | None = None  # as written ("Capt.", "Det. Sgt.")
    nickname: str | None = None  # 'Rosta' from Viktor "Rosta" Rostavili
    description: str | None = None  # "the Russian Danko fights in the snow"
    confidence: float = 1.0
    low_margin: bool = False


@dataclass(frozen=True, slots=True)
class Figure:
    """A number the infobox states: budget, gross, admissions..."""

    kind: str  # "budget" | "gross" | "admissions"
    amount: float
    unit: str  # ISO currency code ("USD") for money, "people" for admissions
    evidence: str
    qualifier: str | None = None  # "Domestic", "France"


@dataclass(frozen=True, slots=True)
class ReleaseEvent:
    kind: str  # "premiere" | "release"
    date: dt.date
    evidence: str
    qualifier: str | None = None  # the text in brackets, e.g. "premiere"
    country: str | None = None  # only when the article states one


@dataclass(frozen=True, slots=True)
class HomeMediaRelease:
    position: int
    evidence: str  # the verbatim table row
    raw_cells: tuple[str, ...] = ()
    medium: str | None = None  # "VHS", "DVD", "Blu-ray"
    date: dt.date | None = None
    country: str | None = None
    publisher: str | None = None  # spaces collapsed ("Cinema Club")
    format: str | None = None  # "PAL"
    region: str | None = None  # "2", "A/B/C"
    ratio: str | None = None  # "16:9"
    resolution: str | None = None  # "480i", "1080p"
    audio: str | None = None
    subtitles: str | None = None
    notes: str | None = None
    pack_name: str | None = None  # "Double Pack", "Quadruple Pack"
    pack_titles: tuple[str, ...] = ()  # films in the pack, as written


@dataclass(frozen=True, slots=True)
class Citation:
    evidence: str
    headline: str | None = None
    author: str | None = None
    publication: str | None = None
    date: dt.date | None = None
    page: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    text: str  # display form (apostrophes restored where unambiguous)
    kind: str  # "line" (said in the film) | "about" (said about the film)
    evidence: str
    speaker: str | None = None  # character for lines, person for "about"
    citation: Citation | None = None
    section: str | None = None


@dataclass(frozen=True, slots=True)
class Reception:
    critics_summary: str | None = None
    rt_score: int | None = None  # percent
    rt_reviews: int | None = None
    box_office: str | None = None
    home_rentals: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)  # key (attribute name) -> verbatim span


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    level: int
    text: str  # clean plain text
    evidence: str  # verbatim body


@dataclass(frozen=True, slots=True)
class Film:
    key: str  # stable slug, e.g. "red-heat-1988"
    title: str
    evidence: str  # the span giving the title (e.g. "| name = Red Heat")
    year: int | None = None
    runtime_minutes: int | None = None
    runtime_evidence: str | None = None
    credits: tuple[Credit, ...] = ()
    cast: tuple[CastMember, ...] = ()
    figures: tuple[Figure, ...] = ()
    releases: tuple[ReleaseEvent, ...] = ()
    home_media: tuple[HomeMediaRelease, ...] = ()
    reception: Reception = field(default_factory=Reception)
    quotes: tuple[Quote, ...] = ()
    sections: tuple[Section, ...] = ()
    infobox: dict[str, str] = field(default_factory=dict)  # raw field -> raw value
    warnings: tuple[str, ...] = ()  # things the parser could not make sense of

    def credits_for(self, role: str) -> tuple[Credit, ...]:
        return tuple(c for c in self.credits if c.role == role)

    @property
    def crew(self) -> tuple[Credit, ...]:
        return tuple(c for c in self.credits if c.role in CREW_ROLES)

    @property
    def budget(self) -> Figure | None:
        return next((f for f in self.figures if f.kind == "budget"), None)

    def section(self, title: str) -> Section | None:
        wanted = title.casefold()
        return next((s for s in self.sections if s.title.casefold() == wanted), None)
