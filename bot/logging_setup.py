"""Logging for the bot process: ``discord.utils.setup_logging`` plus a filter that redacts secrets.

The filter sits on the handler, so it sees every record that reaches it, from our loggers and from
discord.py's own (HTTP and gateway debug logs included). It rewrites the message, the arguments and
any exception text so that no secret (the bot token) is ever written out.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from typing import TextIO

import discord

REDACTED = "[REDACTED]"


class RedactingFilter(logging.Filter):
    """Replace every occurrence of the given secrets in a record with ``[REDACTED]``."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        # Longest first so a secret containing another is fully hidden; ignore trivially short strings.
        self.secrets = sorted({s for s in secrets if s and len(s) >= 6}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep what we can, redacted
            message = f"{record.msg!r} {record.args!r}"
        record.msg = self.redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
            record.exc_info = None  # the formatter must use the redacted text
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def setup_logging(level: int | str = logging.INFO, *, secrets: Iterable[str] = (),
                  stream: TextIO | None = None) -> logging.Handler:
    """Configure the root logger once for the process; returns the installed handler."""
    if isinstance(level, str):
        level = logging.getLevelName(level.upper())
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.addFilter(RedactingFilter(secrets))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_film_bot", False)]:
        root.removeHandler(old)
    handler._film_bot = True  # type: ignore[attr-defined]
    formatter = None
    if not (hasattr(handler.stream, "isatty") and handler.stream.isatty()):
        # Plain text in files and pipes (discord.py would colour them whenever it runs in Docker).
        formatter = logging.Formatter("[{asctime}] [{levelname:<8}] {name}: {message}", "%Y-%m-%d %H:%M:%S",
                                      style="{")
    if formatter is not None:
        discord.utils.setup_logging(handler=handler, formatter=formatter, level=level, root=True)
    else:
        discord.utils.setup_logging(handler=handler, level=level, root=True)
    # aiohttp's access log and asyncio debug chatter are noise even at DEBUG.
    logging.getLogger("aiohttp.access").setLevel(max(level, logging.WARNING))
    return handler
