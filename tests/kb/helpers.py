"""Shared helpers for the parser tests: load articles, list every evidence string of a film."""

from __future__ import annotations

from pathlib import Path

from bot.kb.models import Film

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "films" / "red-heat.txt"
SECOND = ROOT / "tests" / "data" / "films" / "iron-meridian.txt"


def evidence_strings(film: Film) -> list[tuple[str, str]]:
    """(what, evidence) for every fact of the film."""
    out = [("title", film.evidence)]
    if film.runtime_evidence:
        out.append(("runtime", film.runtime_evidence))
    out += [(f"credit {c.role} {c.name}", c.evidence) for c in film.credits]
    out += [(f"cast {c.actor}", c.evidence) for c in film.cast]
    out += [(f"figure {f.kind}", f.evidence) for f in film.figures]
    out += [(f"release {r.date}", r.evidence) for r in film.releases]
    out += [(f"home media {h.position}", h.evidence) for h in film.home_media]
    out += [(f"home media cell {h.position}", c) for h in film.home_media for c in h.raw_cells]
    out += [(f"reception {k}", v) for k, v in film.reception.evidence.items()]
    out += [(f"quote {q.text[:20]}", q.evidence) for q in film.quotes]
    out += [(f"citation {q.text[:20]}", q.citation.evidence) for q in film.quotes if q.citation]
    out += [(f"section {s.title}", s.evidence) for s in film.sections]
    return out
