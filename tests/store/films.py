"""Hand-built films for the store tests: every model field set to a value that differs from its default."""

from __future__ import annotations

import dataclasses
import datetime as dt

from bot.kb.models import (
    CastMember,
    Citation,
    Credit,
    Figure,
    Film,
    HomeMediaRelease,
    Quote,
    Reception,
    ReleaseEvent,
    Section,
)


def full_film(key: str = "night-shift-1991", title: str = "Night Shift", year: int = 1991) -> Film:
    return Film(
        key=key,
        title=title,
        evidence=f"| name = {title}",
        year=year,
        runtime_minutes=104,
        runtime_evidence="| runtime = 104 minutes",
        credits=(
            Credit("director", "Jane Roe", 0, "| director = Jane Roe"),
            Credit(
                "producer",
                "Ann Lee",
                0,
                "| producer = Ann Lee Bob Stone",
                raw_field="Ann Lee Bob Stone",
                confidence=0.62,
                low_margin=True,
            ),
            Credit(
                "producer", "Bob Stone", 1, "| producer = Ann Lee Bob Stone", raw_field="Ann Lee Bob Stone"
            ),
            Credit("director", "Jane Roe", 0, "poster Jane Roe", inferred=True),
            Credit("country", "United States", 0, "| country = United States"),
        ),
        cast=(
            CastMember(
                0, "Ed O'Ross", "Viktor Rostavili", 'Ed ORoss as Viktor "Rosta" Rostavili', nickname="Rosta"
            ),
            CastMember(1, "Sam Hill", "Art Ridzik", "Sam Hill as Det. Sgt. Art Ridzik", rank="Det. Sgt."),
            CastMember(
                2,
                "Al Weiss",
                "Nikolai",
                "Al Weiss as Nikolai, the man in the snow",
                description="the man in the snow",
                confidence=0.5,
                low_margin=True,
            ),
        ),
        figures=(
            Figure("budget", 29_000_000.0, "USD", "$29 million", qualifier="Domestic"),
            Figure("admissions", 1_292_988, "people", "1,292,988 admissions", qualifier="France"),
        ),
        releases=(
            ReleaseEvent("premiere", dt.date(1991, 6, 14), "June 14, 1991 (premiere)", qualifier="premiere"),
            ReleaseEvent("release", dt.date(1991, 6, 17), "June 17, 1991", country="United States"),
        ),
        home_media=(
            HomeMediaRelease(
                0,
                "| VHS || 1992 || UK",
                raw_cells=("VHS", "1992-03-01", "UK", "Cinema  Club", "N/A"),
                medium="VHS",
                date=dt.date(1992, 3, 1),
                country="UK",
                publisher="Cinema Club",
                format="PAL",
                region="2",
                ratio="4:3",
                resolution="480i",
                audio="Stereo",
                subtitles="English",
                notes="Part of Double Pack Night Shift, Day Shift.",
                pack_name="Double Pack",
                pack_titles=("Night Shift", "Day Shift"),
            ),
            HomeMediaRelease(1, "| Blu-ray || Unknown", raw_cells=("Blu-ray", "Unknown"), medium="Blu-ray"),
        ),
        reception=Reception(
            critics_summary="Tense and funny.",
            rt_score=64,
            rt_reviews=22,
            box_office="a success",
            home_rentals="also a success",
            evidence={"rt_score": "a 64% rating", "rt_reviews": "based on 22 reviews"},
        ),
        quotes=(
            Quote("This city is strange.", "line", "This city is strange.", speaker="Viktor Rostavili"),
            Quote(
                "I wanted it tough.",
                "about",
                '"I wanted it tough." Headline / Doe, John. The Paper 17 June 1991: GL.',
                speaker="Jane Roe",
                citation=Citation(
                    "Headline / Doe, John. The Paper 17 June 1991: GL.",
                    headline="Headline",
                    author="Doe, John",
                    publication="The Paper",
                    date=dt.date(1991, 6, 17),
                    page="GL",
                ),
                section="Production",
            ),
            Quote("No date here.", "about", "No date here.", citation=Citation("The Paper")),
        ),
        sections=(
            Section("Synopsis", 2, "A night clerk sees it all.", "A night clerk sees it all."),
            Section("Production", 2, "Shot in 1990. It's cold.", "Shot in 1990. Its cold."),
        ),
        infobox={"name": title, "runtime": "104 minutes", "mystery_field": "x"},
        warnings=("unknown infobox field 'mystery_field'", "could not read the gross"),
    )


def with_cast(film: Film, *actors: str) -> Film:
    cast = tuple(CastMember(i, a, f"Role {i}", f"{a} as Role {i}") for i, a in enumerate(actors))
    return dataclasses.replace(film, cast=cast)
