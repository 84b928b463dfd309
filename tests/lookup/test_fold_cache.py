"""fold() is memoised (lookups fold the same crew and cast names on every command) with the same results."""

from bot.lookup.text import fold


def test_fold_is_memoised_and_gives_the_same_answer():
    fold.cache_clear()
    first = fold("Gina Gershon-O’Ross")
    again = fold("Gina Gershon-O’Ross")
    assert first == again == "gina gershon oross"
    assert fold.cache_info().hits == 1
    assert fold("Élan   Vital.") == "elan vital"
