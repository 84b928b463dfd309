"""Parsers of typed values: numbers, years, dates, money, percentages, durations."""

import pytest

from bot.trivia.values import (
    DateStatement,
    Money,
    PartialDate,
    parse_dates,
    parse_durations,
    parse_money,
    parse_numbers,
    parse_percents,
    parse_years,
    prepare,
)

D = PartialDate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Twenty-two", "22"),
        ("about twenty-two reviews", "about 22 reviews"),
        ("Twenty-nine million dollars", "29000000 dollars"),
        ("$2.9 million", "$2900000"),
        ("two point nine million", "2900000"),
        ("$29,000,000", "$29000000"),
        ("June seventeenth", "june 17"),
        ("17th June", "17 june"),
        ("Walter Hill", "walter hill"),
    ],
)
def test_prepare(text, expected):
    assert prepare(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22", (22.0,)),
        ("twenty-two", (22.0,)),
        ("about 22 reviews", (22.0,)),
        ("122", (122.0,)),
        ("1,200", (1200.0,)),
        ("1.2 million", (1200000.0,)),
        ("22 or 23", (22.0, 23.0)),
        ("22, I said 22", (22.0,)),
        ("no idea", ()),
    ],
)
def test_parse_numbers(text, expected):
    assert parse_numbers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1988", (1988,)),
        ("in 1988", (1988,)),
        ("nineteen eighty-eight", (1988,)),
        ("1988 or 1989", (1988, 1989)),
        ("19.5", ()),
    ],
)
def test_parse_years(text, expected):
    assert parse_years(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("64%", (64.0,)),
        ("64 percent", (64.0,)),
        ("64 per cent", (64.0,)),
        ("64", (64.0,)),
        ("64.5%", (64.5,)),
    ],
)
def test_parse_percents(text, expected):
    assert parse_percents(text) == expected


M29 = 29_000_000.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("29m", (Money(M29, None, True),)),
        ("$29M", (Money(M29, "$", True),)),
        ("$29,000,000", (Money(M29, "$", True),)),
        ("29 million", (Money(M29, None, True),)),
        ("29 million dollars", (Money(M29, "$", True),)),
        ("twenty-nine million", (Money(M29, None, True),)),
        ("US$29 million", (Money(M29, "USD", True),)),
        ("USD 29 million", (Money(M29, "USD", True),)),
        ("£29 million", (Money(M29, "GBP", True),)),
        ("29 million euros", (Money(M29, "EUR", True),)),
        ("$2.9 million", (Money(2_900_000.0, "$", True),)),
        ("$29 million ($29,000,000)", (Money(M29, "$", True),)),
        ("29", (Money(29.0, None, False),)),
        ("$500k", (Money(500_000.0, "$", True),)),
        ("$1.2bn", (Money(1_200_000_000.0, "$", True),)),
        ("nothing", ()),
    ],
)
def test_parse_money(text, expected):
    assert parse_money(text) == expected


def test_money_currency_compatibility():
    assert Money(1.0, "$").same_currency(Money(1.0, "USD"))
    assert Money(1.0, None).same_currency(Money(1.0, "GBP"))
    assert not Money(1.0, "$").same_currency(Money(1.0, "GBP"))
    assert not Money(1.0, "USD").same_currency(Money(1.0, "CAD"))


def test_parse_money_two_amounts_is_two_values():
    assert len(parse_money("$29 million or $35 million")) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("103", (103.0,)),
        ("103 min", (103.0,)),
        ("103 minutes", (103.0,)),
        ("1h 43m", (103.0,)),
        ("1h43", (103.0,)),
        ("1 hour 43 minutes", (103.0,)),
        ("1 hour 43", (103.0,)),
        ("an hour and forty-three minutes", (103.0,)),
        ("one hour forty-three minutes", (103.0,)),
        ("1:43", (103.0,)),
        ("1.5 hours", (90.0,)),
        ("half an hour", (30.0,)),
        ("6180 seconds", (103.0,)),
        ("103 or 104 minutes", (103.0, 104.0)),
        ("2 hours or 1 hour", (120.0, 60.0)),
        ("long", ()),
    ],
)
def test_parse_durations(text, expected):
    assert parse_durations(text) == expected


def one(year=None, month=None, day=None):
    return (DateStatement((D(year, month, day),)),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("June 17, 1988", one(1988, 6, 17)),
        ("17 June 1988", one(1988, 6, 17)),
        ("June 17th, 1988", one(1988, 6, 17)),
        ("Friday, June 17, 1988", one(1988, 6, 17)),
        ("1988-06-17", one(1988, 6, 17)),
        ("17/06/1988", one(1988, 6, 17)),
        ("06/17/1988", one(1988, 6, 17)),
        ("17.6.88", one(1988, 6, 17)),
        ("the seventeenth of june nineteen eighty-eight", one(1988, 6, 17)),
        ("Jun 17", one(None, 6, 17)),
        ("June 1988", one(1988, 6, None)),
        ("Sept 1988", one(1988, 9, None)),
        ("1988", one(1988, None, None)),
        ("05/06/1988", (DateStatement((D(1988, 6, 5), D(1988, 5, 6))),)),
        ("June 17 or June 18", (DateStatement((D(None, 6, 17),)), DateStatement((D(None, 6, 18),)))),
        ("June 31", ()),
        ("17 1988", ()),
        ("about 22 reviews", ()),
        ("13/13/1988", ()),
    ],
)
def test_parse_dates(text, expected):
    assert parse_dates(text) == expected


def test_ambiguous_statement_knows_it():
    (statement,) = parse_dates("05/06/1988")
    assert statement.ambiguous
    assert not parse_dates("17/06/1988")[0].ambiguous


def test_partial_date_as_date():
    assert D(None, 6, 17).as_date(1988).isoformat() == "1988-06-17"
    assert D(1988, 6, None).as_date() is None
    assert D(1989, 2, 29).as_date() is None
