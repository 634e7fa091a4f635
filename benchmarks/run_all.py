"""Every benchmark, one after another, then one table of their headline figures (`make bench`).

Each benchmark runs in its own process; its whole output goes to benchmarks/out/logs/NAME.log.
A benchmark's headline figures are its ``result:`` lines (benchmarks/report.py); one that prints
none is shown by its last line. Benchmarks found in this folder but not listed below run last,
without arguments, so a new one is never left out. bundle.py runs with `make bundle` instead: it
measures the frozen bundle that target builds.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/run_all.py [--only NAME ...]
Exits 1 when a benchmark fails or a figure misses its target.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from report import RESULT  # noqa: E402

LOGS = HERE / "out" / "logs"
ORDERED: list[tuple[str, list[str]]] = [
    ("startup.py", []),
    ("formats_10k.py", []),
    ("project_io.py", []),
    ("timeline.py", []),
    ("decode.py", []),
    ("transcribe.py", ["--hour"]),
    ("real_speech.py", []),
    ("synth_speech.py", []),  # makes the speech segmentation.py and batched.py read
    ("segmentation.py", []),
    ("batched.py", ["--quick"]),
    ("align.py", []),
]
NOT_BENCHMARKS = {"run_all.py", "report.py", "speech_references.py", "word_recall.py", "bundle.py"}


@dataclass
class Row:
    """One line of the final table."""

    benchmark: str
    figure: str
    value: str
    target: str
    verdict: str


def benchmarks() -> list[tuple[str, list[str]]]:
    """The listed benchmarks that exist, in order, then any other script in this folder."""
    present = {p.name for p in HERE.glob("*.py")}
    listed = [(name, args) for name, args in ORDERED if name in present]
    others = sorted(present - {name for name, _ in ORDERED} - NOT_BENCHMARKS)
    return listed + [(name, []) for name in others]


def run(name: str, args: list[str]) -> tuple[list[Row], int, float]:
    """Run one benchmark; its table rows, exit status and wall seconds."""
    LOGS.mkdir(parents=True, exist_ok=True)
    log = LOGS / f"{Path(name).stem}.log"
    began = time.monotonic()
    with open(log, "w", encoding="utf-8") as out:
        status = subprocess.run([sys.executable, str(HERE / name), *args], stdout=out, stderr=subprocess.STDOUT,
                                cwd=HERE.parent, env=dict(os.environ)).returncode
    seconds = time.monotonic() - began
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    rows = [Row(name, *m.group("figure", "value", "target", "verdict"))
            for m in (RESULT.match(line) for line in lines) if m]
    if not rows:
        last = next((line.strip() for line in reversed(lines) if line.strip()), "(no output)")
        rows = [Row(name, "last line of its output", last[:70], "-", "-")]
    if status != 0:
        rows.append(Row(name, "exit status", str(status), "0", "FAILED"))
    return rows, status, seconds


def table(rows: list[Row]) -> str:
    """The rows as one aligned text table."""
    head = Row("benchmark", "figure", "value", "target", "verdict")
    cells = [[r.benchmark, r.figure, r.value, r.target, r.verdict] for r in [head, *rows]]
    widths = [max(len(c[i]) for c in cells) for i in range(5)]
    lines = ["  ".join(c[i].ljust(widths[i]) for i in range(5)).rstrip() for c in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these benchmarks (e.g. startup.py)")
    chosen = parser.parse_args().only
    rows: list[Row] = []
    failed = False
    print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    for name, args in benchmarks():
        if chosen and name not in chosen:
            continue
        print(f"{name} {' '.join(args)}".rstrip() + " ...", end=" ", flush=True)
        found, status, seconds = run(name, args)
        print(f"exit {status} in {seconds:.0f} s (log: {LOGS.relative_to(HERE.parent) / (Path(name).stem + '.log')})")
        rows += found
        failed |= status != 0 or any(r.verdict in ("OVER", "FAILED") for r in found)
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()
    print(table(rows))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
