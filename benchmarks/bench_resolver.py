"""Speed of the name resolver: µs per query over the seed film and over a synthetic catalogue.

`run(quick)` returns the figures; `python -m benchmarks.bench_resolver [--quick]` (or
`python benchmarks/bench_resolver.py`) prints them. Targets: under 200 µs per query on one film,
under 5 ms per typo query over a catalogue of 100,000 names (2,000 generated films; 10,000 names
with --quick). The catalogue is generated deterministically: first names from gender-guesser's name
list, surnames and titles from syllables, one typo (substitution, deletion, insertion or swap) per
query; accuracy counts queries whose intended person is among the people listed.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.kb.models import CastMember, Film
from bot.kb.parse import parse_article
from bot.matching import Resolver
from bot.matching.entries import character_display
from tests.matching.test_resolver_table import TABLE

SEED = Path(__file__).resolve().parents[1] / "data" / "films" / "red-heat.txt"
FILM_TARGET_US = 200.0
CATALOGUE_TARGET_US = 5000.0
CAST_PER_FILM = 25  # actors + characters: 50 names a film
RANKS = ["Capt.", "Det.", "Sgt.", "Lt.", "Dr.", "Cmdr."]
_ONSETS = ["b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "k", "kr", "l", "m", "n", "p", "pr",
           "r", "s", "sh", "st", "t", "tr", "v", "w", "z"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ou", "ie"]
_CODAS = ["", "", "n", "r", "s", "l", "tt", "nd", "rk", "v", "sk", "ck"]
_WORDS = ["red", "heat", "night", "city", "last", "dark", "river", "iron", "storm", "silent", "blood",
          "cold", "fire", "glass", "lost", "road", "shadow", "steel", "winter", "zero"]


def _first_names() -> list[str]:
    from gender_guesser.detector import Detector

    names = sorted(n for n in Detector(case_sensitive=True).names if n.isalpha() and n[:1].isupper() and len(n) > 2)
    return names


def _surname(rng: random.Random) -> str:
    syllables = rng.choice((2, 2, 3))
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)).title()


def synthetic_films(count: int, seed: int = 1988) -> list[Film]:
    """``count`` films of CAST_PER_FILM cast rows each, the same for the same arguments."""
    rng = random.Random(seed)
    firsts = _first_names()
    films = []
    for i in range(count):
        title = f"{rng.choice(_WORDS).title()} {rng.choice(_WORDS).title()} {i}"
        cast = []
        for position in range(CAST_PER_FILM):
            actor = f"{rng.choice(firsts)} {_surname(rng)}"
            character = f"{rng.choice(firsts)} {_surname(rng)}"
            rank = rng.choice(RANKS) if rng.random() < 0.2 else None
            cast.append(CastMember(position, actor, character, f"{actor} as {character}", rank=rank))
        films.append(Film(key=f"film-{i}", title=title, evidence="", year=1950 + i % 70, cast=tuple(cast)))
    return films


def typo(word: str, rng: random.Random) -> str:
    """One edit in a word of 5+ letters (shorter words are left alone: they must be typed exactly)."""
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    letters = "abcdefghijklmnopqrstuvwxyz"
    match rng.randrange(4):
        case 0:
            return word[:i] + rng.choice(letters) + word[i + 1:]
        case 1:
            return word[:i] + word[i + 1:]
        case 2:
            return word[:i] + rng.choice(letters) + word[i:]
        case _:
            return word[:i - 1] + word[i] + word[i - 1] + word[i + 1:]


def _time(calls) -> list[float]:
    clock = time.perf_counter_ns
    out = []
    for fn in calls:
        start = clock()
        fn()
        out.append((clock() - start) / 1000)
    return out


def _figures(times: list[float]) -> dict:
    ordered = sorted(times)
    return {
        "queries": len(times),
        "mean_us": round(statistics.fmean(times), 1),
        "p50_us": round(ordered[len(ordered) // 2], 1),
        "p95_us": round(ordered[int(len(ordered) * 0.95) - 1], 1),
        "max_us": round(ordered[-1], 1),
    }


def _film_figures(rounds: int) -> dict[str, dict]:
    film = parse_article(SEED.read_text(encoding="utf-8"), source=str(SEED))
    resolver = Resolver.for_film(film)
    queries = [row[0] for row in TABLE]
    exact = [q for q in queries if resolver.resolve(q).best and resolver.resolve(q).best.score == 100]
    fuzzy = [q for q in queries if q not in exact]
    for q in queries:  # warm caches, as a running bot would have them
        resolver.resolve(q)
    out = {}
    for name, group in (("film: all table queries", queries), ("film: exact forms", exact),
                        ("film: typos and misses", fuzzy)):
        out[name] = _figures(_time([(lambda q=q: resolver.resolve(q)) for _ in range(rounds) for q in group]))
    prefixes = sorted({q[:3] for q in queries if len(q) >= 3})
    out["film: autocomplete (3 letters)"] = _figures(_time(
        [(lambda p=p: resolver.suggest(p)) for _ in range(rounds) for p in prefixes]))
    return out


def _catalogue_figures(films: int, queries: int) -> dict[str, dict]:
    rng = random.Random(29)
    start = time.perf_counter()
    catalogue = synthetic_films(films)
    resolver = Resolver.for_films(catalogue)
    build_s = time.perf_counter() - start
    names = films * CAST_PER_FILM * 2
    picks = []
    for _ in range(queries):
        film = rng.choice(catalogue)
        member = rng.choice(film.cast)
        if rng.random() < 0.5:
            display, name = member.actor, member.actor
        else:
            display, name = character_display(member), member.character
        first, last = name.split()[0], name.split()[-1]
        form = rng.choice((f"{first} {last}", last))
        picks.append((film.key, display, " ".join(typo(w, rng) for w in form.split()), form))

    def found(film_first: bool) -> float:
        hits = sum(1 for key, display, query, _ in picks
                   if display in resolver.resolve(query, film_key=key if film_first else None).displays())
        return round(hits / len(picks), 3)

    out = {
        "catalogue: exact forms": _figures(_time([(lambda q=q: resolver.resolve(q)) for _, _, _, q in picks])),
        "catalogue: typos, all films": _figures(_time([(lambda q=q: resolver.resolve(q)) for _, _, q, _ in picks])),
        "catalogue: typos, film first": _figures(_time(
            [(lambda k=k, q=q: resolver.resolve(q, film_key=k)) for k, _, q, _ in picks])),
        "catalogue: autocomplete (3 letters)": _figures(_time(
            [(lambda q=q: resolver.suggest(q[:3])) for _, _, q, _ in picks])),
    }
    out["catalogue: typos, all films"]["found"] = found(film_first=False)
    out["catalogue: typos, film first"]["found"] = found(film_first=True)
    out["catalogue: build"] = {"names": names, "films": films, "build_s": round(build_s, 2)}
    return out


def run(quick: bool = False) -> dict:
    figures = _film_figures(rounds=5 if quick else 50)
    figures.update(_catalogue_figures(films=200 if quick else 2000, queries=200 if quick else 1000))
    film_worst = max(v["mean_us"] for k, v in figures.items() if k.startswith("film:"))
    typo_p95 = max(figures[k]["p95_us"] for k in ("catalogue: typos, all films", "catalogue: typos, film first"))
    figures["targets"] = {
        "film_mean_us": film_worst, "film_target_us": FILM_TARGET_US, "film_ok": film_worst < FILM_TARGET_US,
        "catalogue_typo_p95_us": typo_p95, "catalogue_target_us": CATALOGUE_TARGET_US,
        "catalogue_ok": typo_p95 < CATALOGUE_TARGET_US,
    }
    return figures


def main(argv: list[str]) -> None:
    figures = run(quick="--quick" in argv)
    print(f"{'case':40} {'queries':>8} {'mean µs':>9} {'p50 µs':>9} {'p95 µs':>9} {'max µs':>9} {'found':>6}")
    for name, row in figures.items():
        if "mean_us" not in row:
            continue
        found = "" if row.get("found") is None else f"{row['found']:.3f}"
        print(f"{name:40} {row['queries']:>8} {row['mean_us']:>9} {row['p50_us']:>9} {row['p95_us']:>9} "
              f"{row['max_us']:>9} {found:>6}")
    build = figures["catalogue: build"]
    print(f"catalogue: {build['names']:,} names in {build['films']:,} films, built in {build['build_s']} s")
    t = figures["targets"]
    print(f"one film: worst mean {t['film_mean_us']} µs (target < {t['film_target_us']:.0f}): "
          f"{'ok' if t['film_ok'] else 'MISSED'}")
    print(f"catalogue typos: p95 {t['catalogue_typo_p95_us']} µs (target < {t['catalogue_target_us']:.0f}): "
          f"{'ok' if t['catalogue_ok'] else 'MISSED'}")


if __name__ == "__main__":
    main(sys.argv[1:])
