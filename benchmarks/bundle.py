"""Run the frozen bundle headless on the sample, with no Python of ours beside it.

Prints the bundle's size and the time to transcribe the sample to SRT, and checks the file.
Run after `make bundle` (which calls it).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "subtitler"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


def word_recall(srt: str) -> float:
    """Share of the sample's true words that appear in the transcribed SRT."""
    truth = json.loads((ROOT / "resources" / "samples" / "sample.json").read_text(encoding="utf-8"))
    spoken = _words(" ".join(s["text"] for s in truth["sample"]["sentences"]))
    found = set(_words(srt))
    return sum(w in found for w in spoken) / len(spoken)


def main() -> int:
    exe = BUNDLE / "subtitler"
    if not exe.exists():
        print(f"no bundle at {exe}: run `make bundle` first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "sample.srt"
        # A bare environment: no virtualenv, no PYTHONPATH, an empty home and cache.
        env = {"PATH": "/usr/bin:/bin", "HOME": tmp, "LANG": "C.UTF-8"}
        started = time.perf_counter()
        result = subprocess.run(
            [str(exe), "transcribe", str(ROOT / "resources" / "samples" / "sample.mp4"),
             "--model", "tiny.en", "-o", str(out)],
            env=env, cwd=tmp, capture_output=True, text=True, timeout=600,
        )
        seconds = time.perf_counter() - started
        if result.returncode != 0:
            print(result.stdout, result.stderr, sep="\n", file=sys.stderr)
            return 1
        text = out.read_text(encoding="utf-8")
    recall = word_recall(text)
    cues = text.count("-->")
    ok = cues >= 4 and recall >= 0.7
    print(f"bundle size: {folder_size(BUNDLE) / 1e6:.0f} MB")
    print(f"frozen transcribe of the sample (tiny.en), cold: {seconds:.1f} s")
    print(f"SRT: {cues} cues, {recall:.0%} of the spoken words found; plausible: {ok}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
