"""Project file speed and size for a two-hour transcript: save, load, autosave, and check.

Run: .venv/bin/python benchmarks/project_io.py
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from subtitler.core.model import Cue, Document, MediaRef, Segment, Transcript, Word
from subtitler.core.presets import get_preset
from subtitler.core.project import RecoverySession, load_project, save_project
from subtitler.core.rules import check_cues

WORDS_PER_MINUTE = 150
MINUTES = 120


def two_hour_document() -> Document:
    """About 18,000 words at 150 words/min, grouped into segments of 12 and cues of 8 words."""
    rng = random.Random(1)
    vocabulary = "the quick brown fox jumps over lazy dog and then some more words appear here".split()
    words: list[Word] = []
    t = 0
    for _ in range(WORDS_PER_MINUTE * MINUTES):
        length = rng.randint(150, 450)
        words.append(Word(t, t + length, rng.choice(vocabulary), round(rng.random(), 6)))
        t += length + rng.randint(0, 200)
    segments = tuple(
        Segment(ws[0].start, ws[-1].end, " ".join(w.text for w in ws), tuple(ws))
        for ws in (words[i : i + 12] for i in range(0, len(words), 12))
    )
    cues = [
        Cue.create(ws[0].start, ws[-1].end, " ".join(w.text for w in ws), ws)
        for ws in (words[i : i + 8] for i in range(0, len(words), 8))
    ]
    return Document(cues, Transcript("en", segments, "base", t), MediaRef("/videos/film.mp4", "", t, 25.0))


def timed(label: str, func: object, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    print(f"{label:<28} {best * 1000:8.1f} ms")
    return best


def main() -> None:
    doc = two_hour_document()
    print(f"document: {len(doc.cues)} cues, {len(doc.transcript.words)} words (transcript + cue copies)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "film.subtitler"
        save = timed("save_project", lambda: save_project(doc, path))
        size = path.stat().st_size
        stored_words = 2 * len(doc.transcript.words)  # the transcript's and the cues' copies
        print(f"{'file size':<28} {size / 1e6:8.2f} MB ({size / stored_words:.1f} bytes a stored word)")
        load = timed("load_project", lambda: load_project(path))
        session = RecoverySession.start()
        auto = timed("write_recovery", lambda: session.write(doc, path))
        session.discard(path)
        session.end()
        check = timed("check_cues (netflix-en)", lambda: check_cues(doc.cues, get_preset("netflix-en")))
    budget = 30.0  # the autosave timer's period, in seconds
    print(f"autosave cost: {auto / budget * 100:.2f}% of a 30 s period; save+load {save + load:.2f} s; check {check:.3f} s")


if __name__ == "__main__":
    main()
