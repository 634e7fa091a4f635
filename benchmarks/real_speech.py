"""Real speech: our default path against plain faster-whisper, side by side, on every recording with a reference.

For each recording in ../shared/data/speech that has a reference (see speech_references.py):
- ours: `subtitler transcribe FILE --language xx -o OUT.subtitler` in a fresh process with a
  fresh cache folder (default model base, default batched path, the language's default preset);
- plain: faster-whisper in a fresh process, the same model, sequential, vad_filter=True,
  word_timestamps=True, beam 5, one segment per cue.
Both are judged under the language's preset (netflix-en / netflix-fr) and the figures printed:
cues per reference sentence, one-word cues, cues under the minimum duration, cues within every
hard limit, straddling cues, sentence ends hit (±0.3 s) by a cue's end (its out-time, as an
SRT shows it) and by its speech end (its last word), WER, repetition loops and RTF
(whole-process wall time / audio length).

Usage: .venv/bin/python benchmarks/real_speech.py [--model base] [--only NAME] [-v]
Exits 1 when a figure misses the issue-10 acceptance (printed as MISS).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from report import result  # noqa: E402
from speech_references import (  # noqa: E402
    Recording,
    one_word_cues,
    recordings,
    repetition_loops,
    sentence_end_hits,
    straddling_cues,
    timed_sentences,
    word_error_rate,
)

from subtitler.core.model import Cue, Word  # noqa: E402
from subtitler.core.presets import get_preset  # noqa: E402
from subtitler.core.rules import check_cues  # noqa: E402

HARD_RULES = {"cpl", "lines", "min-duration", "max-duration", "overlap", "gap", "empty"}
PRESET_FOR = {"en": "netflix-en", "fr": "netflix-fr"}

_PLAIN = r"""
import json, sys
from faster_whisper import WhisperModel
from subtitler.asr.models import resolve_model
path, model_name, language = sys.argv[1:4]
model = WhisperModel(str(resolve_model(model_name)), device="cpu", compute_type="int8", cpu_threads=2)
segments, _ = model.transcribe(path, language=language, beam_size=5, vad_filter=True, word_timestamps=True)
out = [{"start": s.start, "end": s.end, "text": s.text.strip(),
        "words": [[w.start, w.end, w.word.strip(), w.probability] for w in (s.words or [])]} for s in segments]
print(json.dumps(out))
"""


@dataclass
class Run:
    """One side's cues (ms) and the wall time of its whole process."""

    cues: list[Cue]
    seconds: float


def _fresh_env(cache: Path) -> dict[str, str]:
    """The environment with an empty cache folder that still sees the assembled models."""
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    models = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "subtitler" / "models"
    (cache / "subtitler").mkdir(parents=True)
    if models.exists():
        (cache / "subtitler" / "models").symlink_to(models)
    return env


def run_ours(recording: Recording, model: str) -> Run:
    from subtitler.core.project import load_project

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.subtitler"
        command = [sys.executable, "-m", "subtitler", "transcribe", str(recording.path), "--model", model,
                   "--language", recording.language, "-o", str(out)]
        began = time.monotonic()
        subprocess.run(command, check=True, env=_fresh_env(Path(tmp) / "cache"), cwd=ROOT, capture_output=True)
        seconds = time.monotonic() - began
        return Run(list(load_project(out).cues), seconds)


def run_plain(recording: Recording, model: str) -> Run:
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, "-c", _PLAIN, str(recording.path), model, recording.language]
        began = time.monotonic()
        done = subprocess.run(command, check=True, env=_fresh_env(Path(tmp) / "cache"), cwd=ROOT,
                              capture_output=True, text=True)
        seconds = time.monotonic() - began
    cues = []
    for n, s in enumerate(json.loads(done.stdout)):
        words = tuple(Word(round(a * 1000), round(b * 1000), t, p) for a, b, t, p in s["words"])
        cues.append(Cue.create(round(s["start"] * 1000), round(s["end"] * 1000), s["text"], words))
    return Run(cues, seconds)


def figures(recording: Recording, run: Run, duration_s: float) -> dict[str, float]:
    """Every figure of one side on one recording."""
    preset = get_preset(PRESET_FOR[recording.language])
    cues = run.cues
    n = max(1, len(cues))
    texts = [c.plain for c in cues]
    spans = [(c.start / 1000, c.end / 1000) for c in cues]
    # Where each cue's speech starts and ends: its words as timed (the out-time may run up to
    # 0.5 s later for reading speed, or to the next cue when chaining closes a short gap).
    speech_spans = [((c.words[0].start, c.words[-1].end) if c.words else (c.start, c.end)) for c in cues]
    speech_spans = [(a / 1000, b / 1000) for a, b in speech_spans]
    findings = check_cues(cues, preset)
    broken = {f.cue_index for f in findings if f.rule in HARD_RULES}
    sentences = recording.sentences
    timed = max(1, len(timed_sentences(sentences)))
    return {
        "cues": len(cues),
        "cues/sentence": len(cues) / max(1, len(sentences)),
        "one-word %": 100 * one_word_cues(texts) / n,
        "under min %": 100 * sum(c.end - c.start < preset.min_duration_ms for c in cues) / n,
        "in limits %": 100 * (len(cues) - len(broken)) / n,
        "straddle %": 100 * straddling_cues(speech_spans, sentences) / n,
        "ends hit %": 100 * sentence_end_hits(spans, sentences) / timed if timed_sentences(sentences) else 100.0,
        "speech ends hit %": 100 * sentence_end_hits(speech_spans, sentences) / timed if timed_sentences(sentences) else 100.0,
        "WER": word_error_rate(recording.text, " ".join(texts)),
        "loops": repetition_loops(recording.text, " ".join(texts)),
        "RTF": run.seconds / duration_s,
    }


def _duration(path: Path) -> float:
    from subtitler.media.probe import probe

    return (probe(path).duration_ms or 0) / 1000


def _misses(ours: dict[str, float], plain: dict[str, float]) -> list[str]:
    """The issue-10 acceptance figures ours misses on one recording."""
    checks = [
        ("in limits %", ours["in limits %"] == 100),
        ("under min %", ours["under min %"] == 0),
        ("one-word %", ours["one-word %"] <= 5),
        ("straddle %", ours["straddle %"] <= 2),
        ("ends hit %", ours["ends hit %"] >= 90),
        ("loops", ours["loops"] == 0),
        ("WER", ours["WER"] <= plain["WER"] + 0.02),
    ]
    return [name for name, ok in checks if not ok]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="base")
    parser.add_argument("--only", help="one recording's file name")
    parser.add_argument("-v", "--verbose", action="store_true", help="print our cues")
    args = parser.parse_args()
    chosen = [r for r in recordings() if not args.only or r.name == args.only]
    columns = ["cues", "cues/sentence", "one-word %", "under min %", "in limits %", "straddle %",
               "ends hit %", "speech ends hit %", "WER", "loops", "RTF"]
    print(f"model {args.model}; ours = subtitler transcribe (default path, language's preset); "
          "plain = faster-whisper sequential, vad_filter, one segment per cue; fresh process and cache each")
    print(f"{'recording':28} {'side':6} " + " ".join(f"{c:>13}" for c in columns))
    failed = False
    for recording in chosen:
        duration = _duration(recording.path)
        plain_run = run_plain(recording, args.model)
        ours_run = run_ours(recording, args.model)
        plain, ours = figures(recording, plain_run, duration), figures(recording, ours_run, duration)
        misses = _misses(ours, plain)
        failed |= bool(misses)
        for side, row in (("plain", plain), ("ours", ours)):
            cells = " ".join(f"{row[c]:>13.2f}" if isinstance(row[c], float) else f"{row[c]:>13}" for c in columns)
            print(f"{recording.name:28} {side:6} {cells}")
        print(f"{'':28} {'':6} {'MISS: ' + ', '.join(misses) if misses else 'all acceptance figures met'}")
        result(f"real speech {recording.name}: WER ours vs plain", f"{ours['WER']:.2f} vs {plain['WER']:.2f}",
               f"<= {plain['WER'] + 0.02:.2f}", "WER" not in misses)
        result(f"real speech {recording.name}: issue-10 figures", "MISS: " + ", ".join(misses) if misses else "all met",
               "all met", not misses)
        if args.verbose:
            for c in ours_run.cues:
                print(f"    {c.start / 1000:7.2f}-{c.end / 1000:7.2f}  {c.plain.replace(chr(10), ' / ')}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
