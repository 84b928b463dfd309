"""Exact values the parser must read from the seed article (Red Heat, lossy export)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.kb.parse import parse_article
from tests.kb.helpers import SEED, evidence_strings

TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def film():
    return parse_article(TEXT, source="red-heat.txt")


def test_film_facts(film):
    assert (film.key, film.title, film.year, film.runtime_minutes) == ("red-heat-1988", "Red Heat", 1988, 103)
    assert film.evidence == "| name = Red Heat"
    assert film.runtime_evidence == "103 min"


def crew(film, role):
    return [(c.name, c.low_margin, c.inferred) for c in film.credits_for(role)]


def test_crew_per_role(film):
    assert [c.name for c in film.credits_for("producer")] == [
        "Walter Hill", "Gordon Carroll", "Mario Kassar", "Andrew G. Vajna"]
    assert [c.name for c in film.credits_for("screenplay")] == ["Walter Hill", "Harry Kleiner", "Troy Kennedy Martin"]
    assert [c.name for c in film.credits_for("cinematography")] == ["Matthew F. Leonetti"]
    assert [c.name for c in film.credits_for("editing")] == ["Donn Aron", "Carmel Davies", "Freeman A. Davies"]
    assert [c.name for c in film.credits_for("music")] == ["James Horner"]
    assert {c.raw_field for c in film.credits_for("producer")} == {
        "Walter Hill Gordon Carroll Mario Kassar Andrew G. Vajna"}
    assert [c.position for c in film.credits_for("editing")] == [0, 1, 2]


def test_story_field_cast_names_are_low_margin(film):
    # the story field holds cast names with no separators: kept, but marked so trivia avoids them
    assert crew(film, "story") == [
        ("Walter Hill", False, False),
        ("James Belushi", True, False),
        ("Peter Boyle", True, False),
        ("Ed O'Ross", True, False),
    ]
    assert all(c.confidence <= 0.3 for c in film.credits_for("story")[1:])


def test_director_only_inferred(film):
    (director,) = film.credits_for("director")
    assert (director.name, director.inferred, director.low_margin) == ("Walter Hill", True, True)
    assert director.confidence < 0.5
    assert director.evidence == "| caption = Theatrical release poster Walter Hill"


def test_three_word_screenplay_name_flagged_close(film):
    troy = film.credits_for("screenplay")[2]
    assert troy.name == "Troy Kennedy Martin"
    assert troy.low_margin and troy.confidence < 0.9
    assert film.credits_for("screenplay")[1].confidence == 1.0


def test_entities(film):
    assert [c.name for c in film.credits_for("studio")] == ["Carolco Pictures", "StudioCanal"]
    assert [c.name for c in film.credits_for("distributor")] == ["TriStar Pictures"]
    assert [c.name for c in film.credits_for("country")] == ["United States", "Soviet Union"]
    assert [c.name for c in film.credits_for("language")] == ["English", "Russian"]
    assert all(c.confidence == 1.0 for r in ("studio", "country", "language") for c in film.credits_for(r))


def test_figures(film):
    budget, admissions = film.figures
    assert (budget.kind, budget.amount, budget.unit, budget.qualifier, budget.evidence) == (
        "budget", 29_000_000.0, "USD", None, "$29 million")
    assert (admissions.kind, admissions.amount, admissions.unit, admissions.qualifier) == (
        "admissions", 1_292_988.0, "people", "France")
    assert film.budget is budget
    assert any("'USD (Domestic)' has no figure" in w for w in film.warnings)


def test_releases(film):
    assert [(r.kind, r.date, r.qualifier, r.country, r.evidence) for r in film.releases] == [
        ("premiere", dt.date(1988, 6, 14), "premiere", None, "June 14, 1988 (premiere)"),
        ("release", dt.date(1988, 6, 17), None, None, "June 17, 1988"),
    ]


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


def test_cast_in_billing_order(film):
    assert [(c.actor, c.character, c.rank, c.nickname, c.description) for c in film.cast] == CAST
    assert [c.position for c in film.cast] == list(range(len(CAST)))


def test_cast_evidence_is_each_entry(film):
    assert film.cast[0].evidence == "Arnold Schwarzenegger as Capt. Ivan Danko"
    assert film.cast[2].evidence == 'Ed ORoss as Viktor "Rosta" Rostavili'
    assert film.cast[5].evidence == "Larry Fishburne as Lt. Charlie Stobbs"
    assert film.cast[12].evidence == "Michael Hagerty as Pat Nunn"
    assert not any(c.low_margin for c in film.cast)


UK = "United Kingdom"
HOME_MEDIA = [
    # medium, date, country, publisher, format, region, ratio, resolution, audio, subtitles, notes, pack, titles
    ("VHS", dt.date(1990, 1, 1), UK, "Cinema Club", "PAL", None, None, "480i", "Analog Stereo", "No",
     "Part of Double Pack Conan the Destroyer/Red Heat.", "Double Pack", ("Conan the Destroyer", "Red Heat")),
    ("VHS", dt.date(1998, 6, 9), UK, "Cinema Club", "PAL", None, None, "480i", "Analog Stereo", "No",
     "Part of Triple Pack Gunmen / Wanted Dead Or Alive / Red Heat.", "Triple Pack",
     ("Gunmen", "Wanted Dead Or Alive", "Red Heat")),
    ("VHS", dt.date(1999, 10, 1), UK, "Cinema Club", "PAL", None, None, "480i", "Analog Stereo", "No",
     None, None, ()),
    ("DVD", dt.date(2002, 5, 20), UK, "Momentum", "PAL", "2", "16:9", "480p", "English: Dolby Digital 5.1",
     "English", "Additional Audio Options German:Surround Sound and Spanish:Mono", None, ()),
    ("DVD", dt.date(2005, 10, 10), UK, "Momentum", "PAL", "2", "16:9", "480p", "English: Dolby Digital 5.1",
     "English", "Part of Quadruple Pack Total Recall, Red Heat, Raw Deal and Red Sonja.", "Quadruple Pack",
     ("Total Recall", "Red Heat", "Raw Deal", "Red Sonja")),
    ("DVD", dt.date(2008, 8, 4), UK, "Optimum Home Releasing", "PAL", "2", "16:9", "480p",
     "English: Dolby Digital 5.1", "English", None, None, ()),
    ("Blu-ray", dt.date(2010, 6, 28), UK, "Optimum Home Releasing", "PAL", "A/B/C", "16:9", "1080p",
     "English: DTS-HD Master Audio 5.1", "English", None, None, ()),
    ("Blu-ray", dt.date(2010, 10, 25), UK, "Optimum Home Releasing", "PAL", "A/B/C", "16:9", "1080p",
     "English: DTS-HD Master Audio 5.1", "English",
     "Part of Quadruple Pack Total Recall, Red Heat, Raw Deal and Red Sonja.", "Quadruple Pack",
     ("Total Recall", "Red Heat", "Raw Deal", "Red Sonja")),
]
FIELDS = ("medium", "date", "country", "publisher", "format", "region", "ratio", "resolution", "audio",
          "subtitles", "notes", "pack_name", "pack_titles")


def test_home_media_rows(film):
    assert [tuple(getattr(h, f) for f in FIELDS) for h in film.home_media] == HOME_MEDIA
    assert [h.position for h in film.home_media] == list(range(8))


def test_home_media_keeps_raw_cells(film):
    first = film.home_media[0]
    assert first.raw_cells[3] == " Cinema  Club"
    assert first.raw_cells[7] == " 480i   Analog  Stereo"
    assert len(film.home_media[2].raw_cells) == 11
    assert first.evidence.startswith("|| VHS \n|| 1 January 1990")


def test_reception(film):
    r = film.reception
    assert (r.critics_summary, r.rt_score, r.rt_reviews) == ("mixed to positive", 64, 22)
    assert r.box_office == (
        "The movie was a box office success, but was far outpaced by Schwarzenegger's other comedy film "
        "in 1988, Twins.")
    assert r.home_rentals == "The film was a success on home rentals."
    assert r.evidence["rt_score"] == "Red Heat currently holds a 64% rating on Rotten Tomatoes based on 22 reviews."
    assert r.evidence["critics_summary"] == "The movie received a mixed to positive response from critics."


def test_quotes(film):
    got = [(q.kind, q.speaker, q.text) for q in film.quotes]
    assert got == [
        ("line", "Ivan Danko",
         "This Chicago is very strange city. Your crime is organized, but your police is not."),
        ("about", "Walter Hill",
         "I didn't want to do sci-fi and its tough to use Arnold credibly in an American context with his "
         "accent. I thought it would be interesting if he could play a Russian cop in the US. I wanted to do "
         "a traditional John Wayne/Clint Eastwood larger-than-life movie. You then ask the question: Will the "
         "American audience accept an unapologetic Soviet hero, someone who will not defect at the end of "
         "the movie?"),
        ("about", "Walter Hill",
         "I had confidence in him as an actor. I didn't want him just to throw a Volkswagon over a building. "
         "Arnold has an ability to communicate that cuts through cultures and countries. They just love to "
         "see this guy win. But everyone thinks its his muscles. Its not that at all: its his face, his eyes. "
         "He has a face that's a throwback to a warrior from the Middle Ages, or ancient Greece."),
        ("about", "Walter Hill",
         "I told James I wanted something like you're in the Olympics and you've just won a gold medal"),
        ("about", "Walter Hill", "I wanted something heroic."),
        ("about", "Walter Hill", "Also, I thought it was very appropriate for Arnold. He doesn't fit well in cars."),
        ("about", "Walter Hill", "in an odd way its a traditional love story between these two guys."),
    ]
    assert [q.section for q in film.quotes] == ["Synopsis"] + ["Production"] * 6


def test_citations(film):
    cites = [q.citation for q in film.quotes]
    assert [c is None for c in cites] == [True, False, True, False, False, True, True]
    tribune, times = cites[1], cites[3]
    assert (tribune.headline, tribune.author, tribune.publication, tribune.date, tribune.page) == (
        "Director Hill puts extra dimension in Hollywood themes", "Thompson, Anne", "Chicago Tribune",
        dt.date(1988, 6, 17), "GL")
    assert (times.headline, times.author, times.publication, times.date, times.page) == (
        "Action man with an eye for character", "Dwyer, Michael", "The Irish Times", dt.date(1989, 1, 13), "14")
    assert cites[4] == times
    # the glued headline is not part of the quote
    assert not film.quotes[1].evidence.endswith("themes")


def test_sections(film):
    assert [(s.title, s.level) for s in film.sections] == [
        ("Synopsis", 2), ("Cast", 2), ("Production", 2), ("Reception", 2), ("Box office", 3), ("Home media", 2)]
    synopsis = film.section("synopsis")
    assert synopsis.text.startswith("Moscow Police Georgian drug kingpin and crime lord. The ambush")
    assert "including Danko's partner." in synopsis.text
    assert "gunning down Ridzik's partner" in synopsis.text
    assert film.section("Home media").text == "The film was a success on home rentals."
    assert film.section("Reception").text == (
        "The movie received a mixed to positive response from critics. Red Heat currently holds a 64% rating "
        "on Rotten Tomatoes based on 22 reviews.")


def test_every_evidence_is_verbatim(film):
    missing = [(what, ev) for what, ev in evidence_strings(film) if not ev or ev not in TEXT]
    assert missing == []


def test_infobox_kept_raw(film):
    assert film.infobox["story"] == "Walter Hill James Belushi Peter Boyle Ed ORoss"
    assert film.infobox["awards"] == ""
    assert film.warnings == ("red-heat.txt: infobox field 'budget': 'USD (Domestic)' has no figure (lost in the export)",)
