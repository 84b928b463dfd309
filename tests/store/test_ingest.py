"""Ingest of article files with the real parser: the seed, re-ingest, changed articles, bad input."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from bot.kb import ingest as ingest_module
from bot.kb.ingest import FAILED, INGESTED, UNCHANGED, FactCounts, ingest_folder, ingest_paths
from bot.kb.parse import parse_article
from bot.store import FilmSummary

SEED = Path(__file__).resolve().parents[2] / "data" / "films" / "red-heat.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
TEST_FILMS = Path(__file__).resolve().parents[1] / "data" / "films"
ARTICLES = [*sorted(SEED.parent.glob("*.txt")), *sorted(TEST_FILMS.glob("*.txt"))]


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    folder = tmp_path / "films"
    folder.mkdir()
    return Path(shutil.copy(SEED, folder / "red-heat.txt"))


async def test_seed_round_trips_through_the_store(store):
    film = parse_article(SEED_TEXT, source=str(SEED))
    assert await store.save_film(film, str(SEED), "h") is True
    assert await store.load_film("red-heat-1988") == film


async def test_ingest_seed_folder(store, seed_copy):
    report = await ingest_paths(store, [seed_copy.parent])
    [result] = report.results
    assert (result.path, result.status, result.film_key, result.title) == (
        seed_copy,
        INGESTED,
        "red-heat-1988",
        "Red Heat",
    )
    film = parse_article(SEED_TEXT, source=str(seed_copy))
    assert result.counts == FactCounts.of(film)
    # 17 "Actor as Role" entries on 13 cast lines, premiere + release, 8 home media rows, 7 quotes.
    assert (result.counts.cast, result.counts.releases, result.counts.home_media, result.counts.quotes) == (
        17,
        2,
        8,
        7,
    )
    assert result.error is None
    assert report.ok and str(report) == "1 ingested, 0 unchanged, 0 failed"
    assert await store.films() == [FilmSummary("red-heat-1988", "Red Heat", 1988)]
    assert await store.load_film("red-heat-1988") == film
    assert result.describe().startswith(f"{seed_copy}: ingested Red Heat [red-heat-1988]: 17 cast, ")


async def test_second_ingest_writes_nothing(store, seed_copy):
    await ingest_paths(store, [seed_copy])
    before = store.total_changes
    report = await ingest_paths(store, [seed_copy.parent])
    [result] = report.results
    assert (result.status, result.film_key, result.title, result.counts) == (
        UNCHANGED,
        "red-heat-1988",
        "Red Heat",
        None,
    )
    assert store.total_changes == before
    assert result.describe() == f"{seed_copy}: unchanged, Red Heat [red-heat-1988]"


async def test_force_and_new_parser_code_reingest(store, seed_copy, monkeypatch):
    await ingest_paths(store, [seed_copy])
    [forced] = (await ingest_paths(store, [seed_copy], force=True)).results
    assert forced.status == INGESTED
    monkeypatch.setattr(ingest_module, "parser_version", lambda: "a-newer-parser")
    [result] = (await ingest_paths(store, [seed_copy])).results
    assert result.status == INGESTED
    [again] = (await ingest_paths(store, [seed_copy])).results
    assert again.status == UNCHANGED


async def test_changed_article_replaces_its_facts_and_keeps_settings(store, seed_copy, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text(SEED_TEXT.replace("| name = Red Heat", "| name = Blue Cold"), encoding="utf-8")
    await ingest_paths(store, [seed_copy, other])
    await store.set_guild_setting(42, "default_film", "red-heat-1988")
    await store.set_guild_setting(42, "trivia_scores", {"alice": 3})

    edited = SEED_TEXT.replace("*Oleg Vidov as Yuri Ogarkov\n", "").replace(
        "*Norbert Novenyi as Sasha", "*Norbert Novenyi as Sasha\n*Jane Newcomer as Anna Petrova"
    )
    assert (
        edited.count("Jane Newcomer") == 1 and "Oleg Vidov" not in edited.split("==Cast==")[1].split("==")[0]
    )
    seed_copy.write_text(edited, encoding="utf-8")
    [result] = (await ingest_paths(store, [seed_copy])).results
    assert result.status == INGESTED
    assert result.counts.cast == 17
    film = await store.load_film("red-heat-1988")
    assert film == parse_article(edited, source=str(seed_copy))
    assert [(c.actor, c.character) for c in film.cast[-2:]] == [
        ("Norbert Novenyi", "Sasha"),
        ("Jane Newcomer", "Anna Petrova"),
    ]
    assert "Oleg Vidov" not in [c.actor for c in film.cast]
    assert await store.load_film("blue-cold-1988") == parse_article(
        other.read_text(encoding="utf-8"), source=str(other)
    )
    assert await store.get_guild_setting(42, "default_film") == "red-heat-1988"
    assert await store.get_guild_setting(42, "trivia_scores") == {"alice": 3}


def _write_bad_inputs(folder: Path) -> dict[str, str]:
    """Bad files and the one-line error each must get."""
    folder.mkdir()
    (folder / "a-empty.txt").write_bytes(b"")
    (folder / "b-no-infobox.txt").write_text("Red Heat\n\nA film.\n\n==Plot==\nA man goes to Chicago.\n")
    (folder / "c-garbage.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    (folder / "d-nul.txt").write_bytes(b"\x00\x01\x02abc" * 500)
    with (folder / "e-huge.txt").open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    (folder / "f-latin1.txt").write_bytes(
        "Caf\u00e9 Society\n{{Infobox film\n| name = Caf\u00e9\n}}".encode("latin-1")
    )
    return {
        "a-empty.txt": "empty article",
        "b-no-infobox.txt": "no infobox: not a film article",
        "c-garbage.txt": "not UTF-8 text (invalid byte 0x89 at offset 0)",
        "d-nul.txt": "binary data, not a text article",
        "e-huge.txt": "too large (20.0 MB, limit 5 MB)",
        "f-latin1.txt": "not UTF-8 text (invalid byte 0xe9 at offset 3)",
    }


async def test_bad_inputs_fail_one_by_one_with_clear_messages(store, seed_copy, tmp_path):
    bad = tmp_path / "bad"
    expected = _write_bad_inputs(bad)
    seen = []
    report = await ingest_paths(
        store,
        [bad, seed_copy, tmp_path / "missing.txt"],
        progress=lambda r, i, n: seen.append((r.path.name, i, n)),
    )
    assert [(r.path.name, r.status, r.error) for r in report.results] == [
        *((name, FAILED, message) for name, message in expected.items()),
        ("red-heat.txt", INGESTED, None),
        ("missing.txt", FAILED, "no such file or folder"),
    ]
    assert seen == [(r.path.name, i, 8) for i, r in enumerate(report.results, start=1)]
    assert not report.ok and str(report) == "1 ingested, 0 unchanged, 7 failed"
    assert report.failed[0].describe() == f"{bad / 'a-empty.txt'}: empty article"
    assert await store.films() == [FilmSummary("red-heat-1988", "Red Heat", 1988)]


async def test_unknown_infobox_field_is_a_warning(store, tmp_path):
    path = tmp_path / "odd.txt"
    path.write_text(SEED_TEXT.replace("| runtime = 103 min", "| shoe_size = 42\n| runtime = 103 min"))
    [result] = (await ingest_paths(store, [path])).results
    assert result.status == INGESTED
    assert "unknown infobox field 'shoe_size' kept as is" in result.warnings
    assert (await store.load_film("red-heat-1988")).infobox["shoe_size"] == "42"


async def test_bad_new_version_keeps_the_previous_film(store, seed_copy):
    await ingest_paths(store, [seed_copy])
    stored = await store.load_film("red-heat-1988")
    seed_copy.write_bytes(b"\xff\xfe" + "garbage".encode("utf-16-le"))
    [result] = (await ingest_paths(store, [seed_copy])).results
    assert (result.status, result.error) == (FAILED, "not UTF-8 text (invalid byte 0xff at offset 0)")
    assert await store.load_film("red-heat-1988") == stored


async def test_store_failure_mid_ingest_is_reported_and_rolled_back(store, seed_copy, monkeypatch):
    await ingest_paths(store, [seed_copy])
    stored = await store.load_film("red-heat-1988")
    seed_copy.write_text(SEED_TEXT.replace("*Peter Jason as TV Announcer\n", ""), encoding="utf-8")
    from bot.store import sql

    monkeypatch.setattr(sql, "UPSERT_SOURCE", "INSERT INTO no_such_table VALUES (?, ?, ?, ?, ?)")
    [result] = (await ingest_paths(store, [seed_copy])).results
    assert result.status == FAILED
    assert result.error.startswith("cannot save film 'red-heat-1988' in ")
    assert result.error.endswith(": no such table: no_such_table")
    monkeypatch.undo()
    assert await store.load_film("red-heat-1988") == stored


async def test_same_file_twice_is_ingested_once(store, seed_copy):
    report = await ingest_paths(store, [seed_copy, seed_copy.parent, str(seed_copy)])
    assert [(r.path, r.status) for r in report.results] == [(seed_copy, INGESTED)]


async def test_two_files_with_the_same_film_are_flagged(store, seed_copy, tmp_path):
    copy = tmp_path / "copy.txt"
    shutil.copy(seed_copy, copy)
    report = await ingest_paths(store, [seed_copy, copy])
    assert report.results[1].warnings[-1] == (
        f"describes the same film as {seed_copy} (red-heat-1988); the facts stored are this file's"
    )


async def test_byte_order_mark_is_accepted(store, tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + SEED.read_bytes())
    [result] = (await ingest_paths(store, [path])).results
    assert (result.status, result.film_key) == (INGESTED, "red-heat-1988")


async def test_empty_folder_is_reported(store, tmp_path):
    (tmp_path / "empty").mkdir()
    [result] = (await ingest_paths(store, [tmp_path / "empty"])).results
    assert (result.status, result.error) == (FAILED, "no .txt articles in this folder")


async def test_startup_folder_ingest_logs_each_file(store, seed_copy, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="bot.kb.ingest")
    assert (await ingest_folder(store, tmp_path / "nowhere")).results == ()
    assert f"films folder {tmp_path / 'nowhere'} does not exist; nothing to ingest" in caplog.messages
    report = await ingest_folder(store, seed_copy.parent)
    assert [r.status for r in report.results] == [INGESTED]
    assert report.results[0].describe() in caplog.messages
    assert f"ingest of {seed_copy.parent}: 1 ingested, 0 unchanged, 0 failed" in caplog.messages
    report = await ingest_folder(store, seed_copy.parent)
    assert [r.status for r in report.results] == [UNCHANGED]


async def test_every_article_we_ship_round_trips_in_one_store(store):
    assert len(ARTICLES) >= 2  # the seed and the parser's second test article
    report = await ingest_paths(store, [SEED.parent, TEST_FILMS])
    assert [(r.path, r.status) for r in report.results] == [(p, INGESTED) for p in ARTICLES]
    expected = [parse_article(p.read_text(encoding="utf-8"), source=str(p)) for p in ARTICLES]
    assert len({f.key for f in expected}) == len(ARTICLES)
    expected.sort(key=lambda f: (f.title.casefold(), f.year or 0))
    assert await store.load_films() == expected
    assert await store.films() == [FilmSummary(f.key, f.title, f.year) for f in expected]
