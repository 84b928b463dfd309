"""The same kind of exact-value tests on a second, invented article with its own traps
(director field, three entries on one cast line, a three-word name mid-line, shifted table cells)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.kb.parse import parse_article
from tests.kb.helpers import SECOND, evidence_strings

TEXT = SECOND.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def film():
    return parse_article(TEXT, source="iron-meridian.txt")


def test_film_facts(film):
    assert (film.key, film.title, film.year, film.runtime_minutes) == ("iron-meridian-1993", "Iron Meridian", 1993, 118)


def test_crew(film):
    got = {role: [(c.name, c.inferred, c.low_margin) for c in film.credits_for(role)]
           for role in ("director", "producer", "screenplay", "story", "cinematography", "editing", "music")}
    assert got == {
        "director": [("Marcus Delaney", False, False)],
        "producer": [("Marcus Delaney", False, False), ("Joel Silverstein", False, False),
                     ("Mary Ellen Brandt", False, False)],
        "screenplay": [("Ruth Okafor", False, False), ("Marcus Delaney", False, False)],
        "story": [("Ruth Okafor", False, False)],
        "cinematography": [("Dean R. Castellano", False, False)],
        "editing": [("Hannah Lowe", False, False), ("Peter J. Sandoval", False, False)],
        "music": [("Ennio Marchetti", False, False)],
    }


def test_entities(film):
    assert [c.name for c in film.credits_for("studio")] == ["Paragon Films", "NorthLight", "Castellan Productions"]
    assert [c.name for c in film.credits_for("distributor")] == ["Columbia Pictures"]
    assert [c.name for c in film.credits_for("country")] == ["United States", "Brazil"]
    assert [c.name for c in film.credits_for("language")] == ["English", "Spanish", "Portuguese"]


def test_releases_with_countries(film):
    assert [(r.kind, r.date, r.qualifier, r.country) for r in film.releases] == [
        ("release", dt.date(1993, 2, 20), "Brazil", "Brazil"),
        ("release", dt.date(1993, 3, 12), "United States", "United States"),
    ]


def test_figures_and_warnings(film):
    assert [(f.kind, f.amount, f.unit, f.qualifier) for f in film.figures] == [("budget", 42_000_000.0, "USD", None)]
    assert film.warnings == (
        "iron-meridian.txt: infobox field 'budget': 'USD (Worldwide)' has no figure (lost in the export)",
        "iron-meridian.txt: unknown infobox field 'mood' kept as is",
    )
    assert film.infobox["mood"] == "tense"


def test_cast(film):
    assert [(c.actor, c.character, c.rank, c.nickname, c.description) for c in film.cast] == [
        ("Daniel Okoye", "Frank Moreno", "Det.", None, None),
        ("Carla Vance", "Helena Marsh", "Dr.", "Lena", None),
        ("Billy Ray Tolliver", "Dwayne Cobb", "Sheriff", None, None),
        ("Anna Pryce", "Rosa", None, None, None),
        ("Oren Fitzgerald", "Luis Navarro", None, "El Gato", "the cartels accountant"),
        ("Sean O'Malley", "Tom Reilly", "Agent", None, None),
        ("Maria Lucia Campos", "Teresa Alves", "Insp.", None, None),
        ("Victor Hale", "Harbor Master", None, None, None),
    ]
    assert film.cast[2].evidence == "Billy Ray Tolliver as Sheriff Dwayne Cobb"
    assert not film.cast[2].low_margin


FIELDS = ("medium", "date", "country", "publisher", "format", "region", "ratio", "resolution", "audio",
          "subtitles", "notes", "pack_name", "pack_titles")


def test_home_media(film):
    assert [tuple(getattr(h, f) for f in FIELDS) for h in film.home_media] == [
        ("VHS", dt.date(1993, 9, 14), "United States", "Columbia TriStar Home Video", "NTSC", None, "4:3", "480i",
         "Analog Stereo", "No", None, None, ()),
        ("DVD", dt.date(2004, 6, 7), "Brazil", "Europa Filmes", "NTSC", "4", "16:9", "480p",
         "Portuguese: Dolby Digital 5.1", "Portuguese, Spanish", "Part of Double Pack Iron Meridian/Coldwater Bay.",
         "Double Pack", ("Iron Meridian", "Coldwater Bay")),
        ("Blu-ray", dt.date(2015, 3, 3), "United States", "Mill Creek Entertainment", None, "A", "2.39:1", "1080p",
         "English: DTS-HD Master Audio 5.1", "English Spanish",
         "Part of Triple Pack Coldwater Bay / Iron Meridian / Dead Reckoning.", "Triple Pack",
         ("Coldwater Bay", "Iron Meridian", "Dead Reckoning")),
    ]


def test_reception(film):
    r = film.reception
    assert (r.critics_summary, r.rt_score, r.rt_reviews) == ("generally positive", 71, 34)
    assert r.box_office == "The film grossed modestly in the United States but did well in Latin America."
    assert r.home_rentals == "The film was popular on home video rentals in Brazil."


def test_quotes(film):
    assert [(q.kind, q.speaker, q.text) for q in film.quotes] == [
        ("line", "Helena Marsh", "The numbers don't lie, Frank. Somebody inside is feeding them."),
        ("line", "Dwayne Cobb", "You're a long way from Miami, son."),
        ("about", "Marcus Delaney", "I spent a month in Santos with a camera and no script. The story was already "
         "there, in the paperwork. Nobody looks at the paperwork."),
        ("about", "Marcus Delaney", "We shot the harbor scenes in eleven days"),
        ("about", "Marcus Delaney", "The port gave us the nights only."),
        ("about", "Ennio Marchetti", "a clock that is always running late."),
    ]
    cite = film.quotes[2].citation
    assert (cite.headline, cite.author, cite.publication, cite.date, cite.page) == (
        "Where the money sleeps", "Lindqvist, Karin", "The Boston Globe", dt.date(1993, 3, 9), "41")
    assert [q.citation is None for q in film.quotes] == [True, True, False, True, True, True]


def test_sections(film):
    assert [s.title for s in film.sections] == ["Plot", "Cast", "Production", "Reception", "Box office", "Home media"]
    plot = film.section("Plot").text
    assert plot.startswith("Miami Customs Service port of Santos. Detective Frank Moreno loses his partner")
    assert "the company's ledger" not in plot  # "company" is no name: "companys" stays as written
    assert "traced the cartels money" in plot


def test_every_evidence_is_verbatim(film):
    assert [(w, ev) for w, ev in evidence_strings(film) if not ev or ev not in TEXT] == []
