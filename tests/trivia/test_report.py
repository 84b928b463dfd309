"""`python -m bot questions`: the bank as JSON lines or a listing, through the click command."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from bot.trivia.cli import command
from bot.trivia.report import FIELDS

SEED = Path(__file__).resolve().parents[2] / "data" / "films" / "red-heat.txt"


def test_json_lines_have_the_review_fields():
    result = CliRunner().invoke(command, ["--article", str(SEED), "--json"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert len(records) >= 60
    assert tuple(records[0]) == FIELDS
    danko = next(r for r in records if r["question"] == "Who played Ivan Danko in Red Heat?")
    assert danko["answer"] == "Arnold Schwarzenegger"
    assert danko["aliases"] == ["Schwarzenegger", "Arnold"]
    assert len(danko["choices"]) == 4 and danko["film"] == "red-heat-1988"


def test_listing_and_unknown_film():
    runner = CliRunner()
    listing = runner.invoke(command, ["--article", str(SEED), "--film", "Red Heat"])
    assert listing.exit_code == 0
    assert listing.output.splitlines()[0].startswith("Red Heat (red-heat-1988): ")
    missing = runner.invoke(command, ["--article", str(SEED), "--film", "Twins"])
    assert missing.exit_code == 1
    assert "No film called 'Twins'. Known films: Red Heat (1988)." in missing.output


def test_a_file_that_is_not_an_article_gets_a_clear_message(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("just some notes", encoding="utf-8")
    result = CliRunner().invoke(command, ["--article", str(bad)])
    assert result.exit_code == 1
    assert "not a film article" in result.output
