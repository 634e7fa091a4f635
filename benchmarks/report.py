"""The one line format every benchmark prints its headline figures in, for benchmarks/run_all.py's table."""

from __future__ import annotations

import re

__all__ = ["RESULT", "result"]

RESULT = re.compile(r"^result: (?P<figure>.*?) \| (?P<value>.*?) \| (?P<target>.*?) \| (?P<verdict>OK|OVER|-)$")


def result(figure: str, value: str, target: str = "", ok: bool | None = None) -> None:
    """Print one headline figure: what it is, its value, its target and whether it meets it (None: no target)."""
    verdict = "-" if ok is None else ("OK" if ok else "OVER")
    print(f"result: {figure} | {value} | {target or '-'} | {verdict}", flush=True)
