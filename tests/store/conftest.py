from __future__ import annotations

import pytest

from bot.store import Store


@pytest.fixture
async def store(tmp_path):
    async with Store.open(tmp_path / "bot.db") as opened:
        yield opened
