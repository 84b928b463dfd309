"""What a sandbox user does: post a message (with Discord's checks of who may write where) and start an
interaction (slash command, autocomplete, click, modal submit), dispatched over the gateway."""

from __future__ import annotations

import secrets
from typing import Any

from bot.sandbox import world as w
from bot.sandbox.gateway import Session
from bot.sandbox.interactions import InteractionState
from bot.sandbox.protocol import SandboxError
from bot.sandbox.records import MessageRecord


class UserActions:
    """The user side of `Sandbox`."""

    def _check_can_post(self, user: w.User, channel: w.Channel) -> None:
        if channel.guild_id is None:
            if channel.recipient_id != user.id:
                raise SandboxError(f"{user.name} cannot write in {channel.name}")
            return
        guild = self.world.guilds[channel.guild_id]
        if user.id not in guild.members:
            raise SandboxError(f"{user.name} is not a member of {guild.name}")
        if not guild.permissions_in(user.id, channel.id) & w.SEND_MESSAGES:
            raise SandboxError(f"{user.name} cannot send messages in #{channel.name}")

    async def user_message(self, text: str, *, user: Any = "alice", channel: Any = "general",
                           reply_to: int | None = None) -> tuple[MessageRecord, list[tuple[Session, int]]]:
        """A user posts `text`; returns the record and the (session, sequence) pairs it was sent as."""
        u = self.world.user(user)
        ch = self.world.channel(channel)
        self._check_can_post(u, ch)
        body: dict[str, Any] = {"content": text}
        if reply_to is not None:
            body["message_reference"] = {"message_id": str(reply_to), "channel_id": str(ch.id)}
        rec = self._new_record(ch, u.id, body, from_bot=False)
        self._record("created", ch.id, rec.id, by_bot=False)
        return rec, await self._dispatch_message("MESSAGE_CREATE", rec)

    async def interact(self, type_: int, data: dict, *, user: Any, channel: Any,
                       message: MessageRecord | None = None) -> tuple[InteractionState, list[tuple[Session, int]]]:
        """Send an INTERACTION_CREATE as `user` in `channel`; returns the interaction and where it went."""
        u = self.world.user(user)
        ch = self.world.channel_by_id(message.channel_id) if message is not None else self.world.channel(channel)
        if ch.guild_id is not None and u.id not in self.world.guilds[ch.guild_id].members:
            raise SandboxError(f"{u.name} is not a member of {self.world.guilds[ch.guild_id].name}")
        state = InteractionState(id=w.snowflake(), token=secrets.token_urlsafe(24), type=type_,
                                 channel_id=ch.id, guild_id=ch.guild_id, user_id=u.id, data=data,
                                 message_id=message.id if message else None)
        self.interactions[state.token] = state
        payload = self._interaction_payload(state, message)
        shard_guild = ch.guild_id
        return state, await self.gateway.dispatch("INTERACTION_CREATE", payload, guild_id=shard_guild)

