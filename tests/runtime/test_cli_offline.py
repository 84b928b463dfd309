"""`python -m bot ask` and `console` from the command line, offline, with no token."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HELP_TOP = "**Commands**\nUse `!command` or `/command`; mentioning me works as a prefix too."


def run_bot(args: list[str], tmp_path: Path, seeded_db: Path, films_dir: Path, stdin: str | None = None):
    shutil.copy(seeded_db, tmp_path / "bot.db")
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env.update(PYTHONPATH=str(ROOT), DATABASE_PATH=str(tmp_path / "bot.db"), FILMS_DIR=str(films_dir),
               COLUMNS="100")
    return subprocess.run([sys.executable, "-m", "bot", *args], env=env, cwd=tmp_path, input=stdin,
                          stdin=None if stdin is not None else subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120)


def test_ask_json_prints_one_line_per_message(tmp_path, seeded_db, films_dir):
    done = run_bot(["ask", "--json", "!help", "/help", "!pnig"], tmp_path, seeded_db, films_dir)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["message"] for line in lines] == ["!help", "/help", "!pnig"]
    assert lines[0]["replies"][0].startswith(HELP_TOP)
    assert lines[1]["replies"] == lines[0]["replies"]
    assert lines[2]["replies"] == ["Unknown command `!pnig`. Did you mean `!ping`?"]


def test_ask_plain_text_and_unknown_slash(tmp_path, seeded_db, films_dir):
    done = run_bot(["ask", "!hlep", "/nope"], tmp_path, seeded_db, films_dir)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ("> !hlep\nUnknown command `!hlep`. Did you mean `!help`?\n\n"
                           "> /nope\n(not sent: no slash command /nope is registered)\n\n")


def test_console_chat_switching_users_and_channels(tmp_path, seeded_db, films_dir):
    script = "!pnig\n:user bob\n:channel trivia\n/ping\n:channel dm\n!sync here\n:press 1\n:quit\n"
    done = run_bot(["console"], tmp_path, seeded_db, films_dir, stdin=script)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "FilmBot in #general\nUnknown command `!pnig`. Did you mean `!ping`?" in out
    assert "You are now bob." in out
    assert "Now in #trivia." in out
    assert "FilmBot in #trivia (only you can see this)" not in out
    assert "FilmBot in #trivia\nPong! Gateway latency" in out
    assert "FilmBot in dm:bob\nOnly the bot's owner can use that command." in out
    assert "There are no buttons to press yet." in out
    assert out.rstrip().endswith("Bye.")


def test_console_names_mentions_and_puts_field_names_above_long_values(tmp_path, seeded_db, films_dir):
    script = "!release blu-ray\n:user admin\n!trivia 1\n:quit\n"
    done = run_bot(["console"], tmp_path, seeded_db, films_dir, stdin=script)
    assert done.returncode == 0, done.stderr
    lines = [line.strip("│ ").rstrip() for line in done.stdout.splitlines()]
    assert "Blu-ray — June 28, 2010" in lines  # a multi-line field's name stands above its value
    assert "**Publisher:** Optimum Home Releasing" in lines  # piped: Discord's markdown as written
    assert "Started by @admin." in " ".join(done.stdout.split())
    assert "<@" not in done.stdout


def test_console_styles_discord_markdown_on_a_terminal():
    from rich.console import Console

    from bot.console import name_mentions, render_embed

    embed = {"title": "Ed O'Ross as Viktor \"Rosta\" Rostavili",
             "description": "**Nickname:** Rosta\n**Billing:** 3rd of 17 — `!cast` <@42>",
             "fields": [{"name": "Pack", "value": "Quadruple Pack"}], "footer": {"text": "1 of 2"}}
    out = Console(record=True, force_terminal=True, width=60)
    out.print(render_embed(embed, markdown=True, names={42: "bob"}))
    text = [line.strip("│ ").rstrip() for line in out.export_text().splitlines()]
    assert text[1:4] == ["Nickname: Rosta", "Billing: 3rd of 17 — !cast @bob", "Pack: Quadruple Pack"]
    assert name_mentions("<@1> and <@!2> and <@3>", {1: "alice", 2: "bob"}) == "@alice and @bob and <@3>"
