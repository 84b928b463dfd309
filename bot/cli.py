"""Command line: ``python -m bot [run|console|ask|ingest|sync] ...`` (click).

``run`` (the default) starts the real bot when ``DISCORD_TOKEN`` is set; without a token it explains how
to get one and, on a terminal, opens the offline console instead. Exit status 2 means "needs a token or a
valid configuration"; exit status 3 means the database cannot be used (newer schema, locked, read-only,
not a database); exit status 4 means Discord (or the configured API base) cannot be reached. Nothing here
prints a traceback for those.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import click

from bot.settings import Settings, SettingsError

EXIT_CONFIG = 2
EXIT_DATABASE = 3
EXIT_UNREACHABLE = 4

INVITE_PERMISSIONS = 2147567680  # Send Messages, Embed Links, Read Message History, Add Reactions, Use App Commands

TOKEN_STEPS = f"""\
To run the bot on Discord:
  1. Create an application at https://discord.com/developers/applications ("New Application"),
     open its Bot tab and press "Reset Token" to get the bot token.
  2. On the Bot tab, enable "Message Content Intent" (the bot reads "!" commands).
  3. Invite it: OAuth2 > URL Generator, scopes "bot" and "applications.commands", permissions
     Send Messages, Embed Links, Read Message History, Add Reactions, Use Application Commands
     (https://discord.com/oauth2/authorize?client_id=YOUR_APPLICATION_ID&scope=bot+applications.commands&permissions={INVITE_PERMISSIONS}).
  4. Set DISCORD_TOKEN=<the token> in the environment or in a .env file, start `python -m bot`,
     and run `python -m bot sync` once to publish the slash commands.

To try the bot offline without a token: `python -m bot console` or `python -m bot ask '!help'`."""

MISSING_TOKEN = "DISCORD_TOKEN is not set, so the bot cannot connect to Discord.\n\n" + TOKEN_STEPS


def rejected_token_message(reason: str) -> str:
    return (f"Discord did not accept the bot: {reason}.\n"
            "Check that DISCORD_TOKEN holds the current token of your bot (the Bot tab of your application;\n"
            "reset it there if in doubt) and that the Message Content Intent is enabled.\n\n" + TOKEN_STEPS)


def load_settings() -> Settings:
    """Settings from the environment and ./.env; configuration errors end the process with status 2."""
    try:
        return Settings.from_env()
    except SettingsError as exc:
        click.echo("Configuration error:", err=True)
        for problem in exc.problems:
            click.echo(f"  - {problem}", err=True)
        click.echo("See .env.example for every setting.", err=True)
        sys.exit(EXIT_CONFIG)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def main(ctx: click.Context) -> None:
    """A Discord bot that knows a film inside out. Without a command: `run`."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(run)


@main.command()
def run() -> None:
    """Run the bot on Discord (needs DISCORD_TOKEN); without a token, the offline console on a terminal."""
    settings = load_settings()
    if not settings.token:
        click.echo(MISSING_TOKEN, err=True)
        if sys.stdin.isatty() and sys.stdout.isatty():
            click.echo("\nStarting the offline console instead (a local stand-in for Discord).\n", err=True)
            _run_console(settings)
            return
        sys.exit(EXIT_CONFIG)

    import aiohttp
    import discord

    from bot.logging_setup import setup_logging
    from bot.runtime import TokenRejected
    from bot.runtime import run as run_bot
    from bot.store import StoreError

    setup_logging(settings.log_level, secrets=[settings.token])
    try:
        asyncio.run(run_bot(settings))
    except TokenRejected as exc:
        click.echo(rejected_token_message(str(exc)), err=True)
        sys.exit(EXIT_CONFIG)
    except StoreError as exc:
        click.echo(f"Cannot use the database: {exc}", err=True)
        sys.exit(EXIT_DATABASE)
    except (aiohttp.ClientError, discord.GatewayNotFound) as exc:
        click.echo(f"Cannot reach Discord at {settings.discord_api_base}: {exc}", err=True)
        sys.exit(EXIT_UNREACHABLE)
    except KeyboardInterrupt:  # a second Ctrl-C during shutdown
        pass


def _quiet_logging(settings: Settings) -> None:
    """Offline tools log warnings only (to stderr), unless LOG_LEVEL=DEBUG asks for everything."""
    from bot.logging_setup import setup_logging

    level = "DEBUG" if settings.log_level == "DEBUG" else "WARNING"
    setup_logging(level, secrets=[settings.token] if settings.token else [])


def _run_console(settings: Settings) -> None:
    from bot.console import run_console

    _quiet_logging(settings)
    asyncio.run(run_console(settings))


@main.command()
def console() -> None:
    """Chat with the bot in this terminal through the offline Discord sandbox."""
    _run_console(load_settings())


@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per message: {message, replies}.")
@click.option("--user", default="alice", show_default=True, help="Simulated user who sends the messages.")
@click.option("--channel", default="general", show_default=True, help="Channel to send them in.")
@click.argument("messages", nargs=-1, required=True)
def ask(as_json: bool, user: str, channel: str, messages: tuple[str, ...]) -> None:
    """Send MESSAGES to the bot in the offline sandbox, one after the other, and print its replies.

    A message starting with / runs the slash command, the rest of the line being its first option
    (`/cast danko`)."""
    from bot.ask import ask_messages

    settings = load_settings()
    _quiet_logging(settings)
    results = asyncio.run(ask_messages(settings, list(messages), user=user, channel=channel))
    for message, replies in results:
        if as_json:
            click.echo(json.dumps({"message": message, "replies": replies}, ensure_ascii=False))
        else:
            click.echo(f"> {message}")
            for reply in replies:
                click.echo(reply)
            if not replies:
                click.echo("(no reply)")
            click.echo()


@main.command()
@click.option("--force", is_flag=True, help="Re-ingest files even when they have not changed.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def ingest(force: bool, paths: tuple[Path, ...]) -> None:
    """Read film articles (files or folders of .txt files) into the database; unchanged files are skipped."""
    settings = load_settings()
    _quiet_logging(settings)
    failures = asyncio.run(run_ingest(settings, list(paths), force=force))
    sys.exit(1 if failures else 0)


async def run_ingest(settings: Settings, paths: list[Path], *, force: bool = False) -> int:
    """Ingest the paths (a progress bar when there are many files); returns the number of failures."""
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import Progress

    from bot.kb.ingest import FAILED, expand_paths, ingest_paths
    from bot.store import Store, StoreError

    out = Console(highlight=False, soft_wrap=True)  # long lines stay whole in pipes and logs
    total = len(expand_paths(paths))
    settings.database_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        store = await Store.open(settings.database_path)
    except StoreError as exc:
        out.print(f"[red]Cannot open the database {escape(str(settings.database_path))}:[/red] {escape(str(exc))}")
        return 1
    try:
        if total > 3:
            with Progress(console=out, transient=True) as progress:
                task = progress.add_task("Ingesting articles", total=total)
                report = await ingest_paths(store, paths, force=force,
                                            progress=lambda _result, done, _total: progress.update(task, completed=done))
        else:
            report = await ingest_paths(store, paths, force=force)
    finally:
        await store.close()
    for result in report.results:
        line = escape(result.describe())
        out.print(f"[red]{line}[/red]" if result.status == FAILED else line)
        for warning in result.warnings:
            out.print(f"  warning: {escape(warning)}")
    out.print(f"{report}; database {escape(str(settings.database_path))}")
    return len(report.failed)


@main.command()
@click.option("--guild", "guild_id", type=int, default=None,
              help="Sync to this server only (instant); default DEV_GUILD_ID, else globally.")
@click.option("--global", "force_global", is_flag=True, help="Sync globally even when DEV_GUILD_ID is set.")
def sync(guild_id: int | None, force_global: bool) -> None:
    """Publish the slash commands to Discord (once after install and after commands change)."""
    from bot.logging_setup import setup_logging
    from bot.runtime import TokenRejected, sync_commands

    settings = load_settings()
    if not settings.token:
        click.echo(MISSING_TOKEN, err=True)
        sys.exit(EXIT_CONFIG)
    setup_logging("WARNING", secrets=[settings.token])
    target = None if force_global else (guild_id or settings.dev_guild_id)
    try:
        names = asyncio.run(sync_commands(settings, target))
    except TokenRejected as exc:
        click.echo(rejected_token_message(str(exc)), err=True)
        sys.exit(EXIT_CONFIG)
    where = f"to server {target}" if target else "globally (may take up to an hour to show everywhere)"
    click.echo(f"Synced {len(names)} slash commands {where}: {', '.join('/' + n for n in names)}")


# `python -m bot questions` is registered by the trivia package (bot/trivia), see _register_extra_commands.


def _register_extra_commands() -> None:
    """Commands other packages contribute: a module exposing a click command named ``command``."""
    import importlib.util

    for module_name in ("bot.trivia.cli",):
        try:
            found = importlib.util.find_spec(module_name)
        except ModuleNotFoundError:
            found = None
        if found is None:
            continue
        module = importlib.import_module(module_name)
        command = getattr(module, "command", None)
        if isinstance(command, click.Command):
            main.add_command(command)


_register_extra_commands()
