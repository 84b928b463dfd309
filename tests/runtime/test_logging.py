"""Token redaction: nothing logged at DEBUG, ours or discord.py's, ever shows the token."""

import io
import logging

import pytest

from bot.logging_setup import REDACTED, RedactingFilter, setup_logging

TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.very-secret-token-value"


@pytest.fixture
def captured():
    stream = io.StringIO()
    root = logging.getLogger()
    before = (root.level, list(root.handlers))
    handler = setup_logging("DEBUG", secrets=[TOKEN], stream=stream)
    yield stream
    root.removeHandler(handler)
    root.setLevel(before[0])


def test_plain_message_redacted(captured):
    logging.getLogger("bot.test").debug("token is %s!", TOKEN)
    out = captured.getvalue()
    assert TOKEN not in out
    assert f"token is {REDACTED}!" in out


def test_discord_http_debug_record_redacted(captured):
    # The exact shape of discord.py's HTTP debug line (discord/http.py), with the token in the body.
    logging.getLogger("discord.http").debug(
        "%s %s with %s has returned %s", "POST", "https://discord.com/api/v10/channels/1/messages",
        {"content": f"my token: {TOKEN}"}, 200)
    out = captured.getvalue()
    assert TOKEN not in out
    assert "POST https://discord.com/api/v10/channels/1/messages with {'content': 'my token: [REDACTED]'}" in out


def test_exception_text_redacted(captured):
    try:
        raise RuntimeError(f"Authorization: Bot {TOKEN}")
    except RuntimeError:
        logging.getLogger("discord.client").exception("login failed")
    out = captured.getvalue()
    assert TOKEN not in out
    assert "RuntimeError: Authorization: Bot [REDACTED]" in out
    assert "Traceback" in out


def test_debug_level_is_active(captured):
    logging.getLogger("discord.gateway").debug("heartbeat")
    assert "heartbeat" in captured.getvalue()


def test_short_or_empty_secrets_ignored():
    f = RedactingFilter(["", "ab"])
    assert f.secrets == []
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "about %s", ("ab",), None)
    assert f.filter(record)
    assert record.getMessage() == "about ab"
