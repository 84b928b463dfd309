"""The sandbox's data model: users, guilds, channels, roles, members and permission overwrites.

Permissions are computed the way Discord documents it (base permissions from @everyone and the member's
roles, administrator and owner short-circuits, then channel overwrites for @everyone, roles and the
member), and the same numbers are sent in gateway and interaction payloads, so a client's own permission
checks see what they would see on Discord. Nothing here imports discord.py: the sandbox is a server.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

DISCORD_EPOCH_MS = 1_420_070_400_000

# Permission bits (https://discord.com/developers/docs/topics/permissions).
CREATE_INSTANT_INVITE = 1 << 0
KICK_MEMBERS = 1 << 1
BAN_MEMBERS = 1 << 2
ADMINISTRATOR = 1 << 3
MANAGE_CHANNELS = 1 << 4
MANAGE_GUILD = 1 << 5
ADD_REACTIONS = 1 << 6
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
SEND_TTS_MESSAGES = 1 << 12
MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
MENTION_EVERYONE = 1 << 17
USE_EXTERNAL_EMOJIS = 1 << 18
CONNECT = 1 << 20
SPEAK = 1 << 21
CHANGE_NICKNAME = 1 << 26
MANAGE_ROLES = 1 << 28
USE_APPLICATION_COMMANDS = 1 << 31
SEND_MESSAGES_IN_THREADS = 1 << 38
USE_EXTERNAL_APPS = 1 << 50
ALL_PERMISSIONS = (1 << 51) - 1

DEFAULT_EVERYONE = (
    CREATE_INSTANT_INVITE
    | ADD_REACTIONS
    | VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | MENTION_EVERYONE
    | USE_EXTERNAL_EMOJIS
    | CONNECT
    | SPEAK
    | CHANGE_NICKNAME
    | USE_APPLICATION_COMMANDS
    | SEND_MESSAGES_IN_THREADS
    | USE_EXTERNAL_APPS
)
# What an invite link typically grants the bot's managed role.
DEFAULT_BOT_ROLE = (
    VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES | READ_MESSAGE_HISTORY | ADD_REACTIONS
    | USE_EXTERNAL_EMOJIS | USE_APPLICATION_COMMANDS | SEND_MESSAGES_IN_THREADS
)

TEXT_CHANNEL = 0
DM_CHANNEL = 1

_counter = itertools.count()


def snowflake() -> int:
    """A new, increasing Discord-style id (timestamp in the high bits, a counter in the low ones)."""
    ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
    return (ms << 22) | (next(_counter) & 0x3FFFFF)


def iso_now() -> str:
    return datetime.now(UTC).isoformat()


class WorldError(LookupError):
    """A name or id that the sandbox world does not know."""


@dataclass
class User:
    id: int
    name: str
    bot: bool = False
    global_name: str | None = None

    def payload(self) -> dict:
        data = {
            "id": str(self.id),
            "username": self.name,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "public_flags": 0,
        }
        if self.bot:
            data["bot"] = True
        return data


@dataclass
class Role:
    id: int
    name: str
    permissions: int = 0
    position: int = 0
    managed: bool = False
    mentionable: bool = False

    def payload(self) -> dict:
        return {
            "id": str(self.id),
            "name": self.name,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": self.position,
            "permissions": str(self.permissions),
            "managed": self.managed,
            "mentionable": self.mentionable,
            "flags": 0,
        }


@dataclass
class Overwrite:
    target_id: int
    kind: int  # 0 = role, 1 = member
    allow: int = 0
    deny: int = 0

    def payload(self) -> dict:
        return {"id": str(self.target_id), "type": self.kind, "allow": str(self.allow), "deny": str(self.deny)}


@dataclass
class Channel:
    id: int
    name: str
    type: int = TEXT_CHANNEL
    guild_id: int | None = None
    position: int = 0
    topic: str | None = None
    overwrites: list[Overwrite] = field(default_factory=list)
    recipient_id: int | None = None  # DM channels

    def payload(self, world: World | None = None) -> dict:
        if self.type == DM_CHANNEL:
            recipients = [world.users[self.recipient_id].payload()] if world and self.recipient_id else []
            return {"id": str(self.id), "type": DM_CHANNEL, "last_message_id": None, "recipients": recipients}
        data = {
            "id": str(self.id),
            "type": self.type,
            "name": self.name,
            "position": self.position,
            "topic": self.topic,
            "nsfw": False,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "parent_id": None,
            "permission_overwrites": [o.payload() for o in self.overwrites],
            "flags": 0,
        }
        if self.guild_id is not None:
            data["guild_id"] = str(self.guild_id)
        return data


@dataclass
class Member:
    user_id: int
    role_ids: list[int] = field(default_factory=list)
    nick: str | None = None
    joined_at: str = field(default_factory=iso_now)

    def payload(self, world: World, *, with_user: bool = True) -> dict:
        data = {
            "roles": [str(r) for r in self.role_ids],
            "nick": self.nick,
            "avatar": None,
            "joined_at": self.joined_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "pending": False,
            "flags": 0,
            "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = world.users[self.user_id].payload()
        return data


@dataclass
class Guild:
    id: int
    name: str
    owner_id: int
    roles: dict[int, Role] = field(default_factory=dict)
    channels: dict[int, Channel] = field(default_factory=dict)
    members: dict[int, Member] = field(default_factory=dict)
    joined_at: str = field(default_factory=iso_now)

    @property
    def everyone(self) -> Role:
        return self.roles[self.id]

    def base_permissions(self, user_id: int) -> int:
        if user_id == self.owner_id:
            return ALL_PERMISSIONS
        member = self.members.get(user_id)
        if member is None:
            return 0
        perms = self.everyone.permissions
        for role_id in member.role_ids:
            perms |= self.roles[role_id].permissions
        if perms & ADMINISTRATOR:
            return ALL_PERMISSIONS
        return perms

    def permissions_in(self, user_id: int, channel_id: int) -> int:
        """The member's permissions in a channel, computed as Discord does."""
        perms = self.base_permissions(user_id)
        if perms & ADMINISTRATOR or user_id == self.owner_id:
            return ALL_PERMISSIONS
        channel = self.channels[channel_id]
        member = self.members.get(user_id)
        if member is None:
            return 0
        by_target = {(o.kind, o.target_id): o for o in channel.overwrites}
        everyone = by_target.get((0, self.id))
        if everyone:
            perms = (perms & ~everyone.deny) | everyone.allow
        allow = deny = 0
        for role_id in member.role_ids:
            o = by_target.get((0, role_id))
            if o:
                allow |= o.allow
                deny |= o.deny
        perms = (perms & ~deny) | allow
        own = by_target.get((1, user_id))
        if own:
            perms = (perms & ~own.deny) | own.allow
        if not perms & VIEW_CHANNEL:
            return 0
        return perms

    def payload(self, world: World) -> dict:
        members = [m.payload(world) for m in self.members.values()]
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.owner_id),
            "region": None,
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "features": [],
            "emojis": [],
            "stickers": [],
            "roles": [r.payload() for r in self.roles.values()],
            "channels": [c.payload() for c in self.channels.values()],
            "threads": [],
            "members": members,
            "member_count": len(members),
            "presences": [],
            "voice_states": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "large": False,
            "unavailable": False,
            "joined_at": self.joined_at,
            "max_members": 500000,
        }


class World:
    """Everything the sandbox knows: users by id and name, guilds, and channels (guild and DM)."""

    def __init__(self, bot_name: str = "FilmBot") -> None:
        self.users: dict[int, User] = {}
        self.guilds: dict[int, Guild] = {}
        self.dm_channels: dict[int, Channel] = {}
        self.bot = self.add_user(bot_name, bot=True)
        self.application_id = snowflake()
        self.app_owner_id: int | None = None

    # ---- building -------------------------------------------------------------------------------------
    def add_user(self, name: str, *, bot: bool = False) -> User:
        if self.find_user(name) is not None:
            raise ValueError(f"a user named {name!r} already exists")
        user = User(id=snowflake(), name=name, bot=bot)
        self.users[user.id] = user
        return user

    def add_guild(self, name: str, *, owner: str | int, everyone_permissions: int = DEFAULT_EVERYONE,
                  bot_permissions: int = DEFAULT_BOT_ROLE) -> Guild:
        owner_user = self.user(owner)
        guild = Guild(id=snowflake(), name=name, owner_id=owner_user.id)
        guild.roles[guild.id] = Role(id=guild.id, name="@everyone", permissions=everyone_permissions)
        self.guilds[guild.id] = guild
        self.add_member(guild, owner_user.name)
        bot_role = self.add_role(guild, self.bot.name, permissions=bot_permissions, managed=True)
        self.add_member(guild, self.bot.name, roles=[bot_role.name])
        return guild

    def add_role(self, guild: Guild | str | int, name: str, *, permissions: int = 0,
                 managed: bool = False, mentionable: bool = False) -> Role:
        g = self.guild(guild)
        role = Role(id=snowflake(), name=name, permissions=permissions, position=len(g.roles),
                    managed=managed, mentionable=mentionable)
        g.roles[role.id] = role
        return role

    def add_channel(self, guild: Guild | str | int, name: str, *, topic: str | None = None) -> Channel:
        g = self.guild(guild)
        channel = Channel(id=snowflake(), name=name, guild_id=g.id, position=len(g.channels), topic=topic)
        g.channels[channel.id] = channel
        return channel

    def add_member(self, guild: Guild | str | int, user: str | int, *, roles: list[str] = ()) -> Member:
        g = self.guild(guild)
        u = self.user(user)
        member = Member(user_id=u.id, role_ids=[self.role(g, r).id for r in roles])
        g.members[u.id] = member
        return member

    def give_role(self, guild: Guild | str | int, user: str | int, role: str | int) -> None:
        g = self.guild(guild)
        member = g.members[self.user(user).id]
        role_id = self.role(g, role).id
        if role_id not in member.role_ids:
            member.role_ids.append(role_id)

    def set_overwrite(self, channel: Channel | str | int, target: str | int, *, allow: int = 0,
                      deny: int = 0, guild: Guild | str | int | None = None) -> Overwrite:
        """Set a channel overwrite for a role (by name; '@everyone' for everyone) or a member (by name)."""
        ch = self.channel(channel, guild=guild)
        g = self.guilds[ch.guild_id]
        try:
            kind, target_id = 0, self.role(g, target).id
        except WorldError:
            kind, target_id = 1, self.user(target).id
        ch.overwrites = [o for o in ch.overwrites if (o.kind, o.target_id) != (kind, target_id)]
        overwrite = Overwrite(target_id=target_id, kind=kind, allow=allow, deny=deny)
        ch.overwrites.append(overwrite)
        return overwrite

    def dm_channel(self, user: str | int) -> Channel:
        """The DM channel between the bot and a user (created on first use, as Discord does)."""
        u = self.user(user)
        for ch in self.dm_channels.values():
            if ch.recipient_id == u.id:
                return ch
        ch = Channel(id=snowflake(), name=f"dm:{u.name}", type=DM_CHANNEL, recipient_id=u.id)
        self.dm_channels[ch.id] = ch
        return ch

    # ---- lookups --------------------------------------------------------------------------------------
    def find_user(self, ref: str | int) -> User | None:
        if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
            return self.users.get(int(ref))
        return next((u for u in self.users.values() if u.name.lower() == ref.lower()), None)

    def user(self, ref: str | int | User) -> User:
        if isinstance(ref, User):
            return ref
        found = self.find_user(ref)
        if found is None:
            raise WorldError(f"no user {ref!r} in the sandbox (known: {', '.join(u.name for u in self.users.values())})")
        return found

    def guild(self, ref: Guild | str | int | None = None) -> Guild:
        if isinstance(ref, Guild):
            return ref
        if ref is None:
            if not self.guilds:
                raise WorldError("the sandbox has no guild")
            return next(iter(self.guilds.values()))
        for g in self.guilds.values():
            if g.id == (int(ref) if str(ref).isdigit() else None) or g.name.lower() == str(ref).lower():
                return g
        raise WorldError(f"no guild {ref!r} in the sandbox")

    def role(self, guild: Guild | str | int, ref: str | int) -> Role:
        g = self.guild(guild)
        for r in g.roles.values():
            if str(r.id) == str(ref) or r.name.lower() == str(ref).lower() or (ref == "everyone" and r.id == g.id):
                return r
        raise WorldError(f"no role {ref!r} in {g.name}")

    def channel(self, ref: Channel | str | int, *, guild: Guild | str | int | None = None) -> Channel:
        """A channel by object, id, name ('general', '#general') or 'dm:USER' for a DM channel."""
        if isinstance(ref, Channel):
            return ref
        text = str(ref)
        if text.startswith("dm:"):
            return self.dm_channel(text[3:])
        if text.isdigit():
            found = self.channel_by_id(int(text))
            if found:
                return found
        name = text.lstrip("#").lower()
        guilds = [self.guild(guild)] if guild is not None else list(self.guilds.values())
        for g in guilds:
            for ch in g.channels.values():
                if ch.name.lower() == name:
                    return ch
        raise WorldError(f"no channel {ref!r} in the sandbox")

    def channel_by_id(self, channel_id: int) -> Channel | None:
        if channel_id in self.dm_channels:
            return self.dm_channels[channel_id]
        for g in self.guilds.values():
            if channel_id in g.channels:
                return g.channels[channel_id]
        return None

    def bot_permissions(self, channel: Channel) -> int:
        """What the bot may do in `channel` (in a DM: everything but administrator)."""
        if channel.guild_id is None:
            return ALL_PERMISSIONS & ~ADMINISTRATOR
        return self.guilds[channel.guild_id].permissions_in(self.bot.id, channel.id)

    def member_payload(self, guild: Guild, user_id: int, channel_id: int | None = None) -> dict:
        """A member payload as sent in interactions, with `permissions` computed for the channel."""
        data = guild.members[user_id].payload(self)
        perms = guild.permissions_in(user_id, channel_id) if channel_id else guild.base_permissions(user_id)
        data["permissions"] = str(perms)
        return data


def default_world() -> World:
    """Guild 'Sandbox Server' with #general and #trivia; users alice, bob, carol (plain members), admin
    (Manager role: Manage Server + Manage Messages), owner (owns the guild and the application), and the bot."""
    world = World()
    owner = world.add_user("owner")
    world.app_owner_id = owner.id
    for name in ("alice", "bob", "carol", "admin"):
        world.add_user(name)
    guild = world.add_guild("Sandbox Server", owner="owner")
    world.add_channel(guild, "general")
    world.add_channel(guild, "trivia")
    world.add_role(guild, "Manager", permissions=MANAGE_GUILD | MANAGE_MESSAGES)
    for name in ("alice", "bob", "carol"):
        world.add_member(guild, name)
    world.add_member(guild, "admin", roles=["Manager"])
    return world
