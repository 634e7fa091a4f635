"""Decode the audio of a 1-hour video: seconds, real-time factor and peak memory, ours next to faster-whisper's.

Usage: .venv/bin/python benchmarks/decode.py [--hours H] [--shots]

The long file is built once under benchmarks/out/ by looping the bundled sample with ffmpeg.
Each measurement runs in its own child process so that peak RSS belongs to that measurement alone.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "benchmarks" / "out"


def long_file(hours: float) -> Path:
    """The sample looped to ``hours`` (video and audio stream-copied), built once."""
    from subtitler.media.ffmpeg import ffmpeg_exe, input_url
    from subtitler.paths import sample_video

    target = OUT / f"sample-{hours:g}h.mp4"
    if not target.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp.mp4")
        seconds = int(hours * 3600)
        subprocess.run(
            [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-stream_loop", "-1",
             "-i", input_url(sample_video()), "-t", str(seconds), "-map", "0", "-c", "copy", str(tmp)],
            check=True,
        )  # fmt: skip
        tmp.replace(target)
    return target


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def child(kind: str, path: str, cache_dir: str) -> None:
    """Run one measurement and print it as JSON."""
    import os

    os.environ["XDG_CACHE_HOME"] = cache_dir
    import numpy as np  # noqa: F401  (imported before the baseline so it is not counted as decoding)

    from subtitler.media.audio import AudioCache, decode_audio
    from subtitler.media.shots import detect_shot_changes

    baseline = _peak_rss_mb()
    start = time.perf_counter()
    if kind == "ours":
        samples = decode_audio(path)
    elif kind == "faster-whisper":
        from faster_whisper.audio import decode_audio as whisper_decode

        baseline = _peak_rss_mb()
        start = time.perf_counter()
        samples = whisper_decode(path)
    elif kind == "cache-write":
        cache = AudioCache(min_disk_seconds=0)
        samples = cache.get(path)
        cache.flush()
    elif kind == "cache-read":
        samples = AudioCache(min_disk_seconds=0).get(path)
    elif kind == "shots":
        samples = detect_shot_changes(path, use_cache=False)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mb": _peak_rss_mb(), "baseline_mb": baseline, "items": len(samples)}))


def measure(kind: str, path: Path, cache_dir: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path), str(cache_dir)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=1.0)
    parser.add_argument("--shots", action="store_true", help="also time shot-change detection (slow: decodes video)")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return

    import tempfile

    from subtitler.media.probe import probe

    path = long_file(args.hours)
    media_s = probe(path).duration_ms / 1000
    float32_mb = media_s * 16000 * 4 / 2**20
    print(f"file: {path.name}, {media_s / 60:.1f} min; 16 kHz float32 samples = {float32_mb:.0f} MB")
    kinds = ["ours", "faster-whisper", "cache-write", "cache-read"] + (["shots"] if args.shots else [])
    with tempfile.TemporaryDirectory() as cache_dir:
        for kind in kinds:
            r = measure(kind, path, Path(cache_dir))
            over = r["peak_mb"] - r["baseline_mb"]
            print(
                f"{kind:15s} {r['seconds']:7.2f} s  {media_s / r['seconds']:7.0f}x real time  "
                f"peak RSS {r['peak_mb']:6.0f} MB (baseline {r['baseline_mb']:.0f} MB, +{over:.0f} MB = "
                f"{over / float32_mb:.2f}x the samples)"
            )


if __name__ == "__main__":
    main()
