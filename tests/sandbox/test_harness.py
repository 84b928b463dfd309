"""End-to-end through the sandbox with the small test bot of conftest.py: login, prefix and slash
commands, autocomplete, components, permissions from roles and overwrites, DMs, gateway and REST faults,
allowed_mentions, reactions and typing."""

from __future__ import annotations

import discord
import discord.ext.commands
import pytest

from bot.sandbox import CommandUnavailable, Harness, SandboxError
from bot.sandbox import world as w

from .conftest import build_test_bot, test_bot_factory


def assert_clean(h: Harness) -> None:
    assert h.sandbox.unknown_routes == []
    assert h.sandbox.rejected == []
    assert [r.getMessage() for r in h.errors] == []


async def test_login_and_ready(harness):
    print(f"\nready after {harness.ready_seconds * 1000:.0f} ms")
    bot = harness.bot
    assert bot.user.name == "FilmBot"
    assert bot.application_id == harness.world.application_id
    guild = bot.get_guild(harness.world.guild().id)
    assert guild.name == "Sandbox Server"
    assert sorted(c.name for c in guild.text_channels) == ["general", "trivia"]
    assert sorted(m.name for m in guild.members) == ["FilmBot", "admin", "alice", "bob", "carol", "owner"]
    assert harness.sandbox.gateway.identify_count == 1
    assert_clean(harness)


async def test_prefix_and_slash_ping(harness):
    prefix = await harness.send("!ping")
    assert prefix.texts == ["pong"]
    assert not prefix[0].via_interaction
    mention = await harness.send(f"<@{harness.world.bot.id}> ping", user="bob")
    assert mention.texts == ["pong"]
    slash = await harness.slash("ping")
    assert slash.texts == ["pong"]
    assert slash[0].via_interaction and not slash[0].ephemeral
    assert [m.content for m in harness.messages("general")] == ["pong", "pong", "pong"]
    # Like Discord, the sandbox echoes the bot's own messages over the gateway (into the client's cache).
    cached = {m.id: m for m in harness.bot.cached_messages}
    assert cached[prefix[0].id].author == harness.bot.user and cached[prefix[0].id].content == "pong"
    assert cached[prefix.message.id].content == "!ping"
    assert_clean(harness)


async def test_rest_latency(harness):
    harness.sandbox.latency = 0.05
    answer = await harness.send("!react")
    assert answer.texts == ["done"] and answer.reactions == ["\N{WHITE HEAVY CHECK MARK}"]
    assert_clean(harness)


async def test_unanswered_message_returns_nothing(harness):
    assert await harness.send("just chatting") == []
    assert await harness.send("!nosuchcommand") == []


async def test_slash_options_subcommands_and_groups(harness):
    assert (await harness.slash("film", title="Red Heat")).texts == ["Film: Red Heat"]
    assert (await harness.slash("game start", rounds=5)).texts == ["starting 5 rounds"]
    assert (await harness.slash("admin config show", key="colour")).texts == ["colour = on"]
    assert (await harness.run("/game start 7")).texts == ["starting 7 rounds"]
    assert (await harness.run("/film Heat")).texts == ["Film: Heat"]
    with pytest.raises(SandboxError, match="needs option"):
        await harness.slash("film")
    with pytest.raises(SandboxError, match="no slash command /nope"):
        await harness.slash("nope")
    with pytest.raises(SandboxError, match="needs one of: show"):
        await harness.slash("admin config")
    assert_clean(harness)


async def test_autocomplete(harness):
    choices = await harness.autocomplete("film", "title", "red")
    assert [c["name"] for c in choices] == ["Red Heat", "Red Dawn", "Red River"]
    assert [c["value"] for c in await harness.autocomplete("film", "title", "heat")] == ["Red Heat", "Heat"]
    assert await harness.autocomplete("film", "title", "zzz") == []
    assert_clean(harness)


async def test_deferred_and_ephemeral_slash(harness):
    slow = await harness.slash("slow")
    assert slow.texts == ["slow done"]
    assert slow[0].edits == 1  # the "thinking" message was filled in
    secret = await harness.slash("secret")
    assert secret.texts == ["hush"] and secret[0].ephemeral
    assert (await harness.send("!secret")).texts == ["hush"]  # prefix: ephemeral is ignored
    assert not harness.messages()[-1].ephemeral
    assert_clean(harness)


async def test_modal_submit(harness):
    opened = await harness.slash("feedback", user="bob")
    assert opened == [] and opened.modal["title"] == "Feedback"
    submitted = await harness.submit_modal(opened, {"feedback:comment": "great film"})
    assert submitted.texts == ["thanks for: great film"]
    with pytest.raises(SandboxError, match="at most 100 characters"):
        await harness.submit_modal(opened, {"feedback:comment": "x" * 101})
    with pytest.raises(SandboxError, match="no field"):
        await harness.submit_modal(opened, {"feedback:comment": "ok", "other": "x"})
    assert_clean(harness)


async def test_button_click_edits_and_select(harness):
    sent = await harness.send("!vote")
    assert len(sent) == 1
    assert sent[0].text == (
        "Do you like it?\n**Vote**\nOne vote each\nFilm: Red Heat\n-- closes in 60 s\n[Yes] [No]\n"
        "<Pick a film> Red Heat | Red Dawn | Red River"
    )
    no = await harness.click(sent[0], "No", user="bob")
    assert no.texts == ["bob voted no"] and no[0].ephemeral
    picked = await harness.select(sent[0], "Pick a film", ["Red Dawn"], user="carol")
    assert picked.texts == ["picked Red Dawn"]
    yes = await harness.click(sent[0], "vote:yes")
    assert len(yes) == 1 and yes[0].id == sent[0].id
    assert yes[0].content == "alice voted yes" and yes[0].components == [] and yes[0].edits == 1
    record = harness.sandbox.messages[sent[0].id]
    assert record.history[0]["content"] == "Do you like it?"
    with pytest.raises(SandboxError, match="no component 'Maybe'"):
        await harness.click(sent[0], "Maybe")
    assert_clean(harness)


async def test_permissions_from_roles_and_overwrites(harness):
    world = harness.world
    refused = await harness.send("!purge", user="alice")
    assert refused.texts == ["You need manage_messages for that."]
    assert (await harness.send("!purge", user="admin")).texts == ["purged"]
    slash_refused = await harness.slash("purge", user="carol")
    assert slash_refused.texts == ["You need manage_messages for that."] and slash_refused[0].ephemeral
    assert (await harness.slash("purge", user="admin")).texts == ["purged"]
    # A channel overwrite takes Manage Messages from the Manager role in #trivia only...
    world.set_overwrite("trivia", "Manager", deny=w.MANAGE_MESSAGES)
    assert (await harness.slash("purge", user="admin", channel="trivia")).texts == [
        "You need manage_messages for that."]
    assert (await harness.slash("purge", user="admin", channel="general")).texts == ["purged"]
    # ...and a member overwrite grants it to bob in #general.
    world.set_overwrite("general", "bob", allow=w.MANAGE_MESSAGES)
    assert (await harness.slash("purge", user="bob")).texts == ["purged"]
    assert (await harness.slash("purge", user="bob", channel="trivia")).texts == [
        "You need manage_messages for that."]
    assert_clean(harness)


async def test_dm(harness):
    dm = await harness.dm("!ping", user="carol")
    assert dm.texts == ["pong"]
    channel = harness.world.dm_channel("carol")
    assert dm[0].channel_id == channel.id
    assert (await harness.dm("!server", user="carol")).texts == ["That command only works in a server."]
    assert (await harness.send("!server")).texts == ["This is Sandbox Server"]
    with pytest.raises(CommandUnavailable, match="not available in direct messages"):
        await harness.slash("server", channel="dm:carol", user="carol")
    user = await harness.bot.fetch_user(harness.world.user("bob").id)
    await user.send("hello bob")  # the bot opens a DM itself
    assert harness.messages("dm:bob")[-1].content == "hello bob"
    assert_clean(harness)


async def test_gateway_close_4000_resumes_and_replays(harness):
    gateway = harness.sandbox.gateway
    await harness.sandbox.close_gateway(4000)
    # Sent while the bot is reconnecting: replayed on RESUME.
    assert (await harness.send("!ping")).texts == ["pong"]
    assert gateway.resume_count == 1 and gateway.identify_count == 1
    assert (await harness.slash("ping")).texts == ["pong"]
    assert_clean(harness)


async def test_op7_reconnect_resumes(harness):
    await harness.sandbox.send_reconnect()
    assert (await harness.send("!ping")).texts == ["pong"]
    assert harness.sandbox.gateway.resume_count == 1
    assert harness.sandbox.gateway.identify_count == 1


async def test_op9_invalid_session(harness):
    gateway = harness.sandbox.gateway
    await harness.sandbox.send_invalid_session(resumable=True)
    assert (await harness.send("!ping")).texts == ["pong"]
    assert (gateway.resume_count, gateway.identify_count) == (1, 1)
    await harness.sandbox.send_invalid_session(resumable=False)
    await harness.settle()
    while gateway.identify_count < 2 or not harness.bot.is_ready():
        await harness.sandbox.wait_changed(0.01)
    assert (await harness.send("!ping")).texts == ["pong"]
    assert gateway.identify_count == 2
    assert_clean(harness)


async def test_429_is_retried(harness):
    harness.sandbox.fail_next(1, status=429, retry_after=0.05)
    answer = await harness.send("!ping")
    assert answer.texts == ["pong"]
    assert harness.sandbox.faults_served == [
        ("POST", f"/api/v10/channels/{harness.world.channel('general').id}/messages", 429)]
    harness.sandbox.fail_next(1, status=429, retry_after=0.05)
    assert (await harness.slash("ping")).texts == ["pong"]  # the interaction callback is retried too
    assert len(harness.sandbox.bot_messages()) == 2
    assert_clean(harness)


async def test_500_is_retried(harness):
    harness.sandbox.fail_next(1, status=500)
    answer = await harness.send("!ping")
    assert answer.texts == ["pong"]
    assert [f[2] for f in harness.sandbox.faults_served] == [500]
    assert len(harness.sandbox.bot_messages()) == 1
    assert_clean(harness)


async def test_allowed_mentions_recorded(harness):
    quiet = await harness.send("!say @everyone look <@&123> at <@456>")
    assert quiet[0].content == "@everyone look <@&123> at <@456>"
    assert quiet[0].allowed_mentions == {"parse": []}
    assert quiet[0].pings == {"everyone": False, "users": [], "roles": []}
    loud = await harness.send("!shout @everyone wake up")
    assert loud[0].allowed_mentions is None
    assert loud[0].pings["everyone"] is True
    assert (await harness.slash("say", text="@here hi"))[0].pings["everyone"] is False
    assert_clean(harness)


async def test_reactions_and_typing(harness):
    answer = await harness.send("!react")
    assert answer.texts == ["done"]
    assert answer.reactions == ["\N{WHITE HEAVY CHECK MARK}"]
    assert answer.typing == 1
    assert answer.message.reactions == [("\N{WHITE HEAVY CHECK MARK}", harness.world.bot.id)]
    assert harness.sandbox.typing == [harness.world.channel("general").id]
    assert_clean(harness)


async def test_wait_for_a_later_message(harness):
    started = await harness.send("!later")
    assert started.texts == ["timer started"]
    ring = await harness.wait_for(lambda r: "time's up" in r.content, channel="general", within=3)
    assert ring.content == "time's up"


async def test_discord_limits_are_enforced(harness):
    answer = await harness.send("!say " + "x" * 2001)
    assert len(answer) == 1 and "Invalid Form Body" in answer[0].content
    assert answer[0].content.endswith("Must be 2000 or fewer in length.")
    assert [(r[2], r[3]) for r in harness.sandbox.rejected] == [(400, "Invalid Form Body")]


async def test_tree_sync_is_recorded(harness):
    synced = await harness.bot.tree.sync()
    names = sorted(c.name for c in synced)
    assert names == ["admin", "feedback", "film", "game", "ping", "purge", "say", "secret", "server", "slow",
                     "vote"]
    assert harness.sandbox.sync_calls[0][0] is None
    guild = discord.Object(harness.world.guild().id)
    harness.bot.tree.copy_global_to(guild=guild)
    assert len(await harness.bot.tree.sync(guild=guild)) == 11
    assert harness.sandbox.sync_calls[1][0] == guild.id
    fetched = await harness.bot.tree.fetch_commands()
    assert sorted(c.name for c in fetched) == names
    assert_clean(harness)


async def test_without_message_content_intent_only_mentions_work():
    def factory(api_base, gateway_url):
        test_bot_factory(api_base, gateway_url)
        return build_test_bot(message_content=False)

    async with Harness(factory) as h:
        assert await h.send("!ping") == []
        assert (await h.send(f"<@{h.world.bot.id}> ping")).texts == ["pong"]
        assert (await h.dm("!ping")).texts == ["pong"]


async def test_unknown_route_and_users_who_cannot_post(harness):
    session = harness.bot.http._HTTPClient__session
    async with session.get(harness.sandbox.api_base + "/guilds/1/nothing") as response:
        assert response.status == 404
        assert response.headers["Content-Type"] == "application/json"
        assert await response.json() == {"message": "404: Not Found", "code": 0}
    assert harness.sandbox.unknown_routes == [("GET", "/api/v10/guilds/1/nothing")]
    harness.world.set_overwrite("trivia", "@everyone", deny=w.SEND_MESSAGES)
    with pytest.raises(SandboxError, match="alice cannot send messages in #trivia"):
        await harness.send("!ping", channel="trivia")
    # The bot is denied too: its reply is refused as Discord would refuse it.
    assert await harness.send("!ping", user="owner", channel="trivia") == []
    assert harness.sandbox.rejected[-1][2:] == (403, "Missing Permissions")
    harness.world.set_overwrite("trivia", "FilmBot", allow=w.SEND_MESSAGES)  # the bot's role
    assert (await harness.send("!ping", user="owner", channel="trivia")).texts == ["pong"]


class ShardedTestBot(discord.ext.commands.AutoShardedBot):
    async def before_identify_hook(self, shard_id, *, initial=False) -> None:
        return None  # discord.py waits 5 s between shards' IDENTIFYs


async def test_auto_sharded_bot():
    def factory(api_base, gateway_url):
        test_bot_factory(api_base, gateway_url)
        intents = discord.Intents.default()
        intents.message_content = True
        bot = ShardedTestBot(command_prefix="!", intents=intents, shard_count=2,
                                                  guild_ready_timeout=0.05)

        @bot.command()
        async def where(ctx):
            await ctx.send(f"shard {ctx.guild.shard_id if ctx.guild else 'dm'}")

        return bot

    async with Harness(factory) as h:
        guild_shard = (h.world.guild().id >> 22) % 2
        assert sorted(s.shard_id for s in h.sandbox.gateway.sessions.values()) == [0, 1]
        assert (await h.send("!where")).texts == [f"shard {guild_shard}"]
        assert (await h.dm("!where")).texts == ["shard dm"]
        await h.sandbox.close_gateway(4000)
        assert (await h.send("!where")).texts == [f"shard {guild_shard}"]
        assert_clean(h)


async def test_wrong_token_is_refused():
    with pytest.raises(discord.LoginFailure):
        async with Harness(test_bot_factory, token="right", bot_token="wrong"):
            pass
