"""Smoke run of the benchmarks: `python -m benchmarks --quick` works end to end and its report has every
section with numbers in it. Timings are never asserted (speed targets are the benchmarks' business)."""

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.runner import SECTIONS

ROOT = Path(__file__).resolve().parents[2]

# For each section, figures that must be present and numeric (dotted paths into the section).
FIGURES = {
    "ingest": ["ingest_ms", "parse_ms", "unchanged_ms"],
    "judge": ["unseen_mean_us", "warm_mean_us"],
    "resolver": ["targets.film_mean_us", "targets.catalogue_typo_p95_us"],
    "startup": ["ready_s", "rss_mb", "stages_s.imported", "stages_s.library"],
    "e2e": ["floor_cpu_us_per_command.concurrent", "open_loop.p99_ms", "open_loop.throughput_per_s",
            "bot_peak_rss_mb"],
    "trivia": ["lag.p99_ms", "idle_lag.p99_ms", "bot_cpu_us_per_guess", "answer_cpu_ratio_to_floor"],
}
E2E_KINDS = ["floor", "cast", "quote", "release", "film"]
PER_KIND = ["p50_ms", "p99_ms", "throughput_per_s", "bot_cpu_us_per_command"]


def _at(section: dict, path: str):
    node = section
    for key in path.split("."):
        node = node[key]
    return node


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and not math.isnan(value)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    output = tmp_path_factory.mktemp("bench") / "report.json"
    done = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", "--output", str(output)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ready from a fresh database" in done.stdout  # the table was printed
    return json.loads(output.read_text(encoding="utf-8"))


@pytest.mark.benchmark_smoke
def test_every_section_ran_without_error(report):
    assert report["quick"] is True
    assert sorted(report["sections"]) == sorted(SECTIONS)
    assert {name: section.get("error") for name, section in report["sections"].items()} == dict.fromkeys(SECTIONS)


@pytest.mark.benchmark_smoke
def test_every_section_has_its_figures_as_numbers(report):
    missing = [f"{name}.{path}" for name, paths in FIGURES.items() for path in paths
               if not _number(_at(report["sections"][name], path))]
    assert missing == []


@pytest.mark.benchmark_smoke
def test_end_to_end_covers_every_command_kind_with_numbers(report):
    e2e = report["sections"]["e2e"]
    assert e2e["kinds"] == E2E_KINDS
    for run in ("sequential", "concurrent"):
        bad = [(kind, key) for kind in E2E_KINDS for key in PER_KIND if not _number(e2e[run][kind][key])]
        assert bad == [], run
        assert all(e2e[run][kind]["answered"] == e2e[run][kind]["commands"] for kind in E2E_KINDS)
    assert all(_number(e2e["cpu_ratio_to_floor"][kind]["concurrent"]) for kind in E2E_KINDS)
    assert {k: v for k, v in e2e["cpu_ratio_to_floor"]["floor"].items()} == dict.fromkeys(
        ["sequential", "concurrent", "sequential_pooled", "concurrent_pooled"], 1.0)


@pytest.mark.benchmark_smoke
def test_every_target_was_measured(report):
    rows = report["targets"]
    assert len(rows) == 13
    assert [r["target"] for r in rows if not _number(r["value"]) or r["ok"] is None] == []
    machine = report["machine"]
    assert machine["nproc"] >= 1 and machine["python"].startswith("3.")
