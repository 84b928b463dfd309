"""A Previous/Next button view over a list of embeds.

Only the person who asked can turn the pages (others get a short ephemeral refusal); when the view
times out its buttons are disabled on the message. Used by the lookup cog; not an extension.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence

import discord
from discord.ext import commands

log = logging.getLogger(__name__)

PAGE_TIMEOUT = 180.0  # seconds of inactivity before the buttons are disabled
REFUSAL = "Only the person who asked can turn these pages. Run the command yourself to browse."


class Paginator(discord.ui.View):
    """Pages through ``embeds``; ``owner_id`` is the only user whose clicks count."""

    def __init__(
        self, embeds: Sequence[discord.Embed], *, owner_id: int, timeout: float = PAGE_TIMEOUT
    ) -> None:
        super().__init__(timeout=timeout)
        if not embeds:
            raise ValueError("a paginator needs at least one page")
        self.embeds = list(embeds)
        self.owner_id = owner_id
        self.index = 0
        self.message: discord.Message | None = None
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        self.previous_page.disabled = self.index == 0
        self.next_page.disabled = self.index >= len(self.embeds) - 1

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(REFUSAL, ephemeral=True)
        return False

    async def _show(self, interaction: discord.Interaction, index: int) -> None:
        self.index = max(0, min(index, len(self.embeds) - 1))
        self._sync_buttons()
        await interaction.response.edit_message(embed=self.embeds[self.index], view=self)

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary, emoji="◀️")
    async def previous_page(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, self.index - 1)

    @discord.ui.button(label="Next", style=discord.ButtonStyle.primary, emoji="▶️")
    async def next_page(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, self.index + 1)

    async def on_timeout(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        if self.message is not None:
            with contextlib.suppress(discord.HTTPException):
                await self.message.edit(view=self)


async def send_pages(
    ctx: commands.Context,
    embeds: Sequence[discord.Embed],
    *,
    page_timeout: float = PAGE_TIMEOUT,
    ephemeral: bool = False,
) -> discord.Message:
    """Send the first embed, with Previous/Next buttons when there is more than one."""
    none = discord.AllowedMentions.none()
    if len(embeds) == 1:
        return await ctx.send(embed=embeds[0], allowed_mentions=none, ephemeral=ephemeral)
    view = Paginator(embeds, owner_id=ctx.author.id, timeout=page_timeout)
    view.message = await ctx.send(embed=embeds[0], view=view, allowed_mentions=none, ephemeral=ephemeral)
    return view.message
