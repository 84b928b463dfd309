"""Fixtures for the lookup tests: the parsed seed film, and the real bot with lookups unthrottled."""

from __future__ import annotations

from pathlib import Path

import pytest
from discord.ext import commands

from bot.kb.library import Library
from bot.kb.parse import parse_article
from bot.lookup.service import Lookups

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "films" / "red-heat.txt"
SECOND = ROOT / "tests" / "data" / "films" / "iron-meridian.txt"


@pytest.fixture(scope="session")
def seed_film():
    return parse_article(SEED.read_text(encoding="utf-8"), source=str(SEED))


@pytest.fixture(scope="session")
def second_film():
    return parse_article(SECOND.read_text(encoding="utf-8"), source=str(SECOND))


@pytest.fixture(scope="session")
def lookups(seed_film):
    return Lookups(Library([seed_film]))


@pytest.fixture(scope="session")
def two_films(seed_film, second_film):
    return Lookups(Library([seed_film, second_film]))


def unthrottle(harness) -> None:
    """Lift the lookup cooldown (5 per 10 s) so one test can ask many questions as one user."""
    cog = harness.bot.get_cog("Lookup")
    cog.cooldown = commands.CooldownMapping.from_cooldown(1000, 10, commands.BucketType.user)


@pytest.fixture
async def h(harness):
    unthrottle(harness)
    yield harness
