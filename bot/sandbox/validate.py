"""Discord's limits on a message body (content, embeds, buttons), so that what would fail on Discord with
"400 Invalid Form Body" fails in the sandbox too. Returns Discord-shaped `errors` dicts."""

from __future__ import annotations

from typing import Any


def _err(code: str, message: str) -> dict:
    return {"_errors": [{"code": code, "message": message}]}


def _max_len(errors: dict, key: str, value: Any, limit: int) -> None:
    if isinstance(value, str) and len(value) > limit:
        errors[key] = _err("BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")


def _embed_errors(embed: dict) -> dict:
    errors: dict = {}
    _max_len(errors, "title", embed.get("title"), 256)
    _max_len(errors, "description", embed.get("description"), 4096)
    fields = embed.get("fields") or []
    if len(fields) > 25:
        errors["fields"] = _err("BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
    for i, f in enumerate(fields):
        field_errors: dict = {}
        for key, limit in (("name", 256), ("value", 1024)):
            value = f.get(key)
            if not isinstance(value, str) or not value:
                field_errors[key] = _err("BASE_TYPE_REQUIRED", "This field is required")
            else:
                _max_len(field_errors, key, value, limit)
        if field_errors:
            errors.setdefault("fields", {})[str(i)] = field_errors
    _max_len(errors, "footer", (embed.get("footer") or {}).get("text"), 2048)
    _max_len(errors, "author", (embed.get("author") or {}).get("name"), 256)
    total = sum(len(str(embed.get(k) or "")) for k in ("title", "description"))
    total += sum(len(str(f.get("name", ""))) + len(str(f.get("value", ""))) for f in fields)
    total += len((embed.get("footer") or {}).get("text") or "") + len((embed.get("author") or {}).get("name") or "")
    if total > 6000:
        errors["_errors"] = [{"code": "BASE_TYPE_MAX_LENGTH", "message": "Embed size exceeds maximum size of 6000"}]
    return errors


def _components_errors(components: list) -> dict:
    errors: dict = {}
    top_level_rows = [c for c in components if c.get("type") == 1]
    if len(top_level_rows) > 5:
        errors["_errors"] = [{"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 5 or fewer in length."}]
    for i, row in enumerate(components):
        if row.get("type") != 1:
            continue
        children = row.get("components") or []
        row_errors: dict = {}
        if not children or len(children) > 5:
            row_errors["components"] = _err("BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.")
        for j, c in enumerate(children):
            c_errors: dict = {}
            _max_len(c_errors, "label", c.get("label"), 80)
            _max_len(c_errors, "custom_id", c.get("custom_id"), 100)
            if c.get("type") == 2 and c.get("style") != 5 and c.get("style") != 6 and not c.get("custom_id"):
                c_errors["custom_id"] = _err("BASE_TYPE_REQUIRED", "This field is required")
            if c_errors:
                row_errors.setdefault("components", {})[str(j)] = c_errors
        if row_errors:
            errors[str(i)] = row_errors
    return errors


def validate_message(body: dict, *, edit: bool = False) -> dict:
    """Errors for a message body, keyed like Discord's; empty when the message is acceptable."""
    errors: dict = {}
    content = body.get("content")
    if content is not None and not isinstance(content, str):
        errors["content"] = _err("STRING_TYPE_CONVERT", "Could not interpret the value as a string.")
    else:
        _max_len(errors, "content", content, 2000)
    embeds = body.get("embeds") or []
    if len(embeds) > 10:
        errors["embeds"] = _err("BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.")
    for i, embed in enumerate(embeds):
        if e := _embed_errors(embed):
            errors.setdefault("embeds", {})[str(i)] = e
    if c := _components_errors(body.get("components") or []):
        errors["components"] = c
    if not edit and not errors:
        has_v2 = bool(int(body.get("flags") or 0) & (1 << 15))
        if not (content or embeds or body.get("components") or body.get("attachments") or body.get("sticker_ids")
                or body.get("poll") or has_v2):
            errors["_errors"] = [{"code": "MESSAGE_EMPTY", "message": "Cannot send an empty message"}]
    return errors
