"""The end of a batch: a summary table for the terminal and a JSON report for scripts."""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Sequence

from ..core.formats.atomic import write_atomic
from ..core.timecode import format_duration
from .settings import BatchSettings
from .work import STATUSES, FileResult

__all__ = ["summary_table", "totals", "write_report"]

_HEADERS = ("file", "duration", "words", "cues", "time", "status")


def totals(results: Sequence[FileResult]) -> dict[str, int]:
    """How many files ended in each status, in ``STATUSES`` order (those with none left out)."""
    counts = Counter(r.status for r in results)
    return {status: counts[status] for status in STATUSES if counts[status]}


def _row(result: FileResult) -> tuple[str, ...]:
    done = result.status in ("done", "skipped")
    status = result.status if not result.message or done else f"{result.status}: {result.message}"
    return (
        result.name,
        format_duration(result.duration_ms / 1000) if done else "-",
        str(result.words) if done else "-",
        str(result.cues) if done else "-",
        format_duration(result.seconds),
        status,
    )


def summary_table(results: Sequence[FileResult]) -> str:
    """One row per file (file, duration, words, cues, time, status) and a totals line."""
    rows = [_HEADERS, *(_row(r) for r in results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_HEADERS) - 1)]
    lines = ["  ".join(cell.ljust(width) if i == 0 else cell.rjust(width) for i, (cell, width) in enumerate(zip(row, widths)))
             + "  " + row[-1] for row in rows]  # fmt: skip
    lines.insert(1, "-" * len(lines[0]))
    done = [r for r in results if r.status in ("done", "skipped")]
    media = sum(r.duration_ms for r in done) / 1000
    spent = sum(r.seconds for r in results if r.status != "skipped")
    counts = ", ".join(f"{n} {status}" for status, n in totals(results).items())
    lines.append(f"{len(results)} files: {counts}; {format_duration(media)} of media, {sum(r.words for r in done)} words, "
                 f"{sum(r.cues for r in done)} cues; {format_duration(spent)} of work")
    return "\n".join(lines)


def write_report(path: Path, results: Sequence[FileResult], settings: BatchSettings, started: float, cluster: str) -> None:
    """The batch as JSON, atomically: when, where, with what, each file's result and the totals."""
    report = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(started)),
        "seconds": round(time.time() - started, 2),
        "cluster": cluster,
        "settings": {**asdict(settings), "fingerprint": settings.fingerprint()},
        "files": [r.to_dict() for r in results],
        "totals": totals(results),
    }
    write_atomic(path, (json.dumps(report, indent=1, default=str) + "\n").encode("utf-8"))
