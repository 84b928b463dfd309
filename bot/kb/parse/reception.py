"""Reception facts: critics' summary, Rotten Tomatoes score and review count, box office and rentals."""

from __future__ import annotations

import re

from bot.kb.models import Reception
from bot.kb.text import display

_CRITICS = re.compile(r"received (?:a |an )?(?P<s>[\w ,-]+?) (?:response|reviews|reception) from (?:the )?critics")
_RT = (
    re.compile(r"(?P<pct>\d{1,3})% (?:approval )?(?:rating|approval|score)[^.\n]*?Rotten Tomatoes[^.\n]*?"
               r"(?:based on|from) (?P<n>\d+) (?:critic )?reviews"),
    re.compile(r"Rotten Tomatoes[^.\n]*?(?P<pct>\d{1,3})%[^.\n]*?(?:based on|from) (?P<n>\d+) (?:critic )?reviews"),
)
_RENTALS = re.compile(r"home (?:video )?rentals?", re.IGNORECASE)


def _sentence(text: str, start: int, end: int) -> str:
    """The verbatim sentence around text[start:end]."""
    dot = text.rfind(". ", 0, start)
    left = max(dot + 2 if dot >= 0 else 0, text.rfind("\n", 0, start) + 1)
    stop = re.compile(r"[.!?](?=\s|$)").search(text, end)
    right = stop.end() if stop else len(text)
    return text[left:right].strip()


def parse_reception(sections: list[tuple[str, str]], names: set[str]) -> Reception:
    """``sections``: (title, verbatim body) pairs of the article's sections."""
    values: dict[str, object] = {}
    evidence: dict[str, str] = {}
    for title, body in sections:
        m = _CRITICS.search(body)
        if m and "critics_summary" not in values:
            values["critics_summary"] = " ".join(m.group("s").split())
            evidence["critics_summary"] = _sentence(body, m.start(), m.end())
        for rt in _RT:
            m = rt.search(body)
            if m and "rt_score" not in values:
                values["rt_score"], values["rt_reviews"] = int(m.group("pct")), int(m.group("n"))
                evidence["rt_score"] = evidence["rt_reviews"] = _sentence(body, m.start(), m.end())
        m = _RENTALS.search(body)
        if m and "home_rentals" not in values:
            sentence = _sentence(body, m.start(), m.end())
            values["home_rentals"], evidence["home_rentals"] = display(sentence, names), sentence
        if "box office" in title.casefold() and "box_office" not in values:
            raw = body.split("{|")[0].strip()
            if raw:
                values["box_office"], evidence["box_office"] = display(raw, names), raw
    return Reception(evidence=evidence, **values)  # type: ignore[arg-type]
