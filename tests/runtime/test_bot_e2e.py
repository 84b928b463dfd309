"""The product bot end to end in the offline sandbox: commands, the error handler, mentions, faults."""

import io
import logging
import re

import pytest
from discord.ext import commands

from bot.logging_setup import setup_logging
from bot.settings import Secret

HELP_FIRST_LINES = [
    "**Commands**",
    "Use `!command` or `/command`; mentioning me works as a prefix too.",
    "`!help <command>` shows the details of one command.",
]
PING = re.compile(r"^Pong! Gateway latency \d+ ms\.$")


async def test_ready_with_films_loaded(harness):
    assert harness.bot.is_ready()
    assert harness.ready_seconds is not None
    assert [f.key for f in harness.bot.library.films] == ["red-heat-1988"]
    assert harness.errors == []


async def test_ping_prefix_slash_and_mention(harness):
    for reply in (await harness.send("!ping"), await harness.slash("ping"),
                  await harness.send(f"<@{harness.bot.user.id}> ping")):
        assert len(reply) == 1
        assert PING.match(reply[0].text), reply[0].text
    assert (await harness.slash("ping"))[0].via_interaction


async def test_help_prefix_and_slash_are_the_same_embed(harness):
    prefix, slash = await harness.send("!help"), await harness.slash("help")
    assert prefix.texts == slash.texts
    embed = prefix[0].embeds[0]
    assert embed["title"] == "Commands"
    assert prefix[0].text.splitlines()[:3] == HELP_FIRST_LINES
    meta = next(f for f in embed["fields"] if f["name"] == "Meta")
    assert "`!ping` — Check that the bot is alive and how fast the gateway answers. e.g. `!ping`" in meta["value"]
    assert "sync" not in prefix[0].text


async def test_help_for_one_command(harness):
    reply = await harness.slash("help", command="ping")
    assert reply.text == ("**!ping**\nReplies with Pong and the gateway latency.\nUsage: `!ping`\n"
                          "Example: `!ping`\nSlash: `/ping` works too")
    assert (await harness.send("!help ping")).text == reply.text
    assert (await harness.send("!help pnig")).text == "I don't have a command called `pnig`. Did you mean `!ping`?"


async def test_help_autocomplete_offers_command_names(harness):
    choices = await harness.autocomplete("help", "command", "pi")
    assert [c["value"] for c in choices][0] == "ping"


async def test_did_you_mean_for_typos_and_silence_otherwise(harness):
    assert (await harness.send("!hlep")).text == "Unknown command `!hlep`. Did you mean `!help`?"
    assert (await harness.send("!pnig")).text == "Unknown command `!pnig`. Did you mean `!ping`?"
    assert (await harness.send("!zzzzzz")).texts == []
    assert (await harness.send("!")).texts == []


async def test_nothing_the_bot_sends_pings_anyone(harness):
    alice = harness.world.user("alice").id
    reply = await harness.send(f"!help @everyone @here <@{alice}>")
    assert reply.text == f"I don't have a command called `@everyone @here <@{alice}>`. Try `!help` for the list."
    assert reply[0].pings == {"everyone": False, "users": [], "roles": []}
    assert reply[0].allowed_mentions["parse"] == []


async def test_owner_only_sync_and_guild_only_refusal_in_dm(harness):
    assert (await harness.send("!sync", user="alice")).text == "Only the bot's owner can use that command."
    assert (await harness.dm("!sync here", user="owner")).text == (
        "That command only works in a server channel, not in direct messages.")
    synced = await harness.send("!sync here", user="owner")
    guild_id = harness.world.channel("general").guild_id
    tree_names = sorted(c.name for c in harness.bot.tree.get_commands())
    assert {"help", "ping"} <= set(tree_names)
    assert synced.text == f"Synced {len(tree_names)} slash commands to server {guild_id}."
    assert sorted(c["name"] for c in harness.sandbox.sync_calls[-1][1]) == tree_names


async def test_input_too_long(harness):
    reply = await harness.send("!help " + "x" * 400)
    assert reply.text == "That's too long (406 characters); please keep it under 300."


@pytest.fixture
async def extra_commands(harness):
    """Commands a later cog might have, to exercise the one error handler on both paths."""
    calls = []

    @commands.hybrid_command(name="purge", brief="Delete messages.")
    @commands.has_permissions(manage_messages=True)
    async def purge(ctx, count: int) -> None:
        await ctx.send(f"would delete {count}")

    @commands.hybrid_command(name="boom", brief="Always fails.")
    async def boom(ctx) -> None:
        calls.append(1)
        raise ZeroDivisionError("kaboom")

    @commands.hybrid_command(name="slowly", brief="Rate limited.")
    @commands.cooldown(1, 10, commands.BucketType.user)
    async def slowly(ctx, *, text: str) -> None:
        await ctx.send(f"ok {text}")

    for command in (purge, boom, slowly):
        harness.bot.add_command(command)
    harness.install_commands()
    return calls


async def test_missing_permission_is_friendly_on_both_paths(harness, extra_commands):
    expected = "You need the Manage Messages permission to use that."
    assert (await harness.send("!purge 5", user="alice")).text == expected
    assert (await harness.slash("purge", user="alice", count=5)).text == expected
    assert (await harness.send("!purge 5", user="admin")).text == "would delete 5"


async def test_bad_and_missing_arguments(harness, extra_commands):
    assert (await harness.send("!purge lots", user="admin")).text == "`count` must be a whole number. Usage: `!purge <count>`"
    assert (await harness.send("!slowly")).text == "Missing `text`. Usage: `!slowly <text>`"


async def test_cooldown(harness, extra_commands):
    assert (await harness.send("!slowly one")).text == "ok one"
    assert (await harness.send("!slowly two")).text == "Slow down, try again in 10s."
    assert (await harness.slash("slowly", text="three")).text == "Slow down, try again in 10s."
    assert (await harness.send("!slowly two", user="bob")).text == "ok two"


async def test_unexpected_error_logged_with_command_and_apology(harness, extra_commands):
    apology = "Sorry, something went wrong with that command. It has been logged."
    assert (await harness.send("!boom")).text == apology
    assert (await harness.slash("boom")).text == apology
    messages = [r.getMessage() for r in harness.errors]
    assert messages == ["command boom failed (input '!boom')", "command boom failed (input '')"]
    assert harness.errors[0].exc_info[0] is ZeroDivisionError
    assert PING.match((await harness.send("!ping")).text)


async def test_survives_gateway_close_and_rest_faults(harness):
    await harness.sandbox.close_gateway(4000)
    assert PING.match((await harness.send("!ping")).text)
    harness.sandbox.fail_next(1, status=429, retry_after=0.05)
    assert PING.match((await harness.send("!ping")).text)
    harness.sandbox.fail_next(1, status=500)
    assert PING.match((await harness.send("!ping")).text)
    assert [status for _, _, status in harness.sandbox.faults_served] == [429, 500]


async def test_token_redacted_from_debug_logs_end_to_end(start_harness):
    token = "MTIzNDU2Nzg5.sandbox-secret.token-value"
    stream = io.StringIO()
    handler = setup_logging("DEBUG", secrets=[token], stream=stream)
    try:
        async with start_harness(token=token) as h:
            reply = await h.send(f"!help {token}")  # the gateway debug log shows the user's message
            assert reply[0].text.startswith("I don't have a command called `MTIzNDU2Nzg5")
    finally:
        logging.getLogger().removeHandler(handler)
        logging.getLogger().setLevel(logging.WARNING)
    out = stream.getvalue()
    assert token not in out
    assert "[REDACTED]" in out
    assert "discord.gateway" in out and "discord.http" in out


async def test_a_pasted_token_is_refused_and_never_echoed(start_harness, bot_settings):
    token = "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs"
    settings = bot_settings.replace(discord_token=Secret(token))
    refusal = ("That message contains this bot's token, so I won't touch it. If it was pasted by mistake, "
               "reset the token in the Discord developer portal.")
    async with start_harness(settings=settings) as h:
        for reply in (await h.send(f"!cast {token}"), await h.send(f"!help {token}"),
                      await h.slash("cast", options={"name": token})):
            assert reply.text == refusal
        assert not any(token in m.text for m in h.messages())
        assert (await h.send("!cast danko")).text.startswith("**Arnold Schwarzenegger as Capt. Ivan Danko**")


async def test_sharded_bot_runs_the_configured_shard(bot_settings):
    """SHARD_COUNT=2 with SHARD_IDS naming the guild's shard: the AutoShardedBot answers from that shard."""
    from bot.runtime import ShardedFilmBot, create_bot
    from bot.sandbox import Harness
    from bot.sandbox.world import default_world
    from bot.store import Store

    world = default_world()
    guild_shard = (world.guild().id >> 22) % 2
    store = await Store.open(bot_settings.database_path)
    try:
        def factory(api_base: str, gateway_url: str):
            return create_bot(bot_settings.replace(
                discord_api_base=api_base, discord_gateway_url=gateway_url, guild_ready_timeout=0.05,
                shard_count=2, shard_ids=(guild_shard,)), store)

        async with Harness(factory, world=world) as h:
            assert isinstance(h.bot, ShardedFilmBot)
            assert [s.shard_id for s in h.sandbox.gateway.sessions.values()] == [guild_shard]
            assert (await h.send("!cast danko")).text.startswith("**Arnold Schwarzenegger as Capt. Ivan Danko**")
            assert h.bot.get_guild(world.guild().id).shard_id == guild_shard
    finally:
        await store.close()
