"""What the parser knows about the whole article while it reads one part of it.

Names the article states elsewhere are the strongest evidence for splitting run-together names: a
candidate "James Belushi" that also occurs outside the field being split is very likely one person.
Occurrences are counted on an n-gram index of the article's words, built once per article.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

MAX_NGRAM = 4
_STRIP = "\"'“”‘’()[]{},;:!?*|="


def _norm(word: str) -> str:
    word = word.strip(_STRIP)
    # a sentence-final full stop is not part of the word, an initial's is ("G.", "J.W.")
    if word.endswith(".") and not (len(word) >= 2 and word[-2].isupper() and (len(word) == 2 or word[-3] == ".")):
        word = word.rstrip(".")
    return word


def ngram_counts(text: str) -> Counter[str]:
    words = [_norm(w) for w in text.split()]
    counts: Counter[str] = Counter()
    for n in range(1, MAX_NGRAM + 1):
        for i in range(len(words) - n + 1):
            gram = words[i: i + n]
            if all(gram):
                counts[" ".join(gram)] += 1
    return counts


@dataclass
class ArticleContext:
    text: str
    name_tokens: set[str] = field(default_factory=set)  # proper-name words for apostrophe restoration
    warnings: list[str] = field(default_factory=list)
    _index: Counter[str] | None = None
    _local: dict[str, Counter[str]] = field(default_factory=dict)

    def count(self, phrase: str) -> int:
        """How many times ``phrase`` occurs in the article as whole words (up to 4 words)."""
        if self._index is None:
            self._index = ngram_counts(self.text)
        return self._index[" ".join(_norm(w) for w in phrase.split())]

    def stated_elsewhere(self, phrase: str, local: str) -> bool:
        """True when ``phrase`` occurs in the article more often than inside ``local`` (its own span)."""
        if not phrase.strip():
            return False
        if local not in self._local:
            self._local[local] = ngram_counts(local)
        key = " ".join(_norm(w) for w in phrase.split())
        return self.count(phrase) > self._local[local][key]

    def warn(self, message: str) -> None:
        self.warnings.append(message)
