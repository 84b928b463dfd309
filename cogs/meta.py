"""Meta commands and the one error handler: ``ping``, ``help``, owner-only ``sync``.

The error handler covers both paths: prefix and hybrid commands arrive through the
``on_command_error`` listener, pure slash commands through ``tree.on_error``. User mistakes get a short
friendly reply; anything unexpected is logged with the command and answered with an apology.

``help`` is built from each command's own metadata, so cogs added later are listed automatically:
``brief`` (one line), ``description``/docstring (details), ``usage`` and ``extras["example"]`` (the
arguments of an example call, without the prefix, e.g. ``extras={"example": "cast danko"}``).
"""

from __future__ import annotations

import logging
import math
import re

import discord
from discord import app_commands
from discord.ext import commands
from rapidfuzz import fuzz, process

from bot.runtime import ContainsToken, InputTooLong
from bot.store import StoreError

log = logging.getLogger(__name__)

SUGGESTION_CUTOFF = 70  # rapidfuzz ratio: "cats"/"cast", "hlep"/"help", "pnig"/"ping" all score 75
HELP_COLOUR = discord.Colour.blurple()
STORE_REFUSED = ("I can't save that right now: the bot's database refused the change. Lookups still work; "
                 "the bot's operator has been told.")
_CONVERSION = re.compile(r'Converting to "(?P<type>\w+)" failed for parameter "(?P<param>\w+)"')


# ---------------------------------------------------------------- error messages


def _perm_names(perms: list[str]) -> str:
    return ", ".join(p.replace("_", " ").replace("guild", "server").title() for p in perms)


def user_error_message(error: Exception, usage: str | None = None) -> str | None:
    """The friendly reply for a user mistake, or None when the error is a bug (to be logged)."""
    if isinstance(error, commands.HybridCommandError) and error.original is not None:
        error = error.original
    if isinstance(error, app_commands.CommandInvokeError | commands.CommandInvokeError):
        return None
    hint = f" Usage: `{usage}`" if usage else ""
    match error:
        case InputTooLong() | ContainsToken():
            return str(error)
        case commands.MissingRequiredArgument(param=param):
            return f"Missing `{param.name}`.{hint}"
        case commands.MissingRequiredAttachment(param=param):
            return f"Please attach a file for `{param.name}`.{hint}"
        case commands.TooManyArguments():
            return f"Too many arguments.{hint}"
        case commands.ArgumentParsingError():
            return f"I couldn't read that: {error}{hint}"
        case commands.BadArgument() | commands.BadUnionArgument() | commands.BadLiteralArgument():
            found = _CONVERSION.search(str(error))
            if found:
                kind = {"int": "a whole number", "float": "a number"}.get(found["type"], f"a {found['type']}")
                return f"`{found['param']}` must be {kind}.{hint}"
            return f"{error}{hint}"
        case commands.UserInputError():
            return f"{error}{hint}"
        case commands.CommandOnCooldown() | app_commands.CommandOnCooldown():
            return f"Slow down, try again in {max(1, math.ceil(error.retry_after))}s."
        case commands.MaxConcurrencyReached():
            return "That command is already running here; wait for it to finish."
        case commands.NoPrivateMessage() | app_commands.NoPrivateMessage():
            return "That command only works in a server channel, not in direct messages."
        case commands.PrivateMessageOnly():
            return "That command only works in direct messages."
        case commands.MissingPermissions() | app_commands.MissingPermissions():
            return f"You need the {_perm_names(error.missing_permissions)} permission to use that."
        case commands.BotMissingPermissions() | app_commands.BotMissingPermissions():
            return f"I need the {_perm_names(error.missing_permissions)} permission in this channel for that."
        case commands.MissingRole() | commands.MissingAnyRole() | app_commands.MissingRole() | app_commands.MissingAnyRole():
            return "You don't have the role needed for that command."
        case commands.NotOwner():
            return "Only the bot's owner can use that command."
        case commands.DisabledCommand():
            return "That command is disabled right now."
        case commands.CheckFailure() | app_commands.CheckFailure():
            return "You can't use that command here."
        case app_commands.TransformerError():
            return f"I couldn't understand `{error.value}`.{hint}"
    return None


def store_failure(error: BaseException) -> StoreError | None:
    """The StoreError behind a command error (read-only, locked or full database), if that is the cause."""
    seen = 0
    while error is not None and seen < 5:
        if isinstance(error, StoreError):
            return error
        error = getattr(error, "original", None)
        seen += 1
    return None


def suggest_command(bot: commands.Bot, word: str) -> str | None:
    """The visible command name or alias closest to ``word`` (typo-level), or None."""
    word = word.casefold()
    if not word:
        return None
    names: dict[str, commands.Command] = {}
    for command in bot.walk_commands():
        if command.hidden:
            continue
        for name in (command.qualified_name, *command.aliases):
            names[name.casefold()] = command
    found = process.extractOne(word, list(names), scorer=fuzz.ratio, score_cutoff=SUGGESTION_CUTOFF)
    return found[0] if found else None


# ---------------------------------------------------------------- help rendering


def command_usage(command: commands.Command, prefix: str) -> str:
    signature = command.usage if command.usage is not None else command.signature
    return f"{prefix}{command.qualified_name} {signature}".strip()


def command_example(command: commands.Command, prefix: str) -> str:
    example = command.extras.get("example")
    if example:
        example = str(example).removeprefix(prefix).removeprefix("/")
        return f"{prefix}{example}"
    return f"{prefix}{command.qualified_name}"


def command_summary(command: commands.Command) -> str:
    return command.brief or command.short_doc or "No description yet."


def help_overview(bot: commands.Bot, prefix: str) -> discord.Embed:
    embed = discord.Embed(
        title="Commands",
        description=(
            f"Use `{prefix}command` or `/command`; mentioning me works as a prefix too.\n"
            f"`{prefix}help <command>` shows the details of one command."
        ),
        colour=HELP_COLOUR,
    )
    # Film commands first (cogs in load order), then commands outside cogs, this cog's own last.
    by_cog: dict[str, list[str]] = {name: [] for name in bot.cogs if name != "Meta"}
    by_cog.update({"Other": [], "Meta": []})
    for command in sorted(bot.walk_commands(), key=lambda c: c.qualified_name):
        if command.hidden:
            continue
        heading = command.cog.qualified_name if command.cog else "Other"
        line = (f"`{prefix}{command.qualified_name}` — {command_summary(command)} "
                f"e.g. `{command_example(command, prefix)}`")
        by_cog.setdefault(heading, []).append(line)
    for heading, lines in by_cog.items():
        if not lines:
            continue
        chunk: list[str] = []
        for line in lines:
            if chunk and len("\n".join([*chunk, line])) > 1024:
                embed.add_field(name=heading, value="\n".join(chunk), inline=False)
                heading, chunk = f"{heading} (more)", []
            chunk.append(line[:1024])
        if chunk:
            embed.add_field(name=heading, value="\n".join(chunk), inline=False)
    return embed


def help_detail(command: commands.Command, prefix: str) -> discord.Embed:
    description = command.description or command.help or command_summary(command)
    embed = discord.Embed(title=f"{prefix}{command.qualified_name}", description=description[:4096],
                          colour=HELP_COLOUR)
    embed.add_field(name="Usage", value=f"`{command_usage(command, prefix)}`", inline=False)
    embed.add_field(name="Example", value=f"`{command_example(command, prefix)}`", inline=False)
    if command.aliases:
        embed.add_field(name="Aliases", value=", ".join(f"`{prefix}{a}`" for a in command.aliases), inline=False)
    if isinstance(command, commands.HybridCommand | commands.HybridGroup) and command.app_command:
        embed.add_field(name="Slash", value=f"`/{command.qualified_name}` works too", inline=False)
    if isinstance(command, commands.Group):
        subs = ", ".join(f"`{c.name}`" for c in command.commands if not c.hidden)
        if subs:
            embed.add_field(name="Subcommands", value=subs, inline=False)
    return embed


# ---------------------------------------------------------------- the cog


class Meta(commands.Cog):
    """Bot status, help and errors."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self._previous_tree_error = None

    async def cog_load(self) -> None:
        self._previous_tree_error = self.bot.tree.on_error
        self.bot.tree.on_error = self.on_app_command_error

    async def cog_unload(self) -> None:
        if self._previous_tree_error is not None:
            self.bot.tree.on_error = self._previous_tree_error

    def _prefix(self, ctx: commands.Context | None = None) -> str:
        settings = getattr(self.bot, "settings", None)
        if settings is not None:
            return settings.command_prefix
        return ctx.clean_prefix if ctx is not None else "!"

    @commands.hybrid_command(brief="Check that the bot is alive and how fast the gateway answers.",
                             extras={"example": "ping"})
    async def ping(self, ctx: commands.Context) -> None:
        """Replies with Pong and the gateway latency."""
        latency = self.bot.latency
        if math.isfinite(latency):
            await ctx.send(f"Pong! Gateway latency {latency * 1000:.0f} ms.")
        else:
            await ctx.send("Pong!")

    @commands.hybrid_command(name="help", brief="List every command, or explain one.",
                             usage="[command]", extras={"example": "help ping"})
    @app_commands.describe(command="a command name, e.g. ping")
    async def help_command(self, ctx: commands.Context, *, command: str | None = None) -> None:
        """Lists every command with a one-line description and an example; `help <command>` shows one
        command's details: usage, example, aliases."""
        prefix = self._prefix(ctx)
        if not command:
            await ctx.send(embed=help_overview(self.bot, prefix))
            return
        name = command.strip().removeprefix(prefix).removeprefix("/")
        found = self.bot.get_command(name.casefold())
        if found is None or found.hidden:
            guess = suggest_command(self.bot, name)
            tip = f" Did you mean `{prefix}{guess}`?" if guess else f" Try `{prefix}help` for the list."
            await ctx.send(f"I don't have a command called `{name[:50]}`.{tip}")
            return
        await ctx.send(embed=help_detail(found, prefix))

    @help_command.autocomplete("command")
    async def _help_autocomplete(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        names = sorted(c.qualified_name for c in self.bot.walk_commands() if not c.hidden)
        current = current.casefold()
        if current:
            ranked = process.extract(current, names, scorer=fuzz.WRatio, limit=25)
            names = [n for n, score, _ in ranked if score >= 50 or n.startswith(current)]
        return [app_commands.Choice(name=n, value=n) for n in names[:25]]

    @commands.command(hidden=True, brief="Owner: publish slash commands (here, or globally).",
                      usage="[here|global|<guild id>]")
    @commands.is_owner()
    async def sync(self, ctx: commands.Context, target: str = "global") -> None:
        """Publishes the slash commands: `sync` globally, `sync here` to this server only (instant)."""
        guild: discord.abc.Snowflake | None = None
        if target == "here":
            if ctx.guild is None:
                raise commands.NoPrivateMessage()
            guild = ctx.guild
        elif target.isdigit():
            guild = discord.Object(id=int(target))
        elif target != "global":
            raise commands.BadArgument("Use `sync`, `sync here` or `sync <server id>`.")
        if guild is not None:
            self.bot.tree.copy_global_to(guild=guild)
        synced = await self.bot.tree.sync(guild=guild)
        where = "globally" if guild is None else f"to server {guild.id}"
        await ctx.send(f"Synced {len(synced)} slash commands {where}.")

    # ------------------------------------------------------------ errors

    @commands.Cog.listener()
    async def on_command_error(self, ctx: commands.Context, error: commands.CommandError) -> None:
        if isinstance(error, commands.CommandNotFound):
            await self._did_you_mean(ctx)
            return
        usage = command_usage(ctx.command, self._prefix(ctx)) if ctx.command else None
        message = user_error_message(error, usage)
        if message is None and (failure := store_failure(error)) is not None:
            log.warning("command %s: %s", ctx.command.qualified_name if ctx.command else "?", failure)
            message = STORE_REFUSED
        if message is None:
            name = ctx.command.qualified_name if ctx.command else "?"
            original = getattr(error, "original", error)
            log.error("command %s failed (input %r)", name, _input_of(ctx),
                      exc_info=(type(original), original, original.__traceback__))
            message = "Sorry, something went wrong with that command. It has been logged."
        await _safe_send(ctx, message)

    async def _did_you_mean(self, ctx: commands.Context) -> None:
        word = ctx.invoked_with or ""
        guess = suggest_command(self.bot, word)
        if guess is not None:
            prefix = ctx.clean_prefix
            await _safe_send(ctx, f"Unknown command `{prefix}{word[:30]}`. Did you mean `{prefix}{guess}`?")

    async def on_app_command_error(self, interaction: discord.Interaction,
                                   error: app_commands.AppCommandError) -> None:
        message = user_error_message(error)
        if message is None and (failure := store_failure(error)) is not None:
            log.warning("slash command /%s: %s", interaction.command.qualified_name if interaction.command else "?",
                        failure)
            message = STORE_REFUSED
        if message is None:
            name = interaction.command.qualified_name if interaction.command else "?"
            original = getattr(error, "original", error)
            log.error("slash command /%s failed (options %r)", name, dict(interaction.namespace),
                      exc_info=(type(original), original, original.__traceback__))
            message = "Sorry, something went wrong with that command. It has been logged."
        try:
            if interaction.response.is_done():
                await interaction.followup.send(message, ephemeral=True)
            else:
                await interaction.response.send_message(message, ephemeral=True)
        except discord.HTTPException:
            log.warning("could not send the error reply for an interaction")


def _input_of(ctx: commands.Context) -> str:
    if ctx.interaction is not None:
        return " ".join(f"{k}={v}" for k, v in ctx.interaction.namespace)
    return ctx.message.content[:200]


async def _safe_send(ctx: commands.Context, message: str) -> None:
    try:
        await ctx.send(message, ephemeral=True)
    except discord.HTTPException:
        log.warning("could not send the error reply in channel %s", getattr(ctx.channel, "id", "?"))


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Meta(bot))
