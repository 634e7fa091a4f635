"""Timeline figures on a 2-hour film with 2,000 cues: paint time per zoom, peaks cost next to decoding, pyramid size.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/timeline.py [--runs N] [--skip-decode] [--screenshot]

Exits with status 1 when a figure is over its limit.

1. Paint: a synthetic 2-hour document (2,000 cues with words, speech regions, shot changes) over the
   peaks of 2 hours of synthesized 16 kHz noise-modulated audio, in a 1600 px wide timeline shown
   offscreen, at three zooms. Each figure is the median time the canvas spends in its paint events,
   as Qt delivers them after real input (only the part of the canvas that changed is repainted):
   - new view: the first paint of a random place with nothing cached (every tile drawn);
   - scrolling: the paint after each wheel step (an eighth of the width; the tiles already drawn
     move, the columns that come in are drawn);
   - playback: the paint after the playhead moves 40 ms (one frame at 25 fps);
   - dragging: the paint after each mouse move while a cue is dragged (snapping on).
   Dragging also reports the whole move (the preview computed, then painted).
2. Peaks: a 2-hour AAC file made once with ffmpeg lavfi under benchmarks/out/ is decoded alone, then
   decoded while the peaks are built from the decoder's chunks, each in a fresh process (whole process
   timed), alternately; the figure is the median of the pairs' ratios (a pair runs under like load).
3. Memory: bytes held by the pyramid.
``--screenshot`` also writes docs/screenshots/timeline.png: the bundled sample transcribed with
tiny.en, its waveform, word ticks and a snap marker during a simulated drag.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
OUT = ROOT / "benchmarks" / "out"
HOURS = 2
SR = 16000

import numpy as np  # noqa: E402
from report import result  # noqa: E402


def synthetic_audio(seconds: int) -> np.ndarray:
    """Noise shaped like speech: syllable-rate bursts in phrases, with pauses between them."""
    rng = np.random.default_rng(1)
    out = np.empty(seconds * SR, np.float32)
    block = 60 * SR
    for start in range(0, len(out), block):
        n = min(block, len(out) - start)
        t = (start + np.arange(n)) / SR
        phrase = (np.sin(2 * np.pi * t / 3.6) > -0.3).astype(np.float32)
        syllable = 0.35 + 0.65 * np.abs(np.sin(2 * np.pi * 2.5 * t))
        out[start : start + n] = rng.standard_normal(n).astype(np.float32) * (0.22 * phrase * syllable)
    return out


def synthetic_document(duration_ms: int, count: int):  # noqa: ANN201
    from subtitler.core.model import Cue, Document, Word

    slot = duration_ms // count
    vocabulary = "the quick brown fox jumps over a lazy dog while we talk about subtitles".split()
    cues = []
    for i in range(count):
        start = i * slot + 200
        words, at = [], start
        for k in range(8):
            text = vocabulary[(i + k) % len(vocabulary)]
            length = 120 + 25 * len(text)
            words.append(Word(at, at + length, text, 0.4 if (i + k) % 17 == 0 else 0.95))
            at += length + 40
        text = " ".join(w.text for w in words[:4]) + "\n" + " ".join(w.text for w in words[4:])
        cues.append(Cue.create(start, min(at, start + slot - 120), text, words))
    return Document(cues=cues)


def long_audio_file() -> Path:
    """2 hours of noise-modulated mono AAC (like a film's speech track), built once with ffmpeg lavfi."""
    from subtitler.media.ffmpeg import ffmpeg_exe

    target = OUT / f"noise-{HOURS}h.m4a"
    if not target.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp.m4a")
        source = f"anoisesrc=r=44100:a=0.3:c=pink:d={HOURS * 3600},volume='0.3+0.7*abs(sin(2*PI*t/3.6))':eval=frame"
        subprocess.run(
            [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "lavfi", "-i", source,
             "-c:a", "aac", "-b:a", "96k", "-ac", "1", str(tmp)],
            check=True,
        )  # fmt: skip
        tmp.replace(target)
    return target


PAINT_LIMIT_MS = 8.0
PEAKS_LIMIT = 1.3
ZOOMS = (("whole file", HOURS * 3600 * 1000), ("1 minute", 60_000), ("5 seconds", 5_000))
KINDS = ("new view", "scrolling", "playback", "dragging")
LIMITED = ("scrolling", "playback", "dragging", "drag move")


class PaintClock:
    """Times every paint of the canvas (its ``paint`` is what ``paintEvent`` calls)."""

    def __init__(self, canvas) -> None:  # noqa: ANN001
        self.times: list[float] = []
        paint = canvas.paint

        def timed(*args):  # noqa: ANN002, ANN202
            started = time.perf_counter()
            paint(*args)
            self.times.append(time.perf_counter() - started)

        canvas.paint = timed

    def take(self) -> list[float]:
        """The paint times since the last call (ms)."""
        taken, self.times = [t * 1000 for t in self.times], []
        return taken


def drop_tiles(canvas) -> None:  # noqa: ANN001
    """Forget every cached tile, so that the next paint draws everything (what a new view costs)."""
    for cache in (canvas._background_tiles, canvas._cue_tiles, canvas._ruler_tiles):
        cache.clear()


def measure_paint(runs: int) -> tuple[dict[str, dict[str, float]], int]:
    from PySide6.QtCore import QEvent, QItemSelectionModel, QPoint, QPointF, Qt
    from PySide6.QtGui import QMouseEvent, QUndoStack, QWheelEvent
    from PySide6.QtWidgets import QApplication

    from subtitler.media.peaks import build_peaks
    from subtitler.ui.cue_model import CueSelection, CueTableModel
    from subtitler.ui.timeline import TimelineWidget

    app = QApplication.instance() or QApplication([])
    duration = HOURS * 3600 * 1000
    samples = synthetic_audio(HOURS * 3600)
    started = time.perf_counter()
    peaks = build_peaks(samples)
    print(f"peaks from {HOURS} h of synthesized samples (in memory): {time.perf_counter() - started:.2f} s")
    del samples
    document = synthetic_document(duration, 2000)
    stack = QUndoStack()
    model = CueTableModel(document, stack)
    selection = CueSelection(QItemSelectionModel(model), model)
    widget = TimelineWidget(model, selection, stack)
    widget.resize(1600, 300)
    widget.show()
    app.processEvents()
    canvas = widget.canvas
    canvas.set_media_duration(duration)
    widget.set_peaks(peaks)
    canvas.set_speech_regions([(c.words[0].start, c.words[-1].end) for c in document.cues])
    canvas.set_shot_changes(list(range(5000, duration, 17_000)))
    canvas._recheck_problems()
    selection.select_cue_ids([document.cues[1000].id])
    app.processEvents()
    clock = PaintClock(canvas)

    def frame(send) -> tuple[list[float], float]:  # noqa: ANN001
        """Run ``send`` (the input), let Qt repaint; the paint times and the whole frame's time (ms)."""
        clock.take()
        started = time.perf_counter()
        send()
        app.processEvents()
        return clock.take(), (time.perf_counter() - started) * 1000

    def wheel_step() -> None:
        at = QPointF(canvas.width() / 2, canvas.height() / 2)
        QApplication.sendEvent(canvas, QWheelEvent(at, canvas.mapToGlobal(at), QPoint(), QPoint(0, -120),
                                                   Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                                                   Qt.ScrollPhase.NoScrollPhase, False))  # fmt: skip

    def mouse(kind: QEvent.Type, x: float, y: float, buttons: Qt.MouseButton) -> None:
        at = QPointF(x, y)
        button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
        QApplication.sendEvent(canvas, QMouseEvent(kind, at, canvas.mapToGlobal(at), button, buttons, Qt.KeyboardModifier.NoModifier))

    figures: dict[str, dict[str, float]] = {}
    rng = np.random.default_rng(5)
    for label, span in ZOOMS:
        canvas.show_range(0, span)
        app.processEvents()
        samples: dict[str, list[float]] = {kind: [] for kind in (*KINDS, "drag move")}
        for _ in range(runs):
            place = float(rng.uniform(0, max(1, duration - 3 * span)))
            times, _ = frame(lambda: (canvas.scroll_to(place), drop_tiles(canvas)))
            samples["new view"] += times
            for _ in range(3):
                samples["scrolling"] += frame(wheel_step)[0]
            widget.set_position(int(canvas.scale.start_ms + canvas.scale.visible_ms / 3))
            app.processEvents()
            for _ in range(3):
                samples["playback"] += frame(lambda: widget.set_position(canvas.position + 40))[0]
        # Drag the cue nearest the middle of the view back and forth, a few pixels per move.
        top, bottom = canvas._lane()
        y = (top + bottom) / 2
        for _ in range(max(1, runs // 5)):
            canvas.scroll_to(float(rng.uniform(0, max(1, duration - span))))
            middle = canvas.scale.ms_at(canvas.width() / 2)
            cue = min(document.cues, key=lambda c: abs((c.start + c.end) / 2 - middle))
            x = canvas.scale.x_of((cue.start + cue.end) / 2)
            mouse(QEvent.Type.MouseButtonPress, x, y, Qt.MouseButton.LeftButton)
            app.processEvents()
            for step in (4, 8, 12, 16, 12, 8, 4, 0, -4, -8, -4, 0):
                times, whole = frame(lambda: mouse(QEvent.Type.MouseMove, x + step, y, Qt.MouseButton.LeftButton))
                samples["dragging"] += times
                samples["drag move"].append(whole)
            mouse(QEvent.Type.MouseButtonRelease, x, y, Qt.MouseButton.NoButton)
            app.processEvents()
            while stack.canUndo():  # leave the document as it was
                stack.undo()
        figures[label] = {kind: statistics.median(values) for kind, values in samples.items() if values}
        visible = len(canvas.visible_range(canvas.scale.start_ms, canvas.scale.end_ms))
        figures[label]["cues in view"] = visible
    canvas.show_range(0, 60_000)
    canvas.scroll_to(3_600_000)
    canvas.grab().save("/tmp/timeline-bench-1min.png")
    print(f"canvas {canvas.width()}x{canvas.height()} px")
    widget.close()
    return figures, peaks.nbytes


def print_paint(figures: dict[str, dict[str, float]], runs: int) -> list[str]:
    """Print the paint table; return the figures over the limit."""
    print(f"median paint time, ms ({runs} runs per zoom; limit {PAINT_LIMIT_MS:g} ms for all but new view):")
    print(f"  {'zoom':<12}{'cues in view':>13}" + "".join(f"{kind:>11}" for kind in KINDS) + f"{'drag move':>11}")
    over = []
    for label, row in figures.items():
        cells = []
        for kind in (*KINDS, "drag move"):
            value = row[kind]
            flag = "*" if kind in LIMITED and value > PAINT_LIMIT_MS else " "
            if flag == "*":
                over.append(f"{label} {kind} {value:.2f} ms")
            cells.append(f"{value:10.2f}{flag}")
        print(f"  {label:<12}{int(row['cues in view']):>13}" + "".join(cells))
    print("  new view: nothing cached, every tile drawn (once per place and zoom); whole file: a wheel step")
    print("  cannot move a view that holds the whole file, so it repaints the same view; drag move: the mouse")
    print("  move handled (preview, snapping, validation) and painted; * over the limit")
    return over


def decode_once(kind: str) -> None:
    """One child's work for the peaks comparison: decode the long file, building the peaks when ``kind`` is "peaks"."""
    from subtitler.media.audio import decode_audio
    from subtitler.media.peaks import PeaksBuilder

    builder = PeaksBuilder() if kind == "peaks" else None
    decode_audio(long_audio_file(), on_chunk=builder.feed if builder else None)
    if builder:
        builder.finish()


def measure_peaks_vs_decode(runs: int) -> dict[str, float]:
    """Median whole-process wall and CPU seconds of each kind, and the median of the pairs' ratios."""
    long_audio_file()  # made before the clock starts
    times: dict[str, list[tuple[float, float]]] = {"alone": [], "peaks": []}
    ratios: dict[str, list[float]] = {"wall": [], "cpu": []}
    for _ in range(runs):
        for kind in times:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run([sys.executable, __file__, "--decode-child", kind], check=True)
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            times[kind].append((wall, cpu))
        (wall_a, cpu_a), (wall_p, cpu_p) = times["alone"][-1], times["peaks"][-1]
        ratios["wall"].append(wall_p / wall_a)
        ratios["cpu"].append(cpu_p / cpu_a)
    figures = {f"{kind} {what}": statistics.median(t[i] for t in runs_of)
               for kind, runs_of in times.items() for i, what in enumerate(("wall", "cpu"))}
    figures |= {f"ratio {what}": statistics.median(values) for what, values in ratios.items()}
    return figures


def screenshot(target: Path) -> None:
    """The bundled sample, transcribed with tiny.en, during a drag of a cue end onto a word edge."""
    from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
    from PySide6.QtGui import QUndoStack
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from subtitler.asr.engine import TranscribeOptions, transcribe
    from subtitler.core.model import Document
    from subtitler.core.presets import get_preset
    from subtitler.core.segment import cues_from_transcript
    from subtitler.media.audio import load_audio_cached
    from subtitler.media.peaks import build_peaks
    from subtitler.media.shots import detect_shot_changes
    from subtitler.media.speech import analyze_speech
    from subtitler.paths import sample_video
    from subtitler.ui.cue_model import CueSelection, CueTableModel
    from subtitler.ui.timeline import TimelineWidget

    app = QApplication.instance() or QApplication([])
    video = sample_video()
    samples = load_audio_cached(video)
    transcript = transcribe(video, TranscribeOptions(model="tiny.en", language="en"))
    speech = analyze_speech(samples)
    document = Document(cues=cues_from_transcript(transcript, get_preset("netflix-en"), speech=speech))
    stack = QUndoStack()
    model = CueTableModel(document, stack)
    selection = CueSelection(QItemSelectionModel(model), model)
    widget = TimelineWidget(model, selection, stack)
    widget.resize(1400, 300)
    widget.show()
    app.processEvents()
    canvas = widget.canvas
    canvas.set_media_duration(len(samples) * 1000 // SR)
    widget.set_peaks(build_peaks(samples))
    canvas.set_speech_regions(speech.regions)
    canvas.set_shot_changes(detect_shot_changes(video))
    cue = next(c for c in document.cues if len(c.words) >= 4)
    canvas.show_range(max(0, cue.start - 2500), cue.start + 9500)
    canvas.position = cue.start + 300
    selection.select_cue_ids([cue.id])
    canvas._recheck_problems()
    app.processEvents()
    # Drag the cue's end towards its second-to-last word's end: the snap marker shows.
    top, bottom = canvas._lane()
    y = round((top + bottom) / 2)
    target_ms = cue.words[-2].end + 3 * canvas.scale.ms_per_px
    press = QPoint(round(canvas.scale.x_of(cue.end)), y)
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, press)
    QTest.mouseMove(canvas, press + QPoint(-6, 0))
    QTest.mouseMove(canvas, QPoint(round(canvas.scale.x_of(target_ms)), y))
    app.processEvents()
    target.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(target))
    snapped = canvas._drag.snap_target if canvas._drag else None
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, press)
    print(f"screenshot: {target} (snap marker: {snapped})")
    widget.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="places visited per zoom level (3 wheel steps and 3 playback frames each)")
    parser.add_argument("--decode-runs", type=int, default=3, help="pairs of decoding processes (medians are kept)")
    parser.add_argument("--decode-child", choices=("alone", "peaks"), help=argparse.SUPPRESS)
    parser.add_argument("--skip-decode", action="store_true", help="skip the decoding comparison")
    parser.add_argument("--screenshot", action="store_true", help="also write docs/screenshots/timeline.png")
    args = parser.parse_args()
    if args.decode_child:
        decode_once(args.decode_child)
        return 0

    figures, nbytes = measure_paint(args.runs)
    over = print_paint(figures, args.runs)
    print(f"paint -> {'OVER: ' + '; '.join(over) if over else 'OK'}")
    worst = max(row[kind] for row in figures.values() for kind in LIMITED)
    result("slowest median paint (scrolling, playback, dragging, drag move)", f"{worst:.2f} ms", f"<= {PAINT_LIMIT_MS:g} ms",
           worst <= PAINT_LIMIT_MS)
    print(f"pyramid in memory: {nbytes / 1e6:.1f} MB for {HOURS} h (limit 50 MB) -> {'OK' if nbytes <= 50e6 else 'OVER'}")
    if nbytes > 50e6:
        over.append("pyramid size")
    if not args.skip_decode:
        peaks = measure_peaks_vs_decode(args.decode_runs)
        ratio = peaks["ratio wall"]
        print(f"decode {HOURS} h AAC alone, whole process: {peaks['alone wall']:.2f} s ({peaks['alone cpu']:.2f} s CPU); "
              f"decode + peaks: {peaks['peaks wall']:.2f} s ({peaks['peaks cpu']:.2f} s CPU); medians of {args.decode_runs}")
        print(f"decode + peaks / decode alone, median of the alternated pairs: wall {ratio:.2f} (limit {PEAKS_LIMIT}) "
              f"-> {'OK' if ratio <= PEAKS_LIMIT else 'OVER'}; CPU {peaks['ratio cpu']:.2f}")  # fmt: skip
        result("decode + peaks / decode alone (2 h, whole process, wall)", f"{ratio:.2f}", f"<= {PEAKS_LIMIT}",
               ratio <= PEAKS_LIMIT)
        if ratio > PEAKS_LIMIT:
            over.append("peaks cost")
    if args.screenshot:
        screenshot(ROOT / "docs" / "screenshots" / "timeline.png")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
