"""Embeds as plain data, and pagination that keeps every fact within Discord's limits.

A lookup answer is an :class:`Answer`: one or more :class:`Page` objects (each becomes an embed).
Long lists and long text are split into pages rather than truncated; a single line longer than a page
is split at word boundaries, never cut off.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from bot.lookup import limits


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    value: str
    inline: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    """One embed's worth of text."""

    title: str
    description: str = ""
    fields: tuple[Field, ...] = ()
    footer: str = ""

    @property
    def size(self) -> int:
        """Characters Discord counts against the 6000 embed total."""
        return (
            len(self.title)
            + len(self.description)
            + len(self.footer)
            + sum(len(f.name) + len(f.value) for f in self.fields)
        )

    def problems(self) -> list[str]:
        """Every Discord limit this page breaks (empty when it can be sent)."""
        out = []
        if len(self.title) > limits.EMBED_TITLE:
            out.append(f"title {len(self.title)} > {limits.EMBED_TITLE}")
        if len(self.description) > limits.EMBED_DESCRIPTION:
            out.append(f"description {len(self.description)} > {limits.EMBED_DESCRIPTION}")
        if len(self.fields) > limits.EMBED_FIELDS:
            out.append(f"{len(self.fields)} fields > {limits.EMBED_FIELDS}")
        for f in self.fields:
            if len(f.name) > limits.FIELD_NAME or not f.name:
                out.append(f"field name {len(f.name)} chars")
            if len(f.value) > limits.FIELD_VALUE or not f.value:
                out.append(f"field value {len(f.value)} chars")
        if len(self.footer) > limits.FOOTER:
            out.append(f"footer {len(self.footer)} > {limits.FOOTER}")
        if self.size > limits.EMBED_TOTAL:
            out.append(f"total {self.size} > {limits.EMBED_TOTAL}")
        return out

    def text(self) -> str:
        """Plain rendering (tests, logs)."""
        parts = [self.title]
        if self.description:
            parts.append(self.description)
        parts.extend(f"{f.name}: {f.value}" for f in self.fields)
        if self.footer:
            parts.append(self.footer)
        return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class Answer:
    """What a lookup replies: its pages, and what kind of outcome it was."""

    pages: tuple[Page, ...]
    kind: str = "answer"  # "answer" | "ambiguous" | "suggest" | "none" | "error"

    @property
    def first(self) -> Page:
        return self.pages[0]


def message(title: str, description: str = "", *, kind: str, footer: str = "") -> Answer:
    """A one-page answer (errors, 'did you mean', 'not found')."""
    return Answer(
        tuple(finish([Page(title=clip_title(title), description=description, footer=footer)])), kind
    )


def clip_title(title: str) -> str:
    """Titles are labels (names, film titles); the facts go in the body. Keep within 256."""
    if len(title) <= limits.EMBED_TITLE:
        return title
    return title[: limits.EMBED_TITLE - 1] + "…"


def split_text(text: str, size: int) -> list[str]:
    """Split at paragraph, then sentence, then word boundaries into chunks of at most ``size``."""
    if len(text) <= size:
        return [text]
    chunks: list[str] = []
    current = ""
    for unit in _units(text, size):
        joined = unit if not current else current + unit
        if len(joined.rstrip()) <= size:
            current = joined
        else:
            if current.strip():
                chunks.append(current.strip())
            current = unit
    if current.strip():
        chunks.append(current.strip())
    return chunks


def _units(text: str, size: int) -> Iterable[str]:
    """Pieces no longer than ``size``, each keeping its trailing separator."""
    for para in re.split(r"(?<=\n)", text):
        if len(para) <= size:
            yield para
            continue
        for sentence in re.split(r"(?<=[.!?] )", para):
            if len(sentence) <= size:
                yield sentence
                continue
            for word in re.split(r"(?<= )", sentence):
                while len(word) > size:  # a single unbroken run: split it hard (nothing is lost)
                    yield word[:size]
                    word = word[size:]
                yield word


def paginate_lines(
    title: str,
    lines: Sequence[str],
    *,
    header: str = "",
    footer: str = "",
    per_page: int = limits.PAGE_LINES,
    max_chars: int = limits.PAGE_CHARS,
) -> list[Page]:
    """Lines (list entries) into pages of at most ``per_page`` lines and ``max_chars`` characters."""
    budget = max_chars - (len(header) + 2 if header else 0)
    pieces: list[str] = []
    for line in lines:
        pieces.extend(split_text(line, budget))
    pages: list[list[str]] = [[]]
    used = 0
    for piece in pieces:
        cost = len(piece) + 1
        if pages[-1] and (len(pages[-1]) >= per_page or used + cost > budget):
            pages.append([])
            used = 0
        pages[-1].append(piece)
        used += cost
    out = []
    for chunk in pages:
        body = "\n".join(chunk)
        description = f"{header}\n\n{body}" if header and body else (header or body)
        out.append(Page(title=clip_title(title), description=description, footer=footer))
    return finish(out)


def paginate_text(
    title: str, text: str, *, footer: str = "", max_chars: int = limits.PAGE_CHARS
) -> list[Page]:
    """Running text (a synopsis) into pages split at paragraph/sentence boundaries."""
    chunks = split_text(text, max_chars) or [""]
    return finish([Page(title=clip_title(title), description=c, footer=footer) for c in chunks])


def paginate_fields(
    title: str,
    fields: Sequence[Field],
    *,
    description: str = "",
    footer: str = "",
    per_page: int = 10,
    max_chars: int = 4000,
) -> list[Page]:
    """Fields into pages of at most ``per_page`` fields and ``max_chars`` characters in all.

    A field value over 1024 characters continues in further fields named "name (cont.)".
    """
    split: list[Field] = []
    for f in fields:
        if len(f.value) <= limits.FIELD_VALUE and len(f.name) <= limits.EMBED_TITLE:
            split.append(f)  # fits as it is (the common case): no new Field
            continue
        parts = split_text(f.value, limits.FIELD_VALUE)
        for i, part in enumerate(parts):
            name = f.name if i == 0 else f"{f.name} (cont.)"
            split.append(Field(clip_title(name), part, f.inline))
    pages: list[list[Field]] = [[]]
    used = len(title) + len(description) + len(footer) + 20
    start = used
    for f in split:
        cost = len(f.name) + len(f.value)
        if pages[-1] and (len(pages[-1]) >= min(per_page, limits.EMBED_FIELDS) or used + cost > max_chars):
            pages.append([])
            used = start
        pages[-1].append(f)
        used += cost
    return finish(
        [
            Page(
                title=clip_title(title),
                description=description if i == 0 else "",
                fields=tuple(chunk),
                footer=footer,
            )
            for i, chunk in enumerate(pages)
        ]
    )


def finish(pages: list[Page]) -> list[Page]:
    """Number the pages in their footers ("Page 2/3") when there is more than one."""
    if len(pages) <= 1:
        return pages
    n = len(pages)
    out = []
    for i, page in enumerate(pages, 1):
        marker = f"Page {i}/{n}"
        out.append(replace(page, footer=f"{page.footer} · {marker}" if page.footer else marker))
    return out


def combine(*answers: Answer, kind: str | None = None) -> Answer:
    """Pages of several answers, renumbered."""
    pages = [replace(p, footer=_strip_marker(p.footer)) for a in answers for p in a.pages]
    return Answer(tuple(finish(pages)), kind or answers[0].kind)


def _strip_marker(footer: str) -> str:
    head, sep, tail = footer.rpartition(" · ")
    if tail.startswith("Page ") and "/" in tail:
        return head if sep else ""
    if footer.startswith("Page ") and "/" in footer:
        return ""
    return footer
