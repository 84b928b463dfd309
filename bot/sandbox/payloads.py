"""The JSON the sandbox sends the bot: message objects (author, member, mentions, reactions, reply and
interaction metadata) and INTERACTION_CREATE payloads, built from the world and the records."""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING, Any

from bot.sandbox import world as w
from bot.sandbox.protocol import APPLICATION_COMMAND
from bot.sandbox.records import MessageRecord

if TYPE_CHECKING:
    from bot.sandbox.interactions import InteractionState


def emoji_payload(emoji: str) -> dict:
    """`name` or `name:id` (as the REST path carries it) as a partial emoji object."""
    name, _, emoji_id = emoji.partition(":")
    return {"id": emoji_id or None, "name": name}


class Payloads:
    """The payload builders of `Sandbox`."""

    def message_payload(self, rec: MessageRecord, *, depth: int = 0) -> dict:
        world = self.world
        author = world.users[rec.author_id]
        mentions = []
        for uid in dict.fromkeys(int(x) for x in re.findall(r"<@!?(\d+)>", rec.content or "")):
            if uid in world.users:
                mentions.append(world.users[uid].payload())
        data: dict[str, Any] = {
            "id": str(rec.id),
            "channel_id": str(rec.channel_id),
            "author": author.payload(),
            "content": rec.content,
            "timestamp": rec.timestamp,
            "edited_timestamp": rec.edited_timestamp,
            "tts": rec.tts,
            "mention_everyone": False,
            "mentions": mentions,
            "mention_roles": re.findall(r"<@&(\d+)>", rec.content or ""),
            "attachments": copy.deepcopy(rec.attachments),
            "embeds": copy.deepcopy(rec.embeds),
            "reactions": self._reaction_payload(rec),
            "pinned": False,
            "type": 19 if rec.message_reference else 0,
            "flags": rec.flags,
            "components": copy.deepcopy(rec.components),
        }
        if rec.nonce is not None:
            data["nonce"] = rec.nonce
        if rec.guild_id is not None:
            data["guild_id"] = str(rec.guild_id)
            guild = world.guilds[rec.guild_id]
            if rec.author_id in guild.members:
                data["member"] = guild.members[rec.author_id].payload(world, with_user=False)
            if not rec.from_bot:
                perms = guild.permissions_in(rec.author_id, rec.channel_id)
                data["mention_everyone"] = "@everyone" in rec.content and bool(perms & w.MENTION_EVERYONE)
        if rec.message_reference:
            data["message_reference"] = dict(rec.message_reference, type=0)
            ref = self.messages.get(int(rec.message_reference.get("message_id", 0)))
            if ref is not None and depth == 0:
                data["referenced_message"] = self.message_payload(ref, depth=1)
        if rec.interaction_id is not None:
            state = next((s for s in self.interactions.values() if s.id == rec.interaction_id), None)
            data["application_id"] = str(world.application_id)
            data["webhook_id"] = str(world.application_id)
            if state is not None:
                data["type"] = 20 if state.type == APPLICATION_COMMAND else 0
                data["interaction_metadata"] = {
                    "id": str(state.id), "type": state.type, "user": world.users[state.user_id].payload(),
                    "authorizing_integration_owners": {},
                }
        return data

    def _reaction_payload(self, rec: MessageRecord) -> list[dict]:
        counts: dict[str, list[int]] = {}
        for emoji, uid in rec.reactions:
            counts.setdefault(emoji, []).append(uid)
        result = []
        for emoji, users in counts.items():
            result.append({
                "emoji": emoji_payload(emoji),
                "count": len(users),
                "count_details": {"burst": 0, "normal": len(users)},
                "me": self.world.bot.id in users,
                "me_burst": False,
                "burst_colors": [],
                "burst_count": 0,
            })
        return result

    def _reaction_add_payload(self, rec: MessageRecord, channel: w.Channel, emoji: str) -> dict:
        """MESSAGE_REACTION_ADD for the bot reacting with `emoji` to `rec`."""
        bot_id = self.world.bot.id
        data = {"user_id": str(bot_id), "channel_id": str(channel.id), "message_id": str(rec.id),
                "emoji": emoji_payload(emoji), "burst": False, "type": 0,
                "message_author_id": str(rec.author_id)}
        if channel.guild_id:
            data["guild_id"] = str(channel.guild_id)
            data["member"] = self.world.guilds[channel.guild_id].members[bot_id].payload(self.world)
        return data

    def _interaction_payload(self, state: InteractionState, message: MessageRecord | None) -> dict:
        world = self.world
        channel = world.channel_by_id(state.channel_id)
        user = world.users[state.user_id]
        payload: dict[str, Any] = {
            "id": str(state.id),
            "application_id": str(world.application_id),
            "type": state.type,
            "data": state.data,
            "token": state.token,
            "version": 1,
            "locale": "en-US",
            "entitlements": [],
            "attachment_size_limit": 10 * 1024 * 1024,
            "channel_id": str(channel.id),
            "channel": channel.payload(world),
            "app_permissions": str(self.world.bot_permissions(channel)),
        }
        if channel.guild_id is not None:
            guild = world.guilds[channel.guild_id]
            payload.update(
                guild_id=str(guild.id),
                guild={"id": str(guild.id), "locale": "en-US", "features": []},
                guild_locale="en-US",
                member=world.member_payload(guild, user.id, channel.id),
                context=0,
                authorizing_integration_owners={"0": str(guild.id)},
            )
            payload["channel"]["permissions"] = payload["member"]["permissions"]
        else:
            payload.update(user=user.payload(), context=1, authorizing_integration_owners={"0": "0"})
        if message is not None:
            payload["message"] = self.message_payload(message)
        return payload

