"""Sequential against batched decoding in our engine, side by side on the same speech regions.

Both runs go through subtitler.asr.engine.transcribe with the same Silero + rescued regions,
beam 5 and word timestamps; "batched" packs the regions into 30 s windows (padded with
silence) and decodes them with faster-whisper's BatchedInferencePipeline (batch_size 2, 4 or 8;
the accuracy tables use 4, the engine default), then cuts its 30 s segments into sentence-like
pieces. One fresh subprocess per measurement (clean peak RSS), runs alternated and the faster of
two kept, so a neighbour's load hits both sides alike: compare the ratios.

Prints, for tiny.en and base:
  speed: wall seconds, x real time, peak RSS, seconds until the first segment, ratio seq/batched
         on benchmarks/out/sample-180s.mp4;
  accuracy: word recall (with and without fillers) on the real recordings in ../shared/data/speech
         and on the synthetic speech of benchmarks/synth_speech.py (synth-en, synth-fr), words
         flagged as hallucinations, and word timing against the synthetic truth (first word start
         and last word end of each sentence, and our cues' in-time error after segmentation).

Usage: .venv/bin/python benchmarks/batched.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from transcribe import OUT, ROOT, looped_sample  # noqa: E402
from word_recall import SPEECH, _words, recall, reference_text  # noqa: E402


def unicode_recall(reference: str, hypothesis: str) -> float:
    """``recall`` over words of any script (the shared one splits "météo" at its accents)."""
    ref, hyp = (Counter(re.findall(r"[\w']+", t.lower().replace("’", "'"))) for t in (reference, hypothesis))
    return sum(min(n, hyp[w]) for w, n in ref.items()) / max(1, sum(ref.values()))

KINDS = {"seq": None, "batch2": 2, "batch4": 4, "batch8": 8}
SAMPLE_TRUTH = ROOT / "resources" / "samples" / "sample.json"


# --- one measurement, run in its own process -------------------------------------------------


def run_one(kind: str, model: str, media: str, language: str | None) -> dict:
    """Transcribe ``media`` sequentially or batched; return time, first-segment delay, peak RSS, words."""
    from subtitler.asr.engine import SegmentEvent, TranscribeOptions, transcribe
    from subtitler.core.model import FLAG_HALLUCINATION

    batch = KINDS[kind]
    options = TranscribeOptions(model=model, language=language, batched=batch is not None, batch_size=batch or 8)
    first: list[float] = []
    started = time.perf_counter()

    def on_event(event: object) -> None:
        if isinstance(event, SegmentEvent) and not first:
            first.append(time.perf_counter() - started)

    transcript = transcribe(media, options, on_event)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "first": first[0] if first else seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "duration": transcript.duration / 1000,
        "text": " ".join(w.text for w in transcript.words),
        "flagged": sum(FLAG_HALLUCINATION in w.flags for w in transcript.words),
        "segments": [[s.start, s.end, s.text, [[w.start, w.end, w.text, w.probability] for w in s.words]]
                     for s in transcript.segments],
    }


def measure(kind: str, model: str, media: Path, language: str | None = None) -> dict:
    """``run_one`` in a fresh interpreter."""
    cmd = [sys.executable, __file__, "--one", kind, model, str(media), language or ""]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise RuntimeError(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def alternated(kinds: list[str], model: str, media: Path, language: str | None, rounds: int) -> dict[str, dict]:
    """Each kind run ``rounds`` times in turn (seq, b4, b8, seq, ...); the fastest run of each kept."""
    best: dict[str, dict] = {}
    for _ in range(rounds):
        for kind in kinds:
            r = measure(kind, model, media, language)
            if kind not in best or r["seconds"] < best[kind]["seconds"]:
                best[kind] = r
    return best


# --- the report ------------------------------------------------------------------------------


def speed_table(media: Path, rounds: int) -> None:
    print(f"\n== speed and memory: {media.name}, language en, {rounds} alternated rounds, fastest kept ==")
    truth = json.loads(SAMPLE_TRUTH.read_text(encoding="utf-8"))["sample"]
    print(f"{'model':8} {'run':7} {'seconds':>8} {'x real':>7} {'peak MB':>8} {'1st seg s':>9} "
          f"{'segments':>8} {'flagged':>7} {'recall':>7}  seq/this")
    for model in ("tiny.en", "base"):
        results = alternated(list(KINDS), model, media, "en", rounds)
        for kind, r in results.items():
            copies = round(r["duration"] * 1000 / truth["duration"])
            reference = " ".join(s["text"] for s in truth["sentences"] * copies)
            ratio = results["seq"]["seconds"] / r["seconds"]
            print(f"{model:8} {kind:7} {r['seconds']:8.2f} {r['duration'] / r['seconds']:7.1f} {r['peak_mb']:8.0f} "
                  f"{r['first']:9.2f} {len(r['segments']):8d} {r['flagged']:7d} {recall(reference, r['text']):7.1%}  "
                  f"{ratio:.2f}x")
        same = len({r["text"] for kind, r in results.items() if kind != "seq"}) == 1
        print(f"{model:8} batched transcripts identical for every batch size: {same}")


def recall_table(models: list[str]) -> None:
    print("\n== word recall vs reference, real recordings (language detected for base; batched = batch4) ==")
    print(f"{'recording':30} {'model':8} {'words':>5} {'seq':>7} {'batched':>7}   no fillers: {'seq':>7} {'batched':>7}"
          f"  {'seq s':>6} {'bat s':>6}  flagged seq/bat")
    for audio in sorted(SPEECH.iterdir()):
        reference = reference_text(audio) if audio.suffix in (".wav", ".flac", ".mp3") else None
        if reference is None:
            continue
        for model in models:
            seq, bat = measure("seq", model, audio), measure("batch4", model, audio)
            print(f"{audio.name:30} {model:8} {len(_words(reference)):5d} "
                  f"{recall(reference, seq['text']):7.1%} {recall(reference, bat['text']):7.1%}   "
                  f"{'':11} {recall(reference, seq['text'], False):7.1%} {recall(reference, bat['text'], False):7.1%}"
                  f"  {seq['seconds']:6.1f} {bat['seconds']:6.1f}  {seq['flagged']}/{bat['flagged']}")


def _timing(truth: list[dict], words: list[list]) -> tuple[list[float], list[float]]:
    """Per heard sentence: its first word's start minus the true onset, its last word's end minus the true end."""
    starts, ends = [], []
    for s in truth:
        inside = [w for w in words if s["start"] - 150 <= (w[0] + w[1]) / 2 <= s["end"] + 150]
        if inside:
            starts.append(inside[0][0] - s["start"])
            ends.append(inside[-1][1] - s["end"])
    return starts, ends


def _abs_stats(values: list[float]) -> str:
    arr = np.abs(np.array(values, float))
    return f"{np.median(arr):4.0f}/{np.percentile(arr, 90):4.0f}" if len(arr) else "  n/a"


def synth_table(models: list[str]) -> None:
    from segmentation import evaluate, heard, punctuated_bounds, read_wav

    from subtitler.core.model import Segment, Transcript, Word
    from subtitler.core.presets import get_preset
    from subtitler.core.segment import cues_from_transcript
    from subtitler.core.timing import refine_timing
    from subtitler.media.speech import analyze_speech

    print("\n== synthetic speech with exact truth (benchmarks/synth_speech.py), language forced ==")
    print("word start/end error: |first word start - true onset| and |last word end - true end| per sentence, "
          "median/p90 ms; cue in-time: our cues after segmentation + timing")
    print(f"{'file':9} {'model':8} {'run':7} {'seconds':>7} {'x real':>6} {'recall':>7} {'heard':>6} {'flagged':>7} "
          f"{'start err':>9} {'end err':>9}  cue in-time error")
    for name, preset_name in (("en", "netflix-en"), ("fr", "netflix-fr")):
        wav, truth_file = OUT / f"synth-{name}.wav", OUT / f"synth-{name}.json"
        if not wav.exists():
            print(f"missing {wav}: run benchmarks/synth_speech.py first")
            continue
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        reference = " ".join(s["text"] for s in truth["sentences"])
        samples = read_wav(wav)
        speech = analyze_speech(samples)
        preset = get_preset(preset_name)
        for model in models:
            if name == "fr" and model.endswith(".en"):
                continue
            for kind, r in alternated(["seq", "batch4"], model, wav, truth["language"], 1).items():
                segments = tuple(
                    Segment(a, b, text, tuple(Word(*w) for w in words)) for a, b, text, words in r["segments"]
                )
                transcript = Transcript(truth["language"], segments, model, truth["duration"])
                sentences = heard(truth["sentences"], transcript)
                cues = refine_timing(cues_from_transcript(transcript, preset, fps=25, speech=speech), preset, 25,
                                     speech=speech)
                rows = evaluate(cues, sentences, punctuated_bounds(sentences, transcript), preset, 25, False)
                starts, ends = _timing(sentences, [w for s in r["segments"] for w in s[3]])
                print(f"synth-{name:3} {model:8} {kind:7} {r['seconds']:7.1f} {r['duration'] / r['seconds']:6.1f} "
                      f"{unicode_recall(reference, r['text']):7.1%} {len(sentences):3d}/{len(truth['sentences']):<2d} "
                      f"{r['flagged']:7d} {_abs_stats(starts):>9} {_abs_stats(ends):>9}  {rows['in-time error']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", nargs=4, metavar=("KIND", "MODEL", "MEDIA", "LANGUAGE"), help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="one round of the speed runs instead of two")
    args = parser.parse_args()
    if args.one:
        kind, model, media, language = args.one
        print(json.dumps(run_one(kind, model, media, language or None)))
        return 0
    speed_table(looped_sample(180), 1 if args.quick else 2)
    recall_table(["tiny.en", "base"])
    synth_table(["tiny.en", "base"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
