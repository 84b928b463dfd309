"""The lookup commands end to end: the real bot in the offline sandbox, prefix and slash, buttons,
autocomplete, limits, DMs, cooldown and several films."""

from __future__ import annotations

import shutil

import pytest

from .conftest import SECOND, SEED, unthrottle


def embed(reply) -> dict:
    assert len(reply.embeds) == 1, reply.text
    return reply.embeds[0]


def desc_lines(reply) -> list[str]:
    return embed(reply).get("description", "").split("\n")


def fields(reply) -> dict[str, str]:
    return {f["name"]: f["value"] for f in embed(reply).get("fields", [])}


def assert_clean(h) -> None:
    assert h.sandbox.rejected == []
    assert [r.getMessage() for r in h.errors] == []


# ---------------------------------------------------------------- cast


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("!cast danko", "Arnold Schwarzenegger as Capt. Ivan Danko"),
        ("/cast danko", "Arnold Schwarzenegger as Capt. Ivan Danko"),
        ("!cast o'ross", 'Ed O\'Ross as Viktor "Rosta" Rostavili'),
        ("!cast schwarzeneger", "Arnold Schwarzenegger as Capt. Ivan Danko"),
        ("!cast cat", 'Gina Gershon as Catherine "Cat" Manzetti'),
        ("/cast night clerk", "Pruitt Taylor Vince as Night Clerk"),
        ("!cast rosta", 'Ed O\'Ross as Viktor "Rosta" Rostavili'),
    ],
)
async def test_cast_name_forms(harness, line, title):
    reply = await harness.run(line)
    assert len(reply) == 1 and embed(reply[0])["title"] == title
    assert reply[0].via_interaction == line.startswith("/")
    assert reply[0].allowed_mentions == {"parse": []}


async def test_cast_outcomes(h):
    james = await h.send("!cast james")
    assert embed(james[0])["title"] == "Which one?"
    assert desc_lines(james[0])[2:] == [
        "• James Belushi (as Det. Sgt. Art Ridzik)",
        "• James Horner (music)",
        "• Brion James (as Streak)",
    ]
    near = await h.send("!cast danco")
    assert embed(near[0])["title"] == "Did you mean Capt. Ivan Danko?"
    rosta = await h.send("!cast rostovilli")
    assert embed(rosta[0])["title"] == "Did you mean Viktor Rostavili?"
    missing = await h.send("!cast rambo")
    assert embed(missing[0])["description"] == "No one called 'rambo' in Red Heat (1988)."
    slash_missing = await h.slash("cast", options={"name": "rambo"})
    assert embed(slash_missing[0])["description"] == "No one called 'rambo' in Red Heat (1988)."
    assert_clean(h)


async def test_whole_cast_pages_with_buttons_for_the_invoker_only(h):
    first = (await h.send("!cast"))[0]
    assert desc_lines(first)[0] == "1. Arnold Schwarzenegger as Capt. Ivan Danko"
    assert embed(first)["footer"]["text"] == "17 credited, in billing order · Page 1/2"
    buttons = [c for row in first.components for c in row["components"]]
    assert [(b["label"], b.get("disabled", False)) for b in buttons] == [("Previous", True), ("Next", False)]

    refused = await h.click(first, "Next", user="bob")
    assert refused.texts == [
        "Only the person who asked can turn these pages. Run the command yourself to browse."
    ]
    assert refused[0].ephemeral
    assert h.sandbox.messages[first.id].history == []  # the page itself is untouched
    assert h.sandbox.messages[first.id].embeds[0]["footer"]["text"].endswith("Page 1/2")

    second = await h.click(first, "Next")
    assert len(second) == 1 and second[0].id == first.id and second[0].edits == 1
    assert desc_lines(second[0]) == [
        "13. Michael Hagerty as Pat Nunn",
        "14. Brion James as Streak",
        "15. Peter Jason as TV Announcer",
        "16. Oleg Vidov as Yuri Ogarkov",
        "17. Norbert Novenyi as Sasha",
    ]
    buttons = [c for row in second[0].components for c in row["components"]]
    assert [b.get("disabled", False) for b in buttons] == [False, True]
    back = await h.click(first, "Previous")
    assert desc_lines(back[0])[0] == "1. Arnold Schwarzenegger as Capt. Ivan Danko"
    assert_clean(h)


async def test_slash_cast_pages_too(h):
    first = (await h.slash("cast"))[0]
    assert first.via_interaction
    second = await h.click(first, "Next")
    assert desc_lines(second[0])[0] == "13. Michael Hagerty as Pat Nunn"


async def test_buttons_disabled_when_the_view_times_out(h):
    h.bot.get_cog("Lookup").page_timeout = 0.2
    first = (await h.send("!cast"))[0]
    edited = await h.wait_for(lambda r: r.id == first.id and r.edits >= 1, within=5)
    buttons = [c for row in edited.components for c in row["components"]]
    assert [b.get("disabled", False) for b in buttons] == [True, True]


# ---------------------------------------------------------------- crew


async def test_crew_forms(h):
    overview = await h.send("!crew")
    assert list(fields(overview[0])) == [
        "Director",
        "Producers",
        "Screenplay",
        "Story",
        "Cinematography",
        "Editing",
        "Music",
    ]
    assert fields(overview[0])["Director"].startswith(
        "Walter Hill (inferred: the article has no director field"
    )
    composer = await h.send("!crew composer")
    assert (embed(composer[0])["title"], desc_lines(composer[0])) == (
        "Music of Red Heat (1988)",
        ["James Horner"],
    )
    dp = await h.slash("crew", query="dp")
    assert desc_lines(dp[0]) == ["Matthew F. Leonetti"]
    editor = await h.send("!crew editor")
    assert desc_lines(editor[0]) == ["Donn Aron", "Carmel Davies", "Freeman A. Davies"]
    writer = await h.send("!crew writer")
    assert list(fields(writer[0])) == ["Screenplay", "Story"]
    belushi = await h.send("!crew belushi")
    assert desc_lines(belushi[0])[-1] == "**Cast:** as Det. Sgt. Art Ridzik"
    assert desc_lines(belushi[0])[0].startswith("**Story** (uncertain split of")
    assert_clean(h)


# ---------------------------------------------------------------- quote


async def test_quote_forms(h, seed_film):
    random_quote = await h.send("!quote")
    assert desc_lines(random_quote[0])[0] in {f"“{q.text}”" for q in seed_film.quotes}
    danko = await h.send("!quote danko")
    assert desc_lines(danko[0])[:3] == [
        "“This Chicago is very strange city. Your crime is organized, but your police is not.”",
        "— Ivan Danko, a line from the film",
        "Source: the article's Synopsis section",
    ]
    hill = await h.send("!quote hill")
    assert embed(hill[0])["title"] == "Quotes by Walter Hill"
    assert embed(hill[0])["footer"]["text"] == "6 quotes · Page 1/2"
    chicago = await h.slash("quote", query="chicago")
    assert embed(chicago[0])["title"] == "Quotes containing 'chicago'"
    love = await h.send("!quote love story")
    assert desc_lines(love[0])[:2] == [
        "“in an odd way its a traditional love story between these two guys.”",
        "— Walter Hill, said about the film",
    ]
    assert_clean(h)


# ---------------------------------------------------------------- release, film, plot, reception


async def test_release_forms(h):
    overview = await h.send("!release")
    assert (
        fields(overview[0])["Premiere and release"]
        == "**Premiere:** June 14, 1988\n**Release:** June 17, 1988"
    )
    assert len(fields(overview[0])["Home media"].split("\n")) == 8
    for line, names in [
        ("!release blu-ray", ["Blu-ray — June 28, 2010", "Blu-ray — October 25, 2010"]),
        ("!release bluray", ["Blu-ray — June 28, 2010", "Blu-ray — October 25, 2010"]),
        ("!release dvd", ["DVD — May 20, 2002", "DVD — October 10, 2005", "DVD — August 4, 2008"]),
        ("!release 2005", ["DVD — October 10, 2005"]),
        (
            "/release optimum",
            ["DVD — August 4, 2008", "Blu-ray — June 28, 2010", "Blu-ray — October 25, 2010"],
        ),
    ]:
        reply = await h.run(line)
        assert list(fields(reply[0])) == names, line
    pack = fields((await h.send("!release 2005"))[0])["DVD — October 10, 2005"]
    assert "**Pack:** Quadruple Pack: Total Recall, Red Heat, Raw Deal, Red Sonja" in pack.split("\n")
    assert_clean(h)


async def test_film_plot_reception(h):
    film = await h.send("!film")
    assert embed(film[0])["title"] == "Red Heat (1988)"
    assert fields(film[0])["Runtime"] == "103 min"
    assert fields(film[0])["Budget"] == "$29 million"
    slash_film = await h.slash("film show")
    assert embed(slash_film[0])["title"] == "Red Heat (1988)"
    fuzzy = await h.send("!film red hat")
    assert embed(fuzzy[0])["title"] == "Red Heat (1988)"
    plot = await h.send("!plot")
    assert embed(plot[0])["title"] == "Synopsis of Red Heat (1988)"
    assert desc_lines(plot[0])[0].startswith("Moscow Police Georgian drug kingpin")
    reception = await h.slash("reception")
    assert fields(reception[0])["Rotten Tomatoes"] == "64% based on 22 reviews (as the article states it)"
    assert_clean(h)


# ---------------------------------------------------------------- autocomplete


async def test_help_lists_lookups_and_typos_get_a_suggestion(h):
    overview = (await h.send("!help"))[0]
    lookup = next(f["value"] for f in overview.embeds[0]["fields"] if f["name"] == "Lookup")
    assert lookup.split("\n")[0] == "`!cast` — The cast, or who plays a character e.g. `!cast danko`"
    assert [line.split(" ")[0] for line in lookup.split("\n")] == [
        "`!cast`",
        "`!crew`",
        "`!film`",
        "`!film",
        "`!plot`",
        "`!quote`",
        "`!reception`",
        "`!release`",
    ]
    detail = (await h.send("!help release"))[0].embeds[0]
    assert {f["name"]: f["value"] for f in detail["fields"]}[
        "Usage"
    ] == "`!release [medium|country|year|publisher]`"
    assert (await h.send("!cats")).texts == ["Unknown command `!cats`. Did you mean `!cast`?"]


async def test_slash_autocomplete(h):
    names = await h.autocomplete("cast", "name", "ja")
    assert [c["value"] for c in names] == ["James Belushi", "Brion James", "James Horner", "Peter Jason"]
    everyone = await h.autocomplete("cast", "name", "")
    assert len(everyone) == 25
    crew = await h.autocomplete("crew", "query", "comp")
    assert crew[0]["value"] == "composer"
    quote = await h.autocomplete("quote", "query", "hil")
    assert quote[0]["value"] == "Walter Hill"
    release = await h.autocomplete("release", "query", "blu")
    assert [c["value"] for c in release] == ["Blu-ray"]
    films = await h.autocomplete("cast", "film", "red")
    assert films == [{"name": "Red Heat (1988)", "value": "Red Heat"}]


# ---------------------------------------------------------------- limits, DMs, cooldown


async def test_too_long_argument(h):
    reply = await h.send("!cast " + "a" * 101)
    assert reply.texts == ["That's too long (101 characters); please keep it under 100."]
    slash = await h.slash("quote", query="b" * 101)
    assert slash.texts == ["That's too long (101 characters); please keep it under 100."]
    ok = await h.send("!cast " + "a" * 100)
    assert embed(ok[0])["title"] == "Not found"


async def test_everyone_in_argument_is_escaped_and_pings_nobody(h):
    reply = await h.send("!cast @everyone `x` **y**")
    assert embed(reply[0])["description"] == (
        "No one called '@\u200beveryone \\`x\\` \\*\\*y\\*\\*' in Red Heat (1988)."
    )
    assert reply[0].pings == {"everyone": False, "users": [], "roles": []}
    assert reply[0].allowed_mentions == {"parse": []}
    fence = await h.send("!quote ```@here```")
    assert "@here" not in fence[0].text and "\\`\\`\\`" in fence[0].text


async def test_lookup_in_a_dm(h):
    reply = await h.dm("!cast danko", user="carol")
    assert embed(reply[0])["title"] == "Arnold Schwarzenegger as Capt. Ivan Danko"
    first = (await h.dm("!cast", user="carol"))[0]
    page_two = await h.click(first, "Next", user="carol")
    assert desc_lines(page_two[0])[0] == "13. Michael Hagerty as Pat Nunn"
    assert_clean(h)


async def test_cooldown_five_lookups_per_ten_seconds(harness):
    for line in ["!cast danko", "!crew", "/quote danko", "!release", "!plot"]:
        reply = await harness.run(line, user="bob")
        assert reply[0].embeds, line
    blocked = await harness.send("!film", user="bob")
    assert blocked.texts == ["Slow down, try again in 10s."]
    other = await harness.send("!film", user="carol")  # per user
    assert embed(other[0])["title"] == "Red Heat (1988)"


# ---------------------------------------------------------------- several films


@pytest.fixture
async def two_film_harness(start_harness, bot_settings, tmp_path):
    films = tmp_path / "films"
    films.mkdir()
    shutil.copy(SEED, films / SEED.name)
    shutil.copy(SECOND, films / SECOND.name)
    settings = bot_settings.replace(films_dir=films, database_path=tmp_path / "two.db")
    async with start_harness(settings=settings) as h:
        unthrottle(h)
        yield h


async def test_several_films(two_film_harness):
    h = two_film_harness
    listing = await h.send("!film")
    assert embed(listing[0])["title"] == "Films"
    assert desc_lines(listing[0])[2:] == ["• Iron Meridian (1993)", "• Red Heat (1988)"]
    one = await h.send("!film iron meridain")
    assert embed(one[0])["title"] == "Iron Meridian (1993)"

    # the default film (first by title) is searched first, then every film; replies name the film
    moreno = await h.send("!cast moreno")
    assert embed(moreno[0])["title"] == "Daniel Okoye as Det. Frank Moreno"
    assert embed(moreno[0])["footer"]["text"] == "Iron Meridian (1993)"
    danko = await h.send("!cast danko")
    assert embed(danko[0])["title"] == "Arnold Schwarzenegger as Capt. Ivan Danko"
    assert embed(danko[0])["footer"]["text"] == "Red Heat (1988)"

    # slash: the film option restricts the search, with autocomplete on titles
    only_iron = await h.slash("cast", options={"name": "danko", "film": "Iron Meridian"})
    assert embed(only_iron[0])["description"] == "No one called 'danko' in Iron Meridian (1993)."
    titles = await h.autocomplete("cast", "film", "")
    assert [c["value"] for c in titles] == ["Iron Meridian", "Red Heat"]
    assert (await h.autocomplete("cast", "name", "dan", film="Red Heat"))[0]["value"] == "Capt. Ivan Danko"

    # !film set needs Manage Server, then changes what !cast lists
    refused = await h.send("!film set red heat", user="alice")
    assert refused.texts == ["You need the Manage Server permission to use that."]
    done = await h.send("!film set red heat", user="admin")
    assert embed(done[0])["description"] == "Lookups in this server now use Red Heat (1988) first."
    cast = await h.send("!cast")
    assert embed(cast[0])["title"] == "Cast of Red Heat (1988)"
    assert (await h.send("!film"))[0].embeds[0]["description"].split("\n")[-1] == (
        "• Red Heat (1988) — this server's default"
    )
    slash_set = await h.slash("film set", user="admin", title="Iron Meridian")
    assert embed(slash_set[0])["description"] == "Lookups in this server now use Iron Meridian (1993) first."
    assert embed((await h.send("!cast"))[0])["title"] == "Cast of Iron Meridian (1993)"
    # a DM has no server default: the first film
    assert embed((await h.dm("!plot"))[0])["title"].endswith("Iron Meridian (1993)")
    assert_clean(h)


async def test_film_set_refused_in_dm(two_film_harness):
    reply = await two_film_harness.dm("!film set red heat", user="admin")
    assert reply.texts == ["That command only works in a server channel, not in direct messages."]
