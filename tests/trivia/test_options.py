"""Per-guild trivia settings and the start command's options, without Discord."""

from __future__ import annotations

import pytest

from bot.trivia.game import CHOICE, FREE
from bot.trivia.options import OptionError, StartArgs, TriviaSettings, split_start_args


def test_settings_change_validate_and_round_trip():
    key, changed = TriviaSettings().with_value("Time", "2.5s")
    assert key.field == "time_limit" and changed.time_limit == 2.5
    _, changed = changed.with_value("hints", "off")
    _, changed = changed.with_value("mode", "mc")
    assert TriviaSettings.from_stored(changed.to_stored()) == changed
    config = changed.game_config(rounds=3)
    assert (config.time_limit, config.hints, config.mode, config.max_rounds) == (2.5, False, CHOICE, 3)
    assert changed.game_config(mode=FREE).mode == FREE
    for key_text, value, message in [
        ("time", "1", "The time per question must be from 2 to 300, not 1."),
        ("rounds", "2.5", "Rounds must be a whole number, not `2.5`."),
        ("hints", "maybe", "Hints must be on or off, not `maybe`."),
        ("colour", "red", "`colour` is not a trivia setting: use one of target, rounds, time, inactivity, "
                          "hints, reveal, mode."),
    ]:
        with pytest.raises(OptionError) as err:
            TriviaSettings().with_value(key_text, value)
        assert str(err.value) == message
    # A stored value that is no longer valid falls back to the default, the rest is kept.
    assert TriviaSettings.from_stored({"time_limit": 0.5, "max_rounds": 7}) == TriviaSettings(max_rounds=7)
    assert TriviaSettings.from_stored("garbage") == TriviaSettings()


def test_start_args_in_any_order_at_the_end():
    is_film = {"red heat 2"}.__contains__
    assert split_start_args("") == StartArgs("", None, None)
    assert split_start_args("red heat 5 choice") == StartArgs("red heat", 5, CHOICE)
    assert split_start_args("red heat choice 5") == StartArgs("red heat", 5, CHOICE)
    assert split_start_args("7") == StartArgs("", 7, None)
    assert split_start_args("free") == StartArgs("", None, FREE)
    assert split_start_args("red heat 2", is_film) == StartArgs("red heat 2", None, None)
    with pytest.raises(OptionError, match="Rounds must be from 1 to 50, not 99."):
        split_start_args("red heat 99")
