"""Trivia end to end: the real bot in the sandbox, players typing and clicking in channels.

Which question comes up is random; each test reads the question from the bot's embed and finds it in
the film's question bank (built by the product code from the parsed article), so the expected answers
come from the bank, never from this file.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.trivia import judge
from bot.trivia.hints import masked
from bot.trivia.questions import Question, build_questions
from bot.trivia.session import Timing

NEED_MANAGE_SERVER = "You need the Manage Server permission to use that."


@pytest.fixture
def fast(start_harness):
    """Start the bot with no pause between questions (the rules' times come from triviaset)."""

    def start(**kw):
        context = start_harness(**kw)

        class Fast:
            async def __aenter__(self):
                h = await context.__aenter__()
                h.bot.get_cog("Trivia").timing = Timing(between=0, shutdown_grace=2)
                return h

            async def __aexit__(self, *exc):
                await context.__aexit__(*exc)

        return Fast()

    return start


def bank(h) -> dict[str, Question]:
    film = h.bot.library.default
    return {q.question: q for q in build_questions(film)}


def is_question(m) -> bool:
    return bool(m.embeds) and m.embeds[0].get("title", "").startswith("Question ")


async def next_question(h, channel: str, since: int) -> tuple[object, Question]:
    message = await h.wait_for(is_question, channel=channel, since=since, within=10)
    return message, bank(h)[message.embeds[0]["description"]]


def uid(h, name: str) -> int:
    return h.world.user(name).id


def near_miss(q: Question) -> str | None:
    """A guess the judge calls close but not correct (e.g. the surname alone), if this answer has one."""
    words = q.answer.split()
    for guess in (words[-1], words[0], q.answer[:-3], " ".join(words[:-1])):
        if guess:
            verdict = judge(guess, q.answer, q.kind, q.aliases)
            if verdict.close and not verdict.correct:
                return guess
    return None


async def test_free_text_game_with_three_players(fast):
    async with fast() as h:
        alice, bob, carol = uid(h, "alice"), uid(h, "bob"), uid(h, "carol")
        since = len(h.sandbox.journal)
        started = await h.send("!trivia 10", user="alice", channel="trivia")
        assert started.texts[0].startswith("Trivia about **Red Heat**: 10 questions, first to 50 points, 30 s each,")
        message, q = await next_question(h, "trivia", since)
        # The starter skips at once until a question with a near-miss guess comes up.
        while near_miss(q) is None:
            since = len(h.sandbox.journal)
            skipped = await h.send("!trivia skip", user="alice", channel="trivia")
            assert skipped.texts[0] == f"Skipping (asked by <@{alice}>)."
            message, q = await next_question(h, "trivia", since)

        assert (await h.send("Nobody Atall", user="bob", channel="trivia")).texts == []
        assert (await h.send(near_miss(q), user="carol", channel="trivia")).texts == [f"<@{carol}> close!"]
        assert (await h.send(near_miss(q), user="carol", channel="trivia")).texts == []  # once per question
        hint = await h.send("!trivia hint", user="bob", channel="trivia")
        assert hint.texts == [f"Hint 1: `{masked(q.answer)}` (now worth 7 points)"]

        since = len(h.sandbox.journal)
        await h.send(f"<@{bob}> {q.answer.upper()}", user="alice", channel="trivia")  # mention markup ignored
        reveal = await h.wait_for(lambda m: m.content.startswith("✅"), channel="trivia", since=since)
        assert reveal.content.splitlines()[0] == f"✅ <@{alice}> got it: **{q.answer}** (+7)."
        assert reveal.content.splitlines()[1].startswith("Source: “")
        message, q2 = await next_question(h, "trivia", since)
        assert q2.id != q.id and message.embeds[0]["title"].startswith("Question ")

        # Non-starters without Manage Messages vote; a member with Manage Messages skips at once.
        assert (await h.send("!trivia skip", user="carol", channel="trivia")).texts == [
            f"Skip vote 1/3 from <@{carol}>."]
        assert (await h.send("!trivia skip", user="carol", channel="trivia")).texts == [
            "You have already voted to skip (1/3)."]
        assert (await h.send("!trivia skip", user="bob", channel="trivia")).texts == [f"Skip vote 2/3 from <@{bob}>."]
        since = len(h.sandbox.journal)
        await h.send("!trivia skip", user="admin", channel="trivia")
        skipped = await h.wait_for(lambda m: m.content.startswith("⏭️"), channel="trivia", since=since)
        assert skipped.content.splitlines()[0] == f"⏭️ Skipped. The answer was **{q2.answer}**."
        _, q3 = await next_question(h, "trivia", since)

        refused = await h.send("!trivia stop", user="bob", channel="trivia")
        assert refused.texts == ["Only the member who started the game or someone with Manage Messages can stop it."]
        stopped = await h.send("!trivia stop", user="alice", channel="trivia")
        assert stopped.texts[0] == f"Trivia stopped by <@{alice}>."
        assert stopped.texts[1].splitlines()[0] == f"⏹️ Stopped. The answer was **{q3.answer}**."
        board = stopped[2].embeds[0]
        assert board["title"] == "Trivia over: stopped"
        assert board["description"] == f"**1.** <@{alice}> — 7 points (1 correct, best streak 1)"
        assert (await h.send("!trivia hint", user="bob", channel="trivia")).texts == [
            "There is no trivia game running in this channel."]

        lb = await h.send("!trivia leaderboard", user="carol", channel="trivia")
        assert lb[0].embeds[0]["description"].splitlines() == [
            f"**1.** <@{alice}> — 7 points · 1 correct · 1 win in 1 game · best streak 1",
            f"**2.** <@{bob}> — 0 points · 0 correct · 0 wins in 1 game · best streak 0",
            f"**3.** <@{carol}> — 0 points · 0 correct · 0 wins in 1 game · best streak 0",
        ]
        assert h.errors == []


async def test_multiple_choice_game_with_buttons(fast):
    async with fast() as h:
        alice, bob = uid(h, "alice"), uid(h, "bob")
        assert (await h.send("!triviaset time 2", user="admin")).texts == [
            "Time per question is now **2 s** (from the next game)."]
        since = len(h.sandbox.journal)
        started = await h.slash("trivia start", user="alice", channel="trivia", mode="choice", rounds=1)
        assert started.texts[0].endswith(f"1 question, first to 50 points, 2 s each, press a button. "
                                         f"Started by <@{alice}>.")
        message, q = await next_question(h, "trivia", since)
        labels = [b["label"] for row in message.components for b in row["components"]]
        assert labels == [f"{letter}. {choice}" for letter, choice in zip("ABCD", q.choices, strict=True)]
        right, wrong = labels[q.answer_index], labels[(q.answer_index + 1) % 4]

        picked = await h.click(message, right, user="alice")
        assert picked[0].ephemeral and picked.texts == [f"Locked in: **{right}**."]
        assert (await h.click(message, wrong, user="alice")).texts == ["You have already answered this question."]
        assert (await h.click(message, wrong, user="bob")).texts == [f"Locked in: **{wrong}**."]

        reveal = await h.wait_for(lambda m: m.content.startswith("Time's up!") or m.content.startswith("⏰"),
                                  channel="trivia", since=since, within=5)
        first = reveal.content.splitlines()[0]
        assert first.startswith(f"⏰ Time's up! The answer was **{right}**. Right: <@{alice}> (+")
        points = int(first.rsplit("(+", 1)[1].rstrip(").")) if first.endswith(").") else None
        assert points is not None and 5 <= points <= 10
        board = await h.wait_for(lambda m: bool(m.embeds) and m.embeds[0]["title"].startswith("Trivia over"),
                                 channel="trivia", since=since, within=5)
        assert board.embeds[0]["title"] == "Trivia over: all rounds played"
        assert board.embeds[0]["description"] == f"**1.** <@{alice}> — {points} points (1 correct, best streak 1)"
        # The buttons are disabled once the answer is out; the right one is marked.
        buttons = [b for row in h.sandbox.messages[message.id].components for b in row["components"]]
        assert all(b["disabled"] for b in buttons)
        assert [b["style"] for b in buttons].count(3) == 1 and buttons[q.answer_index]["style"] == 3
        assert f"<@{bob}>" not in board.embeds[0]["description"]
        assert h.errors == []


async def test_two_channels_play_at_once(fast):
    async with fast() as h:
        bob = uid(h, "bob")
        since_general = len(h.sandbox.journal)
        await h.send("!trivia", user="alice", channel="general")
        general_q_message, gq = await next_question(h, "general", since_general)
        since_trivia = len(h.sandbox.journal)
        await h.send("!trivia 5", user="bob", channel="trivia")
        _, tq = await next_question(h, "trivia", since_trivia)
        again = await h.send("!trivia", user="carol", channel="trivia")
        assert again.texts == ["A trivia game is already running in this channel; `trivia stop` ends it."]

        since = len(h.sandbox.journal)
        await h.send(tq.answer, user="bob", channel="trivia")
        reveal = await h.wait_for(lambda m: m.content.startswith("✅"), channel="trivia", since=since)
        assert reveal.content.splitlines()[0] == f"✅ <@{bob}> got it: **{tq.answer}** (+10)."
        await next_question(h, "trivia", since)
        # The game in #general did not move: its last bot message is still its first question.
        assert h.messages("general")[-1].id == general_q_message.id
        assert sorted(h.bot.get_cog("Trivia").sessions) == sorted(
            [h.world.channel("general").id, h.world.channel("trivia").id])

        stopped = await h.send("!trivia stop", user="alice", channel="general")
        assert stopped[-1].embeds[0]["description"] == "Nobody scored."
        assert stopped.texts[1].splitlines()[0] == f"⏹️ Stopped. The answer was **{gq.answer}**."
        assert list(h.bot.get_cog("Trivia").sessions) == [h.world.channel("trivia").id]
        await h.send("!trivia stop", user="bob", channel="trivia")
        assert h.bot.get_cog("Trivia").sessions == {}


async def test_points_survive_a_restart_mid_game(fast):
    async with fast() as h:
        world = h.world
        alice = uid(h, "alice")
        since = len(h.sandbox.journal)
        await h.send("!trivia", user="alice", channel="trivia")
        _, q = await next_question(h, "trivia", since)
        since = len(h.sandbox.journal)
        await h.send(q.answer, user="alice", channel="trivia")
        await next_question(h, "trivia", since)
    # The bot shut down mid-game: the game said goodbye with its scoreboard.
    last = h.sandbox.messages[max(m.id for m in h.sandbox.bot_messages("trivia"))].reply()
    assert last.content == "The trivia game was stopped because the bot is restarting."
    assert last.embeds[0]["description"] == f"**1.** <@{alice}> — 10 points (1 correct, best streak 1)"

    async with fast(world=world) as h:
        for reply in (await h.send("!trivia leaderboard week", user="bob"),
                      await h.slash("trivia leaderboard", user="bob", period="all")):
            assert reply[0].embeds[0]["description"] == (
                f"**1.** <@{alice}> — 10 points · 1 correct · 1 win in 1 game · best streak 1")
        assert (await h.send("!trivia leaderboard year", user="bob")).text.startswith(
            "`year` is not a period: use week, month or all.")


async def test_settings_and_reset_need_manage_server(fast):
    async with fast() as h:
        admin = uid(h, "admin")
        for line in ("!triviaset", "!triviaset time 5", "!triviaset set hints off", "!trivia reset"):
            assert (await h.send(line, user="alice")).texts == [NEED_MANAGE_SERVER], line
        slash = await h.slash("triviaset show", user="alice")
        assert slash.texts == [NEED_MANAGE_SERVER] and slash[0].ephemeral

        assert (await h.send("!triviaset time 1", user="admin")).texts[0].startswith(
            "The time per question must be from 2 to 300, not 1.")
        assert (await h.send("!triviaset colour red", user="admin")).texts[0].startswith(
            "`colour` is not a trivia setting: use one of target, rounds, time, inactivity, hints, reveal, mode.")
        assert (await h.slash("triviaset set", user="admin", key="hints", value="off")).texts == [
            "Hints is now **off** (from the next game)."]
        assert (await h.send("!triviaset mode choice", user="admin")).texts == [
            "Default mode is now **choice** (from the next game)."]
        shown = await h.send("!triviaset", user="admin")
        assert shown[0].embeds[0]["description"].splitlines() == [
            "Target score: **50** (`target`)", "Rounds: **10** (`rounds`)", "Time per question: **30 s** (`time`)",
            "Stop after inactivity: **120 s** (`inactivity`)", "Hints: **off** (`hints`)",
            "Reveal answer on timeout: **on** (`reveal`)", "Default mode: **choice** (`mode`)"]

        # Give the guild something to reset, then only the invoker can confirm.
        store = h.bot.store
        guild_id = h.world.channel("general").guild_id
        await store.add_trivia_award("g", "q", uid(h, "bob"), guild_id=guild_id, points=10, streak=1,
                                     at=dt.datetime.now(dt.UTC))
        ask = await h.send("!trivia reset", user="admin")
        assert ask.texts[0].startswith("Delete **all** trivia stats of this server")
        other = await h.click(ask[0], "Reset", user="alice")
        assert other.texts == [f"Only <@{admin}> can confirm this."] and other[0].ephemeral
        assert len(await store.trivia_leaderboard(guild_id)) == 1
        done = await h.click(ask[0], "Reset", user="admin")
        assert done.texts[0].startswith("Trivia stats reset: 1 awarded answers deleted.")
        assert await store.trivia_leaderboard(guild_id) == []
