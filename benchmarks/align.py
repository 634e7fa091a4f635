"""Transcript alignment (issue 13): word timing, utterances, a French conversation, speed.

- word timing: acoustic_corpus.wav with its TextGrid text, lower-case without punctuation; word
  start error (ms) against the TextGrid, for ours (subtitler.asr.align: cross-attention DTW of the
  given words) and for transcription + the word diff of core.textdiff (unmatched words interpolated);
- utterances: michaelandsickmichael.wav with its TextGrid text: cue speech starts/ends against the
  utterances (median ms, each utterance's nearest cue edge), straddling cues, cues in the hard limits;
- French conversation: smartphone_fr.mp3 with the reference text lower-cased and unpunctuated:
  reference sentence ends hit (±0.3 s) by a cue end (its out-time, as README's real-speech table
  counts them) and by a cue's speech end (its last word's end), words lost, restored sentence ends
  that match the reference's (±1 word);
- speed: `subtitler align` on smartphone_fr.mp3 (178 s) against `subtitler transcribe` of it with the
  same model: whole processes, each with an empty cache, alternated, median of 3.

Usage: .venv/bin/python benchmarks/align.py [--model base] [--only timing|utterances|french|speed]
Exits 1 when a figure misses the issue's goal.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from real_speech import _fresh_env  # noqa: E402
from report import result  # noqa: E402
from speech_references import (  # noqa: E402
    SPEECH_DIR,
    normalize_words,
    recording,
    reference_words,
    sentence_end_hits,
    straddling_cues,
)

from subtitler.asr.align import AlignOptions, align  # noqa: E402
from subtitler.asr.engine import TranscribeOptions, transcribe  # noqa: E402
from subtitler.core.aligned import cues_from_aligned  # noqa: E402
from subtitler.core.model import Word  # noqa: E402
from subtitler.core.presets import get_preset  # noqa: E402
from subtitler.core.rules import check_cues  # noqa: E402
from subtitler.core.segment import is_sentence_end  # noqa: E402
from subtitler.core.sentences import restore_sentences  # noqa: E402
from subtitler.core.textdiff import TextWord, align_words  # noqa: E402
from subtitler.core.transcript_import import import_text  # noqa: E402
from subtitler.media.audio import load_audio_cached  # noqa: E402
from subtitler.media.speech import analyze_speech  # noqa: E402

HARD_RULES = {"cpl", "lines", "min-duration", "max-duration", "overlap", "gap", "empty"}
SPEED_ROUNDS = 3


def _errors(words: list[Word], truth: list[float]) -> np.ndarray:
    return np.abs(np.array([w.start for w in words]) / 1000 - np.array(truth)) * 1000


def word_timing(model: str) -> bool:
    reference = reference_words(SPEECH_DIR / "acoustic_corpus.TextGrid")
    texts, truth = [w for _, _, w in reference], [a for a, _, _ in reference]
    path = SPEECH_DIR / "acoustic_corpus.wav"
    ours = align(path, texts, AlignOptions(model=model, language="en")).words
    heard = transcribe(path, TranscribeOptions(model=model, language="en")).words
    units = [TextWord(0, 0, t) for t in texts]
    diffed = [w for w, _ in align_words(units, heard, 0, heard[-1].end if heard else 0)]
    for name, words in (("forced DTW (ours)", list(ours)), ("transcribe + diff", diffed)):
        e = _errors(words, truth)
        print(f"timing  {name:20} start error median {np.median(e):4.0f} ms  p90 {np.percentile(e, 90):4.0f} ms  "
              f"placed {len(words)}/{len(texts)}  flagged {sum(bool(w.flags) for w in words)}")
    e = _errors(list(ours), truth)
    median, p90 = round(float(np.median(e))), round(float(np.percentile(e, 90)))
    ok = median <= 40 and p90 <= 120 and len(ours) == len(texts)
    result("align acoustic_corpus: word start error median / p90", f"{median} / {p90} ms", "<= 40 / <= 120 ms", ok)
    return ok


def _cues(path: Path, text: str, model: str, language: str, preset: str) -> tuple[list, list[Word], list[Word]]:
    """Cues from the unpunctuated text aligned to the audio, with sentences restored; and the words."""
    imported = import_text(text)
    texts = [t.text for t in imported.words]
    result = align(path, texts, AlignOptions(model=model, language=language))
    words = restore_sentences(list(result.words), result.hypothesis, result.matches)
    speech = analyze_speech(load_audio_cached(path))
    cues = cues_from_aligned(imported, words, get_preset(preset), language=language, speech=speech)
    return cues, list(result.words), words


def utterances(model: str) -> bool:
    rec = recording("michaelandsickmichael.wav")
    text = " ".join(s.text for s in rec.sentences)
    cues, _, _ = _cues(rec.path, text, model, "en", "netflix-en")
    spans = [(c.words[0].start / 1000, c.words[-1].end / 1000) for c in cues if c.words]
    starts = [min(abs(a - s.start) for a, _ in spans) * 1000 for s in rec.sentences]
    ends = [min(abs(b - s.end) for _, b in spans) * 1000 for s in rec.sentences]
    findings = check_cues(cues, get_preset("netflix-en"))
    broken = {f.cue_index for f in findings if f.rule in HARD_RULES}
    straddles = straddling_cues(spans, rec.sentences)
    print(f"utterances michael: start error median {np.median(starts):4.0f} ms, end {np.median(ends):4.0f} ms; "
          f"straddling cues {straddles}/{len(cues)}; "
          f"in hard limits {100 * (len(cues) - len(broken)) / len(cues):.0f}%")
    ok = max(np.median(starts), np.median(ends)) <= 150 and straddles == 0 and not broken
    result("align michaelandsick: start / end error, straddles, hard limits",
           f"{np.median(starts):.0f} / {np.median(ends):.0f} ms, {straddles}, {100 * (len(cues) - len(broken)) / len(cues):.0f}%",
           "<= 150 ms, 0, 100%", ok)
    return ok


def french(model: str) -> bool:
    rec = recording("smartphone_fr.mp3")
    text = " ".join(" ".join(normalize_words(s.text)) for s in rec.sentences)
    cues, _, words = _cues(rec.path, text, model, "fr", "netflix-fr")
    spans = [(c.words[0].start / 1000, c.words[-1].end / 1000) for c in cues if c.words]
    hits = sentence_end_hits(spans, rec.sentences)  # a cue's speech end: its last word's end
    out_hits = sentence_end_hits([(c.start / 1000, c.end / 1000) for c in cues], rec.sentences)  # its out-time
    given = text.split()
    kept = [w.text.strip(".,?!…").lower() for c in cues for w in c.words]
    lost = len(given) - sum(a == b for a, b in zip(given, kept))  # a word lost shifts all after it
    ref_ends, n = set(), 0
    for s in rec.sentences:
        n += len(normalize_words(s.text))
        ref_ends.add(n - 1)
    ours = {k for k, w in enumerate(words) if is_sentence_end(w.text)}
    matched = sum(1 for k in ours if {k - 1, k, k + 1} & ref_ends)
    print(f"french smartphone: sentence ends hit ±0.3 s by a cue end {100 * out_hits / len(rec.sentences):.0f}% "
          f"(by a cue's speech end {100 * hits / len(rec.sentences):.0f}%); words lost "
          f"{lost}; restored ends matching the reference {100 * matched / max(1, len(ours)):.0f}% "
          f"({len(ours)} restored, {len(ref_ends)} in the reference)")
    hit, right = out_hits / len(rec.sentences), matched / max(1, len(ours))
    ok = hit >= 0.85 and lost == 0 and right >= 0.80
    result("align smartphone_fr: sentence ends hit, words lost, restored ends right",
           f"{hit:.0%}, {lost}, {right:.0%}", ">= 85%, 0, >= 80%", ok)
    return ok


def _whole_process(command: list[str]) -> float:
    """Wall seconds of one `subtitler` command, with an empty cache folder."""
    with tempfile.TemporaryDirectory() as tmp:
        began = time.monotonic()
        subprocess.run(command + ["-o", str(Path(tmp) / "out.srt")], check=True, cwd=ROOT, capture_output=True,
                       env=_fresh_env(Path(tmp) / "cache"))
        return time.monotonic() - began


def speed(model: str) -> bool:
    rec = recording("smartphone_fr.mp3")
    with tempfile.TemporaryDirectory() as tmp:
        transcript = Path(tmp) / "transcript.txt"
        transcript.write_text(" ".join(w for s in rec.sentences for w in normalize_words(s.text)), encoding="utf-8")
        subtitler = [sys.executable, "-m", "subtitler"]
        commands = {
            "transcribe": subtitler + ["transcribe", str(rec.path), "--model", model, "--language", "fr"],
            "align": subtitler + ["align", str(rec.path), str(transcript), "--model", model, "--language", "fr"],
        }
        seconds: dict[str, list[float]] = {kind: [] for kind in commands}
        for n in range(SPEED_ROUNDS):
            for kind in list(commands)[:: 1 if n % 2 == 0 else -1]:
                seconds[kind].append(_whole_process(commands[kind]))
    transcribing, aligning = (statistics.median(seconds[kind]) for kind in ("transcribe", "align"))
    runs = "; ".join(f"{kind} " + " ".join(f"{s:.1f}" for s in runs) for kind, runs in seconds.items())
    print(f"speed smartphone_fr (178 s), {model}, whole processes, cold cache, {SPEED_ROUNDS} rounds alternated "
          f"({runs}): transcribe {transcribing:.1f} s, align {aligning:.1f} s (ratio {aligning / transcribing:.2f})")
    ratio = aligning / transcribing
    result("align smartphone_fr: time against transcribing (median of 3)",
           f"{ratio:.2f} ({aligning:.1f} s against {transcribing:.1f} s)", "<= 1.00", ratio <= 1.0)
    return ratio <= 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="base")
    parser.add_argument("--only", choices=["timing", "utterances", "french", "speed"])
    args = parser.parse_args()
    met = True
    for name, run in (("timing", word_timing), ("utterances", utterances), ("french", french), ("speed", speed)):
        if not args.only or args.only == name:
            met &= run(args.model)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
