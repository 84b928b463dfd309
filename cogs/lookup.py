"""Film lookups on Discord: ``cast``, ``crew``, ``quote``, ``release``, ``film``, ``plot``, ``reception``.

Thin: every answer comes from :class:`bot.lookup.service.Lookups` as pages, turned into embeds here and
paginated with :class:`cogs.paginator.Paginator`. All commands are hybrid (``!cast danko`` and
``/cast name:danko``), work in DMs, share one per-user cooldown, and take an optional ``film`` slash
option with autocomplete. ``film set`` stores the server's default film.
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.command_limit import PrunedCooldownMapping
from bot.lookup import answers
from bot.lookup.limits import MAX_ARGUMENT
from bot.lookup.pages import Answer, Page
from bot.lookup.service import CAST_KINDS, QUOTE_KINDS, Lookups
from bot.lookup.text import escape
from cogs.paginator import PAGE_TIMEOUT, send_pages

log = logging.getLogger(__name__)

DEFAULT_FILM_SETTING = "default_film"  # guild setting: the key of the server's default film
COLOURS = {
    "answer": discord.Colour.dark_red(),
    "ambiguous": discord.Colour.gold(),
    "suggest": discord.Colour.gold(),
    "none": discord.Colour.light_grey(),
    "error": discord.Colour.light_grey(),
}
FILM_HELP = "which film (default: this server's film)"

Choices = list[app_commands.Choice[str]]


def to_embed(page: Page, kind: str = "answer") -> discord.Embed:
    embed = discord.Embed(title=page.title, description=page.description or None, colour=COLOURS.get(kind))
    for field in page.fields:
        embed.add_field(name=field.name, value=field.value, inline=field.inline)
    if page.footer:
        embed.set_footer(text=page.footer)
    return embed


def _choices(pairs: list[tuple[str, str]]) -> Choices:
    return [app_commands.Choice(name=label, value=value) for label, value in pairs[:25]]


class Lookup(commands.Cog):
    """Look things up in the film: cast, crew, quotes, releases, overview, plot and reception."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        rate = bot.settings.lookup_rate  # None: the lookup cooldown is off (LOOKUP_RATE=off)
        self.cooldown = (
            PrunedCooldownMapping.from_cooldown(rate.count, rate.per, commands.BucketType.user)
            if rate is not None else None
        )
        self.page_timeout = PAGE_TIMEOUT

    @property
    def lookups(self) -> Lookups:
        return Lookups(self.bot.library)  # the library is replaced after an ingest: read it each time

    async def cog_before_invoke(self, ctx: commands.Context) -> None:
        """One cooldown shared by every lookup (the error handler replies to CommandOnCooldown)."""
        if self.cooldown is None:
            return
        bucket = self.cooldown.get_bucket(ctx)
        retry_after = bucket.update_rate_limit() if bucket is not None else None
        if retry_after:
            raise commands.CommandOnCooldown(bucket, retry_after, commands.BucketType.user)

    async def _default_key(self, guild_id: int | None) -> str | None:
        store = getattr(self.bot, "store", None)
        if guild_id is None or store is None:
            return None
        return await store.get_guild_setting(guild_id, DEFAULT_FILM_SETTING)

    async def _reply(self, ctx: commands.Context, answer: Answer) -> None:
        none = discord.AllowedMentions.none()
        if answer.kind == "error":
            await ctx.send(answer.first.description, allowed_mentions=none)
            return
        embeds = [to_embed(page, answer.kind) for page in answer.pages]
        await send_pages(ctx, embeds, page_timeout=self.page_timeout)

    # ------------------------------------------------------------ autocomplete helpers

    async def _names(self, interaction: discord.Interaction, current: str, kinds) -> Choices:
        default = await self._default_key(interaction.guild_id)
        film = getattr(interaction.namespace, "film", None)
        return _choices(self.lookups.name_choices(current, kinds, film=film, default_key=default))

    async def _film_choices(self, interaction: discord.Interaction, current: str) -> Choices:
        return _choices(self.lookups.film_choices(current))

    # ------------------------------------------------------------ commands

    @commands.hybrid_command(
        brief="The cast, or who plays a character",
        usage="[actor or character]",
        extras={"example": "cast danko"},
    )
    @app_commands.describe(name="an actor or a character, e.g. danko (empty: the whole cast)", film=FILM_HELP)
    async def cast(self, ctx: commands.Context, *, name: str | None = None, film: str | None = None) -> None:
        """The whole cast in billing order, or the best match for an actor or character.

        `!cast` lists everyone as "Actor as Character". `!cast <name>` finds an actor or character by
        any part of the name, with typos, nicknames and ranks: `!cast danko`, `!cast o'ross`,
        `!cast schwarzeneger`, `!cast cat`, `!cast night clerk`. Several close matches are listed."""
        default = await self._default_key(ctx.guild.id if ctx.guild else None)
        await self._reply(ctx, self.lookups.cast(name, film=film, default_key=default))

    @cast.autocomplete("name")
    async def _cast_name(self, interaction: discord.Interaction, current: str) -> Choices:
        return await self._names(interaction, current, CAST_KINDS)

    @cast.autocomplete("film")
    async def _cast_film(self, interaction: discord.Interaction, current: str) -> Choices:
        return await self._film_choices(interaction, current)

    @commands.hybrid_command(
        brief="The crew by role, one role, or one person's credits",
        usage="[role or person]",
        extras={"example": "crew composer"},
    )
    @app_commands.describe(query="a role (director, composer, dp, editor...) or a person", film=FILM_HELP)
    async def crew(self, ctx: commands.Context, *, query: str | None = None, film: str | None = None) -> None:
        """Everyone on the crew by role, one role, or everything one person did.

        Roles: director, producer, screenplay, story, writer, cinematography, editing, music, and words
        like composer, score, dp, cinematographer, editor. A person also in the cast shows both. Credits
        the article does not state outright are labelled as inferred or uncertain."""
        default = await self._default_key(ctx.guild.id if ctx.guild else None)
        await self._reply(ctx, self.lookups.crew(query, film=film, default_key=default))

    @crew.autocomplete("query")
    async def _crew_query(self, interaction: discord.Interaction, current: str) -> Choices:
        default = await self._default_key(interaction.guild_id)
        film = getattr(interaction.namespace, "film", None)
        return _choices(self.lookups.crew_choices(current, film=film, default_key=default))

    @crew.autocomplete("film")
    async def _crew_film(self, interaction: discord.Interaction, current: str) -> Choices:
        return await self._film_choices(interaction, current)

    @commands.hybrid_command(
        brief="A random quote, or quotes by someone or with some words",
        usage="[speaker or words]",
        extras={"example": "quote danko"},
    )
    @app_commands.describe(query="who said it (danko, hill) or words in it (chicago)", film=FILM_HELP)
    async def quote(
        self, ctx: commands.Context, *, query: str | None = None, film: str | None = None
    ) -> None:
        """A random quote, or the quotes of a speaker or containing some words.

        Each quote shows its speaker, whether it is a line from the film or said about the film, and
        its source: `!quote danko`, `!quote hill`, `!quote chicago`, `!quote love story`."""
        default = await self._default_key(ctx.guild.id if ctx.guild else None)
        await self._reply(ctx, self.lookups.quote(query, film=film, default_key=default))

    @quote.autocomplete("query")
    async def _quote_query(self, interaction: discord.Interaction, current: str) -> Choices:
        return await self._names(interaction, current, QUOTE_KINDS)

    @quote.autocomplete("film")
    async def _quote_film(self, interaction: discord.Interaction, current: str) -> Choices:
        return await self._film_choices(interaction, current)

    @commands.hybrid_command(
        brief="Release dates and home media, filtered by medium, year...",
        usage="[medium|country|year|publisher]",
        extras={"example": "release blu-ray"},
    )
    @app_commands.describe(query="a medium, country, year or publisher, e.g. dvd, 2005", film=FILM_HELP)
    async def release(
        self, ctx: commands.Context, *, query: str | None = None, film: str | None = None
    ) -> None:
        """Premiere and release dates, then home media; a filter shows every detail of the matches.

        Filter by medium (`blu-ray`, `bluray`, `dvd`, `vhs`), country (`uk`), year (`2005`) or publisher
        (`optimum`); the matching releases are shown with every field the article has, packs included."""
        default = await self._default_key(ctx.guild.id if ctx.guild else None)
        await self._reply(ctx, self.lookups.release(query, film=film, default_key=default))

    @release.autocomplete("query")
    async def _release_query(self, interaction: discord.Interaction, current: str) -> Choices:
        default = await self._default_key(interaction.guild_id)
        film = getattr(interaction.namespace, "film", None)
        return _choices(self.lookups.release_choices(current, film=film, default_key=default))

    @release.autocomplete("film")
    async def _release_film(self, interaction: discord.Interaction, current: str) -> Choices:
        return await self._film_choices(interaction, current)

    @commands.hybrid_group(
        fallback="show",
        invoke_without_command=True,
        brief="The film at a glance, or the films I know",
        usage="[title] | set <title>",
        extras={"example": "film"},
    )
    @app_commands.describe(title="a film title (empty: this server's film, or the list)")
    async def film(self, ctx: commands.Context, *, title: str | None = None) -> None:
        """An overview of the film: year, runtime, languages, countries, studios, budget and more.

        With several films stored, `!film` lists them and `!film <title>` shows one (typos are fine).
        `!film set <title>` (Manage Server) makes a film this server's default for every lookup."""
        default = await self._default_key(ctx.guild.id if ctx.guild else None)
        await self._reply(ctx, self.lookups.film(title, default_key=default))

    @film.autocomplete("title")
    async def _film_title(self, interaction: discord.Interaction, current: str) -> Choices:
        return await self._film_choices(interaction, current)

    @film.command(
        name="set",
        brief="Set this server's default film (Manage Server)",
        usage="<title>",
        extras={"example": "film set red heat"},
    )
    @commands.guild_only()
    @commands.has_guild_permissions(manage_guild=True)
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.describe(title="the film every lookup in this server uses first")
    async def film_set(self, ctx: commands.Context, *, title: str) -> None:
        """Make a film this server's default: lookups search it first, then the other films."""
        found = answers.too_long(len(title)) if len(title) > MAX_ARGUMENT else self.lookups.find_film(title)
        if isinstance(found, Answer):
            await self._reply(ctx, found)
            return
        await self.bot.store.set_guild_setting(ctx.guild.id, DEFAULT_FILM_SETTING, found.key)
        name = escape(f"{found.title} ({found.year})" if found.year else found.title)
        embed = discord.Embed(
            title="Default film set",
            description=f"Lookups in this server now use {name} first.",
            colour=COLOURS["answer"],
        )
        await ctx.send(embed=embed, allowed_mentions=discord.AllowedMentions.none())

    @film_set.autocomplete("title")
    async def _film_set_title(self, interaction: discord.Interaction, current: str) -> Choices:
        return await self._film_choices(interaction, current)

    @commands.hybrid_command(brief="The synopsis (paged when long)", extras={"example": "plot"})
    @app_commands.describe(film=FILM_HELP)
    async def plot(self, ctx: commands.Context, *, film: str | None = None) -> None:
        """The film's synopsis, as the article tells it, in pages when it is long."""
        default = await self._default_key(ctx.guild.id if ctx.guild else None)
        await self._reply(ctx, self.lookups.plot(film=film, default_key=default))

    @plot.autocomplete("film")
    async def _plot_film(self, interaction: discord.Interaction, current: str) -> Choices:
        return await self._film_choices(interaction, current)

    @commands.hybrid_command(
        brief="Critics, Rotten Tomatoes, box office and home media notes",
        extras={"example": "reception"},
    )
    @app_commands.describe(film=FILM_HELP)
    async def reception(self, ctx: commands.Context, *, film: str | None = None) -> None:
        """How the film was received: critics' summary, Rotten Tomatoes score, box office, rentals."""
        default = await self._default_key(ctx.guild.id if ctx.guild else None)
        await self._reply(ctx, self.lookups.reception(film=film, default_key=default))

    @reception.autocomplete("film")
    async def _reception_film(self, interaction: discord.Interaction, current: str) -> Choices:
        return await self._film_choices(interaction, current)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Lookup(bot))
