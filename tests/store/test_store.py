"""The store keeps exactly the Film it was given, writes nothing for an unchanged article and
replaces only that film's facts for a changed one."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

from bot.kb.models import Film, Quote, Reception
from bot.store import FilmSummary, Store, StoreError
from tests.store.films import full_film, with_cast


def _defaults_differ(obj: object) -> list[str]:
    """Names of the dataclass fields of ``obj`` (recursively) left at their default value."""
    left: list[str] = []
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
        if default is not dataclasses.MISSING and value == default:
            left.append(f"{type(obj).__name__}.{f.name}")
    return left


def test_sample_film_sets_every_field():
    film = full_film()
    # Each nested type has one instance with every field set, so the round trip covers every column.
    assert _defaults_differ(film) == []
    assert _defaults_differ(film.cast[0]) == [
        "CastMember.rank",
        "CastMember.description",
        "CastMember.confidence",
        "CastMember.low_margin",
    ]
    assert _defaults_differ(film.cast[2]) == ["CastMember.rank", "CastMember.nickname"]
    assert _defaults_differ(film.home_media[0]) == []
    assert _defaults_differ(film.reception) == []
    assert _defaults_differ(film.quotes[1]) == []
    assert _defaults_differ(film.quotes[1].citation) == []
    assert _defaults_differ(film.credits[1]) == ["Credit.inferred"]
    assert _defaults_differ(film.credits[3]) == ["Credit.raw_field", "Credit.confidence", "Credit.low_margin"]


async def test_round_trip_returns_an_equal_film(store):
    film = full_film()
    assert await store.save_film(film, "/films/night-shift.txt", "h1") is True
    loaded = await store.load_film(film.key)
    assert loaded == film
    assert isinstance(loaded.home_media[0].raw_cells, tuple)
    assert isinstance(loaded.home_media[0].pack_titles, tuple)
    assert isinstance(loaded.warnings, tuple)
    assert loaded.quotes[2].citation.date is None
    assert loaded.quotes[0].citation is None
    assert loaded.releases[0].date.isoformat() == "1991-06-14"
    assert list(loaded.infobox) == ["name", "runtime", "mystery_field"]


async def test_round_trip_of_a_minimal_film(store):
    film = Film(key="k-2000", title="K", evidence="| name = K")
    await store.save_film(film, "k.txt", "h")
    assert await store.load_film("k-2000") == film
    assert (await store.load_film("k-2000")).reception == Reception()


async def test_round_trip_survives_reopening(tmp_path):
    film = full_film()
    async with Store.open(tmp_path / "a.db") as store:
        await store.save_film(film, "a.txt", "h")
    store = await Store.open(tmp_path / "a.db")
    try:
        assert await store.load_film(film.key) == film
        assert await store.load_films() == [film]
    finally:
        await store.close()


async def test_unknown_film_loads_as_none(store):
    assert await store.load_film("nope-1900") is None


async def test_films_and_load_films_are_ordered_by_title_then_year(store):
    b = full_film("b-1990", "beta", 1990)
    a2 = full_film("alpha-2001", "Alpha", 2001)
    a1 = full_film("alpha-1999", "Alpha", 1999)
    for i, film in enumerate((b, a2, a1)):
        await store.save_film(film, f"{i}.txt", "h")
    assert await store.films() == [
        FilmSummary("alpha-1999", "Alpha", 1999),
        FilmSummary("alpha-2001", "Alpha", 2001),
        FilmSummary("b-1990", "beta", 1990),
    ]
    assert await store.load_films() == [a1, a2, b]


async def test_unchanged_article_writes_nothing(store):
    film = full_film()
    assert await store.save_film(film, "a.txt", "h1") is True
    before = store.total_changes
    assert await store.save_film(film, "a.txt", "h1") is False
    assert store.total_changes == before
    assert await store.source_hash("a.txt") == "h1"
    assert await store.source_hash("other.txt") is None


async def test_new_parser_version_counts_as_changed(store):
    film = full_film()
    await store.save_film(film, "a.txt", "h1", parser_version="p1")
    assert await store.save_film(film, "a.txt", "h1", parser_version="p1") is False
    assert await store.save_film(film, "a.txt", "h1", parser_version="p2") is True
    assert await store.save_film(film, "a.txt", "h1", parser_version="p2", force=True) is True


async def test_changed_article_replaces_only_its_own_facts(store):
    film = with_cast(full_film(), "Ann One", "Bob Two", "Cid Three")
    other = with_cast(full_film("other-1980", "Other", 1980), "Dee Four")
    await store.save_film(film, "a.txt", "h1")
    await store.save_film(other, "b.txt", "h1")
    edited = dataclasses.replace(with_cast(film, "Ann One", "Eve Five"), quotes=film.quotes[:1], warnings=())
    assert await store.save_film(edited, "a.txt", "h2") is True
    loaded = await store.load_film(film.key)
    assert [c.actor for c in loaded.cast] == ["Ann One", "Eve Five"]
    assert [q.text for q in loaded.quotes] == ["This city is strange."]
    assert loaded.warnings == ()
    assert loaded == edited
    assert await store.load_film(other.key) == other
    assert await store.source_hash("a.txt") == "h2"


async def test_guild_settings_hold_json_values_and_survive_reingest(store):
    guild = 2**62 + 5  # snowflakes are 64-bit
    film = full_film()
    await store.save_film(film, "a.txt", "h1")
    assert await store.get_guild_setting(guild, "default_film") is None
    assert await store.get_guild_setting(guild, "default_film", "fallback") == "fallback"
    await store.set_guild_setting(guild, "default_film", film.key)
    await store.set_guild_setting(guild, "trivia", {"rounds": 5, "hints": [1, 2], "on": True})
    await store.set_guild_setting(7, "default_film", "other-1980")
    await store.save_film(with_cast(film, "New Actor"), "a.txt", "h2")
    assert await store.get_guild_setting(guild, "default_film") == film.key
    assert await store.get_guild_setting(guild, "trivia") == {"rounds": 5, "hints": [1, 2], "on": True}
    assert await store.get_guild_setting(7, "default_film") == "other-1980"
    await store.set_guild_setting(guild, "trivia", None)
    assert await store.get_guild_setting(guild, "trivia", "fallback") is None
    await store.delete_guild_setting(guild, "trivia")
    assert await store.get_guild_setting(guild, "trivia", "fallback") == "fallback"


async def test_unserialisable_setting_is_a_store_error(store):
    with pytest.raises(StoreError, match="setting 'x' cannot be stored"):
        await store.set_guild_setting(1, "x", object())


async def test_article_describing_another_film_drops_the_old_one(store):
    old = full_film("old-title-1990", "Old Title", 1990)
    await store.save_film(old, "a.txt", "h1")
    await store.save_film(full_film("kept-1990", "Kept", 1990), "b.txt", "h1")
    renamed = full_film("new-title-1990", "New Title", 1990)
    await store.save_film(renamed, "a.txt", "h2")
    assert [f.key for f in await store.films()] == ["kept-1990", "new-title-1990"]
    assert await store.load_film("old-title-1990") is None


async def test_failure_mid_save_leaves_previous_version_intact(store):
    film = full_film()
    await store.save_film(film, "a.txt", "h1")
    # A NOT NULL column gets None: the film_quotes insert fails after films, credits and cast were written.
    broken = dataclasses.replace(
        with_cast(film, "Changed Actor"),
        quotes=(Quote(None, "line", "x"),),
        runtime_minutes=1,  # type: ignore[arg-type]
    )
    with pytest.raises(StoreError, match=r"cannot save film 'night-shift-1991' in .*NOT NULL"):
        await store.save_film(broken, "a.txt", "h2")
    assert await store.load_film(film.key) == film
    assert await store.source_hash("a.txt") == "h1"
    # The store still works after the failure.
    assert await store.save_film(with_cast(film, "Fine Actor"), "a.txt", "h3") is True
    assert [c.actor for c in (await store.load_film(film.key)).cast] == ["Fine Actor"]


async def test_non_sqlite_exception_mid_save_rolls_back(store, monkeypatch):
    film = full_film()
    await store.save_film(film, "a.txt", "h1")
    from bot.store import sql

    real = sql.insert_rows

    def failing(table):
        if table.name == "film_home_media":
            raise RuntimeError("power cut")
        return real(table)

    monkeypatch.setattr(sql, "insert_rows", failing)
    with pytest.raises(RuntimeError, match="power cut"):
        await store.save_film(with_cast(film, "Changed"), "a.txt", "h2")
    monkeypatch.undo()
    assert await store.load_film(film.key) == film
    assert await store.source_hash("a.txt") == "h1"


async def test_concurrent_saves_and_reads_do_not_interleave(store):
    films = [full_film(f"film-{i}-2000", f"Film {i}", 2000) for i in range(6)]

    async def check_reads():
        for _ in range(10):
            for loaded in await store.load_films():
                assert loaded in films  # never half-written
            await asyncio.sleep(0)

    await asyncio.gather(
        *(store.save_film(f, f"{i}.txt", "h") for i, f in enumerate(films)),
        check_reads(),
        store.set_guild_setting(1, "default_film", "film-0-2000"),
    )
    assert await store.load_films() == films


async def test_closed_store_refuses_work(tmp_path):
    store = await Store.open(tmp_path / "c.db")
    await store.close()
    await store.close()  # twice is fine
    with pytest.raises(StoreError, match="is closed"):
        await store.films()


def test_model_rows_are_plain_types():
    from bot.store.mapping import film_rows

    rows = film_rows(full_film())
    assert rows["film_cast"][0][:4] == ("night-shift-1991", 0, 0, "Ed O'Ross")
    assert rows["film_home_media"][0][4] == '["VHS", "1992-03-01", "UK", "Cinema  Club", "N/A"]'
    assert rows["film_quotes_citation"] == [
        (
            "night-shift-1991",
            1,
            "Headline / Doe, John. The Paper 17 June 1991: GL.",
            "Headline",
            "Doe, John",
            "The Paper",
            "1991-06-17",
            "GL",
        ),
        ("night-shift-1991", 2, "The Paper", None, None, None, None, None),
    ]
    assert rows["film_infobox"][2] == ("night-shift-1991", 2, "mystery_field", "x")
    for table_rows in rows.values():
        for row in table_rows:
            assert all(v is None or type(v) in (str, int, float) for v in row), row
