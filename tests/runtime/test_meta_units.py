"""The meta cog's pure pieces: suggestions, friendly error texts, help built from command metadata."""

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from bot.runtime import InputTooLong, create_bot
from bot.settings import Settings
from cogs.meta import Meta, help_detail, help_overview, suggest_command, user_error_message


@pytest.fixture
async def bot():
    bot = create_bot(Settings(), store=None)
    await bot.add_cog(Meta(bot))

    @commands.hybrid_command(name="cast", aliases=["actor"], brief="Who played a character.",
                             extras={"example": "cast danko"})
    async def cast(ctx, *, name: str) -> None:
        """Finds the actor for a character, or the character for an actor."""

    bot.add_command(cast)
    yield bot
    await bot.close()


async def test_suggestions_for_typos(bot):
    assert suggest_command(bot, "cats") == "cast"
    assert suggest_command(bot, "hlep") == "help"
    assert suggest_command(bot, "pnig") == "ping"
    assert suggest_command(bot, "actr") == "actor"
    assert suggest_command(bot, "banana") is None
    assert suggest_command(bot, "") is None


async def test_hidden_owner_command_never_suggested(bot):
    assert bot.get_command("sync").hidden
    assert suggest_command(bot, "snyc") is None


def test_cooldown_message_rounds_up():
    error = commands.CommandOnCooldown(commands.Cooldown(1, 10), 2.2, commands.BucketType.user)
    assert user_error_message(error) == "Slow down, try again in 3s."


def test_permission_messages():
    assert user_error_message(commands.MissingPermissions(["manage_guild"])) == (
        "You need the Manage Server permission to use that.")
    assert user_error_message(app_commands.MissingPermissions(["manage_messages"])) == (
        "You need the Manage Messages permission to use that.")
    assert user_error_message(commands.NoPrivateMessage()) == (
        "That command only works in a server channel, not in direct messages.")
    assert user_error_message(commands.NotOwner()) == "Only the bot's owner can use that command."


def test_conversion_error_is_rewritten():
    error = commands.BadArgument('Converting to "int" failed for parameter "count".')
    assert user_error_message(error, "!quiz [count]") == "`count` must be a whole number. Usage: `!quiz [count]`"


def test_too_long_and_bugs():
    assert user_error_message(InputTooLong(500)) == "That's too long (500 characters); please keep it under 300."
    bug = commands.CommandInvokeError(ZeroDivisionError("x"))
    assert user_error_message(bug) is None
    wrapped = commands.HybridCommandError(app_commands.AppCommandError("boom"))
    assert user_error_message(wrapped) is None


async def test_help_overview_lists_every_visible_command_with_example(bot):
    embed = help_overview(bot, "!")
    assert isinstance(embed, discord.Embed)
    text = "\n".join(f.value for f in embed.fields)
    assert "`!cast` — Who played a character. e.g. `!cast danko`" in text
    assert "`!ping` — Check that the bot is alive and how fast the gateway answers. e.g. `!ping`" in text
    assert "`!help` — List every command, or explain one. e.g. `!help ping`" in text
    assert "sync" not in text
    assert [f.name for f in embed.fields] == ["Other", "Meta"]


async def test_help_detail_uses_the_commands_metadata(bot):
    embed = help_detail(bot.get_command("cast"), "?")
    assert embed.title == "?cast"
    assert embed.description == "Finds the actor for a character, or the character for an actor."
    fields = {f.name: f.value for f in embed.fields}
    assert fields == {"Usage": "`?cast <name>`", "Example": "`?cast danko`", "Aliases": "`?actor`",
                      "Slash": "`/cast` works too"}
