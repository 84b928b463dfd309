"""The trivia extension: games in channels (``cog``) and how a game speaks in Discord (``port``)."""

from discord.ext import commands

from cogs.trivia.cog import Trivia


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Trivia(bot))
