"""Persistent trivia stats in the store: awards as given, periods, games and wins, idempotence, reset,
and independence from the film tables (re-ingest and film removal leave them alone)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.store import Store
from bot.store.store import PlayerStats
from bot.trivia.stats import ALL, MONTH, WEEK, PeriodError, parse_period, period_start
from tests.store.films import full_film

G, OTHER_G = 100, 200
ALICE, BOB, CAROL = 1, 2, 3
# Wednesday 2024-05-15 12:00 UTC: the week starts Monday 05-13, the month 05-01.
NOW = dt.datetime(2024, 5, 15, 12, 0, tzinfo=dt.UTC)


def at(days_ago: float) -> dt.datetime:
    return NOW - dt.timedelta(days=days_ago)


@pytest.fixture
async def store(tmp_path):
    async with Store.open(tmp_path / "bot.db") as opened:
        yield opened


async def award(store, game, question, user, points, *, days_ago=0.0, streak=1, guild=G) -> bool:
    return await store.add_trivia_award(game, question, user, guild_id=guild, points=points, streak=streak,
                                        at=at(days_ago))


def test_periods_parse_and_start():
    assert [parse_period(t) for t in ("week", " Weekly ", "MONTH", "all", "all-time", "", None)] == [
        WEEK, WEEK, MONTH, ALL, ALL, ALL, ALL]
    with pytest.raises(PeriodError, match="`year` is not a period: use week, month or all."):
        parse_period("year")
    assert period_start(WEEK, NOW) == dt.datetime(2024, 5, 13, tzinfo=dt.UTC)
    assert period_start(MONTH, NOW) == dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    assert period_start(ALL, NOW) is None
    # A Monday just after midnight is the start of its own week; other zones are converted to UTC.
    monday = dt.datetime(2024, 5, 13, 0, 0, 1, tzinfo=dt.UTC)
    assert period_start(WEEK, monday) == dt.datetime(2024, 5, 13, tzinfo=dt.UTC)
    tokyo = dt.datetime(2024, 6, 1, 3, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))  # May 31 18:00 UTC
    assert period_start(MONTH, tokyo) == dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    with pytest.raises(ValueError):
        period_start(WEEK, dt.datetime(2024, 5, 15))


async def test_awards_add_up_per_period(store):
    assert await award(store, "g1", "q1", ALICE, 10, days_ago=0, streak=1)
    assert await award(store, "g1", "q2", ALICE, 7, days_ago=0, streak=2)
    assert await award(store, "g1", "q3", BOB, 4, days_ago=0)
    assert await award(store, "g0", "q1", BOB, 10, days_ago=5)  # Friday of last week, this month
    assert await award(store, "g-old", "q1", CAROL, 30, days_ago=40, streak=3)  # April
    assert await award(store, "g9", "q1", CAROL, 99, guild=OTHER_G)

    week = await store.trivia_leaderboard(G, since=period_start(WEEK, NOW))
    assert week == [PlayerStats(ALICE, 17, 2, 0, 0, 2), PlayerStats(BOB, 4, 1, 0, 0, 1)]
    month = await store.trivia_leaderboard(G, since=period_start(MONTH, NOW))
    assert month == [PlayerStats(ALICE, 17, 2, 0, 0, 2), PlayerStats(BOB, 14, 2, 0, 0, 1)]
    every = await store.trivia_leaderboard(G)
    assert every == [PlayerStats(CAROL, 30, 1, 0, 0, 3), PlayerStats(ALICE, 17, 2, 0, 0, 2),
                     PlayerStats(BOB, 14, 2, 0, 0, 1)]
    assert await store.trivia_leaderboard(G, limit=1) == [PlayerStats(CAROL, 30, 1, 0, 0, 3)]
    assert await store.trivia_player(G, BOB) == PlayerStats(BOB, 14, 2, 0, 0, 1)
    assert await store.trivia_player(G, BOB, since=period_start(WEEK, NOW)) == PlayerStats(BOB, 4, 1, 0, 0, 1)
    assert await store.trivia_player(OTHER_G, BOB) is None


async def test_a_retried_award_counts_once(store):
    assert await award(store, "g1", "q1", ALICE, 10) is True
    changes = store.total_changes
    assert await award(store, "g1", "q1", ALICE, 10) is False
    assert await award(store, "g1", "q1", ALICE, 5) is False  # even with other points: the first one stands
    assert store.total_changes == changes
    assert await award(store, "g1", "q1", BOB, 10) is True  # another player on the same question
    assert await award(store, "g2", "q1", ALICE, 10) is True  # the same question in another game
    assert await store.trivia_player(G, ALICE) == PlayerStats(ALICE, 20, 2, 0, 0, 1)


async def test_finished_games_count_games_and_wins(store):
    await store.start_trivia_game("g1", guild_id=G, channel_id=5, film_key="night-shift-1991", mode="free",
                                  at=at(1))
    await award(store, "g1", "q1", ALICE, 10, days_ago=1)
    await store.finish_trivia_game("g1", guild_id=G, players={ALICE: True, BOB: False}, end_reason="rounds",
                                   rounds=3, at=at(1))
    await store.start_trivia_game("g2", guild_id=G, channel_id=5, film_key="night-shift-1991", mode="choice",
                                  at=at(0))
    await award(store, "g2", "q1", BOB, 6)
    await award(store, "g2", "q2", BOB, 8, streak=2)
    await store.finish_trivia_game("g2", guild_id=G, players={ALICE: False, BOB: True}, end_reason="target",
                                   rounds=2, at=at(0))
    # Finishing twice (a retry) changes nothing.
    await store.finish_trivia_game("g2", guild_id=G, players={ALICE: False, BOB: True}, end_reason="target",
                                   rounds=2, at=at(0))
    assert await store.trivia_leaderboard(G) == [PlayerStats(BOB, 14, 2, 2, 1, 2), PlayerStats(ALICE, 10, 1, 2, 1, 1)]
    # CAROL played without scoring: she is on the board with zero points.
    await store.finish_trivia_game("g3", guild_id=G, players={CAROL: False}, end_reason="stopped", rounds=1, at=at(0))
    assert (await store.trivia_leaderboard(G))[-1] == PlayerStats(CAROL, 0, 0, 1, 0, 0)


async def test_reset_clears_one_guild_only(store):
    await award(store, "g1", "q1", ALICE, 10)
    await award(store, "g1", "q2", BOB, 10)
    await store.finish_trivia_game("g1", guild_id=G, players={ALICE: True, BOB: True}, end_reason="rounds",
                                   rounds=2, at=NOW)
    await award(store, "g2", "q1", ALICE, 3, guild=OTHER_G)
    assert await store.reset_trivia(G) == 2
    assert await store.trivia_leaderboard(G) == []
    assert await store.trivia_leaderboard(OTHER_G) == [PlayerStats(ALICE, 3, 1, 0, 0, 1)]
    assert await store.reset_trivia(G) == 0
    # After a reset the same game id can be recorded again (nothing left blocks it).
    assert await award(store, "g1", "q1", ALICE, 10) is True


async def test_stats_survive_reingest_and_film_removal(store, tmp_path):
    film = full_film()
    await store.save_film(film, "a.txt", "h1")
    await store.start_trivia_game("g1", guild_id=G, channel_id=5, film_key=film.key, mode="free", at=NOW)
    await award(store, "g1", "q1", ALICE, 10)
    await store.save_film(film, "a.txt", "h2", force=True)  # re-ingest: children deleted and re-inserted
    renamed = full_film(key="night-shift-1992", year=1992)
    await store.save_film(renamed, "a.txt", "h3")  # the article now yields another key: the old film goes
    assert [f.key for f in await store.films()] == ["night-shift-1992"]
    assert await store.trivia_leaderboard(G) == [PlayerStats(ALICE, 10, 1, 0, 0, 1)]


async def test_awards_are_on_disk_at_once(tmp_path):
    """A crash mid-game loses nothing awarded: another connection sees each award as soon as it returns."""
    path = tmp_path / "bot.db"
    async with Store.open(path) as writer:
        await award(writer, "g1", "q1", ALICE, 10)
        async with Store.open(path, read_only=True) as reader:
            assert await reader.trivia_player(G, ALICE) == PlayerStats(ALICE, 10, 1, 0, 0, 1)
