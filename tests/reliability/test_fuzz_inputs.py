"""Property tests: every command, prefix and slash, with hostile arguments (random unicode, zero-width and
right-to-left marks, 4,000-character strings, markdown and code fences, @everyone/@here/role/user mentions,
emoji, null bytes, numbers out of range). Every input gets a reply that Discord accepts and that pings
nobody, or a clear refusal; nothing reaches the error handler's apology path; `!ping` still answers.

The commands are read from the running bot, so cogs added later are fuzzed without a change here.
"""

from __future__ import annotations

import pytest
from discord.ext import commands
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.command_limit import CommandLimiter
from bot.sandbox import CommandUnavailable, SandboxError
from bot.sandbox.server import (
    BOOLEAN,
    CHANNEL,
    INTEGER,
    MENTIONABLE,
    NUMBER,
    ROLE,
    STRING,
    SUB_COMMAND,
    SUB_COMMAND_GROUP,
    USER,
)
from tests.reliability.conftest import check_sendable

pytestmark = pytest.mark.asyncio(loop_scope="module")

EXAMPLES = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
USERS = ("alice", "bob", "carol", "admin", "owner")
CHANNELS = ("general", "trivia", "dm:alice")
TRIED = {"prefix": 0, "slash": 0, "autocomplete": 0, "chat": 0, "refused_by_client": 0}

# Pieces that break naive bots; the ids are filled in from the world (user, role, channel mentions).
HOSTILE = [
    "@everyone", "@here", "<@{alice}>", "<@!{bob}>", "<@&{role}>", "<#{channel}>", "@\u200beveryone",
    "```", "```py\nprint(1)\n```", "**bold**", "__u__", "~~s~~", "||spoiler||", "> quote", "# heading",
    "[link](https://example.com)", "\\", "`", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",
    "\u202e", "\u202d", "\u2066", "\u2067", "\u2069", "\u061c", "\x00", "\x1b[31m", "\r\n", "\t",
    "😀", "👨\u200d👩\u200d👧", "🇺🇸", "<:pepe:123456789012345678>", "<a:dance:1>", "ﷺ", "Z̴̢̛a̵l̷g̶o̸",
    "-1", "0", "-0", "99999999999999999999999", "1e309", "NaN", "inf", "-9223372036854775809", "½",
    "١٢٣", "danko", "Danko", "red heat", "'; DROP TABLE films; --", "%s%s%n", "{0}", "None",
]


def hostile_text(world):
    guild = world.guild()
    ids = {"alice": world.user("alice").id, "bob": world.user("bob").id,
           "role": world.role(guild, "Manager").id, "channel": world.channel("general").id}
    pieces = [p.format(**ids) if "{" in p and "}" in p and p != "{0}" else p for p in HOSTILE]
    words = st.one_of(st.sampled_from(pieces), st.text(max_size=12))
    short = st.lists(words, max_size=10).map(" ".join)
    long = st.tuples(st.sampled_from(pieces + ["x", "é", "😀"]), st.integers(1900, 4100)).map(
        lambda t: (t[0] * (t[1] // max(1, len(t[0])) + 1))[: t[1]])
    return st.one_of(short, short, short, long)


def prefix_commands(bot) -> list[str]:
    return sorted({c.qualified_name for c in bot.walk_commands()})


def slash_leaves(sandbox, guild_id) -> list[tuple[str, list[dict]]]:
    """('name [group] [sub]', option specs) for every registered slash command leaf."""
    leaves: list[tuple[str, list[dict]]] = []

    def walk(path: str, options: list[dict]) -> None:
        subs = [o for o in options if o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)]
        if not subs:
            leaves.append((path, options))
        for sub in subs:
            walk(f"{path} {sub['name']}", sub.get("options") or [])

    commands = {**sandbox.commands.get(None, {}), **sandbox.commands.get(guild_id, {})}
    for name, cmd in sorted(commands.items()):
        if cmd.get("type", 1) == 1:
            walk(name, cmd.get("options") or [])
    return leaves


def option_value(spec: dict, draw, text):
    kind = spec["type"]
    if spec.get("choices") and draw(st.booleans()):
        return draw(st.sampled_from([c["value"] for c in spec["choices"]]))
    if kind == STRING:
        return draw(text)
    if kind == INTEGER:
        return draw(st.one_of(st.integers(-(2**53), 2**53), st.sampled_from([0, -1, 1, 2**31, -(2**31), 10**15])))
    if kind == NUMBER:
        return draw(st.floats(-1e15, 1e15, allow_nan=False))
    if kind == BOOLEAN:
        return draw(st.booleans())
    if kind in (USER, MENTIONABLE):
        return draw(st.sampled_from(USERS))
    if kind == ROLE:
        return "Manager"
    if kind == CHANNEL:
        return draw(st.sampled_from(["general", "trivia"]))
    return draw(text)


async def _check_exchange(harness, exchange, *, expect_reply: bool) -> None:
    assert not exchange.timed_out
    for reply in exchange:
        check_sendable(reply)
    if expect_reply:
        assert len(exchange) >= 1, "no reply"
    assert harness.errors == [], [r.getMessage() for r in harness.errors]
    assert harness.sandbox.rejected == [], harness.sandbox.rejected[-3:]


@pytest.fixture(scope="module")
def fuzz_harness(module_harness):
    # These properties are about input handling, not flooding: lift the per-user command budget and any
    # cog-wide cooldown (test_spam covers those).
    module_harness.bot.command_limiter = CommandLimiter(rate=10**9, per=1.0)
    for cog in module_harness.bot.cogs.values():
        if isinstance(getattr(cog, "cooldown", None), commands.CooldownMapping):
            cog.cooldown = commands.CooldownMapping.from_cooldown(10**9, 1.0, commands.BucketType.user)
    return module_harness


@EXAMPLES
@given(data=st.data())
async def test_prefix_commands_with_hostile_arguments(fuzz_harness, data):
    harness = fuzz_harness
    names = prefix_commands(harness.bot)
    assert {"help", "ping", "sync"} <= set(names)
    name = data.draw(st.sampled_from(names))
    argument = data.draw(hostile_text(harness.world))
    user = data.draw(st.sampled_from(USERS))
    channel = data.draw(st.sampled_from(["general", "trivia", "dm"]))
    line = f"!{name} {argument}"
    TRIED["prefix"] += 1
    if channel == "dm":
        exchange = await harness.dm(line, user=user)
    else:
        exchange = await harness.send(line, user=user, channel=channel)
    await _check_exchange(harness, exchange, expect_reply=True)


@EXAMPLES
@given(data=st.data())
async def test_slash_commands_with_hostile_options(fuzz_harness, data):
    harness = fuzz_harness
    leaves = slash_leaves(harness.sandbox, harness.world.guild().id)
    assert {"help", "ping"} <= {path for path, _ in leaves}
    text = hostile_text(harness.world)
    path, specs = data.draw(st.sampled_from(leaves))
    options = {}
    for spec in specs:
        if spec.get("required") or data.draw(st.booleans()):
            options[spec["name"]] = option_value(spec, data.draw, text)
    user = data.draw(st.sampled_from(USERS))
    channel = data.draw(st.sampled_from(CHANNELS))
    if channel.startswith("dm:"):
        channel = f"dm:{user}"
    TRIED["slash"] += 1
    try:
        exchange = await harness.slash(path, user=user, channel=channel, options=options)
    except (CommandUnavailable, SandboxError):  # Discord's client would not send it (range, length, DM)
        TRIED["refused_by_client"] += 1
        return
    await _check_exchange(harness, exchange, expect_reply=True)


@EXAMPLES
@given(data=st.data())
async def test_autocomplete_with_hostile_partial_input(fuzz_harness, data):
    harness = fuzz_harness
    targets = [(path, spec["name"]) for path, specs in slash_leaves(harness.sandbox, harness.world.guild().id)
               for spec in specs if spec.get("autocomplete")]
    assert ("help", "command") in targets
    path, option = data.draw(st.sampled_from(targets))
    partial = data.draw(hostile_text(harness.world))[:6000]
    user = data.draw(st.sampled_from(USERS))
    TRIED["autocomplete"] += 1
    choices = await harness.autocomplete(path, option, partial, user=user)
    assert len(choices) <= 25
    for choice in choices:
        assert 1 <= len(choice["name"]) <= 100 and len(str(choice["value"])) <= 100, choice
    assert harness.errors == []


@EXAMPLES
@given(data=st.data())
async def test_chat_and_mention_prefix_with_hostile_text(fuzz_harness, data):
    """Plain chat and '@bot <anything>': the bot stays quiet or answers properly, never pings."""
    harness = fuzz_harness
    body = data.draw(hostile_text(harness.world))
    mention, bang = data.draw(st.booleans()), data.draw(st.booleans())
    line = (f"<@{harness.bot.user.id}> " if mention else "") + ("!" if bang else "") + body
    TRIED["chat"] += 1
    exchange = await harness.send(line, user="bob", channel="trivia")
    await _check_exchange(harness, exchange, expect_reply=False)


async def test_still_answers_ping_afterwards(fuzz_harness):
    harness = fuzz_harness
    for reply in (await harness.send("!ping"), await harness.slash("ping")):
        assert reply.text.startswith("Pong!")
        check_sendable(reply[0])
    assert harness.errors == []
    print(f"\nfuzz inputs tried: {TRIED}")
