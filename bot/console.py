"""``python -m bot console``: chat with the real bot in the terminal through the offline sandbox.

Bot messages are printed by a sandbox listener as they are created or edited, so replies that arrive
later (trivia timers, game results) show up live. Embeds are rendered as panels (title, description,
fields, footer); buttons are numbered and pressed with ``:press N``. ``:user NAME`` and ``:channel NAME``
switch the simulated user and channel (both are created on first use; ``:channel dm`` is a direct
message with the bot).
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Mapping

from rich.console import Console, Group, RenderableType
from rich.markdown import Markdown
from rich.panel import Panel
from rich.text import Text

from bot.ask import offline_harness
from bot.sandbox import Harness, SandboxError
from bot.sandbox.records import JournalEvent, MessageRecord
from bot.sandbox.render import iter_buttons, render_components
from bot.sandbox.world import WorldError
from bot.settings import Settings

USER_MENTION = re.compile(r"<@!?(\d+)>")

CONSOLE_HELP = """\
Type a message as you would on Discord: !help, !ping, /ping, /help command:ping style is written /help ping.
  :user NAME      speak as another user (created if new), e.g. :user bob
  :channel NAME   switch channel (created if new), e.g. :channel trivia; :channel dm for a direct message
  :press N        press button N of the latest message with buttons
  :users :channels   list them        :help   this text        :quit   leave"""


def discord_text(text: str, *, markdown: bool) -> RenderableType:
    """Discord's markdown (bold, italics, code, escapes) styled for a terminal, keeping its line breaks;
    as written when the output is not a terminal (a pipe or a file: styles would be lost)."""
    return Markdown(text.replace("\n", "  \n")) if markdown else Text(text)


def name_mentions(text: str, names: Mapping[int, str]) -> str:
    """User mentions as Discord shows them: ``<@123>`` -> ``@alice`` (unknown ids stay as they are)."""
    return USER_MENTION.sub(lambda m: f"@{names[int(m[1])]}" if int(m[1]) in names else m[0], text)


def render_embed(embed: Mapping, *, markdown: bool = True, names: Mapping[int, str] | None = None) -> Panel:
    def text(value: str) -> RenderableType:
        return discord_text(name_mentions(value, names or {}), markdown=markdown)

    parts: list[RenderableType] = []
    if embed.get("description"):
        parts.append(text(str(embed["description"])))
    for field in embed.get("fields") or []:
        name, value = str(field.get("name", "")), str(field.get("value", ""))
        if "\n" in value:  # Discord shows the name above a multi-line value
            parts.append(Text(name, style="bold"))
            parts.append(text(value))
        elif name:
            parts.append(text(f"**{name}:** {value}" if markdown else f"{name}: {value}"))
        else:
            parts.append(text(value))
    footer = (embed.get("footer") or {}).get("text")
    title = embed.get("title")
    author = (embed.get("author") or {}).get("name")
    heading = " · ".join(x for x in (author, title) if x) or None
    return Panel(Group(*parts) if parts else Text(""), title=heading, title_align="left",
                 subtitle=footer, subtitle_align="left", expand=False)


class ConsoleSession:
    """The console's state and commands; prints bot messages through a sandbox listener."""

    def __init__(self, harness: Harness, out: Console, *, user: str = "alice", channel: str = "general") -> None:
        self.h = harness
        self.out = out
        self.user = user
        self.channel = channel
        self.buttons: list[tuple[int, str]] = []  # (message id, custom_id) for :press N

    # ---- output ----------------------------------------------------------------------------------------
    def on_event(self, event: JournalEvent) -> None:
        if event.kind not in ("created", "edited") or not event.by_bot:
            return
        record = self.h.sandbox.messages.get(event.message_id)
        if record is None or record.loading:
            return
        self.show(record, edited=event.kind == "edited")

    def _channel_label(self, channel_id: int) -> str:
        name = getattr(self.h.world.channel_by_id(channel_id), "name", str(channel_id))
        return name if name.startswith("dm:") else f"#{name}"

    def show(self, record: MessageRecord, *, edited: bool = False) -> None:
        bot_name = self.h.bot.user.name if self.h.bot and self.h.bot.user else "bot"
        header = Text(f"{bot_name} in {self._channel_label(record.channel_id)}", style="bold cyan")
        if edited:
            header.append(" (edited)", style="dim")
        if record.ephemeral:
            header.append(" (only you can see this)", style="dim")
        body: list = [header]
        names = {user.id: user.name for user in self.h.world.users.values()}
        markdown = self.out.is_terminal
        if record.content:
            body.append(discord_text(name_mentions(record.content, names), markdown=markdown))
        body.extend(render_embed(e, markdown=markdown, names=names) for e in record.embeds)
        buttons = [b for b in iter_buttons(record.components) if not b.get("disabled")]
        if record.components:
            lines = render_components(record.components, number_buttons=True)
            body.extend(Text(line, style="yellow") for line in lines)
            if buttons:
                self.buttons = [(record.id, b.get("custom_id") or b.get("label", "")) for b in
                                iter_buttons(record.components)]
        self.out.print(Group(*body))

    # ---- input -----------------------------------------------------------------------------------------
    @property
    def where(self) -> str:
        return "a direct message with the bot" if self.channel.startswith("dm:") else f"#{self.channel}"

    @property
    def prompt(self) -> str:
        return f"{self.user} in {self.where}> "

    async def handle(self, line: str) -> bool:
        """Run one input line; False when the user wants to leave."""
        line = line.strip()
        if not line:
            return True
        if line.startswith(":"):
            return await self.command(line[1:])
        try:
            await self.h.run(line, user=self.user, channel=self.channel)
        except (SandboxError, WorldError) as exc:
            self.out.print(f"[red]{exc}[/red]")
        return True

    async def command(self, text: str) -> bool:
        name, _, arg = text.partition(" ")
        arg = arg.strip()
        world = self.h.world
        if name in ("q", "quit", "exit"):
            return False
        if name == "help":
            self.out.print(CONSOLE_HELP, markup=False)
        elif name == "users":
            self.out.print(", ".join(u.name for u in world.users.values() if not u.bot))
        elif name == "channels":
            guild = world.guild()
            self.out.print(", ".join(f"#{c.name}" for c in guild.channels.values()) + ", dm")
        elif name == "user" and arg:
            if world.find_user(arg) is None:
                world.add_user(arg)
                world.add_member(world.guild(), arg)
            self.user = world.user(arg).name
            if self.channel.startswith("dm:"):
                self.channel = f"dm:{self.user}"
            self.out.print(f"You are now {self.user}.")
        elif name == "channel" and arg:
            arg = arg.lstrip("#")
            if arg == "dm":
                self.channel = f"dm:{self.user}"
            else:
                guild = world.guild()
                if not any(c.name == arg for c in guild.channels.values()):
                    world.add_channel(guild, arg)
                self.channel = arg
            self.out.print(f"Now in {self.where}.")
        elif name == "press" and arg.isdigit():
            index = int(arg) - 1
            if not self.buttons:
                self.out.print("[red]There are no buttons to press yet.[/red]")
                return True
            if not 0 <= index < len(self.buttons):
                self.out.print(f"[red]No button {arg}; the latest buttons are 1-{len(self.buttons)}.[/red]")
                return True
            message_id, target = self.buttons[index]
            try:
                await self.h.click(message_id, target, user=self.user)
            except (SandboxError, WorldError) as exc:
                self.out.print(f"[red]{exc}[/red]")
        else:
            self.out.print(f"[red]Unknown console command :{text}[/red] (:help lists them)")
        return True


def _start_reader(loop: asyncio.AbstractEventLoop, queue: asyncio.Queue, out: Console,
                  prompt: list[str], ready: threading.Event) -> None:
    """Read stdin lines in a daemon thread (never blocks interpreter exit); None marks end of input."""

    def read() -> None:
        while True:
            ready.wait()
            ready.clear()
            try:
                line = out.input(prompt[0])
            except (EOFError, KeyboardInterrupt):
                loop.call_soon_threadsafe(queue.put_nowait, None)
                return
            loop.call_soon_threadsafe(queue.put_nowait, line)

    threading.Thread(target=read, name="console-input", daemon=True).start()


async def run_console(settings: Settings, *, out: Console | None = None) -> None:
    out = out or Console(highlight=False)
    out.print("[bold]Offline console[/bold]: the real bot, a local stand-in for Discord. Starting...")
    async with offline_harness(settings) as harness:
        session = ConsoleSession(harness, out)
        harness.sandbox.add_listener(session.on_event)
        films = ", ".join(f.title for f in harness.bot.library.films) or "no films yet"
        out.print(f"Ready in {harness.ready_seconds:.2f} s ({films}). You are {session.user} in "
                  f"#{session.channel}. Try !help; :help lists console commands.")
        queue: asyncio.Queue[str | None] = asyncio.Queue()
        prompt = [session.prompt]
        ready = threading.Event()
        _start_reader(asyncio.get_running_loop(), queue, out, prompt, ready)
        try:
            while True:
                prompt[0] = session.prompt
                ready.set()
                line = await queue.get()
                if line is None or not await session.handle(line):
                    break
        finally:
            harness.sandbox.remove_listener(session.on_event)
    out.print("Bye.")
