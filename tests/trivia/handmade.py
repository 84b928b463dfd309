"""A small film built by hand (no parser): every fact's evidence is a verbatim span of ARTICLE."""

from __future__ import annotations

import datetime as dt

from bot.kb.models import (
    CastMember,
    Credit,
    Figure,
    Film,
    HomeMediaRelease,
    Quote,
    Reception,
    ReleaseEvent,
    Section,
)

ARTICLE = """{{Infobox film
| name = The Long Night
| director = Ada Brook
| producer = Ada Brook Tom Quill
| story = Tom Quill Mara Vance
| music = Lena Ortiz
| studio = Northwind Films
| distributor = Harbor Pictures
| released = March 3, 1994
| runtime = 96 min
| language = English
| country = Canada
| budget = $12 million
}}
==Synopsis==
Inspector Mara Vance hunts the smuggler Jonah "Fox" Reed across a frozen harbour. Mara trusts nobody.
==Cast==
*Nell Carter as Insp. Mara Vance
*Owen Reed as Jonah "Fox" Reed
*Paul Brook as Sgt. Eli Stone
*Dana Cole as Harbour Master
*Rita Moss as Harbour Master
*Sam Hale as Night Porter
==Reception==
The Long Night holds a 71% rating on Rotten Tomatoes based on 34 reviews.
Mara says: "The sea keeps what it takes."
==Home media==
{| class="wikitable"
|-
|| VHS || 1 May 1995 || Canada || Polar Video
|}
"""

_CAST = [
    ("Nell Carter", "Mara Vance", "Insp.", None, "*Nell Carter as Insp. Mara Vance"),
    ("Owen Reed", "Jonah Reed", None, "Fox", '*Owen Reed as Jonah "Fox" Reed'),
    ("Paul Brook", "Eli Stone", "Sgt.", None, "*Paul Brook as Sgt. Eli Stone"),
    ("Dana Cole", "Harbour Master", None, None, "*Dana Cole as Harbour Master"),
    ("Rita Moss", "Harbour Master", None, None, "*Rita Moss as Harbour Master"),
    ("Sam Hale", "Night Porter", None, None, "*Sam Hale as Night Porter"),
]


def handmade_film(**changes) -> Film:
    cast = tuple(
        CastMember(position=i, actor=a, character=c, rank=r, nickname=n, evidence=e)
        for i, (a, c, r, n, e) in enumerate(_CAST)
    )
    credits = (
        Credit("director", "Ada Brook", 0, "| director = Ada Brook"),
        Credit("producer", "Ada Brook", 0, "| producer = Ada Brook Tom Quill"),
        Credit("producer", "Tom Quill", 1, "| producer = Ada Brook Tom Quill"),
        Credit("story", "Tom Quill", 0, "| story = Tom Quill Mara Vance", confidence=0.5, low_margin=True),
        Credit("story", "Mara Vance", 1, "| story = Tom Quill Mara Vance", confidence=0.5, low_margin=True),
        Credit("music", "Lena Ortiz", 0, "| music = Lena Ortiz"),
        Credit("studio", "Northwind Films", 0, "| studio = Northwind Films"),
        Credit("distributor", "Harbor Pictures", 0, "| distributor = Harbor Pictures"),
        Credit("language", "English", 0, "| language = English"),
        Credit("country", "Canada", 0, "| country = Canada"),
    )
    synopsis = (
        'Inspector Mara Vance hunts the smuggler Jonah "Fox" Reed across a frozen harbour. '
        "Mara trusts nobody."
    )
    reception_text = "The Long Night holds a 71% rating on Rotten Tomatoes based on 34 reviews."
    film = Film(
        key="the-long-night-1994",
        title="The Long Night",
        evidence="| name = The Long Night",
        year=1994,
        runtime_minutes=96,
        runtime_evidence="| runtime = 96 min",
        credits=credits,
        cast=cast,
        figures=(Figure("budget", 12_000_000, "USD", "| budget = $12 million"),),
        releases=(ReleaseEvent("release", dt.date(1994, 3, 3), "| released = March 3, 1994"),),
        home_media=(
            HomeMediaRelease(
                0,
                "|| VHS || 1 May 1995 || Canada || Polar Video",
                medium="VHS",
                date=dt.date(1995, 5, 1),
                country="Canada",
                publisher="Polar Video",
            ),
        ),
        reception=Reception(
            rt_score=71,
            rt_reviews=34,
            evidence={
                "rt_score": "holds a 71% rating on Rotten Tomatoes",
                "rt_reviews": "based on 34 reviews",
            },
        ),
        quotes=(
            Quote(
                "The sea keeps what it takes.",
                "line",
                'Mara says: "The sea keeps what it takes."',
                speaker="Mara",
            ),
        ),
        sections=(
            Section("Synopsis", 2, synopsis, synopsis),
            Section("Reception", 2, reception_text, reception_text),
        ),
    )
    if changes:
        from dataclasses import replace

        film = replace(film, **changes)
    return film
