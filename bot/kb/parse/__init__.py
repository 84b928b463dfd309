"""Wikitext film article (lossy export) -> typed ``Film`` model. Entry point: ``parse_article``."""

from bot.kb.parse.article import parse_article

__all__ = ["parse_article"]
