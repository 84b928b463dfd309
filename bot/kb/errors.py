"""Errors raised by the knowledge base when an input cannot be a film article."""

from __future__ import annotations


class ArticleError(ValueError):
    """The text cannot be read as a film article; ``str(err)`` is a one-line message."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))
