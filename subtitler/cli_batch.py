"""`subtitler batch INPUTS… -o OUTDIR`: every media file in files and folders transcribed, on this machine or a Dask cluster."""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from .core.errors import SubtitlerError

if TYPE_CHECKING:
    from .batch.cluster import BatchEvent
    from .batch.settings import BatchSettings

__all__ = ["add_batch", "cmd_batch"]

_LIMIT_FLAGS = {
    "max_cps": "max_cps", "max_chars": "max_chars_per_line", "max_lines": "max_lines",
    "min_duration": "min_duration_ms", "max_duration": "max_duration_ms",
    "min_gap": "min_gap_frames", "chain_gap": "chain_gap_frames",
}  # fmt: skip


def add_batch(sub: argparse._SubParsersAction) -> None:
    """Declare the batch command and its options."""
    from .cli import _add_force_option, _add_preset_options, _add_words_option, _positive

    p = sub.add_parser(
        "batch",
        help="transcribe every video in files and folders, on this machine or a Dask cluster",
        description=(
            "Transcribe INPUTS (files, or folders searched at any depth for video and audio files by their "
            "extension) into OUTDIR, keeping the folders' layout: season1/ep01.mkv -> OUTDIR/season1/ep01.srt. "
            "Files run in parallel on an embedded Dask cluster sized to this machine, or on an existing one "
            "(--scheduler). A file already done with the same settings is skipped, so an interrupted batch "
            "goes on where it stopped. A file that fails is reported and the others go on. Prints a line per "
            "file and a summary table; --report writes it all as JSON. Exit status 1 when a file failed. "
            "Outputs are written atomically; a file that is not a previous batch output is replaced only "
            "with --force (keeping NAME.bak)."
        ),
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="video or audio file, or folder")
    p.add_argument("-o", "--output", metavar="OUTDIR", required=True, help="folder for the subtitles")
    p.add_argument("--format", default="srt", metavar="EXT[,EXT]", help="formats to write: srt, vtt, ass, ssa, txt, json (default srt)")
    p.add_argument("--project", action="store_true", help="also write a .subtitler project per file (every word's time)")
    p.add_argument("--model", metavar="NAME|PATH", help="model name (see `subtitler models`) or folder (default: base)")
    p.add_argument("--language", metavar="xx", help="spoken language code (default: detect per file)")
    p.add_argument("--task", choices=["transcribe", "translate"], default="transcribe", help="translate = into English")
    p.add_argument("--prompt", metavar="TEXT", help="initial prompt (names, spelling, style)")
    p.add_argument("--no-vad", action="store_true", help="listen to the whole of each file, silences included")
    c = p.add_argument_group("where it runs")
    c.add_argument("--scheduler", metavar="ADDRESS", help="an existing Dask cluster's scheduler (tcp://host:8786); default: an embedded one")
    c.add_argument("--workers", type=_positive(int), metavar="N", help="workers of the embedded cluster (default: one per core, as memory allows)")
    c.add_argument("--threads", type=_positive(int), metavar="N", help="Whisper threads per file (default: the cores shared among the workers)")
    p.add_argument("--report", metavar="FILE.json", help="write every file's result and the totals as JSON")
    _add_words_option(p)
    _add_preset_options(p)
    _add_force_option(p)
    p.set_defaults(handler=cmd_batch)


def settings_from(args: argparse.Namespace) -> "BatchSettings":
    """The batch's settings from the command's flags (SubtitlerError for a bad one)."""
    from .asr.models import DEFAULT_MODEL
    from .batch.settings import BatchSettings
    from .cli_words import words_from

    limits = tuple((field, getattr(args, flag)) for flag, field in _LIMIT_FLAGS.items() if getattr(args, flag) is not None)
    formats = tuple("." + name.strip().lower().lstrip(".") for name in args.format.split(",") if name.strip())
    return BatchSettings(
        model=args.model or DEFAULT_MODEL, language=args.language, task=args.task, preset=args.preset,
        limits=limits, formats=formats, project=args.project, words=words_from(args), vad=not args.no_vad,
        initial_prompt=args.prompt,
    )  # fmt: skip


class _Progress:
    """A line per finished file, and on a terminal a live line: the batch's share done, the files running, time left."""

    def __init__(self, total: int, live: bool) -> None:
        self.total = total
        self.live = live
        self.running: dict[str, float] = {}
        self.finished = 0
        self.started = time.monotonic()
        self.lock = threading.Lock()  # events come from Dask's threads too

    def __call__(self, event: "BatchEvent") -> None:
        from .batch.cluster import FileFinished, FileProgress, FileStarted
        from .core.timecode import format_duration

        with self.lock:
            if isinstance(event, FileStarted):
                self.running[event.source] = 0.0
            elif isinstance(event, FileProgress) and event.source in self.running:
                self.running[event.source] = event.fraction
            elif isinstance(event, FileFinished):
                result = event.result
                self.running.pop(result.source, None)
                self.finished = event.finished
                detail = f"{result.cues} cues, {result.words} words" if result.status in ("done", "skipped") else result.message
                self.clear()
                print(f"[{event.finished}/{event.total}] {result.name}: {result.status} ({detail}) {format_duration(result.seconds)}", flush=True)
            if self.live:
                done = (self.finished + sum(self.running.values())) / max(1, self.total)
                elapsed = time.monotonic() - self.started
                left = f", {format_duration(elapsed * (1 - done) / done)} left" if done > 0.02 else ""
                files = " · ".join(f"{Path(s).stem} {f * 100:.0f}%" for s, f in list(self.running.items())[:3])
                sys.stderr.write(f"\r{done * 100:5.1f}% of {self.total} files{left}  {files}"[:150].ljust(100))
                sys.stderr.flush()

    def clear(self) -> None:
        """Erase the live line."""
        if self.live:
            sys.stderr.write("\r" + " " * 100 + "\r")
            sys.stderr.flush()


def cmd_batch(args: argparse.Namespace) -> int:
    """Transcribe every input, print the summary table, write the report; 1 when a file failed."""
    from .batch.cluster import run_batch
    from .batch.inputs import find_inputs
    from .batch.report import summary_table, write_report

    settings = settings_from(args)
    outdir = Path(args.output)
    if outdir.exists() and not outdir.is_dir():
        raise SubtitlerError(f"{outdir} is not a folder")
    report = Path(args.report) if args.report else None
    if report is not None and report.suffix.lower() != ".json":
        raise SubtitlerError(f"--report {report}: give the report a .json name")
    items = find_inputs(args.inputs)
    if not items:
        raise SubtitlerError("no video or audio files found in " + ", ".join(args.inputs))
    where = args.scheduler or "an embedded Dask cluster"
    print(f"{len(items)} files to {outdir} on {where}", file=sys.stderr)
    started = time.time()
    progress = _Progress(len(items), sys.stderr.isatty())
    results = run_batch(items, outdir, settings, args.scheduler, args.workers, args.threads, args.force, on_event=progress)
    progress.clear()
    print(summary_table(results))
    if report is not None:
        write_report(report, results, settings, started, args.scheduler or "embedded")
        print(f"report: {report}")
    return 1 if any(r.status == "failed" for r in results) else 0
