"""Settings: defaults, parsing, the environment winning over .env, invalid values named."""

from pathlib import Path

import pytest

from bot.settings import DEFAULT_API_BASE, DEFAULT_GATEWAY_URL, Rate, Secret, Settings, SettingsError


def test_defaults_when_nothing_is_set():
    s = Settings.from_mapping({})
    assert s.token is None
    assert s.command_prefix == "!"
    assert s.database_path == Path("data/bot.db")
    assert s.films_dir == Path("data/films")
    assert s.log_level == "INFO"
    assert s.dev_guild_id is None
    assert s.shard_count is None and s.shard_ids is None and not s.sharded
    assert s.discord_api_base == DEFAULT_API_BASE == "https://discord.com/api/v10"
    assert s.discord_gateway_url == DEFAULT_GATEWAY_URL == "wss://gateway.discord.gg/"
    assert s.guild_ready_timeout == 2.0
    assert s.lookup_rate == Rate(5, 10.0) and s.command_rate == Rate(30, 10.0)


def test_every_setting_parsed():
    s = Settings.from_mapping({
        "DISCORD_TOKEN": "abc.def.ghi",
        "COMMAND_PREFIX": "?",
        "DATABASE_PATH": "/tmp/x.db",
        "FILMS_DIR": "articles",
        "LOG_LEVEL": "debug",
        "DEV_GUILD_ID": "123456789012345678",
        "SHARD_COUNT": "4",
        "SHARD_IDS": "0, 2",
        "DISCORD_API_BASE": "http://127.0.0.1:8080/api/v10/",
        "DISCORD_GATEWAY_URL": "ws://127.0.0.1:8080/",
        "GUILD_READY_TIMEOUT": "0.05",
        "LOOKUP_RATE": "3/7.5",
        "COMMAND_RATE": "off",
    })
    assert s.token == "abc.def.ghi"
    assert s.command_prefix == "?"
    assert s.database_path == Path("/tmp/x.db")
    assert s.films_dir == Path("articles")
    assert s.log_level == "DEBUG"
    assert s.dev_guild_id == 123456789012345678
    assert s.shard_count == 4 and s.shard_ids == (0, 2) and s.sharded
    assert s.discord_api_base == "http://127.0.0.1:8080/api/v10"
    assert s.discord_gateway_url == "ws://127.0.0.1:8080/"
    assert s.guild_ready_timeout == 0.05
    assert s.lookup_rate == Rate(3, 7.5) and str(s.lookup_rate) == "3/7.5"
    assert s.command_rate is None


def test_empty_values_count_as_unset():
    s = Settings.from_mapping({"DISCORD_TOKEN": "", "SHARD_COUNT": "  ", "COMMAND_PREFIX": ""})
    assert s.token is None and s.shard_count is None and s.command_prefix == "!"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SHARD_COUNT": "x"}, "SHARD_COUNT must be a positive integer, got 'x'"),
        ({"SHARD_COUNT": "0"}, "SHARD_COUNT must be a positive integer, got '0'"),
        ({"SHARD_COUNT": "-2"}, "SHARD_COUNT must be a positive integer, got '-2'"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "0,two"},
         "SHARD_IDS must be a comma-separated list of shard numbers, got '0,two'"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "1,2"}, "SHARD_IDS must be below SHARD_COUNT (2), got 2"),
        ({"SHARD_IDS": "0"}, "SHARD_IDS needs SHARD_COUNT to be set"),
        ({"SHARD_COUNT": "3", "SHARD_IDS": "1,1"}, "SHARD_IDS must not repeat a shard, got '1,1'"),
        ({"LOG_LEVEL": "loud"}, "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, got 'loud'"),
        ({"DEV_GUILD_ID": "my-server"}, "DEV_GUILD_ID must be a guild id (digits), got 'my-server'"),
        ({"DISCORD_API_BASE": "discord.com"}, "DISCORD_API_BASE must be a http or https URL, got 'discord.com'"),
        ({"DISCORD_GATEWAY_URL": "http://x/"}, "DISCORD_GATEWAY_URL must be a ws or wss URL, got 'http://x/'"),
        ({"COMMAND_PREFIX": "! "}, "COMMAND_PREFIX must be 1-5 characters without spaces, got '! '"),
        ({"GUILD_READY_TIMEOUT": "soon"}, "GUILD_READY_TIMEOUT must be a number of seconds (0-600), got 'soon'"),
        ({"LOOKUP_RATE": "5"}, "LOOKUP_RATE must be COUNT/SECONDS (e.g. 5/10) or off, got '5'"),
        ({"COMMAND_RATE": "-1/10"}, "COMMAND_RATE must be COUNT/SECONDS (e.g. 5/10) or off, got '-1/10'"),
        ({"DISCORD_TOKEN": "abc def"}, "DISCORD_TOKEN must not contain spaces"),
    ],
)
def test_invalid_value_reported_by_name(env, message):
    with pytest.raises(SettingsError) as caught:
        Settings.from_mapping(env)
    assert caught.value.problems == [message]


def test_all_problems_reported_together():
    with pytest.raises(SettingsError) as caught:
        Settings.from_mapping({"SHARD_COUNT": "x", "LOG_LEVEL": "loud"})
    assert [p.split()[0] for p in caught.value.problems] == ["LOG_LEVEL", "SHARD_COUNT"]


def test_environment_wins_over_dotenv(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("COMMAND_PREFIX=?\nFILMS_DIR=from-file\nLOG_LEVEL=WARNING\n")
    s = Settings.from_env({"COMMAND_PREFIX": "$"}, env_file=env_file)
    assert s.command_prefix == "$"
    assert s.films_dir == Path("from-file")
    assert s.log_level == "WARNING"


def test_missing_dotenv_is_fine(tmp_path):
    s = Settings.from_env({"FILMS_DIR": "x"}, env_file=tmp_path / "nope.env")
    assert s.films_dir == Path("x")


def test_token_hidden_from_repr_and_str():
    s = Settings.from_mapping({"DISCORD_TOKEN": "MTIzNDU2.secret-part.xyz"})
    assert "secret-part" not in repr(s)
    assert "secret-part" not in str(s)
    assert "secret-part" not in repr(s.discord_token) + str(s.discord_token)
    assert s.discord_token == Secret("MTIzNDU2.secret-part.xyz")


def test_settings_are_frozen():
    s = Settings()
    with pytest.raises(AttributeError):
        s.command_prefix = "?"  # type: ignore[misc]
    assert s.replace(command_prefix="?").command_prefix == "?"

