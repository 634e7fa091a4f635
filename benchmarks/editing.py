"""Everyday editing on a long document: Find & Replace and a spell-check pass over 2,000 cues.

Builds a 2,000-cue document (English and French dialogue with word timings, a misheard name in
every fifth cue, a typo in every seventh), then times, as the editor runs them:
  find: every match of a whole word (core.search.find_all);
  replace all: the replacement (core.search.replace_all, words retimed from the old ones) and its
    one undo step pushed through the real cue table model (what the window does), for a name in
    every fifth cue and for a regular expression that changes every cue;
  spell check: every word of every cue checked (core.spelling), with a fresh verdict cache, after
    the word list is loaded (its load time is printed apart: it happens once, in the background).
Each figure is the median of 5 runs, as wall time and as the CPU time the process used (on a machine
shared with other work the wall time waits for a core; the CPU time is what the edit costs). The
script exits 1 when a CPU time is over 200 ms.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/editing.py [--cues N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from statistics import median
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from subtitler.core.model import Cue, Document, Word  # noqa: E402
from subtitler.core.search import SearchOptions, find_all, replace_all  # noqa: E402
from subtitler.core.spelling import Speller  # noqa: E402

LIMIT_MS = 200.0
RUNS = 5
ENGLISH = [
    "I told Jon we would meet him at the station tomorrow morning.",
    "Nobody knew where the old lighthouse keeper had gone.",
    "We should recieve the letters before the end of the week.",
    "The weather turned cold, so they lit a fire in the kitchen.",
    "Are you sure this is the right road to the village?",
]
FRENCH = [
    "Aujourd'hui, Jon m'a dit qu'il viendrait peut-être demain.",
    "Personne ne savait où était parti le gardien du phare.",
    "Nous devrions recevoir les letres avant la fin de la semaine.",
    "Il faisait froid, alors ils ont allumé un feu dans la cuisine.",
    "Tu es sûr que c'est la bonne route pour le village ?",
]


def make_cues(count: int, lines: list[str]) -> list[Cue]:
    """``count`` cues of two-second dialogue with one timed word per text word."""
    cues = []
    for n in range(count):
        text = lines[n % len(lines)]
        start = n * 2500
        tokens = text.split()
        step = 2000 // len(tokens)
        words = [Word(start + i * step, start + (i + 1) * step - 20, t, 0.9) for i, t in enumerate(tokens)]
        cues.append(Cue.create(start, start + 2000, text, words))
    return cues


def timed(run: Callable[[], object]) -> tuple[tuple[float, float], object]:
    """Median (wall, CPU) milliseconds of ``RUNS`` calls, and the last result."""
    wall, cpu, result = [], [], None
    for _ in range(RUNS):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = run()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return (median(wall), median(cpu)), result


def replace_through_the_model(cues: list[Cue], options: SearchOptions, replacement: str) -> Callable[[], int]:
    """Replace All as the window does it: the result pushed as one undo step on the cue table model."""
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from subtitler.ui.commands import apply_edit
    from subtitler.ui.cue_model import CueTableModel

    QApplication.instance() or QApplication([])

    def run() -> int:
        document = Document(cues=list(cues))
        stack = QUndoStack()
        CueTableModel(document, stack)
        result = replace_all(document.cues, options, replacement)
        apply_edit(stack, document, result.old, result.new, "Replace all")
        assert stack.count() == 1 and document.cue(result.new[0].id) == result.new[0]
        return result.count

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cues", type=int, default=2000)
    args = parser.parse_args()
    over = False
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other work slows every figure)")
    for language, lines in (("en", ENGLISH), ("fr", FRENCH)):
        cues = make_cues(args.cues, lines)
        words = sum(len(c.words) for c in cues)
        print(f"{language}: {len(cues)} cues, {words} words")

        find_ms, matches = timed(lambda: find_all(cues, SearchOptions("Jon", whole_word=True)))
        replace_ms, count = timed(replace_through_the_model(cues, SearchOptions("Jon", whole_word=True), "John"))
        every_ms, every = timed(replace_through_the_model(cues, SearchOptions(r"(\w+)([.?])$", regex=True), r"\1!"))

        started = time.perf_counter()
        speller = Speller(language)
        load_ms = (time.perf_counter() - started) * 1000

        def spell_pass() -> int:
            speller.forget_verdicts()  # every word checked afresh, as on a newly opened document
            return sum(len(speller.misspellings(c.text)) for c in cues)

        spell_ms, misspelled = timed(spell_pass)
        rows = [
            ("find (whole word)", find_ms, f"{len(matches)} matches"),
            ("replace all + undo step", replace_ms, f"{count} replacements: a misheard name"),
            ("  … in every cue", every_ms, f"{every} replacements: the last word of each cue"),
            ("spell-check pass", spell_ms, f"{misspelled} misspelled words"),
        ]
        for name, (wall, cpu), what in rows:
            flag = "" if cpu < LIMIT_MS else f"  OVER {LIMIT_MS:.0f} ms"
            over |= cpu >= LIMIT_MS
            print(f"  {name:<24} {wall:7.1f} ms wall {cpu:7.1f} ms CPU  ({what}){flag}")
        print(f"  {'word list load (once)':<24} {load_ms:7.1f} ms")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
