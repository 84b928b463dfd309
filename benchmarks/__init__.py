"""Benchmarks: scripts that print figures and write a JSON report (``python -m benchmarks``).

Each ``bench_*`` module has ``run(quick: bool) -> dict``; :mod:`benchmarks.runner` runs them all.
See benchmarks/README.md for the targets, the latest table and the machine it ran on.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Awaitable, Callable


def script(measure: Callable[[bool], Awaitable[dict]]) -> tuple[Callable[[bool], dict], Callable[[], None]]:
    """``run(quick) -> dict`` and a ``main()`` printing it as JSON, for a benchmark written as a coroutine."""

    def run(quick: bool = False) -> dict:
        return asyncio.run(measure(quick))

    def main() -> None:
        print(json.dumps(run(quick="--quick" in sys.argv[1:]), indent=2))

    return run, main
