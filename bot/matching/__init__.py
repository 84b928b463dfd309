"""Fuzzy name matching for every lookup: normalisation, name forms, entries and the resolver.

Pure code (rapidfuzz, the ``nicknames`` table); nothing here imports discord.
"""

from bot.matching.entries import KINDS, Entry, entries_for_film
from bot.matching.normalize import normalize, strip_ranks
from bot.matching.resolver import Match, Resolution, Resolver

__all__ = ["KINDS", "Entry", "Match", "Resolution", "Resolver", "entries_for_film", "normalize", "strip_ranks"]
