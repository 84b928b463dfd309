"""Benchmark-only extension, loaded into the bot process by the benchmark: the floor command.

``!noop`` replies "ok" and touches nothing (no store, no library, no matching): what a command costs
discord.py itself (read the event, parse the prefix, run the checks, send one message). Real commands
are compared against it in the same run. Never listed in ``cogs.EXTENSIONS``.
"""

from __future__ import annotations

from discord.ext import commands

FLOOR_COMMAND = "noop"


class Floor(commands.Cog):
    @commands.command(name=FLOOR_COMMAND, hidden=True)
    async def noop(self, ctx: commands.Context) -> None:
        await ctx.send("ok")


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Floor())
