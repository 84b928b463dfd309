"""escape() is memoised and format_date() names months without strftime, with the same results."""

import datetime as dt

from bot.lookup.text import escape, escape_markdown, escape_mentions, format_date


def test_escape_is_memoised_and_gives_the_same_answer():
    escape.cache_clear()
    text = "*Red* Heat_ @everyone"
    first = escape(text)
    assert first == escape(text) == escape_mentions(escape_markdown(text)) == "\\*Red\\* Heat\\_ @\u200beveryone"
    assert escape.cache_info().hits == 1


def test_format_date_names_every_month_as_strftime_does_in_english():
    for month in range(1, 13):
        day = dt.date(1988, month, 14)
        assert format_date(day) == f"{day:%B} 14, 1988"
    assert format_date(dt.date(2005, 3, 1)) == "March 1, 2005"


def test_lazy_sentences_split_as_re_split_does():
    import re

    from bot.lookup.answers import _sentences

    for text in ["One. Two!  Three? Four", "No stop at all", "Ends. ", "", "A.\nB.\n\nC", "x. . y"]:
        assert list(_sentences(text)) == re.split(r"(?<=[.!?])\s+", text), text
