"""Discord extensions (thin: Discord in and out, logic lives in ``bot/``).

``EXTENSIONS`` is the explicit, ordered list of cogs. The package is itself an extension: the bot loads
``"cogs"`` by name in ``setup_hook`` and :func:`setup` loads each listed cog, so nothing under ``bot/``
imports this package. Add a new cog to the list.
"""

from __future__ import annotations

from typing import Any

EXTENSIONS: tuple[str, ...] = (
    "cogs.meta",
    "cogs.lookup",
    "cogs.trivia",
)


async def setup(bot: Any) -> None:
    for extension in EXTENSIONS:
        await bot.load_extension(extension)
