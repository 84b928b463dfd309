"""The judge's table: accepts, rejects and near misses for every answer kind."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.trivia import (
    CHARACTER,
    DATE,
    DURATION,
    KINDS,
    MONEY,
    NUMBER,
    PERCENT,
    PERSON,
    TEXT,
    TITLE,
    YEAR,
    Verdict,
    judge,
)

OK, CLOSE, NO = (True, False), (False, True), (False, False)

# (guess, answer, kind, aliases, (correct, close))
CASES = [
    # --- person -----------------------------------------------------------------------------------
    ("Walter Hill", "Walter Hill", PERSON, (), OK),
    ("walter hill", "Walter Hill", PERSON, (), OK),
    ("  WALTER   HILL!! ", "Walter Hill", PERSON, (), OK),
    ("Walter Hall", "Walter Hill", PERSON, (), CLOSE),  # 4-letter word: no typo allowed, one edit = close
    ("Walter Hill James Horner", "Walter Hill", PERSON, (), NO),  # shotgun
    ("James Horner Walter Hill", "Walter Hill", PERSON, (), NO),
    ("James", "James Horner", PERSON, (), CLOSE),  # part of the answer, not an alias
    ("Horner", "James Horner", PERSON, ("Horner",), OK),
    ("Horner", "James Horner", PERSON, (), CLOSE),
    ("Jmes Horner", "James Horner", PERSON, (), OK),  # 5 letters: one edit
    ("Jmes Hornr", "James Horner", PERSON, (), OK),  # one edit in each word
    ("Jms Horner", "James Horner", PERSON, (), CLOSE),  # two edits in a 5-letter word
    ("Jams Hrnr", "James Horner", PERSON, (), CLOSE),  # 2 edits in a 6-letter word
    ("Jms Hrnr", "James Horner", PERSON, (), NO),
    ("Matthew Leonetti", "Matthew F. Leonetti", PERSON, (), OK),  # middle initial optional
    ("Matthew F Leonetti", "Matthew F. Leonetti", PERSON, (), OK),
    ("Matthew G. Leonetti", "Matthew F. Leonetti", PERSON, (), NO),  # a different initial
    ("Matthew F. Leonetti", "Matthew Leonetti", PERSON, (), OK),
    ("Walter X Hill", "Walter Hill", PERSON, (), OK),
    ("Walter Hill X", "Walter Hill", PERSON, (), NO),
    ("schwarzeneger", "Arnold Schwarzenegger", PERSON, ("Schwarzenegger",), OK),  # typo within an alias
    ("schwarzeneger", "Arnold Schwarzenegger", PERSON, (), CLOSE),  # surname alone, not accepted
    ("Arnold Schwarzenneger", "Arnold Schwarzenegger", PERSON, (), OK),  # 14 letters: up to two edits
    ("Arnold Swarzeneger", "Arnold Schwarzenegger", PERSON, (), CLOSE),  # three edits
    ("Arnold Schwarzen", "Arnold Schwarzenegger", PERSON, (), NO),
    ("Ed ORoss", "Ed O'Ross", PERSON, (), OK),  # apostrophes removed without a space
    ("ed o'ross", "Ed O'Ross", PERSON, (), OK),
    ("Ed O Ross", "Ed O'Ross", PERSON, (), OK),  # two guess words may spell one answer word
    ("Ed Ross", "Ed O'Ross", PERSON, (), OK),  # one edit in a 5-letter word
    ("Laurence Fishburne", "Laurence Fishburne", PERSON, (), OK),
    ("Lawrence Fishburne", "Laurence Fishburne", PERSON, (), OK),  # one edit in 8 letters
    ("Jean Claude Van Damme", "Jean-Claude Van Damme", PERSON, (), OK),  # hyphens ignored
    ("JeanClaude Vandamme", "Jean-Claude Van Damme", PERSON, (), OK),
    ("Gina Gershon", "Gina Gershon", PERSON, (), OK),
    ("Gina Gerson", "Gina Gershon", PERSON, (), OK),
    ("Tina Gershon", "Gina Gershon", PERSON, (), CLOSE),
    ("Renée Zellweger", "Renee Zellweger", PERSON, (), OK),  # accents
    ("J. R. R. Tolkien", "J.R.R. Tolkien", PERSON, (), OK),  # dots
    ("JRR Tolkien", "J.R.R. Tolkien", PERSON, (), OK),
    ("", "Walter Hill", PERSON, (), NO),
    ("?!", "Walter Hill", PERSON, (), NO),
    # --- character --------------------------------------------------------------------------------
    ("Ivan Danko", "Ivan Danko", CHARACTER, (), OK),
    ("Ivan Drago", "Ivan Danko", CHARACTER, (), NO),  # a different person's name
    ("Captain Ivan Danko", "Ivan Danko", CHARACTER, (), OK),  # a rank in the guess is optional
    ("Capt. Ivan Danko", "Captain Ivan Danko", CHARACTER, (), OK),
    ("Ivan Danko", "Capt. Ivan Danko", CHARACTER, (), OK),  # and in the answer
    ("Sgt. Ivan Danko", "Capt. Ivan Danko", CHARACTER, (), CLOSE),  # two different ranks
    ("Detective Sergeant Art Ridzik", "Det. Sgt. Art Ridzik", CHARACTER, (), OK),
    ("Lieutenant Stobbs", "Lt. Stobbs", CHARACTER, (), OK),
    ("Commander Lou Stobbs", "Cmdr. Lou Stobbs", CHARACTER, (), OK),
    ("Danko", "Ivan Danko", CHARACTER, ("Danko",), OK),
    ("Rosta", "Viktor Rostavili", CHARACTER, ("Rosta", "Rostavili"), OK),
    ("Viktor Rostavilli", "Viktor Rostavili", CHARACTER, (), OK),
    ("night clerk", "The Night Clerk", CHARACTER, (), OK),  # leading article
    ("The Night Clerk", "Night Clerk", CHARACTER, (), OK),
    # --- title ------------------------------------------------------------------------------------
    ("Red Heat", "Red Heat", TITLE, (), OK),
    ("red heat.", "Red Heat", TITLE, (), OK),
    ("Red Heat 2", "Red Heat", TITLE, (), NO),  # extra digit
    ("Red Heat II", "Red Heat", TITLE, (), NO),
    ("Red Beat", "Red Heat", TITLE, (), CLOSE),
    ("Red Hot", "Red Heat", TITLE, (), NO),  # two edits in a 4-letter word
    ("Terminator", "The Terminator", TITLE, (), OK),
    ("The Terminator", "Terminator", TITLE, (), OK),
    ("Terminator 2", "Terminator 2: Judgment Day", TITLE, ("Terminator 2",), OK),
    ("Terminator 3", "Terminator 2: Judgment Day", TITLE, ("Terminator 2",), NO),
    ("Rocky II", "Rocky 2", TITLE, (), OK),
    ("Commando", "Commando", TITLE, (), OK),
    ("Comando", "Commando", TITLE, (), OK),  # 8 letters: two edits
    ("48 Hrs.", "48 Hrs.", TITLE, (), OK),
    ("49 Hrs", "48 Hrs.", TITLE, (), NO),  # never a typo on digits
    ("Raw Deal", "Raw Deal", TITLE, (), OK),
    ("Raw Meal", "Raw Deal", TITLE, (), CLOSE),
    # --- text -------------------------------------------------------------------------------------
    ("Carolco Pictures", "Carolco Pictures", TEXT, (), OK),
    ("Carolco", "Carolco Pictures", TEXT, ("Carolco",), OK),
    ("Carolco", "Carolco Pictures", TEXT, (), CLOSE),
    ("and", "Tri-Star and Carolco", TEXT, (), NO),  # a minor word alone is not even close
    ("bluray", "Blu-ray", TEXT, (), OK),
    ("Blu ray", "Blu-ray", TEXT, (), OK),
    ("VHS", "VHS", TEXT, (), OK),
    ("DVD", "VHS", TEXT, (), NO),
    ("Russian", "Russian", TEXT, (), OK),
    ("Rusian", "Russian", TEXT, (), OK),
    ("Tri Star & Carolco", "Tri-Star and Carolco", TEXT, (), OK),
    # --- year -------------------------------------------------------------------------------------
    ("1988", "1988", YEAR, (), OK),
    ("in 1988", "1988", YEAR, (), OK),
    ("nineteen eighty-eight", "1988", YEAR, (), OK),
    ("June 17, 1988", "1988", YEAR, (), OK),
    ("1989", "1988", YEAR, (), CLOSE),
    ("1987", "1988", YEAR, (), CLOSE),
    ("1990", "1988", YEAR, (), NO),
    ("1988 or 1989", "1988", YEAR, (), NO),  # shotgun
    ("88", "1988", YEAR, (), NO),
    ("no idea", "1988", YEAR, (), NO),
    # --- number -----------------------------------------------------------------------------------
    ("22", "22", NUMBER, (), OK),
    ("twenty-two", "22", NUMBER, (), OK),
    ("about 22 reviews", "22", NUMBER, (), OK),
    ("122", "22", NUMBER, (), NO),
    ("21", "22", NUMBER, (), CLOSE),
    ("23 reviews", "22", NUMBER, (), CLOSE),
    ("30", "22", NUMBER, (), NO),
    ("22 or 23", "22", NUMBER, (), NO),
    ("2,2", "22", NUMBER, (), NO),
    ("1,200", "1200", NUMBER, (), OK),
    ("1.2 thousand", "1200", NUMBER, (), OK),
    # --- date -------------------------------------------------------------------------------------
    ("June 17, 1988", "June 17, 1988", DATE, (), OK),
    ("17 June 1988", "June 17, 1988", DATE, (), OK),
    ("1988-06-17", "June 17, 1988", DATE, (), OK),
    ("June 17th, 1988", "June 17, 1988", DATE, (), OK),
    ("17/06/1988", "June 17, 1988", DATE, (), OK),  # only one valid reading
    ("06/17/1988", "June 17, 1988", DATE, (), OK),
    ("the seventeenth of June", "June 17, 1988", DATE, (), OK),
    ("June 17", "June 17, 1988", DATE, (), OK),  # year left out: accepted
    ("June 17, 1989", "June 17, 1988", DATE, (), CLOSE),  # wrong year: wrong, but close
    ("June 14", "June 17, 1988", DATE, (), NO),
    ("June 16, 1988", "June 17, 1988", DATE, (), CLOSE),  # one day off
    ("July 17, 1988", "June 17, 1988", DATE, (), CLOSE),  # right day, wrong month
    ("June 1988", "June 17, 1988", DATE, (), CLOSE),
    ("1988", "June 17, 1988", DATE, (), CLOSE),
    ("June 17 or June 18", "June 17, 1988", DATE, (), NO),  # shotgun
    ("05/06/1988", "May 6, 1988", DATE, (), CLOSE),  # ambiguous order
    ("06/05/1988", "May 6, 1988", DATE, (), CLOSE),
    ("2/11/1988", "May 6, 1988", DATE, (), NO),
    ("March 3, 1990", "June 17, 1988", DATE, (), NO),
    ("June 17, 1988", "June 1988", DATE, (), OK),
    # --- money ------------------------------------------------------------------------------------
    ("$29 million", "$29 million", MONEY, (), OK),
    ("29m", "$29 million", MONEY, (), OK),
    ("$29,000,000", "$29 million", MONEY, (), OK),
    ("29 million", "$29 million", MONEY, (), OK),
    ("$29M", "$29 million", MONEY, (), OK),
    ("29 million dollars", "$29 million", MONEY, (), OK),
    ("twenty-nine million", "$29 million", MONEY, (), OK),
    ("US$29 million", "$29 million", MONEY, (), OK),
    ("$2.9 million", "$29 million", MONEY, (), NO),
    ("$30 million", "$29 million", MONEY, (), CLOSE),
    ("29", "$29 million", MONEY, (), CLOSE),  # the figure without its scale
    ("£29 million", "$29 million", MONEY, (), CLOSE),  # another currency
    ("$29 million or $35 million", "$29 million", MONEY, (), NO),
    ("$35 million", "$29 million", MONEY, (), NO),
    # --- percent ----------------------------------------------------------------------------------
    ("64%", "64%", PERCENT, (), OK),
    ("64 percent", "64%", PERCENT, (), OK),
    ("64", "64%", PERCENT, (), OK),
    ("sixty-four per cent", "64%", PERCENT, (), OK),
    ("62%", "64%", PERCENT, (), CLOSE),
    ("46%", "64%", PERCENT, (), NO),
    ("64% or 65%", "64%", PERCENT, (), NO),
    # --- duration ---------------------------------------------------------------------------------
    ("103 minutes", "103 minutes", DURATION, (), OK),
    ("1h 43m", "103 minutes", DURATION, (), OK),
    ("1 hour 43 minutes", "103 minutes", DURATION, (), OK),
    ("103", "103 minutes", DURATION, (), OK),
    ("103 min", "103 minutes", DURATION, (), OK),
    ("an hour and forty-three minutes", "103 minutes", DURATION, (), OK),
    ("1:43", "103 minutes", DURATION, (), OK),
    ("100 minutes", "103 minutes", DURATION, (), CLOSE),
    ("1h 3m", "103 minutes", DURATION, (), NO),
    ("2 hours", "103 minutes", DURATION, (), NO),
    ("103 or 104 minutes", "103 minutes", DURATION, (), NO),
]


@pytest.mark.parametrize(("guess", "answer", "kind", "aliases", "expected"), CASES)
def test_judge_table(guess, answer, kind, aliases, expected):
    verdict = judge(guess, answer, kind, aliases)
    assert (verdict.correct, verdict.close) == expected, verdict.reason


def test_table_covers_every_kind_with_accepts_and_rejects():
    assert len(CASES) >= 60
    for kind in KINDS:
        outcomes = {expected for _, _, k, _, expected in CASES if k == kind}
        assert OK in outcomes and NO in outcomes, kind


def test_verdict_is_never_both_correct_and_close():
    with pytest.raises(ValueError):
        Verdict(True, True)


def test_aliases_accept_any_iterable():
    assert judge("Danko", "Ivan Danko", CHARACTER, iter(["Danko"])).correct
    assert judge("Danko", "Ivan Danko", CHARACTER, ["", "Danko"]).correct


def test_unknown_kind_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown answer kind 'colour'"):
        judge("red", "red", "colour")


def test_answer_that_is_not_a_value_of_its_kind_is_a_clear_error():
    with pytest.raises(ValueError, match="does not read as exactly one money"):
        judge("29", "a lot", MONEY)
    with pytest.raises(ValueError, match="empty answer"):
        judge("x", " ", PERSON)


def test_long_chat_is_not_a_guess():
    long_message = "I remember that one, I think it came out in 1988 but I was very young then"
    assert judge(long_message, "1988", YEAR) == Verdict(False, False, "too many words to be a value")
    assert not judge("Walter Hill " * 30, "Walter Hill", PERSON).correct


@pytest.mark.parametrize(("answer", "kind", "aliases"), sorted({(c[1], c[2], c[3]) for c in CASES}))
def test_every_answer_and_alias_accepts_itself(answer, kind, aliases):
    for text in (answer, *aliases):
        assert judge(text, answer, kind, aliases) == Verdict(
            True, False, judge(text, answer, kind, aliases).reason
        )


KIND_ANSWERS = {
    PERSON: "Walter Hill",
    CHARACTER: "Capt. Ivan Danko",
    TITLE: "Red Heat",
    TEXT: "Blu-ray",
    YEAR: "1988",
    NUMBER: "22",
    DATE: "June 17, 1988",
    MONEY: "$29 million",
    PERCENT: "64%",
    DURATION: "103 minutes",
}


@settings(max_examples=150, deadline=None)
@given(guess=st.text(max_size=60), kind=st.sampled_from(KINDS))
def test_any_text_gets_a_verdict_never_both(guess, kind):
    verdict = judge(guess, KIND_ANSWERS[kind], kind)
    assert isinstance(verdict, Verdict)
    assert not (verdict.correct and verdict.close)
