"""The trivia commands: ``trivia`` (start, stop, skip, hint, leaderboard, reset) and ``triviaset``.

Thin: a game is a ``bot.trivia.session.GameSession`` (its own task) speaking through ``DiscordPort``;
rules live in ``bot.trivia.game``, settings parsing in ``bot.trivia.options``, stats in the store.
One game per channel; free-text answers arrive through ``on_message``.
"""

from __future__ import annotations

import logging
import re
import uuid
from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.kb.models import Film
from bot.trivia.game import FREE, Game, GameError
from bot.trivia.options import (
    KEY_NAMES,
    SETTING_NAME,
    OptionError,
    StartArgs,
    TriviaSettings,
    parse_mode,
    split_start_args,
)
from bot.trivia.questions import Question, build_questions
from bot.trivia.session import GameSession, StoreRecorder, Timing, utc_now
from bot.trivia.stats import PERIOD_TITLES, PERIODS, PeriodError, parse_period, period_start
from cogs.trivia.port import COLOUR, DiscordPort, mention

log = logging.getLogger(__name__)

_MARKUP = re.compile(r"<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>")
DEFAULT_FILM_SETTING = "default_film"  # guild setting shared with the lookup cog (``film set``)
UNLOAD_NOTE = "The trivia game was stopped because the bot is restarting."
CONFIRM_TIMEOUT = 60.0


def strip_markup(text: str) -> str:
    """A chat message without Discord mention/emoji markup, for judging."""
    return " ".join(_MARKUP.sub(" ", text).split())


class ResetView(discord.ui.View):
    """Reset / Cancel buttons that only the member who asked can press."""

    def __init__(self, cog: Trivia, invoker_id: int, guild_id: int) -> None:
        super().__init__(timeout=CONFIRM_TIMEOUT)
        self.cog = cog
        self.invoker_id = invoker_id
        self.guild_id = guild_id
        self.message: discord.Message | None = None

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.invoker_id:
            await interaction.response.send_message(
                f"Only {mention(self.invoker_id)} can confirm this.", ephemeral=True)
            return False
        return True

    def _disable(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        self.stop()

    @discord.ui.button(label="Reset", style=discord.ButtonStyle.danger)
    async def confirm(self, interaction: discord.Interaction, _button: discord.ui.Button) -> None:
        deleted = await self.cog.bot.store.reset_trivia(self.guild_id)
        self._disable()
        await interaction.response.edit_message(
            content=f"Trivia stats reset: {deleted} awarded answers deleted.", view=self)

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(self, interaction: discord.Interaction, _button: discord.ui.Button) -> None:
        self._disable()
        await interaction.response.edit_message(content="Reset cancelled; nothing was deleted.", view=self)

    async def on_timeout(self) -> None:
        self._disable()
        if self.message is not None:
            try:
                await self.message.edit(content="Reset not confirmed in time; nothing was deleted.", view=self)
            except discord.HTTPException:
                log.warning("could not expire the reset confirmation", exc_info=True)


ModeChoice = Literal["free", "choice"]


class Trivia(commands.Cog):
    """Trivia games about the film, one per channel, with a per-server leaderboard."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self.sessions: dict[int, GameSession] = {}
        self.timing = Timing()  # tests make the pause between questions short
        self._banks: dict[str, tuple[Question, ...]] = {}

    # ------------------------------------------------------------ lifecycle

    async def cog_unload(self) -> None:
        for session in list(self.sessions.values()):
            await session.shutdown(UNLOAD_NOTE)
        self.sessions.clear()

    @commands.Cog.listener()
    async def on_library_reloaded(self, _library) -> None:
        self._banks.clear()

    def _finished(self, session: GameSession) -> None:
        if self.sessions.get(session.channel_id) is session:
            del self.sessions[session.channel_id]

    # ------------------------------------------------------------ helpers

    def questions_for(self, film: Film) -> tuple[Question, ...]:
        bank = self._banks.get(film.key)
        if bank is None:
            bank = self._banks[film.key] = build_questions(film)
        return bank

    async def settings_for(self, guild_id: int) -> TriviaSettings:
        return TriviaSettings.from_stored(await self.bot.store.get_guild_setting(guild_id, SETTING_NAME))

    async def _film(self, query: str, guild_id: int) -> Film:
        library = self.bot.library
        if not query:
            default = library.get(await self.bot.store.get_guild_setting(guild_id, DEFAULT_FILM_SETTING) or "")
            if default is not None:
                return default
            if library.default is None:
                raise commands.UserInputError("No film has been loaded yet, so there is nothing to ask about.")
            return library.default
        film = library.find(query)
        if film is None:
            known = ", ".join(f.title for f in library.films) or "none yet"
            raise commands.BadArgument(f"I don't know a film called `{query[:50]}`. Films: {known}.")
        return film

    async def _session(self, ctx: commands.Context) -> GameSession | None:
        """The channel's running game, or None after telling the member there is none."""
        session = self.sessions.get(ctx.channel.id)
        if session is None or not session.running:
            await ctx.send("There is no trivia game running in this channel.", ephemeral=True)
            return None
        return session

    @staticmethod
    def _privileged(ctx: commands.Context) -> bool:
        perms = ctx.channel.permissions_for(ctx.author)  # type: ignore[arg-type]
        return perms.manage_messages

    # ------------------------------------------------------------ starting

    @commands.hybrid_group(name="trivia", invoke_without_command=True, usage="[film] [rounds] [free|choice]",
                           brief="Play trivia about the film: start, stop, skip, hint, leaderboard.",
                           extras={"example": "trivia red heat 5 choice"})
    @commands.guild_only()
    async def trivia(self, ctx: commands.Context, *, options: str = "") -> None:
        """Starts a trivia game in this channel (the same as `trivia start`): optional film, number of
        questions and mode (free: type the answer; choice: four buttons)."""
        await self._start(ctx, self._parse_start(options))

    @trivia.command(name="start", usage="[film] [rounds] [free|choice]",
                    brief="Start a trivia game in this channel.", extras={"example": "trivia start red heat 5 choice"})
    @commands.guild_only()
    @app_commands.describe(film="the film to ask about (default: the server's film)",
                           rounds="how many questions (1-50)", mode="free: type the answer; choice: four buttons")
    async def start(self, ctx: commands.Context, *, film: str = "",
                    rounds: app_commands.Range[int, 1, 50] | None = None, mode: ModeChoice | None = None) -> None:
        """Starts a trivia game: optional film, number of questions and mode (free or choice)."""
        args = self._parse_start(film) if ctx.interaction is None else StartArgs(film.strip(), rounds, mode)
        await self._start(ctx, args)

    @start.autocomplete("film")
    async def _film_autocomplete(self, _interaction: discord.Interaction,
                                 current: str) -> list[app_commands.Choice[str]]:
        wanted = current.casefold()
        films = [f for f in self.bot.library.films if wanted in f.title.casefold()]
        return [app_commands.Choice(name=f"{f.title} ({f.year})" if f.year else f.title, value=f.title)
                for f in films[:25]]

    def _parse_start(self, text: str) -> StartArgs:
        try:
            return split_start_args(text, lambda t: self.bot.library.find(t) is not None)
        except OptionError as exc:
            raise commands.BadArgument(str(exc)) from exc

    async def _start(self, ctx: commands.Context, args: StartArgs) -> None:
        assert ctx.guild is not None
        existing = self.sessions.get(ctx.channel.id)
        if existing is not None and existing.running:
            await ctx.send("A trivia game is already running in this channel; `trivia stop` ends it.")
            return
        film = await self._film(args.film, ctx.guild.id)
        settings = await self.settings_for(ctx.guild.id)
        try:
            config = settings.game_config(mode=parse_mode(args.mode) if args.mode else None, rounds=args.rounds)
            game = Game(self.questions_for(film), config, starter_id=ctx.author.id)
        except (OptionError, GameError) as exc:
            raise commands.BadArgument(str(exc)) from exc
        session = GameSession(
            game, DiscordPort(ctx.channel), StoreRecorder(self.bot.store), game_id=uuid.uuid4().hex,
            guild_id=ctx.guild.id, channel_id=ctx.channel.id, film_key=film.key, timing=self.timing,
            on_finished=self._finished,
        )
        self.sessions[ctx.channel.id] = session
        how = "type your answers" if config.mode == FREE else "press a button"
        target = f", first to {config.target_score} points" if config.target_score else ""
        await ctx.send(f"Trivia about **{discord.utils.escape_markdown(film.title)}**: {config.max_rounds} "
                       f"question{'s' if config.max_rounds != 1 else ''}{target}, {config.time_limit:g} s each, {how}. "
                       f"Started by {mention(ctx.author.id)}.")
        session.start()

    # ------------------------------------------------------------ in-game commands

    @trivia.command(name="stop", brief="Stop the trivia game in this channel.", extras={"example": "trivia stop"})
    @commands.guild_only()
    async def stop(self, ctx: commands.Context) -> None:
        """Stops the game at once (the starter or a member with Manage Messages): the answer and the scoreboard."""
        session = await self._session(ctx)
        if session is None:
            return
        if ctx.author.id != session.game.starter_id and not self._privileged(ctx):
            await ctx.send("Only the member who started the game or someone with Manage Messages can stop it.")
            return
        await ctx.send(f"Trivia stopped by {mention(ctx.author.id)}.")
        await session.stop()

    @trivia.command(name="skip", brief="Skip the question (starter or Manage Messages; otherwise a vote).",
                    extras={"example": "trivia skip"})
    @commands.guild_only()
    async def skip(self, ctx: commands.Context) -> None:
        """Skips the current question: at once for the starter or a member with Manage Messages, otherwise
        it counts as a vote and the question is skipped when enough players vote."""
        session = await self._session(ctx)
        if session is None:
            return
        try:
            outcome = await session.skip(ctx.author.id, self._privileged(ctx))
        except GameError as exc:
            await ctx.send(str(exc), ephemeral=True)
            return
        if outcome.skipped:
            await ctx.send(f"Skipping (asked by {mention(ctx.author.id)}).")
        elif outcome.already_voted:
            await ctx.send(f"You have already voted to skip ({outcome.votes}/{outcome.needed}).")
        else:
            await ctx.send(f"Skip vote {outcome.votes}/{outcome.needed} from {mention(ctx.author.id)}.")

    @trivia.command(name="hint", brief="A hint for the current question (costs points).",
                    extras={"example": "trivia hint"})
    @commands.guild_only()
    async def hint(self, ctx: commands.Context) -> None:
        """Shows a hint: first the answer's shape, then its first letters; each hint lowers the points."""
        session = await self._session(ctx)
        if session is None:
            return
        try:
            hint = session.hint()
        except GameError as exc:
            await ctx.send(str(exc), ephemeral=True)
            return
        await ctx.send(f"Hint {hint.level}: `{hint.text}` (now worth {hint.points_left} points)")

    # ------------------------------------------------------------ stats

    @trivia.command(name="leaderboard", aliases=["lb", "top"], usage="[week|month|all]",
                    brief="The server's trivia leaderboard (this week, this month or all time).",
                    extras={"example": "trivia leaderboard week"})
    @commands.guild_only()
    @app_commands.describe(period="week, month or all time")
    @app_commands.choices(period=[app_commands.Choice(name=PERIOD_TITLES[p], value=p) for p in PERIODS])
    async def leaderboard(self, ctx: commands.Context, period: str | None = None) -> None:
        """The top players of this server by points, with correct answers, games, wins and best streak."""
        try:
            chosen = parse_period(period)
        except PeriodError as exc:
            raise commands.BadArgument(str(exc)) from exc
        assert ctx.guild is not None
        since = period_start(chosen, utc_now())
        rows = await self.bot.store.trivia_leaderboard(ctx.guild.id, since=since, limit=10)
        embed = discord.Embed(title=f"Trivia leaderboard — {PERIOD_TITLES[chosen]}", colour=COLOUR)
        if not rows:
            embed.description = f"No trivia points {PERIOD_TITLES[chosen]} yet."
        else:
            embed.description = "\n".join(
                f"**{i}.** {mention(r.user_id)} — {r.points} points · {r.correct} correct · "
                f"{r.wins} {'win' if r.wins == 1 else 'wins'} in {r.games} "
                f"{'game' if r.games == 1 else 'games'} · best streak {r.best_streak}"
                for i, r in enumerate(rows, start=1))
        await ctx.send(embed=embed)

    @trivia.command(name="reset", brief="Delete this server's trivia stats (Manage Server; asks first).",
                    extras={"example": "trivia reset"})
    @commands.guild_only()
    @commands.has_guild_permissions(manage_guild=True)
    async def reset(self, ctx: commands.Context) -> None:
        """Deletes every trivia point, game and win recorded in this server, after a confirmation."""
        assert ctx.guild is not None
        view = ResetView(self, ctx.author.id, ctx.guild.id)
        view.message = await ctx.send(
            "Delete **all** trivia stats of this server (points, games, wins)? This cannot be undone.", view=view)

    # ------------------------------------------------------------ settings

    @commands.hybrid_group(name="triviaset", invoke_without_command=True, usage="[setting value]",
                           brief="Show or change this server's trivia settings (Manage Server).",
                           extras={"example": "triviaset time 20"})
    @commands.guild_only()
    @commands.has_guild_permissions(manage_guild=True)
    async def triviaset(self, ctx: commands.Context, key: str | None = None, *, value: str | None = None) -> None:
        """Without arguments shows the settings; `triviaset <setting> <value>` changes one: target, rounds,
        time, inactivity, hints, reveal, mode."""
        if key is None:
            await self._show_settings(ctx)
        elif value is None:
            raise commands.BadArgument(f"Give a value for `{key[:30]}`, e.g. `triviaset {key[:30]} 10`.")
        else:
            await self._set(ctx, key, value)

    @triviaset.command(name="show", brief="Show this server's trivia settings.", extras={"example": "triviaset show"})
    @commands.guild_only()
    @commands.has_guild_permissions(manage_guild=True)
    async def triviaset_show(self, ctx: commands.Context) -> None:
        """Shows every trivia setting of this server."""
        await self._show_settings(ctx)

    @triviaset.command(name="set", usage="<setting> <value>", brief="Change one trivia setting.",
                       extras={"example": "triviaset set hints off"})
    @commands.guild_only()
    @commands.has_guild_permissions(manage_guild=True)
    @app_commands.describe(key="the setting", value="its new value (a number, on/off, or free/choice)")
    @app_commands.choices(key=[app_commands.Choice(name=k, value=k) for k in KEY_NAMES])
    async def triviaset_set(self, ctx: commands.Context, key: str, *, value: str) -> None:
        """Changes one setting: target (0 = none), rounds, time (seconds), inactivity (seconds, 0 = never),
        hints on/off, reveal on/off, mode free/choice."""
        await self._set(ctx, key, value)

    async def _show_settings(self, ctx: commands.Context) -> None:
        assert ctx.guild is not None
        settings = await self.settings_for(ctx.guild.id)
        embed = discord.Embed(title="Trivia settings", colour=COLOUR, description="\n".join(
            f"{label}: **{shown}** (`{name}`)" for label, shown, name in settings.lines()))
        embed.set_footer(text="Change one with: triviaset <setting> <value>")
        await ctx.send(embed=embed)

    async def _set(self, ctx: commands.Context, key: str, value: str) -> None:
        assert ctx.guild is not None
        settings = await self.settings_for(ctx.guild.id)
        try:
            changed_key, changed = settings.with_value(key, value)
        except OptionError as exc:
            raise commands.BadArgument(str(exc)) from exc
        await self.bot.store.set_guild_setting(ctx.guild.id, SETTING_NAME, changed.to_stored())
        shown = changed_key.show(getattr(changed, changed_key.field))
        await ctx.send(f"{changed_key.label} is now **{shown}** (from the next game).")

    # ------------------------------------------------------------ free-text answers

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or message.guild is None:
            return
        session = self.sessions.get(message.channel.id)
        if session is None or not session.running or session.game.config.mode != FREE:
            return
        text = strip_markup(message.content)
        if not text or await self._is_command(message):
            return
        await session.answer(message.author.id, text)

    async def _is_command(self, message: discord.Message) -> bool:
        prefixes = await self.bot.get_prefix(message)
        if isinstance(prefixes, str):
            prefixes = [prefixes]
        return any(message.content.startswith(p) for p in prefixes if p)

