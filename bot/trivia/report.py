"""The question bank as admins review it: one JSON object per line, or a readable listing.

Used by ``python -m bot questions``; pure functions over films and questions.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from bot.kb.library import Library
from bot.kb.models import Film
from bot.trivia.questions import Question, build_questions

FIELDS = ("id", "film", "kind", "question", "answer", "aliases", "choices", "difficulty", "evidence")


class FilmNotFound(LookupError):
    """No film matches the requested title; the message lists the known ones."""


def select_films(films: Sequence[Film], title: str | None) -> list[Film]:
    """All films, or the one matching ``title`` (key, title, or "title year")."""
    if not title:
        return list(films)
    found = Library(films, resolver_factory=lambda _films: None).find(title)
    if found is None:
        known = ", ".join(f"{f.title} ({f.year})" if f.year else f.title for f in films) or "none"
        raise FilmNotFound(f"No film called {title!r}. Known films: {known}.")
    return [found]


def question_record(question: Question) -> dict:
    record = question.to_dict()
    return {name: record[name] for name in FIELDS}


def json_lines(questions: Iterable[Question]) -> Iterator[str]:
    for question in questions:
        yield json.dumps(question_record(question), ensure_ascii=False)


def text_lines(film: Film, questions: Sequence[Question]) -> Iterator[str]:
    kinds = Counter(q.kind for q in questions)
    summary = ", ".join(f"{kind} {n}" for kind, n in kinds.most_common())
    yield f"{film.title} ({film.key}): {len(questions)} questions ({summary})"
    for q in questions:
        yield f"[{q.id}] ({q.kind}, difficulty {q.difficulty}) {q.question}"
        accepted = f"  (also: {', '.join(q.aliases)})" if q.aliases else ""
        yield f"    answer: {q.answer}{accepted}"
        yield "    choices: " + " | ".join(q.choices)
        yield "    evidence: " + " ".join(q.evidence.split())


def bank_lines(films: Sequence[Film], *, as_json: bool) -> Iterator[str]:
    for film in films:
        questions = build_questions(film)
        yield from json_lines(questions) if as_json else text_lines(film, questions)
