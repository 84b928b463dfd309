"""The real process (``python -m bot run`` at DEBUG with a fake token) against a sandbox in the test process:
kill -9 in the middle of a game, restart on the same database — every point announced before the kill is in
the store, ``PRAGMA integrity_check`` is ok, the channel starts a new game; then SIGTERM during that game ends
it with a message and closes the database within 5 seconds. The token shows up in no log line (discord.py's
own loggers included) and in no message the bot sent."""

from __future__ import annotations

import re
import signal
import sqlite3
import time

from bot.kb.library import Library
from bot.sandbox import Sandbox
from bot.store import Store
from bot.trivia.questions import build_questions
from tests.reliability.conftest import BotProcess, bot_env, check_sendable, copy_database, wait_for_reply

TOKEN = "MTE5ODc2NTQzMjEw.crash-test.fake-token-value_x9"
AWARD = re.compile(r"^✅ <@(\d+)> got it: .*\(\+(\d+)\)\.")


async def answer_book(database) -> dict[str, list[str]]:
    """Question text -> its answers, from the same bank the bot builds (tests may peek; players may not)."""
    async with Store.open(database) as store:
        library = await Library.load(store)
    book: dict[str, list[str]] = {}
    for film in library.films:
        for question in build_questions(film):
            book.setdefault(question.question, []).append(question.answer)
    return book


def is_question(round_no: int):
    return lambda m: bool(m.embeds) and m.embeds[0].get("title", "").startswith(f"Question {round_no}/")


async def play_round(sandbox, book, round_no: int, user: str) -> tuple[int, int]:
    """Answer question `round_no` as `user`; returns (user id, points) from the bot's announcement."""
    question = await wait_for_reply(sandbox, is_question(round_no), channel="trivia", within=15)
    seen = {m.id for m in sandbox.bot_messages("trivia")}
    for answer in book[question.embeds[0]["description"]]:
        await sandbox.user_message(answer, user=user, channel="trivia")
    reveal = await wait_for_reply(sandbox, lambda m: m.id not in seen and m.content.startswith("✅"),
                                  channel="trivia", within=10)
    found = AWARD.match(reveal.content)
    assert found, reveal.content
    return int(found[1]), int(found[2])


def integrity(path) -> str:
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()


async def test_kill_9_mid_game_restart_keeps_points_then_sigterm_ends_cleanly(tmp_path, seeded_db):
    database = copy_database(seeded_db, tmp_path)
    book = await answer_book(database)
    async with Sandbox(token=TOKEN) as sandbox:
        env = bot_env(sandbox, tmp_path, TOKEN, LOG_LEVEL="DEBUG")
        guild_id = sandbox.world.guild().id

        # 1. A game, two points announced, then kill -9 while question 3 is open.
        async with BotProcess(env, tmp_path) as first:
            await first.wait_for_line("ready as FilmBot")
            await sandbox.user_message("!trivia start 10 free", user="alice", channel="trivia")
            announced = [await play_round(sandbox, book, 1, "bob"), await play_round(sandbox, book, 2, "carol")]
            await wait_for_reply(sandbox, is_question(3), channel="trivia", within=15)
            first.proc.send_signal(signal.SIGKILL)
            assert await first.wait_exit() == -signal.SIGKILL
        assert integrity(database) == "ok"
        async with Store.open(database) as store:
            rows = await store.trivia_leaderboard(guild_id, limit=100)
        assert {r.user_id: r.points for r in rows if r.points} == dict(announced)

        # 2. Restart on the same database: the channel can start a new game; the points are still there.
        async with BotProcess(env, tmp_path) as second:
            await second.wait_for_line("ready as FilmBot")
            seen = {m.id for m in sandbox.bot_messages("trivia")}
            await sandbox.user_message("!trivia start 5 free", user="alice", channel="trivia")
            started = await wait_for_reply(sandbox, lambda m: m.id not in seen and "Trivia about" in m.content,
                                           channel="trivia")
            assert started.content.startswith("Trivia about **Red Heat**: 5 questions")
            await sandbox.user_message("!trivia leaderboard", user="bob", channel="general")
            board = await wait_for_reply(sandbox, lambda m: bool(m.embeds) and "leaderboard" in
                                         m.embeds[0].get("title", ""), channel="general")
            for user_id, points in announced:
                assert f"<@{user_id}> — {points} points" in board.embeds[0]["description"]
            await wait_for_reply(sandbox, is_question(1), channel="trivia", within=15)

            # 3. SIGTERM during that game: it ends with a message, the store closes, exit 0 within 5 s.
            seen = {m.id for m in sandbox.bot_messages("trivia")}
            began = time.monotonic()
            second.proc.send_signal(signal.SIGTERM)
            code = await second.wait_exit(within=10)
            elapsed = time.monotonic() - began
        assert code == 0, second.log[-3000:]
        assert elapsed < 5, elapsed
        goodbye = [m for m in sandbox.bot_messages("trivia") if m.id not in seen]
        assert [m.content for m in goodbye if m.content][-1] == (
            "The trivia game was stopped because the bot is restarting.")
        assert goodbye[-1].embeds[0]["title"].startswith("Trivia over")
        assert "store closed" in second.log and "Traceback" not in second.log
        assert integrity(database) == "ok"

        # 4. The token: in no log line at any level, in no message the bot sent.
        logs = first.log + second.log
        assert "DEBUG" in logs and "discord.gateway" in logs and "discord.http" in logs
        assert TOKEN not in logs
        for part in TOKEN.split("."):
            assert part not in logs
        sent = sandbox.bot_messages()
        assert len(sent) >= 9  # start, 3 questions, 2 reveals; start, leaderboard, question, goodbye
        for message in sent:
            assert TOKEN not in (message.content + str(message.embeds) + str(message.components))
            check_sendable(message.reply())
        print(f"\ncrash: points announced before kill -9 {announced}; all in the store after restart;"
              f" SIGTERM to exit {elapsed:.2f} s; {len(logs.splitlines())} DEBUG log lines without the token")
