"""A running trivia game under load and faults, in the sandbox: 50 players answering the same question at
once, gateway closes (1000, 1001, 4000), op 7 reconnect, op 9 invalid session, REST 429 and 500 while
the bot posts. The game goes on, and the points in the store equal the points the game gave: none lost,
none counted twice."""

from __future__ import annotations

import asyncio

from bot.sandbox import default_world
from bot.sandbox.server import MESSAGE_COMPONENT
from bot.trivia.session import Timing
from tests.reliability.conftest import check_sendable

PLAYERS = 50


def crowd_world():
    world = default_world()
    guild = world.guild()
    for i in range(PLAYERS):
        world.add_user(f"player{i:02d}")
        world.add_member(guild, f"player{i:02d}")
    return world


async def start_game(h, options: str):
    cog = h.bot.get_cog("Trivia")
    cog.timing = Timing(between=0.05, shutdown_grace=1.0)
    started = await h.send(f"!trivia start {options}", user="alice", channel="trivia")
    assert started.text.startswith("Trivia about **Red Heat**"), started.text
    session = cog.sessions[h.world.channel("trivia").id]
    await wait_question(h, session, 1)
    return session


async def wait_question(h, session, round_no: int):
    """Wait until question `round_no` is open and posted; returns it."""
    await h.wait_for(lambda r: bool(r.embeds) and r.embeds[0]["title"].startswith(f"Question {round_no}/"),
                     channel="trivia", since=0)
    for _ in range(500):
        if session.game.current is not None:
            return session.game.current
        await asyncio.sleep(0.01)
    raise AssertionError("no question open")


async def store_points(h) -> dict[int, int]:
    """Each scoring player's points as the store has them (players who scored nothing left out)."""
    rows = await h.bot.store.trivia_leaderboard(h.world.guild().id, limit=100)
    return {r.user_id: r.points for r in rows if r.points}


async def test_fifty_players_same_answer_one_winner(start_harness):
    async with start_harness(world=crowd_world()) as h:
        session = await start_game(h, "3 free")
        question = session.game.current
        since = len(h.sandbox.journal)
        await asyncio.gather(*(h.sandbox.user_message(question.answer, user=f"player{i:02d}", channel="trivia")
                               for i in range(PLAYERS)))
        reveal = await h.wait_for(lambda r: "got it" in r.content, channel="trivia", since=since)
        await h.settle()
        winners = [uid for uid, pts in session.game.scores.items() if pts > 0]
        reveals = [m for m in h.messages("trivia") if "got it" in m.content]
        assert len(reveals) == 1 and len(winners) == 1
        assert reveal.content.startswith(f"✅ <@{winners[0]}> got it: **{question.answer}**")
        check_sendable(reveal)
        assert await store_points(h) == {uid: pts for uid, pts in session.game.scores.items() if pts > 0}
        await h.send("!trivia stop", user="alice", channel="trivia")
        assert h.errors == []


async def test_fifty_players_click_at_once_scores_consistent(start_harness):
    async with start_harness(world=crowd_world()) as h:
        session = await start_game(h, "3 choice")
        question = session.game.current
        posted = next(m for m in reversed(h.sandbox.bot_messages("trivia")) if m.components)
        right, wrong = question.answer_index, (question.answer_index + 1) % 4

        async def click(i: int, index: int):
            label = next(c["custom_id"] for row in posted.components for c in row["components"]
                         if c["custom_id"].endswith(f":{index}"))
            data = h.sandbox.component_data(posted, label)
            state, _ = await h.sandbox.interact(MESSAGE_COMPONENT, data, user=f"player{i:02d}", channel=None,
                                                message=posted)
            return state

        # Even players right, odd players wrong, and every tenth player clicks twice (right, then wrong).
        plan = [(i, right if i % 2 == 0 else wrong) for i in range(PLAYERS)]
        plan += [(i, wrong) for i in range(0, PLAYERS, 10)]
        states = await asyncio.gather(*(click(i, index) for i, index in plan))
        await asyncio.wait_for(asyncio.gather(*(s.answered.wait() for s in states)), 15)
        confirmations = [h.sandbox.messages[s.original_message_id].content for s in states]
        assert confirmations.count("You have already answered this question.") == PLAYERS // 10
        await h.send("!trivia stop", user="alice", channel="trivia")
        await h.settle()
        expected_winners = {h.world.user(f"player{i:02d}").id for i in range(0, PLAYERS, 2)}
        scored = {uid for uid, pts in session.game.scores.items() if pts > 0}
        assert scored == expected_winners
        assert await store_points(h) == {uid: pts for uid, pts in session.game.scores.items() if pts > 0}
        reveal = next(m for m in h.messages("trivia") if "The answer was" in m.content)
        assert reveal.content.count("<@") == len(expected_winners)
        check_sendable(reveal)
        assert h.errors == []


async def _reconnected(h, before: int) -> None:
    gateway = h.sandbox.gateway
    for _ in range(1000):
        ws = h.bot.ws
        session = gateway.sessions.get(getattr(ws, "session_id", None) or "")
        if (gateway.identify_count + gateway.resume_count > before and session is not None and session.alive
                and session.ws is not None and not session.ws.closed and h.bot.is_ready()):
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the bot did not reconnect")


FAULTS = [
    ("close 1000", lambda s: s.close_gateway(1000)),
    ("close 1001", lambda s: s.close_gateway(1001)),
    ("close 4000", lambda s: s.close_gateway(4000)),
    ("op 7 reconnect", lambda s: s.send_reconnect()),
    ("op 9 invalid session", lambda s: s.send_invalid_session(False)),
    ("REST 429", None),
    ("REST 500", None),
]


async def test_gateway_and_rest_faults_during_a_game_lose_no_point(start_harness):
    async with start_harness() as h:
        session = await start_game(h, f"{len(FAULTS) + 1} free")
        players = ["bob", "carol", "admin"]
        survived = []
        for round_no, (name, fault) in enumerate(FAULTS, start=1):
            question = await wait_question(h, session, round_no)
            gateway = h.sandbox.gateway
            before = gateway.identify_count + gateway.resume_count
            if fault is not None:
                await fault(h.sandbox)
                await _reconnected(h, before)
            elif name == "REST 429":
                h.sandbox.fail_next(1, status=429, retry_after=0.05)
            else:
                h.sandbox.fail_next(1, status=500)
            since = len(h.sandbox.journal)
            player = players[round_no % len(players)]
            await h.sandbox.user_message(question.answer, user=player, channel="trivia")
            reveal = await h.wait_for(lambda r: "got it" in r.content, channel="trivia", since=since, within=10)
            assert reveal.content.startswith(f"✅ <@{h.world.user(player).id}> got it"), (name, reveal.content)
            survived.append(name)
        await wait_question(h, session, len(FAULTS) + 1)  # the game is still going
        assert session.running
        game_scores = dict(session.game.scores)
        assert sum(1 for p in game_scores.values() if p > 0) == len(players)
        assert await store_points(h) == {uid: pts for uid, pts in game_scores.items() if pts > 0}
        statuses = [status for _, _, status in h.sandbox.faults_served]
        assert statuses == [429, 500]
        await h.send("!trivia stop", user="alice", channel="trivia")
        assert h.errors == []
        print(f"\nfaults survived during one game: {survived}; awards in store match the game: {game_scores}")
