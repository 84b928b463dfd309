"""Startup to ready from a fresh database, and the bot's memory with the seed loaded.

`run(quick)` returns the figures; `python -m benchmarks.bench_startup [--quick]` prints them. Each run
spawns `benchmarks.bot_process` (a new interpreter) with a new empty database against a sandbox with the
default world, so the time includes starting Python, importing, opening the store (migrations),
ingesting every article in FILMS_DIR, building the library and resolver, loading the extensions and
connecting; ready is discord.py's on_ready (GUILD_READY_TIMEOUT=0.05 s, since the sandbox sends every
guild at once; the library default of 2 s is a wait for guilds to stream in, not work). The stages the
process reports are given as seconds since spawning. RSS is read from the process after ready.

Bytecode: the timed runs start with the project's own modules compiled (``compileall`` over bot/, cogs/
and benchmarks/, as ``pip install`` does for installed packages, whose bytecode is already there). This
environment sets ``PYTHONDONTWRITEBYTECODE=1``, so without that step every start compiled the project's
~100 modules from source again (0.2–0.3 s). One start from source (the project's ``__pycache__`` removed
first) is reported beside it as ``ready_from_source_s``.
"""

from __future__ import annotations

import asyncio
import compileall
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import script
from benchmarks.bench_e2e import FILMS_DIR, RESULTS
from benchmarks.bot_driver import TOKEN, BotProcess
from bot.sandbox import Sandbox

TARGET_READY_S = 1.5
TARGET_RSS_MB = 120.0


async def _once(folder: Path, i: int) -> dict:
    async with Sandbox(token=TOKEN) as sandbox:
        bot = BotProcess(sandbox, database=folder / f"fresh-{i}.db", films_dir=FILMS_DIR,
                         log_path=RESULTS / "bot-startup.log")
        try:
            ready = await bot.start()
            await asyncio.sleep(0.2)  # let it settle after ready
            return {"stages": bot.startup_seconds(), "films": ready["films"], "rss_mb": bot.rss_mb()}
        finally:
            await bot.stop()


ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "cogs", "benchmarks")


def _drop_bytecode() -> None:
    for package in PACKAGES:
        for cache in (ROOT / package).rglob("__pycache__"):
            shutil.rmtree(cache, ignore_errors=True)


def _compile_bytecode() -> bool:
    return all(compileall.compile_dir(ROOT / package, quiet=1) for package in PACKAGES)


async def _run(quick: bool) -> dict:
    runs = 1 if quick else 5
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        from_source = None
        if not quick:
            _drop_bytecode()
            from_source = (await _once(Path(tmp), -1))["stages"]
        compiled = _compile_bytecode()
        results = [await _once(Path(tmp), i) for i in range(runs)]
    stages = {name: round(statistics.median(r["stages"][name] for r in results), 3)
              for name in results[0]["stages"]}
    ready = stages["ready"]
    rss = round(statistics.median(r["rss_mb"] for r in results), 1)
    films = results[0]["films"]
    return {
        "runs": runs,
        "films": films,
        "articles": len(list(FILMS_DIR.glob("*.txt"))),
        "stages_s": stages,  # median seconds since spawn
        "ready_s": ready,
        "ready_s_max": round(max(r["stages"]["ready"] for r in results), 3),
        "ingest_and_library_s": round(stages.get("library", 0.0) - stages.get("store_open", 0.0), 3),
        "bytecode_compiled": compiled,
        "ready_from_source_s": from_source["ready"] if from_source else None,
        "stages_from_source_s": from_source,
        "rss_mb": rss,
        "targets": {
            "ready_s": ready, "ready_target_s": TARGET_READY_S, "ready_ok": ready < TARGET_READY_S,
            "rss_mb": rss, "rss_target_mb": TARGET_RSS_MB, "rss_ok": rss < TARGET_RSS_MB,
        },
    }


run, main = script(_run)

if __name__ == "__main__":
    main()
