"""Run every benchmark, check the targets, write the JSON report and print a short table.

``run_all(quick)`` returns the report (a dict); ``main(argv)`` is ``python -m benchmarks [--quick]
[--only NAME ...] [--output PATH]``. The full run writes benchmarks/results/latest.json, the quick one
benchmarks/results/latest-quick.json (benchmarks/results/ is git-ignored). A section that fails is
reported with its error and the others still run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from benchmarks import bench_e2e, bench_ingest, bench_judge, bench_resolver, bench_startup, bench_trivia

RESULTS = Path(__file__).resolve().parent / "results"

# name -> run(quick) -> dict; ordered cheap first, the bot-process benchmarks last
SECTIONS: dict[str, Callable[[bool], dict]] = {
    "ingest": bench_ingest.run,
    "judge": bench_judge.run,
    "resolver": bench_resolver.run,
    "startup": bench_startup.run,
    "e2e": bench_e2e.run,
    "trivia": bench_trivia.run,
}


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = os.getloadavg()
    except OSError:
        load = (math.nan,) * 3
    return {
        "nproc": os.cpu_count(),
        "cpu_model": model or platform.processor(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_at_start": [round(x, 2) for x in load],
    }


def _get(report: dict, *path: str) -> object:
    node: object = report["sections"]
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def targets(report: dict) -> list[dict]:
    """One row per target: what was measured, the limit, and whether it held (None: not measured)."""
    rows: list[dict] = []

    def row(name: str, value: object, limit: float, unit: str, *, at_most: bool = False) -> None:
        number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
        ok = None if number is None or math.isnan(number) else (number <= limit if at_most else number < limit)
        rows.append({"target": name, "value": number, "limit": limit, "unit": unit,
                     "comparison": "<=" if at_most else "<", "ok": ok})

    for kind in ("cast", "quote", "release", "film"):
        row(f"!{kind} bot CPU / floor (concurrent)", _get(report, "e2e", "cpu_ratio_to_floor", kind, "concurrent"),
            bench_e2e.TARGET_LOOKUP_RATIO, "x", at_most=True)
    row("trivia answer bot CPU / floor", _get(report, "trivia", "answer_cpu_ratio_to_floor"),
        bench_trivia.TARGET_ANSWER_RATIO, "x", at_most=True)
    row("p99 latency at 500 commands/s offered", _get(report, "e2e", "open_loop", "p99_ms"),
        bench_e2e.TARGET_P99_MS, "ms")
    row("fuzzy lookup, one film (worst mean)", _get(report, "resolver", "targets", "film_mean_us"),
        bench_resolver.FILM_TARGET_US, "µs")
    row("fuzzy typo over 100k names (p95)", _get(report, "resolver", "targets", "catalogue_typo_p95_us"),
        bench_resolver.CATALOGUE_TARGET_US, "µs")
    row("500 games: event-loop lag p99", _get(report, "trivia", "lag", "p99_ms"),
        bench_trivia.TARGET_LAG_P99_MS, "ms")
    row("ready from a fresh database", _get(report, "startup", "ready_s"), bench_startup.TARGET_READY_S, "s")
    row("RSS with the seed loaded", _get(report, "startup", "rss_mb"), bench_startup.TARGET_RSS_MB, "MB")
    row("ingest one article (fresh db)", _get(report, "ingest", "ingest_ms"), bench_ingest.TARGET_MS, "ms")
    row("judge an unseen guess (slowest case)", _get(report, "judge", "unseen_slowest_case_us"),
        bench_judge.TARGET_US, "µs")
    return rows


def run_all(quick: bool = False, only: list[str] | None = None, log: Callable[[str], None] = print) -> dict:
    started = time.perf_counter()
    report: dict = {
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "quick": quick,
        "machine": machine(),
        "sections": {},
        "section_seconds": {},
    }
    for name, fn in SECTIONS.items():
        if only and name not in only:
            continue
        log(f"running {name}{' (quick)' if quick else ''} ...")
        t0 = time.perf_counter()
        try:
            report["sections"][name] = fn(quick)
        except Exception as exc:  # a broken section is reported; the others still run
            report["sections"][name] = {"error": f"{type(exc).__name__}: {exc}",
                                        "traceback": traceback.format_exc(limit=5)}
        report["section_seconds"][name] = round(time.perf_counter() - t0, 2)
    report["targets"] = targets(report)
    report["duration_s"] = round(time.perf_counter() - started, 1)
    return report


def _fmt(value: object, digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def table(report: dict) -> str:
    lines = []
    m = report["machine"]
    lines.append(f"{m['nproc']} CPUs ({m['cpu_model']}), Python {m['python']}, load at start "
                 f"{m['load_average_at_start']}; {report['duration_s']} s"
                 f"{' (quick)' if report['quick'] else ''}")
    e2e = report["sections"].get("e2e", {})
    if "sequential" in e2e:
        floor = e2e.get("floor_cpu_us_per_command", {})
        lines.append("")
        lines.append(f"end to end (floor !noop: {_fmt(floor.get('concurrent'), 0)} µs bot CPU per command "
                     f"concurrent, {_fmt(floor.get('sequential'), 0)} sequential)")
        lines.append(f"{'command':10} {'seq p50':>8} {'seq p99':>8} {'conc p50':>9} {'conc p99':>9} "
                     f"{'conc /s':>8} {'CPU µs':>8} {'x floor':>8}")
        for kind in e2e["kinds"]:
            s, c = e2e["sequential"][kind], e2e["concurrent"][kind]
            ratio = e2e["cpu_ratio_to_floor"][kind]["concurrent"]
            lines.append(f"{kind:10} {_fmt(s['p50_ms'])!s:>8} {_fmt(s['p99_ms'])!s:>8} {_fmt(c['p50_ms'])!s:>9} "
                         f"{_fmt(c['p99_ms'])!s:>9} {_fmt(c['throughput_per_s'], 0)!s:>8} "
                         f"{_fmt(c['bot_cpu_us_per_command'], 0)!s:>8} {_fmt(ratio)!s:>8}")
        o = e2e["open_loop"]
        lines.append(f"open loop {o['offered_per_s']:.0f}/s for {o['seconds']:.0f} s (all kinds in turn): "
                     f"p50 {_fmt(o['p50_ms'])} ms, p99 {_fmt(o['p99_ms'])} ms, max {_fmt(o['max_ms'])} ms, "
                     f"{o['answered']}/{o['commands']} answered; bot peak RSS {_fmt(e2e['bot_peak_rss_mb'], 1)} MB")
        for lower in e2e.get("open_loop_lower_rates", []):
            lines.append(f"open loop {lower['offered_per_s']:.0f}/s for 5 s: p50 {_fmt(lower['p50_ms'])} ms, "
                         f"p99 {_fmt(lower['p99_ms'])} ms")
        bare = e2e.get("bare_discord_py_floor", {})
        if bare:
            lines.append(f"bare discord.py bot, same floor command: {_fmt(bare['concurrent']['bot_cpu_us_per_command'], 0)}"
                         f" µs CPU per command concurrent, {_fmt(bare['sequential']['bot_cpu_us_per_command'], 0)} "
                         f"sequential; open loop {bare['open_loop']['offered_per_s']:.0f}/s p99 "
                         f"{_fmt(bare['open_loop']['p99_ms'])} ms")
    lines.append("")
    lines.append(f"{'target':42} {'measured':>12} {'limit':>12}  ok")
    for r in report["targets"]:
        verdict = {True: "ok", False: "MISSED", None: "not measured"}[r["ok"]]
        lines.append(f"{r['target']:42} {_fmt(r['value']) + ' ' + r['unit']:>12} "
                     f"{r['comparison'] + ' ' + _fmt(r['limit'], 1) + ' ' + r['unit']:>12}  {verdict}")
    for name, section in report["sections"].items():
        if "error" in section:
            lines.append(f"section {name} FAILED: {section['error']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a few-second smoke version")
    parser.add_argument("--only", nargs="+", choices=list(SECTIONS), help="run only these sections")
    parser.add_argument("--output", type=Path, help="where to write the JSON report")
    args = parser.parse_args(argv)
    report = run_all(quick=args.quick, only=args.only, log=lambda s: print(s, file=sys.stderr))
    output = args.output or RESULTS / ("latest-quick.json" if args.quick else "latest.json")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    print(table(report))
    print(f"\nreport: {output}")
    return 1 if any("error" in s for s in report["sections"].values()) else 0
