"""What the sandbox keeps of a conversation: every message (the bot's and the users'), created, edited or
deleted, the journal of events with its listeners, and the MESSAGE_* gateway dispatches that go with them
(without the Message Content intent, others' guild messages arrive empty)."""

from __future__ import annotations

import asyncio
import contextlib
import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bot.sandbox import world as w
from bot.sandbox.gateway import MESSAGE_CONTENT, Session
from bot.sandbox.protocol import LOADING
from bot.sandbox.records import JournalEvent, MessageRecord

if TYPE_CHECKING:
    from bot.sandbox.interactions import InteractionState


class MessageJournal:
    """The record-keeping side of `Sandbox`: messages, the journal and message events."""

    def add_listener(self, callback: Callable[[JournalEvent], None]) -> None:
        """Call `callback(event)` for every journal event (the console prints replies this way)."""
        self._listeners.append(callback)

    def remove_listener(self, callback: Callable[[JournalEvent], None]) -> None:
        self._listeners.remove(callback)

    def _record(self, kind: str, channel_id: int | None, message_id: int | None = None, *,
                by_bot: bool = True, detail: Any = None) -> JournalEvent:
        event = JournalEvent(len(self.journal), kind, channel_id, message_id, by_bot, detail)
        self.journal.append(event)
        for callback in list(self._listeners):
            callback(event)
        self._changed.set()
        self._changed = asyncio.Event()
        return event

    async def wait_changed(self, within: float) -> None:
        """Wait until the journal grows (or `within` seconds pass)."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._changed.wait(), within)

    def bot_messages(self, channel: Any = None) -> list[MessageRecord]:
        """Every message the bot sent, in order (optionally in one channel), deleted ones included."""
        channel_id = self.world.channel(channel).id if channel is not None else None
        return [m for m in self.messages.values()
                if m.from_bot and (channel_id is None or m.channel_id == channel_id)]

    def _content_for(self, session: Session, data: dict) -> dict:
        """Without the Message Content intent, guild messages from others arrive without their content."""
        if session.intents & MESSAGE_CONTENT or "guild_id" not in data:
            return data
        bot_id = str(self.world.bot.id)
        if data.get("author", {}).get("id") == bot_id or any(m["id"] == bot_id for m in data.get("mentions", [])):
            return data
        return dict(data, content="", embeds=[], attachments=[], components=[])

    async def _dispatch_message(self, event: str, rec: MessageRecord) -> list[tuple[Session, int]]:
        if rec.ephemeral:
            return []
        return await self.gateway.dispatch(event, self.message_payload(rec), guild_id=rec.guild_id,
                                           transform=self._content_for)

    def _new_record(self, channel: w.Channel, author_id: int, body: dict, *, from_bot: bool,
                    interaction: InteractionState | None = None) -> MessageRecord:
        rec = MessageRecord(
            id=w.snowflake(),
            channel_id=channel.id,
            guild_id=channel.guild_id,
            author_id=author_id,
            content=body.get("content") or "",
            embeds=copy.deepcopy(body.get("embeds") or []),
            components=copy.deepcopy(body.get("components") or []),
            attachments=copy.deepcopy(body.get("attachments") or []),
            allowed_mentions=copy.deepcopy(body.get("allowed_mentions")),
            flags=int(body.get("flags") or 0),
            message_reference=copy.deepcopy(body.get("message_reference")),
            nonce=body.get("nonce"),
            tts=bool(body.get("tts")),
            from_bot=from_bot,
            interaction_id=interaction.id if interaction else None,
            interaction_token=interaction.token if interaction else None,
            timestamp=w.iso_now(),
        )
        if rec.message_reference and "channel_id" not in rec.message_reference:
            rec.message_reference["channel_id"] = str(channel.id)
        self.messages[rec.id] = rec
        return rec

    async def _bot_creates(self, channel: w.Channel, body: dict,
                           interaction: InteractionState | None = None, *, loading: bool = False) -> MessageRecord:
        rec = self._new_record(channel, self.world.bot.id, body, from_bot=True, interaction=interaction)
        rec.loading = loading
        if loading:
            rec.flags |= LOADING
        self._record("created", channel.id, rec.id, detail={"interaction": interaction is not None})
        await self._dispatch_message("MESSAGE_CREATE", rec)
        return rec

    async def _bot_edits(self, rec: MessageRecord, body: dict) -> None:
        was_loading = rec.loading
        rec.apply_edit(body, w.iso_now())
        if was_loading:
            rec.flags &= ~LOADING
        self._record("edited", rec.channel_id, rec.id)
        await self._dispatch_message("MESSAGE_UPDATE", rec)

    async def _delete(self, rec: MessageRecord) -> None:
        rec.deleted = True
        self._record("deleted", rec.channel_id, rec.id, by_bot=True)
        if not rec.ephemeral:
            data = {"id": str(rec.id), "channel_id": str(rec.channel_id)}
            if rec.guild_id:
                data["guild_id"] = str(rec.guild_id)
            await self.gateway.dispatch("MESSAGE_DELETE", data, guild_id=rec.guild_id)

