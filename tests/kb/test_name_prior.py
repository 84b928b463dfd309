"""The first-name prior's per-line frequency: the highest column, '1'..'9' then 'A'..'D' for 10..13."""

from bot.kb.parse.names import _frequency_prior, first_name_prior


def test_highest_column_wins_and_letters_count_above_digits():
    assert _frequency_prior("   1  3   2 ") == 3 / 13
    assert _frequency_prior("  9 A  1") == 10 / 13
    assert _frequency_prior("D$  B") == 13 / 13
    assert _frequency_prior("  $ \n") == 1 / 13


def test_prior_values_for_known_names():
    prior = first_name_prior()
    assert len(prior) == 45358
    assert all(0 < v <= 1 for v in prior.values())
    assert (prior["arnold"], prior["danko"], prior["james"]) == (6 / 13, 4 / 13, 9 / 13)
