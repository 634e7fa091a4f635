"""Whole-process speed of `subtitler transcribe` against bare faster-whisper at the same settings.

Two files: benchmarks/out/sample-180s.mp4 (the bundled English sample looped to 181 s) and
../shared/data/speech/smartphone_fr.mp3 (a real French conversation, 178 s). On each, four
kinds of whole process, every one with a fresh cache folder (our decoded-audio cache starts
empty; the assembled models are linked in, see real_speech._fresh_env):
  ours batched      `subtitler transcribe FILE --language xx --profile` (the default path)
  bare batched      faster-whisper's BatchedInferencePipeline, batch 4, vad_filter=True
  ours sequential   the same command with --sequential
  bare sequential   WhisperModel.transcribe, vad_filter=True
all with the base model, beam 5, word timestamps, int8, the language given and
condition_on_previous_text off (our default), on the same cores: bare runs one batch at a time on as
many threads as cores; ours, batched, runs two batches at once on half the threads each (sequential:
one window at a time on every thread, as bare). Each round runs the four once, the order
rotated from round to round; the medians over the rounds (3 by default) give ours/bare for
batched (target <= 1.00) and for sequential (target <= 1.05); each process's CPU time is shown
beside its wall time, as other work on a shared machine sways it less. Our --profile lines give the median
seconds of each stage, and each side's word recall against the reference shows what a speed-up
costs in words.

Also: the hoarse second half of ../shared/data/speech/michaelandsickmichael.wav, which Silero VAD
rejects, must still be transcribed (ours batched: >= 90% of its words); and with --hour, a 1-hour
video (the sample looped) through `subtitler transcribe`, with its peak memory (< 1.5 GB).

Usage: .venv/bin/python benchmarks/transcribe.py [--rounds N] [--only sample|french] [--hour]
Exits 1 when a figure misses its target.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from real_speech import _fresh_env  # noqa: E402
from report import result  # noqa: E402
from speech_references import normalize_words, recording  # noqa: E402

SAMPLE = ROOT / "resources" / "samples" / "sample.mp4"
OUT = ROOT / "benchmarks" / "out"
MODEL = "base"
BATCH = 4
TARGETS = {"batched": 1.00, "sequential": 1.05}
HOARSE_FROM_S = 26.7
"""michaelandsickmichael.wav: the speaker with a cold from here on (acoustic_corpus.wav is the part before)."""
HOARSE_RECALL = 0.90
HOUR_PEAK_MB = 1536
KINDS = ("ours batched", "bare batched", "ours sequential", "bare sequential")
STAGES = (
    "load model", "decode audio (helper thread)", "VAD and speech regions (helper thread)", "waiting for decode and VAD",
    "language detection", "first pass", "features (log-mel)", "encoder", "word alignment", "second pass",
    "speech analysis for timing", "segmentation and refinement", "write output",
)
"""Our --profile stages in the order they happen."""
NESTED = ("decode audio (helper thread)", "VAD and speech regions (helper thread)", "features (log-mel)", "encoder",
          "word alignment")
"""Stages inside another (the passes) or beside one (decoding while the model loads): not added to the total."""
OTHER = "the rest (interpreter, imports, probe)"

_BARE = r"""
import json, os, sys
from faster_whisper import BatchedInferencePipeline, WhisperModel
from subtitler.asr.models import resolve_model
path, model_name, language, mode, batch = sys.argv[1:6]
model = WhisperModel(str(resolve_model(model_name)), device="cpu", compute_type="int8", cpu_threads=os.cpu_count() or 2)
settings = dict(language=language, beam_size=5, word_timestamps=True, vad_filter=True)
if mode == "batched":
    segments, _ = BatchedInferencePipeline(model).transcribe(path, batch_size=int(batch), **settings)
else:
    segments, _ = model.transcribe(path, condition_on_previous_text=False, **settings)
print(json.dumps(" ".join(w.word.strip() for s in segments for w in s.words or ())))
"""


@dataclass
class Media:
    """A file to transcribe, its language and the words said in it."""

    label: str
    path: Path
    language: str
    reference: str


@dataclass
class Runs:
    """Every run of one kind on one file: wall seconds, recall, and our stage times."""

    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    """CPU seconds (user + system) of the whole process: less swayed by other work on the machine."""
    recall: list[float] = field(default_factory=list)
    stages: list[dict[str, float]] = field(default_factory=list)


def looped_sample(seconds: int) -> Path:
    """The sample looped to about ``seconds`` long (stream copy, made once in benchmarks/out)."""
    import imageio_ffmpeg

    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / f"sample-{seconds}s.mp4"
    if not target.exists():
        subprocess.run(
            [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-stream_loop", str(_loops(seconds) - 1),
             "-i", str(SAMPLE), "-c", "copy", str(target)],
            check=True,
        )
    return target


def _loops(seconds: int) -> int:
    """How many copies of the 22.56 s sample make about ``seconds``."""
    return max(1, round(seconds / 22.56))


def media_files() -> list[Media]:
    """The looped English sample and the French conversation, with their reference words."""
    script = json.loads((SAMPLE.parent / "sample.json").read_text(encoding="utf-8"))["sample"]["sentences"]
    sample_text = " ".join(s["text"] for s in script)
    french = recording("smartphone_fr.mp3")
    return [
        Media("sample", looped_sample(180), "en", " ".join([sample_text] * _loops(180))),
        Media("french", french.path, french.language, french.text),
    ]


def recall(reference: str, hypothesis: str) -> float:
    """Share of the reference words found in the hypothesis, counted with multiplicity."""
    ref, hyp = Counter(normalize_words(reference)), Counter(normalize_words(hypothesis))
    return sum(min(n, hyp[w]) for w, n in ref.items()) / max(1, sum(ref.values()))


def _profile(stderr: str) -> dict[str, float]:
    """Our --profile lines: stage -> seconds."""
    found = re.findall(r"^profile: (.+?)\s+([\d.]+) s$", stderr, re.M)
    return {name: float(seconds) for name, seconds in found}


def run_once(kind: str, media: Media) -> tuple[float, float, str, dict[str, float]]:
    """One whole process of ``kind`` on ``media``: wall and CPU seconds, the words it wrote, our stage times."""
    side, mode = kind.split()
    with tempfile.TemporaryDirectory() as tmp:
        env = _fresh_env(Path(tmp) / "cache")
        if side == "ours":
            out = Path(tmp) / "out.subtitler"
            command = [sys.executable, "-m", "subtitler", "transcribe", str(media.path), "--model", MODEL,
                       "--language", media.language, "--profile", "-o", str(out)]
            command += ["--sequential"] if mode == "sequential" else []
        else:
            command = [sys.executable, "-c", _BARE, str(media.path), MODEL, media.language, mode, str(BATCH)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.monotonic()
        done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
        seconds = time.monotonic() - began
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        if done.returncode != 0:
            raise SystemExit(f"{kind} on {media.path.name} failed:\n{done.stderr[-3000:]}")
        if side == "ours":
            from subtitler.core.project import load_project

            transcript = load_project(out).transcript
            text = " ".join(w.text for w in transcript.words) if transcript else ""
            stages = _profile(done.stderr)
            stages[OTHER] = seconds - sum(v for k, v in stages.items() if k not in NESTED)
            return seconds, cpu, text, stages
        return seconds, cpu, json.loads(done.stdout.strip().splitlines()[-1]), {}


def measure(media: Media, rounds: int) -> dict[str, Runs]:
    """``rounds`` rounds of the four kinds on ``media``, the order rotated each round."""
    runs = {kind: Runs() for kind in KINDS}
    for n in range(rounds):
        order = KINDS[n % len(KINDS):] + KINDS[: n % len(KINDS)]
        for kind in order:
            seconds, cpu, text, stages = run_once(kind, media)
            runs[kind].seconds.append(seconds)
            runs[kind].cpu.append(cpu)
            runs[kind].recall.append(recall(media.reference, text))
            runs[kind].stages.append(stages)
            print(f"  round {n + 1} {kind:16} {seconds:6.2f} s ({cpu:6.2f} s CPU)  recall {runs[kind].recall[-1]:.1%}", flush=True)
    return runs


def print_report(media: Media, runs: dict[str, Runs]) -> bool:
    """The medians, ratios and our stage times for one file; True when both ratios meet their targets."""
    print(f"\n== {media.label}: {media.path.name}, language {media.language}, model {MODEL}, beam 5, word timestamps, "
          f"int8, {os.cpu_count()} threads, cold cache, {len(runs[KINDS[0]].seconds)} rounds alternated ==")
    print(f"{'kind':16} {'median s':>9} {'runs':>26} {'CPU s':>7} {'recall':>7}")
    for kind in KINDS:
        r = runs[kind]
        every = " ".join(f"{s:.1f}" for s in r.seconds)
        print(f"{kind:16} {statistics.median(r.seconds):9.2f} {every:>26} {statistics.median(r.cpu):7.1f} "
              f"{statistics.median(r.recall):7.1%}")
    met = True
    for mode, target in TARGETS.items():
        ratio = statistics.median(runs[f"ours {mode}"].seconds) / statistics.median(runs[f"bare {mode}"].seconds)
        ok = ratio <= target
        met &= ok
        cpu = statistics.median(runs[f"ours {mode}"].cpu) / statistics.median(runs[f"bare {mode}"].cpu)
        print(f"ratio ours/bare, {mode}: {ratio:.3f} (target <= {target:.2f}) -> {'OK' if ok else 'OVER'}; "
              f"CPU time {cpu:.3f}")
        result(f"transcribe {media.label}: ours/bare {mode}", f"{ratio:.3f}", f"<= {target:.2f}", ok)
    for mode in TARGETS:
        recall_ours = statistics.median(runs[f"ours {mode}"].recall)
        recall_bare = statistics.median(runs[f"bare {mode}"].recall)
        result(f"transcribe {media.label}: word recall {mode}, ours vs bare",
               f"{recall_ours:.1%} vs {recall_bare:.1%}", "ours >= bare - 1 pt", recall_ours >= recall_bare - 0.01)
    for mode in TARGETS:
        stages = runs[f"ours {mode}"].stages
        seen = {name for s in stages for name in s}
        names = [n for n in STAGES if n in seen] + sorted(seen - set(STAGES) - {OTHER}) + [OTHER]
        print(f"where our time goes, {mode} (median seconds of each stage over the rounds; indented: "
              "inside the stage above or beside it, not counted twice; the encoder, features and word "
              "alignment are summed over the batches decoded at once):")
        for name in names:
            seconds = statistics.median(s.get(name, 0.0) for s in stages)
            print(f"  {'  ' if name in NESTED else ''}{name:<40} {seconds:7.2f}")
    return met


def hoarse_check() -> bool:
    """Ours (default path) on the recording whose hoarse half Silero rejects: is that half transcribed?"""
    michael = recording("michaelandsickmichael.wav")
    hoarse = " ".join(s.text for s in michael.sentences if s.start >= HOARSE_FROM_S)
    media = Media("hoarse", michael.path, michael.language, hoarse)
    seconds, _, text, _ = run_once("ours batched", media)
    found = recall(hoarse, text)
    ok = found >= HOARSE_RECALL
    print(f"\n== rescue: {michael.name} from {HOARSE_FROM_S} s (hoarse, rejected by Silero), ours batched ==")
    print(f"{len(normalize_words(hoarse))} words, {found:.1%} found in {seconds:.1f} s (target >= {HOARSE_RECALL:.0%}) "
          f"-> {'OK' if ok else 'OVER'}")
    result("transcribe: hoarse speech Silero rejects, words found", f"{found:.1%}", f">= {HOARSE_RECALL:.0%}", ok)
    return ok


def hour_run() -> bool:
    """A 1-hour video through `subtitler transcribe`: wall time and peak memory."""
    media = looped_sample(3600)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "hour.srt"
        began = time.monotonic()
        subprocess.run([sys.executable, "-m", "subtitler", "transcribe", str(media), "-o", str(out)], check=True,
                       cwd=ROOT, env=_fresh_env(Path(tmp) / "cache"), capture_output=True)
        seconds = time.monotonic() - began
        cues = out.read_text(encoding="utf-8").count(" --> ")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    ok = peak_mb < HOUR_PEAK_MB
    print(f"\n== 1-hour video through `subtitler transcribe` (default model base): {media.name} ==")
    print(f"wall {seconds:.0f} s ({3600 / seconds:.1f}x real time), {cues} cues, peak RSS {peak_mb:.0f} MB "
          f"(target < {HOUR_PEAK_MB} MB) -> {'OK' if ok else 'OVER'}")
    result("transcribe: 1-hour video, peak memory", f"{peak_mb:.0f} MB", f"< {HOUR_PEAK_MB} MB", ok)
    result("transcribe: 1-hour video, speed", f"{3600 / seconds:.1f}x real time")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the four kinds (median of these; default 3)")
    parser.add_argument("--only", choices=["sample", "french"], help="one file only")
    parser.add_argument("--hour", action="store_true", help="also a 1-hour video, for peak memory")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    met = hour_run() if args.hour else True  # first, so the children's peak RSS is this run's alone
    for media in media_files():
        if args.only and media.label != args.only:
            continue
        print(f"{media.label}: {media.path}", flush=True)
        met &= print_report(media, measure(media, args.rounds))
    met &= hoarse_check()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
