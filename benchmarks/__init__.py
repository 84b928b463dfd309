"""Benchmarks: scripts that print figures and write a JSON report (``python -m benchmarks``).

Each ``bench_*`` module has ``run(quick: bool) -> dict``; :mod:`benchmarks.runner` runs them all.
See benchmarks/README.md for the targets, the latest table and the machine it ran on.
"""
