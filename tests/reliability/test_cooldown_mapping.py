"""PrunedCooldownMapping: the same budgets as discord.py's CooldownMapping, with a cheaper sweep."""

from types import SimpleNamespace

from discord.ext import commands

from bot.command_limit import PRUNE_EVERY, PrunedCooldownMapping


def message(user_id: int) -> SimpleNamespace:
    return SimpleNamespace(author=SimpleNamespace(id=user_id))


def test_expired_buckets_are_swept_at_most_once_per_interval():
    mapping = PrunedCooldownMapping.from_cooldown(1, 10.0, commands.BucketType.user)
    t = 1_000_000.0
    for uid in range(100):
        mapping.update_rate_limit(message(uid), current=t)
    assert len(mapping._cache) == 100
    # all 100 buckets have expired, but the last sweep was less than PRUNE_EVERY ago: no scan
    later = t + 20.0
    mapping._next_prune = later + PRUNE_EVERY / 2
    mapping.update_rate_limit(message(500), current=later)
    assert len(mapping._cache) == 101
    # past the interval the sweep runs and keeps only the live bucket
    mapping.update_rate_limit(message(501), current=later + PRUNE_EVERY)
    assert sorted(mapping._cache) == [500, 501]


def test_budgets_match_discord_py_mapping_when_sweeps_are_skipped():
    pruned = PrunedCooldownMapping.from_cooldown(2, 10.0, commands.BucketType.user)
    plain = commands.CooldownMapping.from_cooldown(2, 10.0, commands.BucketType.user)
    pruned._next_prune = float("inf")  # never sweep: stale buckets must still behave as fresh ones
    t = 2_000_000.0
    times = [t, t + 1, t + 2, t + 9, t + 10.5, t + 11, t + 11.5, t + 30, t + 30.1, t + 30.2]
    for now in times:
        for uid in (1, 2):
            expected = plain.update_rate_limit(message(uid), current=now)
            assert pruned.update_rate_limit(message(uid), current=now) == expected
    assert [plain.update_rate_limit(message(3), current=t + k) for k in (0, 0, 0)][2] is not None
