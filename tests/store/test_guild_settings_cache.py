"""Guild settings are served from memory after the first read, and the store's own writes keep them right."""

import contextlib

from bot.store import Store


@contextlib.asynccontextmanager
async def _no_database(*args, **kwargs):
    raise AssertionError("the database was queried")
    yield  # pragma: no cover


async def test_settings_reads_after_the_first_cost_no_query(tmp_path):
    async with Store.open(tmp_path / "bot.db") as store:
        await store.set_guild_setting(7, "default_film", "red-heat-1988")
        assert await store.get_guild_setting(8, "default_film", "none") == "none"  # a miss is remembered too
        store._transaction = _no_database
        assert await store.get_guild_setting(7, "default_film") == "red-heat-1988"
        assert await store.get_guild_setting(8, "default_film", "none") == "none"


async def test_writes_and_deletes_update_what_reads_return_and_what_is_saved(tmp_path):
    path = tmp_path / "bot.db"
    async with Store.open(path) as store:
        assert await store.get_guild_setting(7, "trivia", {}) == {}
        await store.set_guild_setting(7, "trivia", {"rounds": 5})
        assert await store.get_guild_setting(7, "trivia") == {"rounds": 5}
        await store.set_guild_setting(7, "trivia", {"rounds": 9})
        value = await store.get_guild_setting(7, "trivia")
        value["rounds"] = 1  # the caller's copy: changing it changes nothing stored
        assert await store.get_guild_setting(7, "trivia") == {"rounds": 9}
        await store.set_guild_setting(7, "film", "x")
        await store.delete_guild_setting(7, "film")
        assert await store.get_guild_setting(7, "film", "gone") == "gone"
    async with Store.open(path) as store:  # a fresh store reads what the first one wrote
        assert await store.get_guild_setting(7, "trivia") == {"rounds": 9}
        assert await store.get_guild_setting(7, "film", "gone") == "gone"
