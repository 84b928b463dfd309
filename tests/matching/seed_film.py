"""The seed article's people as a hand-built Film (data/films/red-heat.txt: Cast section and infobox).

Used until (and beside) the parser: the matching tests must not depend on how the parser splits names.
"""

from __future__ import annotations

from bot.kb.models import CastMember, Credit, Film, Quote

CAST = [
    # actor, character, rank, nickname, description
    ("Arnold Schwarzenegger", "Ivan Danko", "Capt.", None, None),
    ("James Belushi", "Art Ridzik", "Det. Sgt.", None, None),
    ("Ed O'Ross", "Viktor Rostavili", None, "Rosta", None),
    ("Peter Boyle", "Lou Donnelly", "Cmdr.", None, None),
    ("Gina Gershon", "Catherine Manzetti", None, "Cat", None),
    ("Larry Fishburne", "Charlie Stobbs", "Lt.", None, None),
    ("Richard Bright", "Tom Gallagher", "Det. Sgt.", None, None),
    ("J.W. Smith", "Salim", None, None, None),
    ("Brent Jennings", "Abdul Elijah", None, None, None),
    ("Sven-Ole Thorsen", "Nikolai", None, None, "the Russian Danko fights in the snow"),
    ("Gretchen Palmer", "Hooker", None, None, None),
    ("Pruitt Taylor Vince", "Night Clerk", None, None, None),
    ("Michael Hagerty", "Pat Nunn", None, None, None),
    ("Brion James", "Streak", None, None, None),
    ("Peter Jason", "TV Announcer", None, None, None),
    ("Oleg Vidov", "Yuri Ogarkov", None, None, None),
    ("Norbert Novenyi", "Sasha", None, None, None),
]

CREW = {
    "director": ["Walter Hill"],
    "producer": ["Walter Hill", "Gordon Carroll", "Mario Kassar", "Andrew G. Vajna"],
    "screenplay": ["Walter Hill", "Harry Kleiner", "Troy Kennedy Martin"],
    "story": ["Walter Hill", "James Belushi", "Peter Boyle", "Ed O'Ross"],
    "cinematography": ["Matthew F. Leonetti"],
    "editing": ["Donn Aron", "Carmel Davies", "Freeman A. Davies"],
    "music": ["James Horner"],
}

QUOTES = [
    ("This Chicago is very strange city.", "line", "Danko"),
    ("I didnt want to do sci-fi", "about", "Walter Hill"),
    ("I had confidence in him as an actor.", "about", "Hill"),
]


def seed_film(key: str = "red-heat-1988", title: str = "Red Heat", year: int = 1988) -> Film:
    cast = tuple(
        CastMember(position=i, actor=actor, character=character, evidence=f"{actor} as {character}",
                   rank=rank, nickname=nick, description=desc)
        for i, (actor, character, rank, nick, desc) in enumerate(CAST)
    )
    credits = tuple(
        Credit(role=role, name=name, position=i, evidence=f"| {role} = ...")
        for role, names in CREW.items()
        for i, name in enumerate(names)
    )
    quotes = tuple(Quote(text=t, kind=k, evidence=t, speaker=s) for t, k, s in QUOTES)
    return Film(key=key, title=title, evidence=f"| name = {title}", year=year, cast=cast, credits=credits,
                quotes=quotes)
