"""Escaping, folding and small formatting helpers of bot.lookup.text."""

import datetime as dt

import discord

from bot.lookup.text import echo, escape, escape_markdown, escape_mentions, fold, format_date, ordinal


def test_escape_mentions_breaks_everyone_here_and_ids():
    assert escape_mentions("@everyone and @here and <@123456789012345678>") == (
        "@\u200beveryone and @\u200bhere and <@\u200b123456789012345678>"
    )


def test_escape_markdown_matches_discord_for_common_input():
    for text in [
        "**bold** _it_ `code` ~~s~~ ||spoiler||",
        "```py\nprint(1)\n```",
        "> quote",
        "# head",
        "a\\b",
    ]:
        assert escape_markdown(text) == discord.utils.escape_markdown(text), text


def test_escape_markdown_leaves_links_alone():
    assert escape_markdown("see https://example.com/a_b_c *now*") == "see https://example.com/a_b_c \\*now\\*"


def test_echo_quotes_escapes_and_flattens_user_text():
    assert echo("@everyone **hi**\n```x```") == "'@\u200beveryone \\*\\*hi\\*\\* \\`\\`\\`x\\`\\`\\`'"
    assert echo("x" * 150, limit=10) == "'xxxxxxxxx…'"


def test_escape_combines_both():
    assert escape("@here _x_") == "@\u200bhere \\_x\\_"


def test_fold_removes_apostrophes_without_space_and_accents():
    assert fold("O'Ross") == "oross"
    assert fold("Ed ORoss") == "ed oross"
    assert fold("Blu-ray") == "blu ray"
    assert fold("Sven-Ole Thorsén") == "sven ole thorsen"
    assert fold("J.W. Smith") == "jw smith"


def test_format_date_and_ordinal():
    assert format_date(dt.date(1988, 6, 14)) == "June 14, 1988"
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "101st",
        "111th",
    ]
