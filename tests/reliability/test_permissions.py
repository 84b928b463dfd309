"""Permissions with real roles and channel overwrites in the sandbox: every admin command is refused for a
member without the permission (prefix and slash), granted through a role, and a channel overwrite decides
who may stop someone else's game. In DMs lookups work and guild-only commands refuse politely."""

from __future__ import annotations

import pytest

from bot.sandbox import CommandUnavailable, default_world
from bot.sandbox.world import MANAGE_GUILD, MANAGE_MESSAGES
from bot.trivia.session import Timing
from tests.reliability.conftest import check_sendable

NEED_MANAGE_SERVER = "You need the Manage Server permission to use that."
OWNER_ONLY = "Only the bot's owner can use that command."
GUILD_ONLY = "That command only works in a server channel, not in direct messages."
ADMIN_COMMANDS = ["!film set red heat", "!triviaset", "!triviaset show", "!triviaset time 20",
                  "!triviaset set hints off", "!trivia reset"]


def world_with_roles():
    """Default world plus: 'Organiser' (Manage Server) given to dave; #trivia denies Manage Messages to the
    Manager role and grants it to carol alone."""
    world = default_world()
    guild = world.guild()
    world.add_user("dave")
    world.add_role(guild, "Organiser", permissions=MANAGE_GUILD)
    world.add_member(guild, "dave", roles=["Organiser"])
    world.set_overwrite("trivia", "Manager", deny=MANAGE_MESSAGES)
    world.set_overwrite("trivia", "carol", allow=MANAGE_MESSAGES)
    return world


@pytest.fixture
async def h(start_harness):
    async with start_harness(world=world_with_roles()) as harness:
        harness.bot.get_cog("Trivia").timing = Timing(between=0.05, shutdown_grace=1.0)
        yield harness


async def test_admin_commands_refused_without_the_permission(h):
    for line in ADMIN_COMMANDS:
        for user in ("alice", "bob"):
            reply = await h.send(line, user=user)
            assert reply.text == NEED_MANAGE_SERVER, (line, user, reply.text)
            check_sendable(reply[0])
    for user in ("alice", "admin", "dave"):  # Manage Server is not enough for the owner-only sync
        assert (await h.send("!sync here", user=user)).text == OWNER_ONLY
    assert h.sandbox.sync_calls == []
    assert await h.bot.store.get_guild_setting(h.world.guild().id, "default_film") is None
    assert await h.bot.store.get_guild_setting(h.world.guild().id, "trivia") is None
    assert h.errors == []


async def test_admin_slash_commands_hidden_or_refused(h):
    refused = 0
    for path, options in (("film set", {"title": "red heat"}), ("triviaset show", {}), ("triviaset set", {"key": "hints", "value": "off"}),
                          ("trivia reset", {})):
        try:
            reply = await h.slash(path, user="alice", options=options)
        except CommandUnavailable:  # default_member_permissions: Discord hides it from alice
            continue
        assert reply.text == NEED_MANAGE_SERVER and reply[0].ephemeral, (path, reply.text)
        refused += 1
    assert refused == 4  # none of them carries default_member_permissions at the top level
    assert await h.bot.store.get_guild_setting(h.world.guild().id, "default_film") is None


async def test_role_grants_and_overwrites_decide(h):
    # dave holds Manage Server through the Organiser role: the admin commands work for him.
    assert (await h.send("!film set red heat", user="dave")).text == (
        "**Default film set**\nLookups in this server now use Red Heat (1988) first.")
    assert (await h.send("!triviaset time 20", user="dave")).text == "Time per question is now **20 s** (from the next game)."
    # #trivia denies Manage Messages to Manager (admin) and grants it to carol.
    started = await h.send("!trivia start 5", user="alice", channel="trivia")
    assert started.text.startswith("Trivia about **Red Heat**: 5 questions, first to 50 points, 20 s each")
    refused = await h.send("!trivia stop", user="admin", channel="trivia")
    assert refused.text == "Only the member who started the game or someone with Manage Messages can stop it."
    assert (await h.send("!trivia stop", user="bob", channel="trivia")).text == refused.text
    stopped = await h.send("!trivia stop", user="carol", channel="trivia")
    assert stopped.texts[0] == f"Trivia stopped by <@{h.world.user('carol').id}>."
    assert h.bot.get_cog("Trivia").sessions == {}
    assert h.errors == []


async def test_dms_lookups_work_and_guild_commands_refuse_politely(h):
    cast = await h.dm("!cast danko", user="bob")
    assert "Arnold Schwarzenegger" in cast.text
    slash_cast = await h.slash("cast", user="bob", channel="dm:bob", options={"name": "danko"})
    assert "Arnold Schwarzenegger" in slash_cast.text
    for line in ["!trivia", "!trivia start", "!trivia stop", "!trivia leaderboard", *ADMIN_COMMANDS]:
        reply = await h.dm(line, user="admin")
        assert reply.text == GUILD_ONLY, (line, reply.text)
    assert (await h.dm("!sync here", user="owner")).text == GUILD_ONLY
    with pytest.raises(CommandUnavailable):
        await h.slash("trivia start", user="bob", channel="dm:bob")
    assert h.errors == []
