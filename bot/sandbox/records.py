"""What the sandbox records: every message (the bot's and the injected ones), their edits, deletions and
reactions, in a journal of events in order; and `Reply`, the frozen view of a bot message tests read."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from bot.sandbox.render import render_message

EPHEMERAL = 64

_USER_MENTION = re.compile(r"<@!?(\d+)>")
_ROLE_MENTION = re.compile(r"<@&(\d+)>")


def pings(content: str, allowed_mentions: dict | None, *, reply_to_author: int | None = None) -> dict:
    """Who a message would notify on Discord, given its content and `allowed_mentions`.

    Returns {"everyone": bool, "users": [ids], "roles": [ids]}. Without `allowed_mentions` Discord parses
    every mention in the content (and pings the author of a replied-to message)."""
    users = [int(x) for x in _USER_MENTION.findall(content or "")]
    roles = [int(x) for x in _ROLE_MENTION.findall(content or "")]
    everyone = "@everyone" in (content or "") or "@here" in (content or "")
    if allowed_mentions is None:
        result_users = list(dict.fromkeys(users + ([reply_to_author] if reply_to_author else [])))
        return {"everyone": everyone, "users": result_users, "roles": list(dict.fromkeys(roles))}
    parse = set(allowed_mentions.get("parse") or [])
    allowed_users = {int(x) for x in allowed_mentions.get("users") or []}
    allowed_roles = {int(x) for x in allowed_mentions.get("roles") or []}
    result_users = [u for u in users if "users" in parse or u in allowed_users]
    if reply_to_author and allowed_mentions.get("replied_user"):
        result_users.append(reply_to_author)
    return {
        "everyone": everyone and "everyone" in parse,
        "users": list(dict.fromkeys(result_users)),
        "roles": list(dict.fromkeys(r for r in roles if "roles" in parse or r in allowed_roles)),
    }


@dataclass
class MessageRecord:
    """A message as the sandbox holds it (mutable: edits, reactions and deletion update it)."""

    id: int
    channel_id: int
    guild_id: int | None
    author_id: int
    content: str = ""
    embeds: list[dict] = field(default_factory=list)
    components: list[dict] = field(default_factory=list)
    attachments: list[dict] = field(default_factory=list)
    allowed_mentions: dict | None = None
    flags: int = 0
    message_reference: dict | None = None
    nonce: Any = None
    tts: bool = False
    from_bot: bool = False
    interaction_id: int | None = None
    interaction_token: str | None = None
    loading: bool = False  # a deferred ("thinking") interaction response not yet filled in
    reactions: list[tuple[str, int]] = field(default_factory=list)  # (emoji, user id) in order
    history: list[dict] = field(default_factory=list)  # earlier versions, oldest first
    deleted: bool = False
    timestamp: str = ""
    edited_timestamp: str | None = None

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    def version(self) -> dict:
        return {
            "content": self.content,
            "embeds": copy.deepcopy(self.embeds),
            "components": copy.deepcopy(self.components),
            "allowed_mentions": copy.deepcopy(self.allowed_mentions),
            "flags": self.flags,
        }

    def apply_edit(self, body: dict, when: str) -> None:
        self.history.append(self.version())
        for key in ("content", "embeds", "components", "allowed_mentions", "flags"):
            if key in body and body[key] is not None:
                value = body[key]
                if key == "flags":
                    value = (self.flags & EPHEMERAL) | int(value)
                setattr(self, key, copy.deepcopy(value))
            elif key in body and key in ("embeds", "components"):
                setattr(self, key, [])
        if "attachments" in body and body["attachments"] is not None:
            self.attachments = list(body["attachments"])
        self.edited_timestamp = when
        self.loading = False

    def reply(self) -> Reply:
        return Reply(
            id=self.id,
            channel_id=self.channel_id,
            content=self.content,
            embeds=copy.deepcopy(self.embeds),
            components=copy.deepcopy(self.components),
            allowed_mentions=copy.deepcopy(self.allowed_mentions),
            flags=self.flags,
            message_reference=copy.deepcopy(self.message_reference),
            reactions=tuple(e for e, _ in self.reactions),
            via_interaction=self.interaction_id is not None,
            edits=len(self.history),
            deleted=self.deleted,
            attachments=tuple(a.get("filename", "") for a in self.attachments),
            pings=pings(self.content, self.allowed_mentions),
        )


@dataclass(frozen=True)
class Reply:
    """A snapshot of one bot message at the time it was read."""

    id: int
    channel_id: int
    content: str
    embeds: list[dict]
    components: list[dict]
    allowed_mentions: dict | None
    flags: int
    message_reference: dict | None
    reactions: tuple[str, ...]
    via_interaction: bool
    edits: int
    deleted: bool
    attachments: tuple[str, ...]
    pings: dict

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    @property
    def text(self) -> str:
        """Content, embeds and buttons as plain text (see `bot.sandbox.render.render_message`)."""
        return render_message({"content": self.content, "embeds": self.embeds, "components": self.components})

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class JournalEvent:
    """One thing that happened in the sandbox, in order: created, edited, deleted, reaction, typing,
    interaction_response (autocomplete choices, modal, deferral)."""

    index: int
    kind: str
    channel_id: int | None
    message_id: int | None = None
    by_bot: bool = True
    detail: Any = None
