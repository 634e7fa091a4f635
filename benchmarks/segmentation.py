"""Segmentation and timing against exact truth: our cues vs Whisper's raw segments, side by side.

Needs the speech from benchmarks/synth_speech.py (run it first). Transcribes each file once
with the base model through faster-whisper (word timestamps; cached as JSON in
benchmarks/out), segments the words (subtitler.core.segment), refines the timing against the
audio (subtitler.media.speech + subtitler.core.timing) and prints, for our cues and for
Whisper's segments:
  hard limits (chars/line, lines, max duration, overlaps, min gap), reading speed reached next
  to the share the truth itself allows, cues straddling a sentence boundary (cutting into a
  sentence; cues holding two whole sentences are counted apart), sentence ends on a
  cue end (±0.3 s), in-time error vs the true onset, early out-times and out-time overrun.

Usage: .venv/bin/python benchmarks/segmentation.py [--preset NAME] [--fps F] [--retranscribe] [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import wave
from pathlib import Path
from statistics import median

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from subtitler.core.model import Cue, Segment, Transcript, Word  # noqa: E402
from subtitler.core.presets import Preset, get_preset  # noqa: E402
from subtitler.core.segment import cue_chars, cues_from_transcript, is_sentence_end  # noqa: E402
from subtitler.core.timing import refine_timing  # noqa: E402
from subtitler.media.speech import analyze_speech  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
SENTENCE_END_TOLERANCE_MS = 300


def read_wav(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as fh:
        return np.frombuffer(fh.readframes(fh.getnframes()), np.int16).astype(np.float32) / 32768


def transcribe(name: str, language: str, samples: np.ndarray, again: bool, engine: str) -> Transcript:
    """The base model's transcript of synth-<name>.wav, from the cache when there is one."""
    cache = OUT / f"synth-{name}.base-{engine}.json"
    if cache.exists() and not again:
        data = json.loads(cache.read_text(encoding="utf-8"))
    elif engine == "app":
        from subtitler.asr.engine import TranscribeOptions
        from subtitler.asr.engine import transcribe as app_transcribe

        began = time.monotonic()
        result = app_transcribe(samples, TranscribeOptions(model="base", language=language, cpu_threads=2))
        data = {"language": language, "segments": [
            {"start": s.start, "end": s.end, "text": s.text, "words": [[w.start, w.end, w.text, w.probability] for w in s.words]}
            for s in result.segments
        ]}
        print(f"  transcribed synth-{name} with subtitler.asr.engine in {time.monotonic() - began:.1f} s")
        cache.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    else:
        from faster_whisper import WhisperModel

        from subtitler.asr.models import resolve_model

        model = WhisperModel(str(resolve_model("base")), device="cpu", compute_type="int8", cpu_threads=2)
        began = time.monotonic()
        segments, _ = model.transcribe(
            samples, language=language, word_timestamps=True, condition_on_previous_text=False, beam_size=5, temperature=0.0
        )
        data = {"language": language, "segments": []}
        for s in segments:
            words = [[round(w.start * 1000), round(w.end * 1000), w.word.strip(), w.probability] for w in s.words or []]
            data["segments"].append({"start": round(s.start * 1000), "end": round(s.end * 1000), "text": s.text.strip(), "words": words})
        print(f"  transcribed synth-{name} in {time.monotonic() - began:.1f} s")
        cache.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    segments = tuple(
        Segment(s["start"], s["end"], s["text"], tuple(Word(a, b, t, p) for a, b, t, p in s["words"] if t))
        for s in data["segments"]
    )
    return Transcript(data["language"], segments, "base", len(samples) // 16)


def whisper_cues(transcript: Transcript) -> list[Cue]:
    return [Cue.create(s.start, s.end, s.text, s.words) for s in transcript.segments if s.text]


def pct(part: float, whole: float) -> str:
    return f"{100.0 * part / whole:5.1f}%" if whole else "  n/a"


def ms_stats(values: list[float]) -> str:
    if not values:
        return "n/a"
    arr = np.abs(np.array(values, float))
    return f"median {np.median(arr):4.0f} ms, p90 {np.percentile(arr, 90):4.0f} ms, max {arr.max():5.0f} ms"


def heard(truth: list[dict], transcript: Transcript) -> list[dict]:
    """The sentences Whisper transcribed at least one word of (the others cannot be cued at all)."""
    mids = [(w.start + w.end) / 2 for w in transcript.words]
    return [s for s in truth if any(s["start"] - 150 <= m <= s["end"] + 150 for m in mids)]


def punctuated_bounds(truth: list[dict], transcript: Transcript) -> list[bool]:
    """For each boundary between consecutive sentences: did Whisper end a sentence there?"""
    words = transcript.words
    flags = []
    for k in range(len(truth) - 1):
        middle = (truth[k]["end"] + truth[k + 1]["start"]) / 2
        before = [i for i, w in enumerate(words) if (w.start + w.end) / 2 < middle]
        i = before[-1] if before else None
        flags.append(i is not None and is_sentence_end(words[i].text, words[i + 1].text if i + 1 < len(words) else None))
    return flags


def evaluate(
    cues: list[Cue], truth: list[dict], punctuated: list[bool], preset: Preset, fps: float, verbose: bool
) -> dict[str, str]:
    """The figures for one cue list."""
    n = len(cues)
    gap_min = preset.min_gap_ms(fps)
    rows: dict[str, str] = {}
    rows["cues"] = str(n)
    max_line = max((len(line) for c in cues for line in c.plain.split("\n")), default=0)
    rows["within chars/line"] = pct(sum(all(len(l) <= preset.max_chars_per_line for l in c.plain.split("\n")) for c in cues), n) + f" (longest {max_line})"
    rows["within lines"] = pct(sum(len(c.plain.split("\n")) <= preset.max_lines for c in cues), n)
    rows["within max duration"] = pct(sum(c.duration <= preset.max_duration_ms for c in cues), n)
    rows["overlaps"] = str(sum(b.start < a.end for a, b in zip(cues, cues[1:])))
    rows["gaps under min gap"] = str(sum(0 <= b.start - a.end < gap_min - 1 for a, b in zip(cues, cues[1:])))
    rows["within min duration"] = pct(sum(c.duration >= preset.min_duration_ms for c in cues), n)
    cps_ok = sum(round(c.chars_per_second(), 1) <= preset.max_cps for c in cues)
    cps_missed = 0  # over the limit although the speech under the cue and the room after it allowed it
    for k, c in enumerate(cues):
        if round(c.chars_per_second(), 1) > preset.max_cps:
            speech_start, speech_end = (c.words[0].start, c.words[-1].end) if c.words else (c.start, c.end)
            room = min(speech_end + preset.max_extend_ms, cues[k + 1].start - gap_min if k + 1 < n else 10**9)
            possible = cue_chars(c.text) * 1000.0 / max(1, room - min(c.start, speech_start)) <= preset.max_cps
            cps_missed += possible
            if verbose:
                reason = "MISSED" if possible else "speech too fast for the room after it"
                print(f"    cps {c.chars_per_second():.1f} ({reason}): {cue_chars(c.text)} chars, speech {speech_end - speech_start} ms, "
                      f"shown {c.duration} ms, room {room - c.start} ms: {c.plain!r}")
    # What the truth allows: each sentence shown from its onset to its end + extension, never into the next.
    allowed = 0
    for k, s in enumerate(truth):
        nxt = truth[k + 1]["start"] - gap_min if k + 1 < len(truth) else 10**9
        shown = min(s["end"] + preset.max_extend_ms, max(s["end"], nxt)) - s["start"]
        allowed += cue_chars(s["text"]) * 1000.0 / shown <= preset.max_cps
    rows[f"reading speed ≤ {preset.max_cps:g} cps"] = f"{pct(cps_ok, n)} (truth sentences allow {pct(allowed, len(truth)).strip()})"
    rows["  over it though speech allowed"] = str(cps_missed)
    # Sentence structure.
    # A cue straddles when it crosses a sentence boundary and cuts into either sentence; two whole
    # short sentences may share a cue (issue 10), counted on their own row.
    bounds = [(truth[k]["end"], truth[k + 1]["start"]) for k in range(len(truth) - 1)]
    straddles = with_punctuation = shared = 0
    for c in cues:
        speech = [(w.start + w.end) / 2 for w in c.words] or [c.start, c.end]
        first, last = min(speech), max(speech)
        crossed = [k for k, (a, b) in enumerate(bounds) if first < (a + b) / 2 < last]
        whole = bool(crossed) and all(
            first <= truth[k]["start"] + SENTENCE_END_TOLERANCE_MS and last >= truth[k + 1]["end"] - SENTENCE_END_TOLERANCE_MS
            for k in crossed
        )
        shared += whole
        cut = bool(crossed) and not whole
        straddles += cut
        with_punctuation += cut and any(punctuated[k] for k in crossed)
        if crossed and verbose:
            print(f"    {'two whole sentences' if whole else 'straddles'}: {c.plain!r}")
    rows["cues straddling a sentence"] = f"{straddles} ({pct(straddles, n).strip()}); {with_punctuation} where Whisper punctuated it"
    rows["cues holding two whole sentences"] = str(shared)
    # Where each cue's speech ends (its last word), so chaining and extension do not blur the count.
    ends = [c.words[-1].end if c.words else c.end for c in cues]
    on_end = sum(any(abs(e - s["end"]) <= SENTENCE_END_TOLERANCE_MS for e in ends) for s in truth)
    rows["sentence ends on a cue's last word end"] = pct(on_end, len(truth))
    # In-times: the cue starting nearest each sentence's onset.
    starts = np.array([c.start for c in cues])
    in_errors = [float(starts[np.argmin(np.abs(starts - s["start"]))] - s["start"]) for s in truth]
    rows["in-time error"] = ms_stats(in_errors)
    rows["in-time signed median"] = f"{median(in_errors):+.0f} ms"
    # Out-times: the cue whose end belongs to each sentence's end (the last cue starting inside it).
    early = long_overrun = 0
    overruns: list[float] = []
    frame = 1000.0 / fps
    for s in truth:
        inside = [c for c in cues if s["start"] - SENTENCE_END_TOLERANCE_MS <= c.start < s["end"]]
        if not inside:
            continue
        cue = inside[-1]
        diff = cue.end - s["end"]
        overruns.append(diff)
        later = [c for c in cues if c.start >= cue.end]
        chained = bool(later) and later[0].start - cue.end <= gap_min + 1
        at_min_duration = cue.duration <= preset.min_duration_ms + frame
        if diff > preset.max_extend_ms + frame and not chained and not at_min_duration:
            long_overrun += 1
            if verbose:
                print(f"    overrun {diff:+.0f} ms: {s['text'][:60]}")
        if diff < -frame:
            early += 1
            if verbose:
                print(f"    early end {diff:+.0f} ms: {s['text'][:60]}")
    rows["ends > 1 frame before speech end"] = pct(early, len(truth))
    if overruns:
        arr = np.array(overruns)
        rows["out-time minus speech end"] = f"median {np.median(arr):+4.0f} ms, p10 {np.percentile(arr, 10):+4.0f}, max {arr.max():+4.0f} ms"
        rows["overrun > extension, not chained"] = str(long_overrun)
    if verbose:
        for s, err in zip(truth, in_errors):
            if abs(err) > 60:
                print(f"    in-time {err:+.0f} ms: {s['text'][:60]}")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--preset", help="rules preset (default: netflix-en / netflix-fr by language)")
    parser.add_argument("--fps", type=float, default=25.0)
    parser.add_argument("--retranscribe", action="store_true")
    parser.add_argument(
        "--engine", choices=("app", "direct"), default="direct",
        help="direct: bare faster-whisper at temperature 0 (deterministic); app: subtitler.asr.engine as the app runs it",
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    for name, default_preset in (("en", "netflix-en"), ("fr", "netflix-fr")):
        wav, truth_file = OUT / f"synth-{name}.wav", OUT / f"synth-{name}.json"
        if not wav.exists():
            print(f"missing {wav}: run benchmarks/synth_speech.py first")
            return 1
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        preset = get_preset(args.preset or default_preset)
        samples = read_wav(wav)
        transcript = transcribe(name, truth["language"], samples, args.retranscribe, args.engine)
        began = time.monotonic()
        speech = analyze_speech(samples)
        cues = refine_timing(cues_from_transcript(transcript, preset, fps=args.fps, speech=speech), preset, args.fps, speech=speech)
        took = time.monotonic() - began
        sentences = heard(truth["sentences"], transcript)
        punctuated = punctuated_bounds(sentences, transcript)
        print(f"\nsynth-{name}: {len(sentences)} of {len(truth['sentences'])} sentences transcribed "
              f"({sum(punctuated)} of {len(punctuated)} boundaries punctuated by Whisper), {truth['duration'] / 1000:.0f} s, base model via {args.engine} engine, preset {preset.name} at {args.fps:g} fps "
              f"(analysis + segmentation + timing {took * 1000:.0f} ms)")
        ours = evaluate(cues, sentences, punctuated, preset, args.fps, args.verbose)
        raw = evaluate(whisper_cues(transcript), sentences, punctuated, preset, args.fps, False)
        width = max(len(k) for k in ours)
        print(f"  {'':{width}}  {'subtitler':<52} whisper segments")
        for key in ours:
            print(f"  {key:{width}}  {ours[key]:<52} {raw.get(key, '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
