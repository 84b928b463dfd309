"""Speed of ingesting the seed article: parse + store, into a fresh database and the unchanged skip.

`run(quick)` returns the figures; `python -m benchmarks.bench_ingest [--quick]` (or
`python benchmarks/bench_ingest.py`) prints them. Target: ingesting the seed (read, hash, parse, save
in one transaction) under 100 ms. Medians over N runs, each fresh run into a new temporary database
(opening it, with its migrations, is timed separately). The first parse in a process also loads the
parser's name data: reported on its own as ``first_parse_ms`` (only meaningful in a fresh process).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.kb.ingest import INGESTED, UNCHANGED, ingest_paths
from bot.kb.parse import parse_article
from bot.store import Store

SEED = Path(__file__).resolve().parents[1] / "data" / "films" / "red-heat.txt"
TARGET_MS = 100.0


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


async def _measure(runs: int, folder: Path) -> dict[str, list[float]]:
    text = SEED.read_text(encoding="utf-8")
    times: dict[str, list[float]] = {k: [] for k in ("open", "parse", "save", "ingest", "unchanged", "load")}
    for i in range(runs):
        start = time.perf_counter()
        parse_article(text, source=str(SEED))
        times["parse"].append(_ms(start))

        start = time.perf_counter()
        store = await Store.open(folder / f"fresh-{i}.db")
        times["open"].append(_ms(start))
        try:
            start = time.perf_counter()
            report = await ingest_paths(store, [SEED])
            times["ingest"].append(_ms(start))
            assert [r.status for r in report.results] == [INGESTED], report

            start = time.perf_counter()
            report = await ingest_paths(store, [SEED])
            times["unchanged"].append(_ms(start))
            assert [r.status for r in report.results] == [UNCHANGED], report

            film = parse_article(text, source=str(SEED))
            start = time.perf_counter()
            await store.save_film(film, str(SEED), "bench", force=True)
            times["save"].append(_ms(start))

            start = time.perf_counter()
            loaded = await store.load_film(film.key)
            times["load"].append(_ms(start))
            assert loaded == film
        finally:
            await store.close()
    return times


def run(quick: bool = False) -> dict:
    runs = 5 if quick else 30
    start = time.perf_counter()
    parse_article(SEED.read_text(encoding="utf-8"), source=str(SEED))
    first_parse = _ms(start)
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        times = asyncio.run(_measure(runs, Path(tmp)))
    medians = {f"{k}_ms": round(statistics.median(v), 2) for k, v in times.items()}
    return {
        "runs": runs,
        "article_bytes": SEED.stat().st_size,
        "first_parse_ms": round(first_parse, 2),
        **medians,
        "ingest_max_ms": round(max(times["ingest"]), 2),
        "target_ms": TARGET_MS,
        "within_target": medians["ingest_ms"] < TARGET_MS,
    }


LABELS = {
    "first_parse_ms": "first parse in the process (loads name data)",
    "parse_ms": "parse only",
    "save_ms": "store.save_film only (replace, one transaction)",
    "ingest_ms": "ingest into a fresh database (read, hash, parse, save)",
    "ingest_max_ms": "ingest, slowest run",
    "unchanged_ms": "re-ingest of the unchanged file (skip)",
    "load_ms": "store.load_film",
    "open_ms": "Store.open of a new database (migrations)",
}


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    figures = run(quick="--quick" in argv)
    print(f"ingest: {SEED.name} ({figures['article_bytes']} bytes), medians over {figures['runs']} runs")
    for key, label in LABELS.items():
        print(f"  {figures[key]:>9.2f} ms  {label}")
    verdict = "ok" if figures["within_target"] else "MISSED"
    print(f"  target: ingest under {figures['target_ms']:.0f} ms -> {verdict}")


if __name__ == "__main__":
    main()
