"""Per-user command budget, so one user's flood costs the bot (and the channel's send budget) almost
nothing and other users keep their latency.

A user may run ``rate`` commands per ``per`` seconds (discord.py's fixed-window cooldown, keyed by user,
across channels and DMs). Past the budget the user gets one "slow down" warning per window; the rest of
the flood is ignored without a reply. Plain chat (trivia answers) is never counted: only messages that
address a command to the bot, and slash commands.
"""

from __future__ import annotations

import time
from typing import Any

from discord.ext import commands

from bot.settings import DEFAULT_COMMAND_RATE

COMMAND_RATE = DEFAULT_COMMAND_RATE.count  # commands a user may run ...
COMMAND_PER = DEFAULT_COMMAND_RATE.per  # ... in this many seconds (COMMAND_RATE setting)
_PRUNE_AT = 1000  # forget expired warnings once this many users are remembered
PRUNE_EVERY = 1.0  # seconds between scans for expired cooldown buckets


class PrunedCooldownMapping(commands.CooldownMapping):
    """discord.py's CooldownMapping, but expired buckets are swept at most once every PRUNE_EVERY seconds.

    discord.py scans every remembered bucket on *every* ``get_bucket`` call, so each command costs time in
    proportion to the users active in the last window (measured: ~0.5 ms per command with 4,000 users).
    An expired bucket left in the cache a little longer behaves exactly like a new one (its window has
    passed, so it has its full budget again); only the sweep is less frequent."""

    _next_prune: float = 0.0

    def _verify_cache_integrity(self, current: float | None = None) -> None:
        current = current or time.time()
        if current < self._next_prune:
            return
        self._next_prune = current + PRUNE_EVERY
        super()._verify_cache_integrity(current)


class CommandLimiter:
    """``hit(message)`` counts one command; returns ``(retry_after, warn)`` — ``retry_after`` None when the
    command may run, else the seconds until the budget refills and whether to warn (first refusal only)."""

    def __init__(self, rate: int = COMMAND_RATE, per: float = COMMAND_PER) -> None:
        self.rate = rate
        self.per = per
        self._mapping = PrunedCooldownMapping.from_cooldown(rate, per, commands.BucketType.user)
        self._warned_until: dict[int, float] = {}

    def hit(self, message: Any) -> tuple[float | None, bool]:
        bucket = self._mapping.get_bucket(message)
        retry_after = bucket.update_rate_limit() if bucket is not None else None
        if retry_after is None:
            return None, False
        now = time.monotonic()
        user_id = message.author.id
        warn = now >= self._warned_until.get(user_id, 0.0)
        if warn:
            if len(self._warned_until) >= _PRUNE_AT:
                self._warned_until = {k: v for k, v in self._warned_until.items() if v > now}
            self._warned_until[user_id] = now + retry_after
        return retry_after, warn

    def cooldown_error(self, retry_after: float) -> commands.CommandOnCooldown:
        return commands.CommandOnCooldown(commands.Cooldown(self.rate, self.per), retry_after,
                                          commands.BucketType.user)
