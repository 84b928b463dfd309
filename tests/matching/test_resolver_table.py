"""The resolver over the seed film's people: one row per query, exact status and people listed."""

import pytest

# query, status, displays of the people listed (best first); kinds searched: all
TABLE = [
    # surnames, first names, full names
    ("danko", "match", ["Capt. Ivan Danko"]),
    ("ivan", "match", ["Capt. Ivan Danko"]),
    ("ridzik", "match", ["Det. Sgt. Art Ridzik"]),
    ("art", "match", ["Det. Sgt. Art Ridzik"]),
    ("hill", "match", ["Walter Hill"]),
    ("horner", "match", ["James Horner"]),
    ("fishburne", "match", ["Larry Fishburne"]),
    ("larry", "match", ["Larry Fishburne"]),
    ("stobbs", "match", ["Lt. Charlie Stobbs"]),
    ("gershon", "match", ["Gina Gershon"]),
    ("manzetti", "match", ["Catherine Manzetti"]),
    ("viktor", "match", ["Viktor Rostavili"]),
    ("rostavili", "match", ["Viktor Rostavili"]),
    ("nikolai", "match", ["Nikolai"]),
    ("pat nunn", "match", ["Pat Nunn"]),
    ("hagerty", "match", ["Michael Hagerty"]),
    ("pruitt", "match", ["Pruitt Taylor Vince"]),
    ("streak", "match", ["Streak"]),
    ("sasha", "match", ["Sasha"]),
    ("yuri", "match", ["Yuri Ogarkov"]),
    ("ogarkov", "match", ["Yuri Ogarkov"]),
    ("donnelly", "match", ["Cmdr. Lou Donnelly"]),
    ("boyle", "match", ["Peter Boyle"]),
    ("night clerk", "match", ["Night Clerk"]),
    ("Matthew Leonetti", "match", ["Matthew F. Leonetti"]),  # middle initial optional
    ("kennedy martin", "match", ["Troy Kennedy Martin"]),
    ("J. W. Smith", "match", ["J.W. Smith"]),
    ("jw smith", "match", ["J.W. Smith"]),
    ("sven-ole", "match", ["Sven-Ole Thorsen"]),
    # ranks, both spellings, and a rank the character does not hold
    ("captain danko", "match", ["Capt. Ivan Danko"]),
    ("capt danko", "match", ["Capt. Ivan Danko"]),
    ("Capt. Ivan Danko", "match", ["Capt. Ivan Danko"]),
    ("detective sergeant ridzik", "match", ["Det. Sgt. Art Ridzik"]),
    ("lieutenant stobbs", "match", ["Lt. Charlie Stobbs"]),
    ("commander donnelly", "match", ["Cmdr. Lou Donnelly"]),
    ("sergeant danko", "match", ["Capt. Ivan Danko"]),
    # apostrophes: deleted without a space, or restored with one
    ("o'ross", "match", ["Ed O'Ross"]),
    ("oross", "match", ["Ed O'Ross"]),
    ("ed oross", "match", ["Ed O'Ross"]),
    ("Ed O\u2019Ross", "match", ["Ed O'Ross"]),
    ("o ross", "match", ["Ed O'Ross"]),
    # nicknames: the article's and the nickname table's
    ("cat", "match", ["Catherine Manzetti"]),
    ("rosta", "match", ["Viktor Rostavili"]),
    ("arnie", "match", ["Arnold Schwarzenegger"]),
    ("jim belushi", "match", ["James Belushi"]),
    ("lawrence fishburne", "match", ["Larry Fishburne"]),
    ("chuck stobbs", "match", ["Lt. Charlie Stobbs"]),
    ("john", "none", []),  # the table's ivan -> john is dropped: different first letter
    # typos
    ("schwarzeneger", "match", ["Arnold Schwarzenegger"]),
    ("walter hil", "match", ["Walter Hill"]),
    ("rostaveli", "match", ["Viktor Rostavili"]),
    ("gallager", "match", ["Det. Sgt. Tom Gallagher"]),
    ("hornr", "match", ["James Horner"]),
    ("donely", "match", ["Cmdr. Lou Donnelly"]),
    ("schwarz", "match", ["Arnold Schwarzenegger"]),  # a prefix of 4+ letters
    ("danco", "suggest", ["Capt. Ivan Danko"]),
    ("fishbern", "suggest", ["Larry Fishburne"]),
    # several people
    ("james", "ambiguous", ["James Belushi", "James Horner", "Brion James"]),
    ("peter", "ambiguous", ["Peter Boyle", "Peter Jason"]),
    ("davies", "ambiguous", ["Carmel Davies", "Freeman A. Davies"]),
    ("jimmy", "ambiguous", ["James Belushi", "James Horner"]),
    # first name of a person: exact, never inside other words
    ("ed", "match", ["Ed O'Ross"]),
    ("tv", "match", ["TV Announcer"]),
    # negatives
    ("rambo", "none", []),
    ("predator", "none", []),
    ("xyz", "none", []),
    ("ivan drago", "none", ["Capt. Ivan Danko"]),  # closest name shown: half the words match
    ("walter hall", "none", ["Walter Hill"]),
    ("danko ridzik hill", "none", []),
]


@pytest.mark.parametrize(("query", "status", "people"), TABLE, ids=[row[0] for row in TABLE])
def test_table(resolver, query, status, people):
    result = resolver.resolve(query)
    assert (result.status, result.displays()) == (status, people)


def test_table_is_big_enough():
    assert len(TABLE) >= 40


@pytest.mark.parametrize("query", ["", "   ", "\u200b\u200d", "\U0001f525\U0001f3ac", "!!!", "'", "..."])
def test_nothing_to_search_is_empty(resolver, query):
    result = resolver.resolve(query)
    assert (result.status, result.reason, result.matches) == ("none", "empty", [])


def test_overlong_query_is_refused_unread(resolver):
    result = resolver.resolve("danko " * 700)  # 4,200 characters
    assert (result.status, result.reason, result.matches) == ("none", "too long", [])


@pytest.mark.parametrize("query", ["\u202edanko", "dan\u200bko", "\u200fDANKO\u200e", "Dánkó", "\tdanko\n"])
def test_invisible_and_accented_characters_are_ignored(resolver, query):
    result = resolver.resolve(query)
    assert (result.status, result.displays()) == ("match", ["Capt. Ivan Danko"])


def test_right_to_left_script_finds_nobody(resolver):
    assert resolver.resolve("\u05d3\u05e0\u05e7\u05d5").status == "none"


def test_match_carries_entry_score_and_form(resolver):
    best = resolver.resolve("schwarzeneger").best
    assert (best.entry.kind, best.entry.display, best.form, round(best.score)) == (
        "actor", "Arnold Schwarzenegger", "schwarzenegger", 96)
    assert best.entry.film_key == "red-heat-1988"


def test_person_in_cast_and_crew_is_one_match_with_both_entries(resolver):
    result = resolver.resolve("belushi")
    assert result.status == "match"
    assert [(m.entry.kind, m.entry.display) for m in result.matches] == [
        ("actor", "James Belushi"), ("crew", "James Belushi")]
    assert [c.role for c in result.matches[1].entry.payload] == ["story"]


def test_crew_entry_lists_every_role(resolver):
    (match,) = resolver.resolve("walter hill", kinds="crew").matches
    assert [c.role for c in match.entry.payload] == ["director", "producer", "screenplay", "story"]


def test_kinds_narrow_the_search(resolver):
    assert resolver.resolve("james", kinds={"actor", "character"}).displays() == ["James Belushi", "Brion James"]
    assert resolver.resolve("james", kinds="crew").displays() == ["James Belushi", "James Horner"]  # story credit
    assert resolver.resolve("danko", kinds="actor").status == "none"
    assert resolver.resolve("red heat", kinds="film").displays() == ["Red Heat"]


def test_speakers_take_the_person_they_name(resolver):
    hill = resolver.resolve("walter hill", kinds="speaker")
    assert hill.status == "match"
    assert [q.speaker for q in hill.best.entry.payload] == ["Walter Hill", "Hill"]
    danko = resolver.resolve("captain danko", kinds="speaker")
    assert (danko.displays(), [q.text for q in danko.best.entry.payload]) == (
        ["Capt. Ivan Danko"], ["This Chicago is very strange city."])
