"""Accepted alternative answers, computed from what the film's article itself states.

A short form of a name is accepted only when it points to one person or character of the film:
a surname alone when no other name of the film contains that word, a first name alone when it is
unique too AND the article uses it on its own; a nickname; the name with its rank; a title without
its leading article.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from bot.kb.models import Film
from bot.kb.parse.names import first_name_score

# A character's first word must be at least this common as a first name for "Night Porter" not to
# count as a person called Porter (unless a rank or a nickname says it is a person).
FIRST_NAME_PRIOR = 0.2

_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+(?=\S)", re.IGNORECASE)
_INITIAL = re.compile(r"^(?:[A-Za-z]\.)+$|^[A-Za-z]$")


def fold(text: str) -> str:
    """Case-, accent-, apostrophe- and punctuation-insensitive form, for comparisons inside the bank."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("'", "").replace("\u2019", "").replace(".", "")
    text = re.sub(r"[^\w%$]+", " ", text)
    return " ".join(text.split())


def name_words(name: str) -> list[str]:
    """The words of a name that can stand alone: no initials ("F.", "J.W."), folded."""
    words = []
    for raw in re.split(r"[\s]+", name.strip()):
        if not raw or _INITIAL.match(raw):
            continue
        folded = fold(raw)
        if folded:
            words.append(folded)
    return words


_THE_PLACES = re.compile(
    r"^(united|soviet|czech|dominican|central african)\b|(republic|kingdom|states|union|islands|emirates|netherlands|philippines|bahamas|gambia)$",
    re.I,
)


def place_phrase(name: str) -> str:
    """'the United States', 'the Soviet Union', but 'France'."""
    return f"the {name}" if _THE_PLACES.search(name.strip()) else name


def _natural_order(author: str) -> str:
    """'Dwyer, Michael' -> 'Michael Dwyer'."""
    surname, comma, given = author.partition(",")
    return f"{given.strip()} {surname.strip()}" if comma and given.strip() else author


def without_article(title: str) -> str | None:
    """'The Terminator' -> 'Terminator'; None when the title has no leading article."""
    stripped = _LEADING_ARTICLE.sub("", title.strip(), count=1)
    return stripped if stripped != title.strip() else None


class NameIndex:
    """All names of one film (people, characters, nicknames) and the article's plain text.

    Used to decide which short forms of a name are unambiguous within the film.
    """

    def __init__(self, film: Film, extra_names: Iterable[str] = ()) -> None:
        names: set[str] = set()
        for member in film.cast:
            names.add(member.actor)
            names.add(member.character)
            if member.nickname:
                names.add(member.nickname)
        for credit in film.credits:
            names.add(credit.name)
        citations = []
        for quote in film.quotes:
            if quote.speaker:
                names.add(quote.speaker)
            if quote.citation:
                citations.append(fold(quote.citation.evidence))
                if quote.citation.author:
                    names.add(_natural_order(quote.citation.author))
        names.update(extra_names)
        folded = {fold(n) for n in names if n and n.strip()}
        # A short form of a longer name ("Hill" as a quote's speaker) is not another name.
        self._names = {f for f in folded if not any(set(f.split()) < set(other.split()) for other in folded)}
        # How many distinct names contain each word.
        self._word_owners: Counter[str] = Counter()
        for folded in self._names:
            for word in set(folded.split()):
                self._word_owners[word] += 1
        # The article's own prose: the sections without the cited sources ("Dwyer, Michael. The Irish
        # Times ..." does not use "Michael" for anyone of the film).
        text = fold(" ".join(part for s in film.sections for part in (s.text, s.evidence)))
        for cited in citations:
            text = text.replace(cited, " ")
        self._text = " " + " ".join(text.split()) + " "

    def unique_word(self, word: str) -> bool:
        """True when exactly one name of the film contains this word."""
        return self._word_owners.get(fold(word), 0) == 1

    def used_alone(self, word: str, full_name: str, nickname: str | None = None) -> bool:
        """True when the article uses ``word`` on its own: not next to the neighbouring words of the name
        (nor before the nickname, as in 'Viktor "Rosta" Rostavili')."""
        folded_word = fold(word)
        parts = fold(full_name).split()
        if folded_word not in parts:
            return False
        i = parts.index(folded_word)
        after = {parts[i + 1]} if i + 1 < len(parts) else set()
        before = {parts[i - 1]} if i > 0 else set()
        if after and nickname:
            after.update(fold(nickname).split()[:1])
        for match in re.finditer(rf"(?<= ){re.escape(folded_word)}(?= )", self._text):
            prev_word = self._text[: match.start() - 1].rsplit(" ", 1)[-1]
            next_word = self._text[match.end() + 1 :].split(" ", 1)[0]
            if prev_word not in before and next_word not in after:
                return True
        return False


def looks_personal(character: str, *, rank: str | None, nickname: str | None) -> bool:
    """Whether a character's name is a person's name ("Ivan Danko") rather than a role ("Night Clerk")."""
    words = [w for w in character.split() if not _INITIAL.match(w)]
    if len(words) < 2:
        return False
    return bool(rank or nickname) or first_name_score(words[0]) >= FIRST_NAME_PRIOR


def name_aliases(
    name: str,
    index: NameIndex,
    *,
    rank: str | None = None,
    nickname: str | None = None,
    personal: bool = True,
) -> list[str]:
    """Accepted short and long forms of a person's or character's name, besides the name itself.

    ``personal=False`` (a role such as "Night Clerk") allows no surname or first name alone.
    """
    aliases: list[str] = []
    words = [w for w in name.split() if not _INITIAL.match(w)]
    if personal and len(words) >= 2:
        surname = words[-1]
        if index.unique_word(surname):
            aliases.append(surname)
        first = words[0]
        if index.unique_word(first) and index.used_alone(first, name, nickname):
            aliases.append(first)
    if nickname:
        aliases.append(nickname)
    if rank:
        aliases.append(f"{rank} {name}")
    return _dedupe(aliases, exclude=name)


def title_aliases(title: str) -> list[str]:
    stripped = without_article(title)
    return [stripped] if stripped else []


def _dedupe(items: Iterable[str], *, exclude: str) -> list[str]:
    seen = {fold(exclude)}
    out = []
    for item in items:
        key = fold(item)
        if key and key not in seen:
            seen.add(key)
            out.append(item)
    return out
