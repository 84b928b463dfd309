"""Speed of the trivia answer judge: microseconds per guess over the judge test table.

`run(quick)` returns the figures; `python -m benchmarks.bench_judge [--quick]` (or
`python benchmarks/bench_judge.py`) prints them. Target: well under 100 µs per guess with the parsed
answer cached (a game judges every guess against the same answer).

Each table case is timed many times and summarised by its median, so a busy machine (other processes
on the same cores) shows up in ``max_us`` rather than in the per-case figures. Three situations:
- cold: the first guess at each answer (parsing and caching the answer);
- warm: the answer and the word-pair/text caches filled (a repeated guess in a game);
- unseen: the answer cached, the guess caches emptied before each guess (a new guess).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.trivia import judge
from bot.trivia.judge import _excess, _target
from bot.trivia.values import prepare
from tests.trivia.test_judge import CASES

TARGET_US = 100.0


def _time_case(case, repeats: int, unseen: bool) -> list[float]:
    guess, answer, kind, aliases, _ = case
    clock = time.perf_counter_ns
    times = []
    for _ in range(repeats):
        if unseen:
            _excess.cache_clear()
            prepare.cache_clear()
        start = clock()
        judge(guess, answer, kind, aliases)
        times.append((clock() - start) / 1000)
    return times


def run(quick: bool = False) -> dict:
    repeats = 30 if quick else 300
    cases = [c for c in CASES if c[0].strip()]
    _target.cache_clear()
    _excess.cache_clear()
    prepare.cache_clear()
    cold = [_time_case(c, 1, unseen=False)[0] for c in cases]
    warm: dict[tuple, float] = {}
    unseen: dict[tuple, float] = {}
    worst = 0.0
    for case in cases:
        times = _time_case(case, repeats, unseen=False)
        warm[case[:3]] = statistics.median(times)
        worst = max(worst, *times)
        unseen[case[:3]] = statistics.median(_time_case(case, max(5, repeats // 10), unseen=True))
    by_kind: dict[str, list[float]] = {}
    for key, us in unseen.items():
        by_kind.setdefault(key[2], []).append(us)
    slowest = max(unseen, key=unseen.get)
    return {
        "cases": len(cases),
        "guesses": len(cases) * (repeats + max(5, repeats // 10) + 1),
        "cold_mean_us": round(statistics.fmean(cold), 2),
        "warm_mean_us": round(statistics.fmean(warm.values()), 2),
        "unseen_mean_us": round(statistics.fmean(unseen.values()), 2),
        "unseen_median_us": round(statistics.median(unseen.values()), 2),
        "unseen_slowest_case_us": round(unseen[slowest], 2),
        "unseen_slowest_case": " | ".join(slowest),
        "max_us": round(worst, 2),
        "unseen_mean_us_by_kind": {k: round(statistics.fmean(v), 2) for k, v in sorted(by_kind.items())},
        "target_us": TARGET_US,
        "within_target": unseen[slowest] < TARGET_US,
    }


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    figures = run(quick="--quick" in argv)
    print(f"judge: {figures['guesses']} guesses over {figures['cases']} table cases (per-case medians)")
    for key in (
        "cold_mean_us",
        "warm_mean_us",
        "unseen_mean_us",
        "unseen_median_us",
        "unseen_slowest_case_us",
        "max_us",
    ):
        print(f"  {key:<24} {figures[key]:>9.2f} µs")
    print(f"  slowest case: {figures['unseen_slowest_case']}")
    for kind, us in figures["unseen_mean_us_by_kind"].items():
        print(f"  {kind:<24} {us:>9.2f} µs mean (unseen guess)")
    verdict = "ok" if figures["within_target"] else "MISSED"
    print(f"  target: every case under {figures['target_us']:.0f} µs per unseen guess -> {verdict}")


if __name__ == "__main__":
    main()
