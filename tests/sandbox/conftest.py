"""A small discord.py bot used to exercise the sandbox (the real product bot is tested elsewhere), and a
`harness` fixture that runs it against a fresh sandbox."""

from __future__ import annotations

import asyncio

import discord
import pytest
import yarl
from discord import app_commands
from discord.ext import commands

from bot.sandbox import Harness

FILMS = ["Red Heat", "Red Dawn", "Red River", "Blue Velvet", "Heat"]


class VoteView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=60)

    @discord.ui.button(label="Yes", custom_id="vote:yes", style=discord.ButtonStyle.success)
    async def yes(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.edit_message(content=f"{interaction.user.name} voted yes", view=None)

    @discord.ui.button(label="No", custom_id="vote:no", style=discord.ButtonStyle.danger)
    async def no(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.send_message(f"{interaction.user.name} voted no", ephemeral=True)

    @discord.ui.select(custom_id="vote:pick", placeholder="Pick a film",
                       options=[discord.SelectOption(label=f, value=f) for f in FILMS[:3]])
    async def pick(self, interaction: discord.Interaction, select: discord.ui.Select) -> None:
        await interaction.response.send_message(f"picked {', '.join(select.values)}")


class FeedbackModal(discord.ui.Modal, title="Feedback"):
    comment = discord.ui.TextInput(label="Comment", custom_id="feedback:comment", max_length=100)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"thanks for: {self.comment.value}")


class SandboxTestBot(commands.Bot):
    async def before_identify_hook(self, shard_id, *, initial=False) -> None:
        # discord.py waits 5 s before re-identifying; nothing to wait for on loopback.
        return None

    async def setup_hook(self) -> None:
        config = app_commands.Group(name="config", description="settings")

        @config.command(name="show", description="show a setting")
        async def show(interaction: discord.Interaction, key: str) -> None:
            await interaction.response.send_message(f"{key} = on")

        admin = app_commands.Group(name="admin", description="admin tools")
        admin.add_command(config)
        self.tree.add_command(admin)

        @self.tree.command(name="feedback", description="send feedback")
        async def feedback(interaction: discord.Interaction) -> None:
            await interaction.response.send_modal(FeedbackModal())

    async def on_command_error(self, ctx: commands.Context, error: commands.CommandError) -> None:
        if isinstance(error, commands.MissingPermissions):
            await ctx.send(f"You need {', '.join(error.missing_permissions)} for that.", ephemeral=True)
        elif isinstance(error, commands.NoPrivateMessage):
            await ctx.send("That command only works in a server.")
        elif isinstance(error, commands.CommandNotFound):
            return
        else:
            await ctx.send(f"error: {error}")


def build_test_bot(*, message_content: bool = True) -> SandboxTestBot:
    intents = discord.Intents.default()
    intents.message_content = message_content
    intents.members = True
    bot = SandboxTestBot(command_prefix=commands.when_mentioned_or("!"), intents=intents,
                         guild_ready_timeout=0.05, help_command=None)

    @bot.hybrid_command(description="latency")
    async def ping(ctx: commands.Context) -> None:
        await ctx.send("pong")

    @bot.hybrid_command(description="say something without pinging anyone")
    async def say(ctx: commands.Context, *, text: str) -> None:
        await ctx.send(text, allowed_mentions=discord.AllowedMentions.none())

    @bot.command()
    async def shout(ctx: commands.Context, *, text: str) -> None:
        await ctx.send(text)  # no allowed_mentions: Discord would parse every mention

    @bot.hybrid_command(description="vote")
    async def vote(ctx: commands.Context) -> None:
        await ctx.send("Do you like it?", view=VoteView(), embed=discord.Embed(
            title="Vote", description="One vote each").add_field(name="Film", value="Red Heat").set_footer(
            text="closes in 60 s"))

    @bot.hybrid_command(description="find a film")
    async def film(ctx: commands.Context, title: str) -> None:
        await ctx.send(f"Film: {title}")

    @film.autocomplete("title")
    async def film_autocomplete(interaction: discord.Interaction, current: str):
        return [app_commands.Choice(name=f, value=f) for f in FILMS if current.lower() in f.lower()][:25]

    @bot.command()
    async def react(ctx: commands.Context) -> None:
        async with ctx.typing():
            await ctx.message.add_reaction("\N{WHITE HEAVY CHECK MARK}")
            await ctx.send("done")

    @bot.hybrid_command(description="guild only")
    @commands.guild_only()
    async def server(ctx: commands.Context) -> None:
        await ctx.send(f"This is {ctx.guild.name}")

    @bot.hybrid_command(description="needs manage messages")
    @commands.has_permissions(manage_messages=True)
    async def purge(ctx: commands.Context) -> None:
        await ctx.send("purged")

    @bot.hybrid_command(description="slow answer")
    async def slow(ctx: commands.Context) -> None:
        await ctx.defer()
        await ctx.send("slow done")

    @bot.command()
    async def later(ctx: commands.Context) -> None:
        async def ring() -> None:
            await asyncio.sleep(0.3)
            await ctx.send("time's up")

        bot.loop.create_task(ring())
        await ctx.send("timer started")

    @bot.hybrid_command(description="secret")
    async def secret(ctx: commands.Context) -> None:
        await ctx.send("hush", ephemeral=True)

    @bot.hybrid_group(description="games")
    async def game(ctx: commands.Context) -> None:
        await ctx.send("choose a subcommand")

    @game.command(name="start", description="start a game")
    async def game_start(ctx: commands.Context, rounds: int = 3) -> None:
        await ctx.send(f"starting {rounds} rounds")

    return bot


def test_bot_factory(api_base: str, gateway_url: str) -> SandboxTestBot:
    """What the runtime does from its settings: point discord.py at the two base URLs, build the bot."""
    discord.http.Route.BASE = api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
    return build_test_bot()


test_bot_factory.__test__ = False  # not a test


@pytest.fixture
async def harness():
    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    try:
        async with Harness(test_bot_factory) as h:
            yield h
    finally:
        discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = base, gateway
