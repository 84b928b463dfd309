"""Quotations: lines said in the film (plot sections) and things said about it, with speaker and citation.

The lossy export glues a cited headline onto the end of a quote and puts the citation
("Thompson, Anne. Chicago Tribune (1963-Current file) 17 June 1988: GL.") on the next line; indented
lines after a line ending in ":" are block quotes; a quote may lack its closing quotation mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.kb.models import Citation, Quote
from bot.kb.parse.dates import parse_date
from bot.kb.text import display

PLOT_TITLES = ("plot", "synopsis", "summary", "story")
_CITATION = re.compile(
    r"^[ \t]*(?P<author>[A-Z][\w'-]+(?: [A-Z][\w'-]+)*, [A-Z][\w.' -]*?)\.\s+(?P<pub>.+?)\s+"
    r"(?P<date>\d{1,2} [A-Z][a-z]+\.? \d{4}|[A-Z][a-z]+\.? \d{1,2}, \d{4})(?::\s*(?P<page>[^\s.]+))?\.?[ \t]*$"
)
_HEADLINE = re.compile(r"(?:^|[.?!][\"”]?\s+|[\"”]\s+)(?P<h>[A-Z][^.?!\"”]*[^.?!\"”\s])\s*$")
_PRONOUNS = frozenset({"He", "She", "They", "It"})
_SAY = r"(?:says|said|explains|explained|recalls|recalled|added|adds|notes|noted|stated|states|told|describes|described|remarked|commented)"
_NAME = r"(?P<name>[A-Z][\w'-]+(?:\s[A-Z][\w'-]+){0,2})"
_SPEAKER_BEFORE = re.compile(_NAME + r"(?:\s+" + _SAY + r"\b|:)")
_SPEAKER_AFTER = re.compile(r"^[,.]?\s*" + _SAY + r"\s+" + _NAME)
_SENTENCE_END = re.compile(r"[.!?][\"”]?\s+(?=[A-Z\"“])")


@dataclass
class _Span:
    start: int  # absolute offsets of the quote text (without quotation marks)
    end: int


def parse_citation(line: str, line_start: int, headline: tuple[int, int] | None, text: str) -> Citation | None:
    m = _CITATION.match(line)
    if not m:
        return None
    pub = re.sub(r"\s*\([^()]*\d{4}[^()]*\)\s*$", "", " ".join(m.group("pub").split()))
    ev_start = headline[0] if headline else line_start + m.start("author")
    return Citation(
        evidence=text[ev_start: line_start + len(line.rstrip())],
        headline=" ".join(text[headline[0]: headline[1]].split()) if headline else None,
        author=m.group("author").strip(),
        publication=pub,
        date=parse_date(m.group("date")),
        page=m.group("page"),
    )


def _quote_spans(line: str, base: int) -> list[_Span]:
    marks = [m.start() for m in re.finditer(r"[\"“”]", line)]
    spans = []
    for i in range(0, len(marks), 2):
        start = marks[i] + 1
        end = marks[i + 1] if i + 1 < len(marks) else len(line.rstrip())
        spans.append(_Span(base + start, base + end))
    return spans


class _Speakers:
    """Resolves a name as written ("Hill", "Danko") to a person or character the article names in full."""

    def __init__(self, people: list[str]) -> None:
        self.people = people

    def resolve(self, name: str | None) -> str | None:
        if not name or name in _PRONOUNS:
            return None
        words = name.split()
        full = [p for p in self.people if p == name]
        if full:
            return full[0]
        hits = {p for p in self.people if any(words == p.split()[i: i + len(words)] for i in range(len(p.split())))}
        if len(hits) == 1:
            return hits.pop()
        return None


def _speaker_in(text: str, speakers: _Speakers) -> tuple[str | None, bool]:
    """(resolved speaker, saw a pronoun subject) from the last attribution in ``text``."""
    found, pronoun = None, False
    for m in _SPEAKER_BEFORE.finditer(text):
        name = m.group("name")
        if name in _PRONOUNS:
            pronoun, found = True, None
            continue
        resolved = speakers.resolve(name) or speakers.resolve(name.split()[-1])
        if resolved:
            found, pronoun = resolved, False
    if found is None and re.search(r"\b(?:He|She)\b", text):
        pronoun = True
    return found, pronoun


def about_quotes(body: str, offset: int, text: str, section: str, people: list[str], names: set[str]) -> list[Quote]:
    speakers = _Speakers(people)
    lines = [(m.start() + offset, m.group(0)) for m in re.finditer(r"[^\n]*", body)]
    lines = [(s, line) for s, line in lines if line.strip()]
    quotes: list[Quote] = []
    last_speaker: str | None = None
    for idx, (start, line) in enumerate(lines):
        if _CITATION.match(line):
            continue
        nxt = lines[idx + 1] if idx + 1 < len(lines) else None
        cites = nxt is not None and _CITATION.match(nxt[1]) is not None
        headline = None
        content_end = start + len(line.rstrip())
        if cites:
            h = _HEADLINE.search(line.rstrip())
            if h:
                headline = (start + h.start("h"), start + h.end("h"))
                content_end = headline[0]
        citation = parse_citation(nxt[1], nxt[0], headline, text) if cites and nxt else None
        prev = lines[idx - 1][1] if idx else ""
        if line[:1] in " \t" and prev.rstrip().endswith(":"):
            speaker, pronoun = _speaker_in(prev, speakers)
            speaker = speaker or (last_speaker if pronoun else None)
            q_start = start + len(line) - len(line.lstrip())
            spans = [_Span(q_start, content_end)]
        else:
            spans = [s for s in _quote_spans(text[start:content_end], start) if len(text[s.start:s.end].split()) >= 3]
            speaker = None
        line_speaker = speaker
        for span in spans:
            if not (line[:1] in " \t" and prev.rstrip().endswith(":")):
                after = text[span.end + 1: content_end]
                m = _SPEAKER_AFTER.match(after)
                before = text[start: max(start, span.start - 1)]
                if m:
                    speaker = speakers.resolve(m.group("name")) or m.group("name")
                else:
                    found, pronoun = _speaker_in(before, speakers)
                    speaker = found or line_speaker or (last_speaker if pronoun or before.strip() == "" else None)
                line_speaker = speaker
            raw = text[span.start: span.end].rstrip(" \t,")
            quote_text = display(raw, names)
            quotes.append(Quote(text=quote_text, kind="about", evidence=raw, speaker=speaker,
                                citation=citation, section=section))
            if speaker:
                last_speaker = speaker
    return quotes


def line_quotes(body: str, offset: int, text: str, section: str, characters: list[str], names: set[str]) -> list[Quote]:
    """Lines said in the film: quoted text in a plot section; the speaker is the sentence's subject,
    or the previous sentence's subject when this one opens with a pronoun."""
    speakers = _Speakers(characters)
    quotes: list[Quote] = []
    for para in re.finditer(r"[^\n]+", body):
        base = offset + para.start()
        ptext = para.group(0)
        for span in _quote_spans(ptext, base):
            raw = text[span.start: span.end].rstrip()
            if len(raw.split()) < 3:
                continue
            before = text[base: span.start - 1]
            sentences = _SENTENCE_END.split(before)
            speaker = None
            for sentence in reversed(sentences):
                words = re.findall(r"[A-Z][\w'-]*", sentence)
                subject = sentence.split()[0] if sentence.split() else ""
                candidates = [w for w in words if speakers.resolve(w)]
                if subject in _PRONOUNS and sentence is sentences[-1]:
                    continue
                if candidates:
                    speaker = speakers.resolve(candidates[0])
                break
            quotes.append(Quote(text=display(raw, names), kind="line", evidence=raw, speaker=speaker,
                                section=section))
    return quotes
