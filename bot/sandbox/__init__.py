"""A local stand-in for Discord (REST v10 + gateway on 127.0.0.1) and a harness that runs a real
discord.py bot against it. See `Sandbox`, `Harness`, `World` and `render_message`."""

from bot.sandbox.harness import Exchange, Harness
from bot.sandbox.records import MessageRecord, Reply
from bot.sandbox.render import render_message
from bot.sandbox.server import CommandUnavailable, Sandbox, SandboxError
from bot.sandbox.world import World, default_world

__all__ = [
    "CommandUnavailable",
    "Exchange",
    "Harness",
    "MessageRecord",
    "Reply",
    "Sandbox",
    "SandboxError",
    "World",
    "default_world",
    "render_message",
]
