"""``python -m bot``: the command line (see bot/cli.py)."""

from bot.cli import main

if __name__ == "__main__":
    main(prog_name="python -m bot")
