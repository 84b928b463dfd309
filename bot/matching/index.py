"""A searchable index over entries: exact forms, words with their postings, and sorted prefixes.

Fuzzy lookup never scans every form: each query word is matched against the (much smaller) word
vocabulary, and only forms holding a close word for every query word are scored with ``WRatio``.
Up to ``SCAN_VOCAB`` words (a film or a few), the vocabulary is scanned whole, bucketed by length
(``fuzz.ratio >= 80`` is impossible when one word is over 1.5x as long as the other): exactly the
forms the word check of ``bot.matching.scoring`` lets through a full scan. Beyond that (a catalogue
of thousands of films) a symmetric deletion index proposes the words within one edit of the query
word (two deletions on the query side for words of 8+ letters), which ``fuzz.ratio`` then confirms:
a catalogue answers in a few milliseconds, at the price of missing words two typos away.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.matching.entries import Entry
from bot.matching.normalize import RANK_WORDS
from bot.matching.scoring import (
    EXPANSION_PENALTY,
    PREFIX_MIN,
    WORD_CLOSE,
    capped,
    exact_only,
    is_initial,
    word_close,
)

FORM, EXPANSION = 2, 1  # tiers of a form: a spelling of the name, a nickname-table variant
PREFILTER_AT = 1500  # more fuzzy candidates than this: cheap fuzz.ratio pass first
PREFILTER_KEEP = 200
PARTIAL_LIMIT = 500  # partially covering forms scored for "closest names" hints
SCAN_VOCAB = 3000  # up to this many distinct words, query words are compared with every one of them
_CACHE_SIZE = 4096


def _deletions(word: str, depth: int) -> set[str]:
    """The word and every string made by deleting up to ``depth`` of its letters (never all)."""
    out = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier if len(w) > 1 for i in range(len(w))}
        out |= frontier
    return out


@dataclass(frozen=True, slots=True)
class Hit:
    form: int  # index into FormIndex.forms
    score: float
    tier: int  # FORM or EXPANSION for exact hits, 0 for fuzzy ones


class FormIndex:
    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: list[Entry] = list(entries)
        self.forms: list[str] = []
        self.owner: list[int] = []
        self.tier: list[int] = []
        self.form_rank: list[int] = []  # position of the form among its entry's forms
        self.ranked: set[int] = set()  # forms led by a rank ("capt danko"): scored for queries with one
        self.exact: dict[str, list[int]] = {}
        postings: dict[str, list[int]] = {}
        for e_idx, entry in enumerate(self.entries):
            seen: set[str] = set()
            for tier, forms in ((FORM, entry.forms), (EXPANSION, entry.expansions)):
                for rank, form in enumerate(forms, start=0 if tier == FORM else len(entry.forms)):
                    if form in seen or not form:
                        continue
                    seen.add(form)
                    f_idx = len(self.forms)
                    self.forms.append(form)
                    self.owner.append(e_idx)
                    self.tier.append(tier)
                    self.form_rank.append(rank)
                    if form.split(" ", 1)[0] in RANK_WORDS:
                        self.ranked.add(f_idx)
                    self.exact.setdefault(form, []).append(f_idx)
                    for word in set(form.split()):
                        postings.setdefault(word, []).append(f_idx)
        self.postings: dict[str, tuple[int, ...]] = {w: tuple(p) for w, p in postings.items()}
        self.vocab: list[str] = sorted(self.postings)
        self.by_length: dict[int, list[str]] = {}
        for word in self.vocab:
            self.by_length.setdefault(len(word), []).append(word)
        self.sorted_forms: list[str] = sorted(self.exact)
        self._close_cache: dict[str, tuple[str, ...]] = {}
        # Larger vocabularies: a symmetric deletion index (every word under itself and each
        # one-letter deletion) finds the words within one edit of a query word in a few lookups.
        self._deletions: dict[str, list[str]] | None = None
        if len(self.vocab) > SCAN_VOCAB:
            self._deletions = {}
            for word in self.vocab:
                for key in _deletions(word, 1):
                    self._deletions.setdefault(key, []).append(word)

    def __len__(self) -> int:
        return len(self.forms)

    # -- words -----------------------------------------------------------------------------------
    def _prefixed(self, sorted_list: Sequence[str], prefix: str) -> Iterator[str]:
        i = bisect.bisect_left(sorted_list, prefix)
        while i < len(sorted_list) and sorted_list[i].startswith(prefix):
            yield sorted_list[i]
            i += 1

    def close_words(self, word: str) -> tuple[str, ...]:
        """Vocabulary words close to a query word (see scoring.word_close); initials excluded."""
        cached = self._close_cache.get(word)
        if cached is not None:
            return cached
        found: list[str] = [word] if word in self.postings else []
        if not exact_only(word) and not is_initial(word):
            n = len(word)
            if self._deletions is None:
                for length in range(math.ceil(n / 1.5), math.floor(n * 1.5) + 1):
                    bucket = self.by_length.get(length)
                    if bucket:
                        found.extend(w for w, _, _ in process.extract(
                            word, bucket, scorer=fuzz.ratio, score_cutoff=WORD_CLOSE, limit=None))
            else:
                near = {w for key in _deletions(word, 2 if n >= 8 else 1) for w in self._deletions.get(key, ())}
                found.extend(sorted(w for w in near if fuzz.ratio(word, w, score_cutoff=WORD_CLOSE)))
            if n >= PREFIX_MIN:
                found.extend(self._prefixed(self.vocab, word))
        result = tuple(dict.fromkeys(found))
        if len(self._close_cache) >= _CACHE_SIZE:
            self._close_cache.clear()
        self._close_cache[word] = result
        return result

    def _word_sets(self, words: list[str]) -> list[set[int]]:
        return [set().union(*(self.postings[w] for w in self.close_words(word)))
                for word in words if not is_initial(word)]

    # -- lookups ---------------------------------------------------------------------------------
    def exact_hits(self, query: str) -> list[Hit]:
        return [Hit(f, 100.0, self.tier[f]) for f in self.exact.get(query, ())]

    def fuzzy_hits(self, query: str, *, cutoff: float, partial: bool = False) -> list[Hit]:
        """Forms scoring at least ``cutoff``; with ``partial`` also capped scores of forms covering
        only some query words (for "closest names" hints)."""
        words = query.split()
        initials = [w for w in words if is_initial(w)]
        sets = sorted(self._word_sets(words), key=len)
        if not sets:  # nothing but initials: too little to search on
            return []
        full = set(sets[0]).intersection(*sets[1:])
        if not any(w in RANK_WORDS for w in words):
            # the same form without its rank scores at least as well; skipping saves most of the
            # WRatio calls on characters with ranks (16 rank forms for a "Det. Sgt.")
            full -= self.ranked
        if initials:
            full = {f for f in full if all(any(word_close(i, w) for w in self.forms[f].split()) for i in initials)}
        hits = self._score(query, sorted(full), cutoff)
        if partial:
            rest = sorted(set().union(*sets) - full)[:PARTIAL_LIMIT]
            for hit in self._score(query, rest, cutoff):
                covered = sum(1 for s in sets if hit.form in s)
                form_words = self.forms[hit.form].split()
                covered += sum(1 for i in initials if any(word_close(i, w) for w in form_words))
                score = capped(hit.score, covered / len(words))
                if score >= cutoff:
                    hits.append(Hit(hit.form, score, 0))
        return hits

    def _score(self, query: str, candidates: list[int], cutoff: float) -> list[Hit]:
        if not candidates:
            return []
        if len(candidates) > PREFILTER_AT:
            kept = process.extract(query, [self.forms[f] for f in candidates], scorer=fuzz.ratio,
                                   processor=None, limit=PREFILTER_KEEP)
            candidates = [candidates[i] for _, _, i in kept]
        scored = process.extract(query, [self.forms[f] for f in candidates], scorer=fuzz.WRatio,
                                 processor=None, score_cutoff=cutoff, limit=None)
        out = []
        for _, score, i in scored:
            f = candidates[i]
            if self.tier[f] == EXPANSION:
                score -= EXPANSION_PENALTY
            if score >= cutoff:
                out.append(Hit(f, float(score), 0))
        return out

    def prefix_forms(self, prefix: str, limit: int) -> list[int]:
        """Form indexes of forms starting with ``prefix``, then of forms with a word starting with it;
        at most ``limit`` distinct forms, shortest first within each kind."""
        whole = []
        for form in self._prefixed(self.sorted_forms, prefix):
            whole.append(form)
            if len(whole) >= limit * 4:
                break
        whole.sort(key=lambda f: (len(f), f))
        out = [i for form in whole for i in self.exact[form]]
        if " " not in prefix:
            seen = set(out)
            inner: list[int] = []
            for word in self._prefixed(self.vocab, prefix):
                inner.extend(f for f in self.postings[word] if f not in seen)
                if len(inner) >= limit * 4:
                    break
            inner.sort(key=lambda f: (len(self.forms[f]), f))
            out.extend(dict.fromkeys(inner))
        return out
