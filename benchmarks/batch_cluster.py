"""Batch throughput on Dask: 2 workers x 1 Whisper thread against 1 worker x 2 threads, on this machine.

Both layouts run the same files through subtitler.batch.cluster.run_batch on a local Dask
cluster of worker processes (as `subtitler batch --scheduler` would use one). Each worker first
does one file of its own, so the model load and imports are out of the timing; then the batch
is timed, twice per layout, alternated, the faster kept (a neighbour's load hits both alike).
Prints files per minute, seconds of media per second of work, and the ratio of the two layouts.

Usage: .venv/bin/python benchmarks/batch_cluster.py [--model base] [--files 6] [--seconds 20]
"""

from __future__ import annotations

import argparse
import logging
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from distributed import LocalCluster  # noqa: E402

from subtitler.batch.cluster import run_batch  # noqa: E402
from subtitler.batch.inputs import BatchItem, find_inputs  # noqa: E402
from subtitler.batch.settings import BatchSettings  # noqa: E402
from subtitler.media.ffmpeg import ffmpeg_exe  # noqa: E402

SAMPLE = ROOT / "resources" / "samples" / "sample.mp4"


def make_files(folder: Path, count: int, seconds: float) -> list[BatchItem]:
    """``count`` different clips of the sample's speech, ``seconds`` long each (the sample looped)."""
    for n in range(count):
        subprocess.run(
            [ffmpeg_exe(), "-v", "error", "-stream_loop", "-1", "-ss", str(n * 3.1 % 20), "-t", str(seconds),
             "-i", str(SAMPLE), "-vn", "-c:a", "aac", str(folder / f"clip{n}.m4a")],
            check=True,
        )  # fmt: skip
    return find_inputs([folder])


def timed_batch(address: str, items: list[BatchItem], settings: BatchSettings, threads: int, out: Path) -> float:
    shutil.rmtree(out, ignore_errors=True)
    started = time.monotonic()
    results = run_batch(items, out, settings, scheduler=address, threads=threads)
    assert all(r.status == "done" for r in results), [r.message for r in results if r.status != "done"]
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="base")
    parser.add_argument("--files", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    settings = BatchSettings(model=args.model)
    layouts = {"2 workers x 1 thread": (2, 1), "1 worker x 2 threads": (1, 2)}
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "media"
        folder.mkdir()
        items = make_files(folder, args.files, args.seconds)
        for name, (workers, threads) in layouts.items():
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                              dashboard_address=None, silence_logs=logging.ERROR) as cluster:  # fmt: skip
                timed_batch(cluster.scheduler_address, items[:workers], settings, threads, Path(tmp) / "warm")
                best[name] = min(timed_batch(cluster.scheduler_address, items, settings, threads, Path(tmp) / "out")
                                 for _ in range(2))  # fmt: skip
    media = args.files * args.seconds
    print(f"batch of {args.files} files x {args.seconds:g} s, model {args.model}, warm workers")
    for name, seconds in best.items():
        print(f"  {name:22s} {seconds:6.1f} s  {args.files * 60 / seconds:5.1f} files/min  {media / seconds:5.1f} s of media per s")
    a, b = best.values()
    print(f"  ratio (2x1 throughput / 1x2 throughput): {b / a:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
