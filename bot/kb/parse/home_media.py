"""The home media table: rows of releases whose cells lost separators and shifted left.

Each cell is broken into typed pieces by what it looks like (medium, date, country, PAL/NTSC, region
code, ratio, resolution, audio, subtitles, free text, N/A). The pieces are then aligned to the header's
columns in order by dynamic programming, so a row with missing cells lands in the right columns.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from bot.kb.models import HomeMediaRelease
from bot.kb.parse.dates import parse_date
from bot.kb.parse.gazetteer import country_name, language_name
from bot.kb.text import collapse_ws

_MEDIA = re.compile(r"^(VHS|Betamax|LaserDisc|Laserdisc|Video ?CD|VCD|DVD|HD DVD|Blu-ray|Blu-Ray|UHD Blu-ray|"
                    r"4K Ultra HD|4K UHD|Ultra HD Blu-ray|UMD|Digital|Streaming)$", re.IGNORECASE)
_NULL = re.compile(r"^(N/?A|Unknown|None|TBA|\?|-|—|–)$", re.IGNORECASE)
_FORMAT = re.compile(r"^(PAL|NTSC|SECAM)$")
_REGION = re.compile(r"^(?:Region\s*)?(\d(?:\s*[/,]\s*\d)*|[A-C](?:\s*/\s*[A-C])*|ALL|Free)$", re.IGNORECASE)
_RATIO = re.compile(r"^\d+(?:\.\d+)?:\d+(?:\.\d+)?$")
_RESOLUTION = re.compile(r"^(\d{3,4}[ip]|4K|8K)\b")
_AUDIO = re.compile(
    r"^(?:(?:Analog(?:ue)?|Digital)(?:\s+(?:Stereo|Mono|Surround))?\b|Stereo\b|Mono\b"
    r"|[A-Z][a-z]+:\s*[^:]*?(?:\d\.\d|Stereo|Mono)(?=\s|$)|(?:Dolby|DTS|PCM|LPCM)[^:]*?\d\.\d(?=\s|$))"
)
_SUBS_WORD = re.compile(r"^(No|Yes|None)(?=\s|$)")
_WORD = re.compile(r"^([A-Z][a-z]+)(?=\s|$|,|/)")
_PACK = re.compile(r"\b(?P<name>[A-Z][a-z]+ (?:Pack|Box Set|Boxset|Set|Collection))\b[:\s]*(?P<titles>.*)$")

COLUMNS = ("medium", "date", "country", "publisher", "format", "region", "ratio", "resolution", "audio",
           "subtitles", "notes", "ref")
_HEADER_KEYS = (("subtitle", "subtitles"), ("media", "medium"), ("medium", "medium"), ("date", "date"),
                ("country", "country"), ("publisher", "publisher"), ("distributor", "publisher"),
                ("label", "publisher"), ("format", "format"), ("region", "region"), ("ratio", "ratio"),
                ("aspect", "ratio"), ("resolution", "resolution"), ("audio", "audio"), ("sound", "audio"),
                ("note", "notes"), ("ref", "ref"))
_TEXT_COLUMNS = frozenset({"publisher", "notes", "other"})


@dataclass
class _Atom:
    kind: str  # a column name, "text", "null" or "empty"
    value: str


def _column(header: str) -> str:
    h = header.casefold()
    return next((col for key, col in _HEADER_KEYS if key in h), "other")


def _languages_prefix(text: str) -> tuple[str, str] | None:
    """Leading language names ("English", "English, French") and the rest."""
    pos, names = 0, []
    while True:
        m = _WORD.match(text[pos:])
        if not m or not language_name(m.group(1)):
            break
        names.append(m.group(1))
        pos += m.end()
        sep = re.match(r"\s*(?:,|/|\band\b)\s*|[ \t]+", text[pos:])
        if sep and _WORD.match(text[pos + sep.end():]) and language_name(_WORD.match(text[pos + sep.end():]).group(1)):
            pos += sep.end()
            continue
        break
    if not names:
        return None
    rest = text[pos:]
    if rest and not re.match(r"\s{2,}|\s*$|\s+[A-Z]", rest):
        return None
    return text[:pos], rest


def _atoms(cell: str) -> list[_Atom]:
    text = cell.strip()
    if not text:
        return [_Atom("empty", "")]
    whole = collapse_ws(text)
    for kind, test in (
        ("null", lambda s: _NULL.match(s)),
        ("medium", lambda s: _MEDIA.match(s)),
        ("date", parse_date),
        ("country", country_name),
        ("format", lambda s: _FORMAT.match(s)),
        ("region", lambda s: _REGION.match(s)),
        ("ratio", lambda s: _RATIO.match(s)),
    ):
        if test(whole):
            return [_Atom(kind, whole)]
    atoms: list[_Atom] = []
    rest = text
    while rest.strip():
        rest = rest.strip()
        m = _RESOLUTION.match(rest) or None
        if m:
            atoms.append(_Atom("resolution", m.group(0)))
            rest = rest[m.end():]
            continue
        m = _AUDIO.match(rest)
        if m:
            atoms.append(_Atom("audio", collapse_ws(m.group(0))))
            rest = rest[m.end():]
            continue
        m = _SUBS_WORD.match(rest)
        if m:
            atoms.append(_Atom("subtitles", m.group(1)))
            rest = rest[m.end():]
            continue
        langs = _languages_prefix(rest)
        if langs:
            atoms.append(_Atom("subtitles", collapse_ws(langs[0])))
            rest = langs[1]
            continue
        atoms.append(_Atom("text", collapse_ws(rest)))
        break
    return atoms


def _merge_audio(atoms: list[_Atom]) -> list[_Atom]:
    """"Digital" then "English: Dolby Digital 5.1": one audio description, the specific one wins."""
    merged: list[_Atom] = []
    for atom in atoms:
        if merged and atom.kind == "audio" and merged[-1].kind == "audio":
            merged[-1] = atom if ":" in atom.value or re.search(r"\d\.\d", atom.value) else merged[-1]
        else:
            merged.append(atom)
    return merged


def _fit(atom: _Atom, column: str) -> float:
    if atom.kind == column:
        return 3.0
    if atom.kind == "null":
        return 0.5 if column not in ("medium", "date") else -2.0
    if atom.kind == "empty":
        return 0.0
    if atom.kind == "text":
        return 1.0 if column in _TEXT_COLUMNS else -5.0
    return -math.inf


def _align(atoms: list[_Atom], columns: list[str]) -> dict[int, _Atom]:
    """Order-preserving assignment of atoms to columns maximising the fit (empty atoms may be dropped)."""
    n, m = len(atoms), len(columns)
    neg = -math.inf
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, bool] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        best[0][j] = 0.0
    for i in range(1, n + 1):
        for j in range(0, m + 1):
            cands = []
            if j > 0 and best[i][j - 1] > neg:
                cands.append((best[i][j - 1], (i, j - 1, False)))  # column j-1 left empty
            if j > 0 and best[i - 1][j - 1] > neg:
                cands.append((best[i - 1][j - 1] + _fit(atoms[i - 1], columns[j - 1]), (i - 1, j - 1, True)))
            if atoms[i - 1].kind == "empty" and best[i - 1][j] > neg:
                cands.append((best[i - 1][j], (i - 1, j, False)))  # empty cell dropped
            if cands:
                best[i][j], back[i][j] = max(cands, key=lambda c: c[0])
    assigned: dict[int, _Atom] = {}
    i, j = n, m
    if best[n][m] == neg:
        return {k: a for k, a in enumerate(atoms[:m])}
    while i > 0 and back[i][j] is not None:
        pi, pj, used = back[i][j]
        if used:
            assigned[pj] = atoms[pi]
        i, j = pi, pj
    return assigned


def _value(atom: _Atom | None) -> str | None:
    if atom is None or atom.kind in ("null", "empty"):
        return None
    return re.sub(r"\s+([.,])", r"\1", atom.value) or None


def _pack(notes: str | None) -> tuple[str | None, tuple[str, ...]]:
    if not notes:
        return None, ()
    m = _PACK.search(notes)
    if not m:
        return None, ()
    titles = [t.strip(" .") for t in re.split(r"\s*/\s*|,\s*|\s+and\s+", m.group("titles"))]
    return m.group("name"), tuple(t for t in titles if t)


def parse_tables(body: str) -> list[HomeMediaRelease]:
    """Home media releases from every wikitable in a section body."""
    releases: list[HomeMediaRelease] = []
    for table in re.finditer(r"^\{\|.*?^\|\}", body, re.MULTILINE | re.DOTALL):
        headers: list[str] = []
        rows = re.split(r"^\|-[^\n]*\n", table.group(0), flags=re.MULTILINE)
        for row in rows:
            cells: list[str] = []
            for line in row.split("\n"):
                if line.startswith("!"):
                    headers.extend(h.strip() for h in re.split(r"!!|\|\|", line[1:]))
                elif line.startswith("|") and not line.startswith(("|}", "|-", "{|")):
                    content = line[2:] if line.startswith("||") else line[1:]
                    cells.extend(content.split("||"))
            if not cells or not any(c.strip() for c in cells):
                continue
            columns = [_column(h) for h in headers] or list(COLUMNS)
            atoms = _merge_audio([a for c in cells for a in _atoms(c)])
            assigned = _align(atoms, columns)
            values: dict[str, str | None] = {}
            for j, col in enumerate(columns):
                if col in COLUMNS and col not in values:
                    values[col] = _value(assigned.get(j))
            notes = values.get("notes")
            pack_name, pack_titles = _pack(notes)
            date_text = values.get("date")
            evidence = row.strip("\n").rstrip()
            releases.append(
                HomeMediaRelease(
                    position=len(releases),
                    evidence=evidence,
                    raw_cells=tuple(cells),
                    medium=values.get("medium"),
                    date=parse_date(date_text) if date_text else None,
                    country=values.get("country"),
                    publisher=values.get("publisher"),
                    format=values.get("format"),
                    region=values.get("region"),
                    ratio=values.get("ratio"),
                    resolution=values.get("resolution"),
                    audio=values.get("audio"),
                    subtitles=values.get("subtitles"),
                    notes=notes,
                    pack_name=pack_name,
                    pack_titles=pack_titles,
                )
            )
    return releases
