"""The `data` of an interaction as Discord's client builds it: slash commands with subcommands and typed,
resolved options (checked for availability, required options, choices and ranges), component clicks and
select choices, and modal submissions."""

from __future__ import annotations

from typing import Any

from bot.sandbox import world as w
from bot.sandbox.protocol import (
    BOOLEAN,
    CHANNEL,
    INTEGER,
    MENTIONABLE,
    NUMBER,
    ROLE,
    STRING,
    SUB_COMMAND,
    SUB_COMMAND_GROUP,
    USER,
    CommandUnavailable,
    SandboxError,
)
from bot.sandbox.records import MessageRecord
from bot.sandbox.render import iter_buttons


class InteractionData:
    """Builders of interaction `data` for `Sandbox.interact`."""

    def command_data(self, path: str, options: dict[str, Any], *, user: Any, channel: Any,
                     focused: str | None = None) -> dict:
        """The `data` of a slash-command interaction for '/name [group] [sub]' with `options`, checked the
        way Discord's client checks it (known command and options, required options, choices, ranges)."""
        u = self.world.user(user)
        ch = self.world.channel(channel)
        parts = path.strip().lstrip("/").split()
        if not parts:
            raise SandboxError("empty command")
        cmd = self.find_command(parts[0], ch.guild_id)
        if cmd is None:
            raise SandboxError(f"no slash command /{parts[0]} is registered")
        self._check_available(cmd, u, ch)
        data: dict[str, Any] = {"id": cmd["id"], "name": cmd["name"], "type": 1}
        if cmd.get("guild_id"):
            data["guild_id"] = cmd["guild_id"]
        container, defs = data, cmd.get("options") or []
        for part in parts[1:]:
            sub = next((o for o in defs if o["name"] == part and o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)),
                       None)
            if sub is None:
                raise SandboxError(f"/{' '.join(parts)}: no subcommand {part!r}")
            node = {"name": part, "type": sub["type"], "options": []}
            container.setdefault("options", []).append(node)
            container, defs = node, sub.get("options") or []
        subs = [o["name"] for o in defs if o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)]
        if subs:
            raise SandboxError(f"/{' '.join(parts)} needs one of: {', '.join(subs)}")
        resolved: dict[str, dict] = {}
        values = []
        by_name = {o["name"]: o for o in defs}
        for name, value in options.items():
            if name not in by_name:
                raise SandboxError(f"/{' '.join(parts)} has no option {name!r} (options: {', '.join(by_name)})")
            spec = by_name[name]
            if name == focused:
                values.append({"name": name, "type": spec["type"], "value": str(value), "focused": True})
                continue
            values.append({"name": name, "type": spec["type"],
                           "value": self._option_value(spec, value, ch, resolved)})
        missing = [o["name"] for o in defs if o.get("required") and o["name"] not in options]
        if missing and focused is None:
            raise SandboxError(f"/{' '.join(parts)} needs option(s): {', '.join(missing)}")
        container["options"] = values
        if resolved:
            data["resolved"] = resolved
        return data

    def _check_available(self, cmd: dict, user: w.User, channel: w.Channel) -> None:
        if channel.guild_id is None:
            contexts = cmd.get("contexts")
            if cmd.get("dm_permission") is False or (contexts is not None and 1 not in contexts):
                raise CommandUnavailable(f"/{cmd['name']} is not available in direct messages")
            return
        needed = cmd.get("default_member_permissions")
        if needed is not None:
            perms = self.world.guilds[channel.guild_id].permissions_in(user.id, channel.id)
            if perms & int(needed) != int(needed):
                raise CommandUnavailable(f"/{cmd['name']} is hidden from {user.name} (member permissions)")

    def _option_value(self, spec: dict, value: Any, channel: w.Channel, resolved: dict) -> Any:
        kind, name = spec["type"], spec["name"]
        try:
            if kind == STRING:
                result: Any = str(value)
                lo, hi = spec.get("min_length"), spec.get("max_length")
                if (lo is not None and len(result) < lo) or (hi is not None and len(result) > hi):
                    raise SandboxError(f"option {name!r} must be {lo or 0}-{hi or 6000} characters long")
            elif kind == INTEGER:
                result = int(value)
            elif kind == NUMBER:
                result = float(value)
            elif kind == BOOLEAN:
                result = value if isinstance(value, bool) else str(value).lower() in ("true", "yes", "1", "on")
            elif kind in (USER, MENTIONABLE) and self.world.find_user(str(value)) is not None:
                u = self.world.user(str(value))
                resolved.setdefault("users", {})[str(u.id)] = u.payload()
                if channel.guild_id is not None and u.id in self.world.guilds[channel.guild_id].members:
                    guild = self.world.guilds[channel.guild_id]
                    member = self.world.member_payload(guild, u.id, channel.id)
                    member.pop("user")
                    resolved.setdefault("members", {})[str(u.id)] = member
                result = str(u.id)
            elif kind in (ROLE, MENTIONABLE):
                role = self.world.role(channel.guild_id, value)
                resolved.setdefault("roles", {})[str(role.id)] = role.payload()
                result = str(role.id)
            elif kind == CHANNEL:
                target = self.world.channel(value)
                resolved.setdefault("channels", {})[str(target.id)] = dict(
                    target.payload(self.world), permissions=str(w.ALL_PERMISSIONS))
                result = str(target.id)
            else:
                raise SandboxError(f"option {name!r}: type {kind} is not supported by the sandbox")
        except (ValueError, w.WorldError) as exc:
            raise SandboxError(f"option {name!r}: {exc}") from None
        if kind in (INTEGER, NUMBER):
            lo, hi = spec.get("min_value"), spec.get("max_value")
            if (lo is not None and result < lo) or (hi is not None and result > hi):
                raise SandboxError(f"option {name!r} must be between {lo} and {hi}")
        choices = spec.get("choices")
        if choices and result not in [c["value"] for c in choices]:
            raise SandboxError(f"option {name!r} must be one of {[c['name'] for c in choices]}")
        return result

    def component_data(self, message: MessageRecord, target: str, values: list[str] | None = None) -> dict:
        """`data` for clicking the button (by label, emoji or custom_id) or choosing in the select
        (by custom_id or placeholder) on `message`."""
        def walk(components):
            for c in components or []:
                yield c
                yield from walk(c.get("components"))
                if c.get("accessory"):
                    yield from walk([c["accessory"]])

        wanted = target.strip().lower()
        for c in walk(message.components):
            if c.get("type") == 2 and c.get("style") != 5:
                names = {str(c.get("label", "")).lower(), str(c.get("custom_id", "")).lower(),
                         str((c.get("emoji") or {}).get("name", "")).lower()}
                if wanted in names:
                    if c.get("disabled"):
                        raise SandboxError(f"button {target!r} is disabled")
                    return {"custom_id": c["custom_id"], "component_type": 2}
            if c.get("type") in (3, 5, 6, 7, 8):
                names = {str(c.get("custom_id", "")).lower(), str(c.get("placeholder", "")).lower()}
                if wanted in names:
                    if values is None:
                        raise SandboxError(f"{target!r} is a select menu: pass values=[...]")
                    return {"custom_id": c["custom_id"], "component_type": c["type"], "values": list(values)}
        labels = [b.get("label") or b.get("custom_id") for b in iter_buttons(message.components)]
        raise SandboxError(f"no component {target!r} on message {message.id} (buttons: {labels})")

    def modal_submit_data(self, modal: dict, values: dict[str, Any]) -> dict:
        """`data` for submitting `modal` with `values` by custom_id (text for inputs, lists for selects),
        shaped like the modal (action rows or labels), checked as Discord's client checks it."""
        remaining = dict(values)

        def fill(item: dict) -> dict:
            cid = item.get("custom_id")
            if item.get("type") == 4:
                value = str(remaining.pop(cid, item.get("value") or ""))
                if item.get("required", True) and not value:
                    raise SandboxError(f"the modal field {item.get('label') or cid!r} is required")
                if item.get("max_length") is not None and len(value) > item["max_length"]:
                    raise SandboxError(f"the modal field {cid!r} takes at most {item['max_length']} characters")
                return {"type": 4, "custom_id": cid, "value": value}
            chosen = remaining.pop(cid, [])
            return {"type": item.get("type"), "custom_id": cid,
                    "values": [chosen] if isinstance(chosen, str) else list(chosen)}

        components = []
        for c in modal.get("components") or []:
            if c.get("type") == 1:
                components.append({"type": 1, "components": [fill(x) for x in c.get("components") or []]})
            elif c.get("type") == 18 and c.get("component"):
                components.append({"type": 18, "component": fill(c["component"])})
        if remaining:
            raise SandboxError(f"the modal has no field(s) {', '.join(map(str, remaining))}")
        return {"custom_id": modal.get("custom_id"), "components": components}

