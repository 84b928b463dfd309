"""Lookup answers for the seed article (Red Heat), exact text, and every page within Discord's limits."""

import random

import pytest

from bot.lookup.releases import filter_releases


def _all_pages_fit(answer):
    for page in answer.pages:
        assert page.problems() == []


def test_whole_cast_in_billing_order_over_two_pages(lookups):
    answer = lookups.cast()
    assert [p.title for p in answer.pages] == ["Cast of Red Heat (1988)"] * 2
    lines = [line for p in answer.pages for line in p.description.split("\n")]
    assert lines[:5] == [
        "1. Arnold Schwarzenegger as Capt. Ivan Danko",
        "2. James Belushi as Det. Sgt. Art Ridzik",
        '3. Ed O\'Ross as Viktor "Rosta" Rostavili',
        "4. Peter Boyle as Cmdr. Lou Donnelly",
        '5. Gina Gershon as Catherine "Cat" Manzetti',
    ]
    assert lines[9] == "10. Sven-Ole Thorsen as Nikolai, the Russian Danko fights in the snow"
    assert lines[11:13] == ["12. Pruitt Taylor Vince as Night Clerk", "13. Michael Hagerty as Pat Nunn"]
    assert lines[-1] == "17. Norbert Novenyi as Sasha"
    assert len(lines) == 17
    assert [p.footer for p in answer.pages] == [
        "17 credited, in billing order · Page 1/2",
        "17 credited, in billing order · Page 2/2",
    ]


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("danko", "Arnold Schwarzenegger as Capt. Ivan Danko"),
        ("o'ross", 'Ed O\'Ross as Viktor "Rosta" Rostavili'),
        ("schwarzeneger", "Arnold Schwarzenegger as Capt. Ivan Danko"),
        ("cat", 'Gina Gershon as Catherine "Cat" Manzetti'),
        ("night clerk", "Pruitt Taylor Vince as Night Clerk"),
        ("rosta", 'Ed O\'Ross as Viktor "Rosta" Rostavili'),
        ("captain danko", "Arnold Schwarzenegger as Capt. Ivan Danko"),
        ("nikolai", "Sven-Ole Thorsen as Nikolai"),
        ("larry fishburne", "Larry Fishburne as Lt. Charlie Stobbs"),
    ],
)
def test_cast_lookup_forms(lookups, query, title):
    answer = lookups.cast(query)
    assert answer.kind == "answer"
    assert answer.first.title == title


def test_cast_member_details(lookups):
    rosta = lookups.cast("rosta").first
    assert rosta.description.split("\n") == [
        "**Nickname:** Rosta",
        "**Billing:** 3rd of 17",
        "**Also credited for:** story (uncertain split)",
    ]
    nikolai = lookups.cast("nikolai").first
    assert "**Character:** the Russian Danko fights in the snow" in nikolai.description.split("\n")


def test_cast_outcomes(lookups):
    james = lookups.cast("james")
    assert james.kind == "ambiguous"
    assert james.first.description.split("\n")[2:] == [
        "• James Belushi (as Det. Sgt. Art Ridzik)",
        "• James Horner (music)",
        "• Brion James (as Streak)",
    ]
    near = lookups.cast("danco")
    assert (near.kind, near.first.title) == ("suggest", "Did you mean Capt. Ivan Danko?")
    rosta = lookups.cast("rostovilli")
    assert (rosta.kind, rosta.first.title) == ("suggest", "Did you mean Viktor Rostavili?")
    close = lookups.cast("rambo danko")
    assert (
        close.first.description
        == "No one called 'rambo danko' in Red Heat (1988).\nClosest: Capt. Ivan Danko"
    )
    missing = lookups.cast("rambo")
    assert (missing.kind, missing.first.description) == ("none", "No one called 'rambo' in Red Heat (1988).")


def test_cast_lookup_of_crew_member_says_so(lookups):
    answer = lookups.cast("horner")
    assert answer.first.title == "James Horner"
    assert answer.first.description.split("\n") == [
        "James Horner is not in the cast of Red Heat (1988); crew credits:",
        "**Music**",
    ]


def test_crew_overview_labels_inferred_and_uncertain(lookups):
    answer = lookups.crew()
    _all_pages_fit(answer)
    fields = {f.name: f.value for p in answer.pages for f in p.fields}
    assert list(fields) == [
        "Director",
        "Producers",
        "Screenplay",
        "Story",
        "Cinematography",
        "Editing",
        "Music",
    ]
    assert fields["Director"] == (
        "Walter Hill (inferred: the article has no director field; read from its caption "
        "“Theatrical release poster Walter Hill”)"
    )
    assert fields["Producers"].split("\n") == [
        "Walter Hill",
        "Gordon Carroll",
        "Mario Kassar",
        "Andrew G. Vajna",
    ]
    assert fields["Editing"].split("\n") == ["Donn Aron", "Carmel Davies", "Freeman A. Davies"]
    assert fields["Story"].split("\n")[1] == (
        "James Belushi (uncertain split of “Walter Hill James Belushi Peter Boyle Ed ORoss”)"
    )
    assert fields["Music"] == "James Horner"


@pytest.mark.parametrize(
    ("query", "title", "names"),
    [
        ("composer", "Music of Red Heat (1988)", ["James Horner"]),
        ("score", "Music of Red Heat (1988)", ["James Horner"]),
        ("dp", "Cinematography of Red Heat (1988)", ["Matthew F. Leonetti"]),
        ("cinematographer", "Cinematography of Red Heat (1988)", ["Matthew F. Leonetti"]),
        ("editor", "Editing of Red Heat (1988)", ["Donn Aron", "Carmel Davies", "Freeman A. Davies"]),
        (
            "producer",
            "Producers of Red Heat (1988)",
            ["Walter Hill", "Gordon Carroll", "Mario Kassar", "Andrew G. Vajna"],
        ),
    ],
)
def test_crew_role_synonyms(lookups, query, title, names):
    answer = lookups.crew(query)
    assert answer.first.title == title
    assert answer.first.description.split("\n") == names


def test_crew_writer_shows_screenplay_and_story(lookups):
    answer = lookups.crew("writer")
    assert answer.first.title == "Writers of Red Heat (1988)"
    assert [f.name for f in answer.first.fields] == ["Screenplay", "Story"]


def test_crew_person_with_cast_credit_shows_both(lookups):
    belushi = lookups.crew("belushi").first
    assert belushi.title == "James Belushi"
    assert belushi.description.split("\n") == [
        "**Story** (uncertain split of “Walter Hill James Belushi Peter Boyle Ed ORoss”)",
        "**Cast:** as Det. Sgt. Art Ridzik",
    ]
    hill = lookups.crew("hill").first
    assert hill.description.split("\n") == [
        "**Director** (inferred: the article has no director field; read from its caption "
        "“Theatrical release poster Walter Hill”)",
        "**Producer**",
        "**Screenplay**",
        "**Story**",
    ]


def test_quotes_by_speaker_and_words(lookups):
    danko = lookups.quote("danko")
    assert danko.first.title == "Quotes by Capt. Ivan Danko"
    assert danko.first.description.split("\n") == [
        "“This Chicago is very strange city. Your crime is organized, but your police is not.”",
        "— Ivan Danko, a line from the film",
        "Source: the article's Synopsis section",
        "",
    ]
    hill = lookups.quote("hill")
    assert hill.first.footer == "6 quotes · Page 1/2"
    assert "— Walter Hill, said about the film" in hill.first.description.split("\n")
    assert (
        "Source: Thompson, Anne. “Director Hill puts extra dimension in Hollywood themes”. "
        "Chicago Tribune, June 17, 1988, p. GL." in hill.first.description.split("\n")
    )
    chicago = lookups.quote("chicago")
    assert chicago.first.title == "Quotes containing 'chicago'"
    assert chicago.first.footer == "1 quote"
    love = lookups.quote("love story")
    assert love.first.description.split("\n")[:2] == [
        "“in an odd way its a traditional love story between these two guys.”",
        "— Walter Hill, said about the film",
    ]


def test_random_quote_is_one_of_the_film(lookups, seed_film):
    texts = {lookups.quote(rng=random.Random(seed)).first.description.split("\n")[0] for seed in range(30)}
    assert texts <= {f"“{q.text}”" for q in seed_film.quotes}
    assert len(texts) >= 4


def test_quote_outcomes(lookups):
    assert (
        lookups.quote("ridzik").first.description == "Det. Sgt. Art Ridzik has no quotes in Red Heat (1988)."
    )
    nothing = lookups.quote("zebra")
    assert (nothing.kind, nothing.first.description) == (
        "none",
        "No quote by or containing 'zebra' in Red Heat (1988).",
    )


def test_release_overview(lookups):
    answer = lookups.release()
    fields = {f.name: f.value for f in answer.first.fields}
    assert fields["Premiere and release"] == "**Premiere:** June 14, 1988\n**Release:** June 17, 1988"
    media = fields["Home media"].split("\n")
    assert len(media) == 8
    assert media[0] == (
        "VHS · January 1, 1990 · United Kingdom · Cinema Club — part of Double Pack: Conan the Destroyer, Red Heat"
    )
    assert media[6] == "Blu-ray · June 28, 2010 · United Kingdom · Optimum Home Releasing"


@pytest.mark.parametrize(
    ("query", "dates"),
    [
        ("blu-ray", ["2010-06-28", "2010-10-25"]),
        ("bluray", ["2010-06-28", "2010-10-25"]),
        ("Blu Ray", ["2010-06-28", "2010-10-25"]),
        ("dvd", ["2002-05-20", "2005-10-10", "2008-08-04"]),
        ("vhs", ["1990-01-01", "1998-06-09", "1999-10-01"]),
        ("2005", ["2005-10-10"]),
        ("optimum", ["2008-08-04", "2010-06-28", "2010-10-25"]),
        ("momentum", ["2002-05-20", "2005-10-10"]),
        ("dvd 2008", ["2008-08-04"]),
        ("quadruple pack", ["2005-10-10", "2010-10-25"]),
        (
            "uk",
            [
                "1990-01-01",
                "1998-06-09",
                "1999-10-01",
                "2002-05-20",
                "2005-10-10",
                "2008-08-04",
                "2010-06-28",
                "2010-10-25",
            ],
        ),
        ("laserdisc", []),
        ("2011", []),
    ],
)
def test_release_filters(seed_film, query, dates):
    found = filter_releases(seed_film, query)
    assert [str(r.date) for r in found.home_media] == dates


def test_release_filter_finds_theatrical_year(seed_film):
    found = filter_releases(seed_film, "1988")
    assert [e.kind for e in found.events] == ["premiere", "release"] and found.home_media == ()


def test_release_details_show_every_field_with_pack(lookups):
    answer = lookups.release("blu-ray")
    assert answer.first.title == "Releases of Red Heat (1988) matching 'blu-ray'"
    second = answer.first.fields[1]
    assert second.name == "Blu-ray — October 25, 2010"
    assert second.value.split("\n") == [
        "**Country:** United Kingdom",
        "**Publisher:** Optimum Home Releasing",
        "**Format:** PAL",
        "**Region:** A/B/C",
        "**Ratio:** 16:9",
        "**Resolution:** 1080p",
        "**Audio:** English: DTS-HD Master Audio 5.1",
        "**Subtitles:** English",
        "**Notes:** Part of Quadruple Pack Total Recall, Red Heat, Raw Deal and Red Sonja.",
        "**Pack:** Quadruple Pack: Total Recall, Red Heat, Raw Deal, Red Sonja",
    ]
    assert answer.first.footer == "2 releases"


def test_release_filter_without_match_lists_what_exists(lookups):
    answer = lookups.release("laserdisc")
    assert answer.kind == "none"
    assert answer.first.description.split("\n") == [
        "No release of Red Heat (1988) matches 'laserdisc'.",
        "Media: Blu-ray, DVD, VHS",
        "Publishers: Cinema Club, Momentum, Optimum Home Releasing",
    ]


def test_film_overview(lookups):
    page = lookups.film().first
    fields = {f.name: f.value for f in page.fields}
    assert page.title == "Red Heat (1988)"
    assert fields["Released"] == "June 14, 1988 (premiere), June 17, 1988"
    assert fields["Runtime"] == "103 min"
    assert fields["Languages"] == "English, Russian"
    assert fields["Countries"] == "United States, Soviet Union"
    assert fields["Studios"] == "Carolco Pictures, StudioCanal"
    assert fields["Distributor"] == "TriStar Pictures"
    assert fields["Budget"] == "$29 million"
    assert fields["Box office figures"] == "1,292,988 admissions (France)"
    assert fields["Synopsis"].startswith("Moscow Police Georgian drug kingpin and crime lord. The ambush")
    assert fields["In the knowledge base"] == (
        "17 cast, 17 crew credits, 7 quotes, 2 release dates, 8 home media releases"
    )


def test_plot_and_reception(lookups, seed_film):
    plot = lookups.plot()
    assert plot.first.title == "Synopsis of Red Heat (1988)"
    assert " ".join(p.description for p in plot.pages).split() == seed_film.section("Synopsis").text.split()
    reception = {f.name: f.value for f in lookups.reception().first.fields}
    assert reception == {
        "Critics": "mixed to positive",
        "Rotten Tomatoes": "64% based on 22 reviews (as the article states it)",
        "Box office": "The movie was a box office success, but was far outpaced by Schwarzenegger's other "
        "comedy film in 1988, Twins.",
        "Box office figures": "1,292,988 admissions (France)",
        "Home media": "The film was a success on home rentals.",
    }


def test_limits_and_escaping(lookups):
    assert (
        lookups.cast("x" * 101).first.description
        == "That's too long (101 characters); please keep it under 100."
    )
    assert lookups.cast("x" * 101).kind == "error"
    answer = lookups.cast("@everyone **bold**")
    assert answer.first.description == "No one called '@\u200beveryone \\*\\*bold\\*\\*' in Red Heat (1988)."


def test_every_answer_fits_discord(lookups):
    for answer in [
        lookups.cast(),
        lookups.crew(),
        lookups.quote("hill"),
        lookups.release(),
        lookups.release("uk"),
        lookups.film(),
        lookups.plot(),
        lookups.reception(),
    ]:
        _all_pages_fit(answer)


def test_autocomplete_choices(lookups):
    assert [v for _, v in lookups.name_choices("ja")] == [
        "James Belushi",
        "Brion James",
        "James Horner",
        "Peter Jason",
    ]
    assert len(lookups.name_choices("")) == 25
    assert lookups.crew_choices("comp")[0] == ("composer", "composer")
    assert [v for _, v in lookups.release_choices("b")] == ["Blu-ray"]
    assert [v for _, v in lookups.release_choices("20")] == ["2002", "2005", "2008", "2010"]
    assert lookups.film_choices("red") == [("Red Heat (1988)", "Red Heat")]
