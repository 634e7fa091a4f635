"""Load a 10,000-cue subtitle file and save it back, per format; print the times.

Target: well under 1 s for each load and each save. Run: .venv/bin/python benchmarks/formats_10k.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import result  # noqa: E402
from subtitler.core import formats  # noqa: E402
from subtitler.core.model import Cue, Document  # noqa: E402

CUES = 10_000
TARGET_S = 1.0


def _document() -> Document:
    cues = []
    for i in range(CUES):
        start = i * 2400 + 17
        text = f"<i>Cue number {i}</i>, with some words\nand a second line of text ({i % 7})."
        cues.append(Cue.create(start, start + 2000, text))
    return Document(cues)


def _best_of(runs: int, action) -> float:
    best = float("inf")
    for _ in range(runs):
        begin = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - begin)
    return best


def main() -> int:
    document = _document()
    slowest = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for ext in (".srt", ".vtt", ".ass"):
            source = Path(folder) / f"source{ext}"
            formats.save(document, source)
            loaded = formats.load(source)
            assert len(loaded.document.cues) == CUES and not loaded.problems
            load_s = _best_of(3, lambda: formats.load(source))
            save_s = _best_of(3, lambda: formats.save(loaded.document, Path(folder) / f"back{ext}"))
            size_kb = source.stat().st_size / 1024
            print(
                f"{ext[1:].upper():>3}: {CUES} cues, {size_kb:.0f} KB  load {load_s * 1000:6.1f} ms "
                f"({load_s / TARGET_S:.2f} of target)  save {save_s * 1000:6.1f} ms ({save_s / TARGET_S:.2f} of target)"
            )
            slowest = max(slowest, load_s, save_s)
        # Worst case for the text repair: every cue mangled (UTF-8 read as cp1250).
        mangled = Document(
            [c.with_(text=c.text.replace("words", "mots présentés à").encode().decode("cp1250")) for c in document.cues]
        )
        source = Path(folder) / "mangled.srt"
        formats.save(mangled, source)
        repaired = formats.load(source, repair=True).document.cues[0].text
        assert repaired.endswith("mots présentés à\nand a second line of text (0)."), repaired
        repair_s = _best_of(3, lambda: formats.load(source, repair=True))
        print(f"SRT, every cue mangled: load + detect + repair {repair_s * 1000:6.1f} ms ({repair_s / TARGET_S:.2f} of target)")
    target = f"<= {TARGET_S:.1f} s"
    result("10k cues, slowest load or save (SRT/VTT/ASS)", f"{slowest:.3f} s", target, slowest <= TARGET_S)
    result("10k cues all mangled, load + repair", f"{repair_s:.3f} s", target, repair_s <= TARGET_S)
    slow = max(slowest, repair_s) > TARGET_S
    print("within target" if not slow else "SLOWER THAN TARGET")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
