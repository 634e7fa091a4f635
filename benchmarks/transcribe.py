"""Our transcribe against bare faster-whisper, side by side on the same files and settings.

Prints, for tiny.en and base: wall time, real-time factor and peak memory of each (one fresh
subprocess per measurement, so peak RSS is clean) and the overhead ratio (target <= 1.05);
word recall on every real recording in ../shared/data/speech that has a reference text (ours
vs plain faster-whisper with VAD; michaelandsickmichael.wav must reach 90%); and a 1-hour
video (the sample looped) through `subtitler transcribe`, with its peak memory (< 1.5 GB).

Usage: python benchmarks/transcribe.py [--skip-hour]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "sample.mp4"
SPEECH = ROOT.parent / "shared" / "data" / "speech"
OUT = ROOT / "benchmarks" / "out"
JFK_TEXT = (
    "And so my fellow Americans, ask not what your country can do for you, "
    "ask what you can do for your country."
)
SETTINGS = dict(beam_size=5, condition_on_previous_text=False, word_timestamps=True)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))


def reference_text(audio: Path) -> str | None:
    """The known text of a recording: its .lab, else its TextGrid's non-empty intervals, else the README's."""
    lab = audio.with_suffix(".lab")
    if lab.exists():
        return lab.read_text(encoding="utf-8")
    grid = audio.with_suffix(".TextGrid")
    if grid.exists():
        raw = grid.read_text(encoding="utf-8")
        word_tier = re.search(r'name = "words".*?(?=name = "|\Z)', raw, re.S)
        body = word_tier.group(0) if word_tier else raw
        pieces = re.findall(r'text = "([^"]*)"', body, re.S)
        if not word_tier:
            # utterance tiers: intervals by start time across tiers, so the text reads in order
            items = re.findall(r'xmin = ([\d.]+)\s+xmax = [\d.]+\s+text = "([^"]*)"', raw, re.S)
            pieces = [text for _, text in sorted(items, key=lambda it: float(it[0]))]
        return " ".join(p.replace("\n", " ") for p in pieces if p.strip())
    if audio.name == "jfk.flac":
        return JFK_TEXT
    return None


# Hesitations Whisper (like subtitle style guides) leaves out, and spellings of one word.
FILLERS = {"uh", "um", "er", "erm", "hmm", "mm", "yknow"}
SAME_WORD = {"alright": ["all", "right"]}


def _content_words(text: str) -> list[str]:
    out: list[str] = []
    for word in _words(text):
        if word not in FILLERS:
            out.extend(SAME_WORD.get(word, [word]))
    return out


def recall(reference: str, hypothesis: str, fillers: bool = True) -> float:
    """Share of the reference words found in the hypothesis (counted with multiplicity).

    ``fillers=False`` leaves hesitations out of the reference and treats "alright" as "all right".
    """
    split = _words if fillers else _content_words
    ref, hyp = Counter(split(reference)), Counter(split(hypothesis))
    total = sum(ref.values())
    return sum(min(n, hyp[w]) for w, n in ref.items()) / total if total else 1.0


# --- one measurement, run in its own process -------------------------------------------------


def run_one(kind: str, model: str, media: str, language: str | None) -> dict:
    """Transcribe ``media`` with ours or bare faster-whisper; return time, peak RSS and text."""
    from subtitler.asr.models import resolve_model

    path = str(resolve_model(model))
    started = time.perf_counter()
    if kind == "ours":
        from subtitler.asr.engine import TranscribeOptions, transcribe

        transcript = transcribe(media, TranscribeOptions(model=model, language=language))
        text = " ".join(w.text for w in transcript.words)
        duration = transcript.duration / 1000
    else:
        from faster_whisper import WhisperModel, decode_audio

        whisper = WhisperModel(path, device="cpu", compute_type="int8", cpu_threads=os.cpu_count() or 2)
        audio = decode_audio(media)
        segments, _ = whisper.transcribe(audio, language=language, vad_filter=True, **SETTINGS)
        text = " ".join(w.word.strip() for s in segments for w in s.words)
        duration = len(audio) / 16000
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak_mb, "duration": duration, "text": text}


def measure(kind: str, model: str, media: Path, language: str | None = None) -> dict:
    """``run_one`` in a fresh interpreter."""
    cmd = [sys.executable, __file__, "--one", kind, model, str(media), language or ""]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the report ------------------------------------------------------------------------------


def looped_sample(seconds: int) -> Path:
    """The sample looped to about ``seconds`` long (stream copy, cached in benchmarks/out)."""
    import imageio_ffmpeg

    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / f"sample-{seconds}s.mp4"
    if not target.exists():
        loops = max(0, round(seconds / 22.56) - 1)
        subprocess.run(
            [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-stream_loop", str(loops), "-i", str(SAMPLE),
             "-c", "copy", str(target)],
            check=True,
        )
    return target


def speed_table(media: Path) -> None:
    print(f"\n== speed and memory: {media.name}, language en, beam 5, word timestamps, int8, "
          f"{os.cpu_count()} threads ==")
    print(f"{'model':8} {'run':5} {'seconds':>8} {'x real time':>12} {'peak MB':>8}")
    for model in ("tiny.en", "base"):
        results = {}
        for kind in ("bare", "ours", "bare", "ours"):  # alternate, keep the faster of two
            r = measure(kind, model, media, "en")
            if kind not in results or r["seconds"] < results[kind]["seconds"]:
                results[kind] = r
        for kind, r in results.items():
            print(f"{model:8} {kind:5} {r['seconds']:8.2f} {r['duration'] / r['seconds']:12.1f} {r['peak_mb']:8.0f}")
        ratio = results["ours"]["seconds"] / results["bare"]["seconds"]
        print(f"{model:8} overhead ratio ours/bare = {ratio:.3f} (target <= 1.05)")


def recall_table() -> None:
    print("\n== word recall vs reference (model base, language detected; plain = faster-whisper with VAD) ==")
    print(f"{'recording':34} {'words':>5} {'plain':>7} {'ours':>7}   without fillers: {'plain':>7} {'ours':>7}")
    for audio in sorted(SPEECH.iterdir()):
        if audio.suffix not in (".wav", ".flac", ".mp3"):
            continue
        reference = reference_text(audio)
        if reference is None:
            print(f"{audio.name:34} {'-':>5}  (no reference text)")
            continue
        plain_text = measure("bare", "base", audio)["text"]
        ours_text = measure("ours", "base", audio)["text"]
        plain, ours = recall(reference, plain_text), recall(reference, ours_text)
        plain_c, ours_c = recall(reference, plain_text, False), recall(reference, ours_text, False)
        print(f"{audio.name:34} {len(_words(reference)):5d} {plain:7.1%} {ours:7.1%}   "
              f"{'':16} {plain_c:7.1%} {ours_c:7.1%}")
        if audio.name == "michaelandsickmichael.wav":
            print(f"{'':34} target: ours >= 90% -> all words {'PASS' if ours >= 0.9 else 'FAIL'}, "
                  f"without fillers {'PASS' if ours_c >= 0.9 else 'FAIL'}")


def hour_run() -> None:
    media = looped_sample(3600)
    out = OUT / "sample-3600s.srt"
    out.unlink(missing_ok=True)
    print(f"\n== 1-hour video through `subtitler transcribe` (default model base): {media.name} ==")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "subtitler", "transcribe", str(media), "-o", str(out)], check=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    cues = out.read_text(encoding="utf-8").count(" --> ")
    print(f"wall {seconds:.0f} s ({3600 / seconds:.1f}x real time), {cues} cues, peak RSS {peak_mb:.0f} MB "
          f"(target < 1536 MB) -> {'PASS' if peak_mb < 1536 else 'FAIL'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", nargs=4, metavar=("KIND", "MODEL", "MEDIA", "LANGUAGE"), help=argparse.SUPPRESS)
    parser.add_argument("--skip-hour", action="store_true", help="leave out the 1-hour run")
    args = parser.parse_args()
    if args.one:
        kind, model, media, language = args.one
        print(json.dumps(run_one(kind, model, media, language or None)))
        return 0
    if not args.skip_hour:
        hour_run()  # first, so the children's peak RSS is this run's alone
    speed_table(SAMPLE)
    speed_table(looped_sample(180))
    recall_table()
    return 0


if __name__ == "__main__":
    sys.exit(main())
