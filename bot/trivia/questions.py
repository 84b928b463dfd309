"""The question bank: every trivia question the templates can safely ask about one film.

``build_questions(film)`` runs each template of :mod:`bot.trivia.templates` and the fill-in-the-blank
template of :mod:`bot.trivia.cloze`, gives each draft a stable
id (a hash of the film key, the template id and the fact's identity: names and values, never list
positions), draws three distractors with a random generator seeded by that id, and drops any question
that cannot offer four distinct choices or whose text duplicates another question's.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

from bot.kb.models import Film
from bot.trivia.aliases import fold
from bot.trivia.cloze import cloze_questions
from bot.trivia.judge import NAME_KINDS, judge
from bot.trivia.templates import TEMPLATES, Context, Draft

# The fact templates, then the fill-in-the-blank sentences of the prose sections.
ALL_TEMPLATES = (*TEMPLATES, cloze_questions)

Judge = Callable[[str, str, str, Iterable[str]], bool]


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    film: str  # film key
    template: str
    kind: str  # the judge's answer kind
    question: str
    answer: str
    aliases: tuple[str, ...]
    choices: tuple[str, str, str, str]  # the answer and three distractors, shuffled once per id
    difficulty: int  # 1 easy .. 3 hard
    evidence: str  # verbatim span of the article

    @property
    def answer_index(self) -> int:
        return self.choices.index(self.answer)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["aliases"] = list(self.aliases)
        data["choices"] = list(self.choices)
        return data


def question_id(film_key: str, template: str, identity: str) -> str:
    digest = hashlib.sha256(f"{film_key}\x1f{template}\x1f{identity}".encode()).hexdigest()
    return digest[:16]


def judge_accepts(guess: str, answer: str, kind: str, aliases: Iterable[str]) -> bool:
    """Whether ``guess`` is too near the answer to be offered as a wrong choice: the judge accepts it,
    or (for names and titles) calls it a near miss. A value one off ("1989" for 1988) is a fair choice."""
    verdict = judge(guess, answer, kind, aliases)
    return verdict.correct or (verdict.close and kind in NAME_KINDS)


def build_questions(film: Film, *, accepts: Judge | None = None) -> tuple[Question, ...]:
    """All questions for ``film``, in template order. ``accepts`` tells whether a candidate distractor
    would be taken as the answer (defaults to the trivia judge, counting near misses as accepted)."""
    accepts = accepts or judge_accepts
    ctx = Context(film)
    out: list[Question] = []
    seen_ids: set[str] = set()
    seen_texts: set[str] = set()
    for template in ALL_TEMPLATES:
        for draft in template(ctx):
            question = _finish(film.key, draft, accepts)
            if question is None or question.id in seen_ids or fold(question.question) in seen_texts:
                continue
            seen_ids.add(question.id)
            seen_texts.add(fold(question.question))
            out.append(question)
    return tuple(out)


def _finish(film_key: str, draft: Draft, accepts: Judge) -> Question | None:
    if not draft.answer.strip() or not draft.evidence.strip():
        return None
    qid = question_id(film_key, draft.template, draft.identity)
    rng = random.Random(qid)
    aliases = tuple(a for a in dict.fromkeys(draft.aliases) if fold(a) != fold(draft.answer))

    def is_answer(candidate: str) -> bool:
        folded = fold(candidate)
        if folded == fold(draft.answer) or any(folded == fold(a) for a in aliases):
            return True
        return accepts(candidate, draft.answer, draft.kind, aliases)

    wrong = draft.distract(rng, is_answer)
    if not wrong or len(wrong) != 3:
        return None
    choices = [draft.answer, *wrong]
    if len({fold(c) for c in choices}) != 4:
        return None
    rng.shuffle(choices)
    return Question(
        id=qid,
        film=film_key,
        template=draft.template,
        kind=draft.kind,
        question=draft.question,
        answer=draft.answer,
        aliases=aliases,
        choices=tuple(choices),  # type: ignore[arg-type]
        difficulty=draft.difficulty,
        evidence=draft.evidence,
    )
