"""The documented configuration matches the code: every setting in .env.example and the README."""

import dataclasses
import re
from pathlib import Path

from dotenv import dotenv_values

from bot.settings import SETTINGS_HELP, Settings

ROOT = Path(__file__).resolve().parents[2]


def _variables() -> set[str]:
    return {f.name.upper() for f in dataclasses.fields(Settings)}


def test_every_setting_has_help():
    assert set(SETTINGS_HELP) == _variables()


def test_env_example_lists_every_setting_with_a_comment():
    text = (ROOT / ".env.example").read_text()
    assert set(dotenv_values(ROOT / ".env.example")) == _variables()
    lines = text.splitlines()
    for name in _variables():
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{name}="))
        assert lines[index - 1].startswith("# "), name


def test_env_example_values_are_valid():
    values = {k: v for k, v in dotenv_values(ROOT / ".env.example").items() if v}
    assert Settings.from_mapping(values) == Settings()


def test_readme_quick_start_is_two_commands_and_table_lists_every_setting():
    text = (ROOT / "README.md").read_text()
    assert text.startswith("## Quick start\n")
    block = re.search(r"```sh\n(.*?)```", text, re.S).group(1).strip().splitlines()
    assert block == [
        "python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/python -m bot",
        "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/python -m pytest -q",
    ]
    for name in _variables():
        assert f"| `{name}` |" in text, name
    ci = (ROOT / ".ci" / "run").read_text()
    assert "pip install -q -e '.[test]' && .venv/bin/python -m pytest -q" in ci
