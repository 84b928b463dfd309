"""Plain-text rendering of a Discord message (content, embeds, components), shared by the harness replies,
the offline console and `python -m bot ask`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

BUTTON, SELECT_TYPES = 2, {3, 5, 6, 7, 8}
ACTION_ROW, SECTION, TEXT_DISPLAY, CONTAINER = 1, 9, 10, 17


def render_embed(embed: Mapping) -> list[str]:
    lines: list[str] = []
    author = (embed.get("author") or {}).get("name")
    if author:
        lines.append(author)
    if embed.get("title"):
        lines.append(f"**{embed['title']}**")
    if embed.get("description"):
        lines.append(str(embed["description"]))
    for f in embed.get("fields") or []:
        lines.append(f"{f.get('name', '')}: {f.get('value', '')}")
    footer = (embed.get("footer") or {}).get("text")
    if footer:
        lines.append(f"-- {footer}")
    return lines


def iter_buttons(components: Iterable[Mapping]) -> Iterable[Mapping]:
    """Every button in a component tree (action rows, sections, containers), in display order."""
    for c in components or []:
        if c.get("type") == BUTTON:
            yield c
        for key in ("components", "accessory"):
            child = c.get(key)
            if isinstance(child, Mapping):
                yield from iter_buttons([child])
            elif child:
                yield from iter_buttons(child)


def _button_label(button: Mapping) -> str:
    emoji = (button.get("emoji") or {}).get("name")
    label = button.get("label") or ""
    return " ".join(x for x in (emoji, label) if x) or button.get("custom_id", "?")


def render_components(components: Iterable[Mapping], *, number_buttons: bool = False,
                      _counter: list[int] | None = None) -> list[str]:
    counter = _counter if _counter is not None else [0]
    lines: list[str] = []
    for c in components or []:
        kind = c.get("type")
        if kind == TEXT_DISPLAY:
            lines.append(str(c.get("content", "")))
        elif kind in SELECT_TYPES:
            options = " | ".join(o.get("label", "") for o in c.get("options") or [])
            placeholder = c.get("placeholder") or c.get("custom_id", "select")
            lines.append(f"<{placeholder}>" + (f" {options}" if options else ""))
        elif kind in (ACTION_ROW, SECTION, CONTAINER):
            row: list[str] = []
            children = list(c.get("components") or [])
            if c.get("accessory"):
                children.append(c["accessory"])
            for child in children:
                if child.get("type") == BUTTON:
                    counter[0] += 1
                    label = _button_label(child)
                    disabled = " (disabled)" if child.get("disabled") else ""
                    row.append(f"[{counter[0]}. {label}{disabled}]" if number_buttons else f"[{label}{disabled}]")
                else:
                    if row:
                        lines.append(" ".join(row))
                        row = []
                    lines.extend(render_components([child], number_buttons=number_buttons, _counter=counter))
            if row:
                lines.append(" ".join(row))
        elif kind == BUTTON:
            counter[0] += 1
            label = _button_label(c)
            lines.append(f"[{counter[0]}. {label}]" if number_buttons else f"[{label}]")
    return lines


def render_message(message: Mapping, *, number_buttons: bool = False) -> str:
    """Content, then each embed (author, title, description, fields, footer), then buttons and selects."""
    lines: list[str] = []
    if message.get("content"):
        lines.append(str(message["content"]))
    for embed in message.get("embeds") or []:
        lines.extend(render_embed(embed))
    lines.extend(render_components(message.get("components") or [], number_buttons=number_buttons))
    return "\n".join(lines)
