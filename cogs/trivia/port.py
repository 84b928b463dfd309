"""How a trivia session speaks in a Discord channel: the question embed (with four buttons in
multiple-choice mode), "close!", the reveal with the source fact, and the final scoreboard.

``DiscordPort`` implements ``bot.trivia.session.SessionPort``; transport errors are logged, never raised,
so a failed send does not end the game. Players are shown as mentions (rendered as names by Discord,
never pinging: the bot's allowed mentions are none).
"""

from __future__ import annotations

import logging

import discord

from bot.trivia.game import (
    ANSWERED,
    CHOICE,
    END_EXHAUSTED,
    END_INACTIVE,
    END_ROUNDS,
    END_STOPPED,
    END_TARGET,
    SKIPPED,
    STOPPED,
    Award,
    QuestionResult,
    Scoreboard,
)
from bot.trivia.questions import Question
from bot.trivia.session import GameSession

log = logging.getLogger(__name__)

COLOUR = discord.Colour.gold()
LETTERS = "ABCD"
EVIDENCE_LIMIT = 300
END_TEXTS = {
    END_TARGET: "someone reached the target score",
    END_ROUNDS: "all rounds played",
    END_STOPPED: "stopped",
    END_INACTIVE: "nobody played for a while",
    END_EXHAUSTED: "no questions left",
}


def mention(user_id: int) -> str:
    return f"<@{user_id}>"


def quote_evidence(evidence: str) -> str:
    text = " ".join(evidence.split())
    if len(text) > EVIDENCE_LIMIT:
        text = text[: EVIDENCE_LIMIT - 1].rstrip() + "…"
    return discord.utils.escape_markdown(text)


def question_embed(session: GameSession, question: Question, round_no: int, points: int) -> discord.Embed:
    config = session.game.config
    embed = discord.Embed(title=f"Question {round_no}/{config.max_rounds}", description=question.question,
                          colour=COLOUR)
    if config.mode == CHOICE:
        embed.add_field(name="Choices", value="\n".join(
            f"**{LETTERS[i]}.** {discord.utils.escape_markdown(c)}" for i, c in enumerate(question.choices)),
            inline=False)
        how = "pick a button; faster answers score more"
    else:
        how = "type your answer" + (" · `trivia hint` for a hint" if config.hints else "")
    embed.set_footer(text=f"{points} points · {config.time_limit:g} s · {how}")
    return embed


def answer_text(question: Question, mode: str) -> str:
    shown = discord.utils.escape_markdown(question.answer)
    if mode == CHOICE:
        return f"**{LETTERS[question.answer_index]}. {shown}**"
    return f"**{shown}**"


def reveal_text(result: QuestionResult, mode: str, show_answer: bool) -> str:
    q = result.question
    if result.awards and mode != CHOICE:
        award = result.awards[0]
        head = f"✅ {mention(award.user_id)} got it: {answer_text(q, mode)} (+{award.points})."
    else:
        opening = {ANSWERED: "Time's up!", SKIPPED: "⏭️ Skipped.", STOPPED: "⏹️ Stopped."}.get(
            result.reason, "⏰ Time's up!")
        if not show_answer:
            return f"{opening} Nobody got it."
        head = f"{opening} The answer was {answer_text(q, mode)}."
        if mode == CHOICE:
            right = ", ".join(f"{mention(a.user_id)} (+{a.points})" for a in result.awards)
            head += f" Right: {right}." if right else " Nobody got it right."
    return f"{head}\nSource: “{quote_evidence(q.evidence)}”"


def scoreboard_embed(board: Scoreboard) -> discord.Embed:
    reason = END_TEXTS.get(board.reason or "", board.reason or "")
    embed = discord.Embed(title=f"Trivia over: {reason}", colour=COLOUR)
    if board.lines:
        embed.description = "\n".join(
            f"**{line.rank}.** {mention(line.user_id)} — {line.points} points "
            f"({line.correct} correct, best streak {line.best_streak})" for line in board.lines[:20])
        winners = board.winners
        if winners:
            embed.add_field(name="Winner" if len(winners) == 1 else "Winners",
                            value=", ".join(mention(w) for w in winners), inline=False)
    else:
        embed.description = "Nobody scored."
    embed.set_footer(text=f"{board.rounds_played} questions asked")
    return embed


class ChoiceView(discord.ui.View):
    """Four answer buttons for one question; each click is one answer, confirmed to the player alone."""

    def __init__(self, session: GameSession, question: Question) -> None:
        super().__init__(timeout=None)
        self.session = session
        self.question = question
        for index, choice in enumerate(question.choices):
            label = f"{LETTERS[index]}. {choice}"
            button = discord.ui.Button(label=label[:80], style=discord.ButtonStyle.secondary,
                                       custom_id=f"trivia:{session.game_id[:12]}:{question.id}:{index}")
            button.callback = self._callback(index)
            self.add_item(button)

    def _callback(self, index: int):
        async def callback(interaction: discord.Interaction) -> None:
            outcome = await self.session.choose(interaction.user.id, index, self.question.id)
            choice = discord.utils.escape_markdown(self.question.choices[index])
            message = {
                "correct": f"Locked in: **{LETTERS[index]}. {choice}**.",
                "wrong": f"Locked in: **{LETTERS[index]}. {choice}**.",
                "already_answered": "You have already answered this question.",
            }.get(outcome.status, "That question is closed.")
            await interaction.response.send_message(message, ephemeral=True)

        return callback

    def disable(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
                if item.custom_id and item.custom_id.endswith(f":{self.question.answer_index}"):
                    item.style = discord.ButtonStyle.success
        self.stop()


class DiscordPort:
    """A ``SessionPort`` posting in one channel."""

    def __init__(self, channel: discord.abc.Messageable) -> None:
        self.channel = channel
        self._question_message: discord.Message | None = None
        self._view: ChoiceView | None = None

    async def _send(self, **kwargs) -> discord.Message | None:
        try:
            return await self.channel.send(**kwargs)
        except discord.HTTPException:
            log.warning("trivia: could not send in channel %s", getattr(self.channel, "id", "?"), exc_info=True)
            return None

    async def question(self, session: GameSession, question: Question, round_no: int, points: int) -> None:
        embed = question_embed(session, question, round_no, points)
        if session.game.config.mode == CHOICE:
            self._view = ChoiceView(session, question)
            self._question_message = await self._send(embed=embed, view=self._view)
        else:
            self._view = None
            self._question_message = await self._send(embed=embed)

    async def close_call(self, session: GameSession, user_id: int) -> None:
        await self._send(content=f"{mention(user_id)} close!")

    async def reveal(self, session: GameSession, result: QuestionResult, show_answer: bool) -> None:
        if self._view is not None and self._question_message is not None:
            self._view.disable()
            try:
                await self._question_message.edit(view=self._view)
            except discord.HTTPException:
                log.warning("trivia: could not disable the answer buttons", exc_info=True)
        self._view = None
        await self._send(content=reveal_text(result, session.game.config.mode, show_answer))

    async def ended(self, session: GameSession, scoreboard: Scoreboard, note: str | None) -> None:
        await self._send(content=note, embed=scoreboard_embed(scoreboard))

    async def not_saved(self, session: GameSession, award: Award) -> None:
        await self._send(content=f"I couldn't save {mention(award.user_id)}'s {award.points} points (the database "
                                 "refused the write): they count in this game but not on the leaderboard.")

    async def failed(self, session: GameSession, error: BaseException) -> None:
        await self._send(content="Sorry, the trivia game stopped because of an error. It has been logged.")
