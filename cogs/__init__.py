"""Discord extensions (thin: Discord in and out, logic lives in ``bot/``).

``EXTENSIONS`` is the explicit, ordered list the bot loads in ``setup_hook``; add a new cog here.
"""

EXTENSIONS: tuple[str, ...] = (
    "cogs.meta",
    "cogs.lookup",
    "cogs.trivia",
)
