"""Timeline figures on a 2-hour film with 2,000 cues: paint time per zoom, peaks cost next to decoding, pyramid size.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/timeline.py [--runs N] [--skip-decode] [--screenshot]

1. Paint: a synthetic 2-hour document (2,000 cues with words, speech regions, shot changes) over the
   peaks of 2 hours of synthesized 16 kHz noise-modulated audio; the visible timeline is rendered
   offscreen (``QWidget.render`` into a QImage) at three zooms. "scrolling" paints a new view every
   time (waveform recomputed), "steady" repaints the same view (what playback costs).
2. Peaks: a 2-hour AAC file made once with ffmpeg lavfi under benchmarks/out/ is decoded alone, then
   decoded while the peaks are built from the decoder's chunks, alternately; best of N each.
3. Memory: bytes held by the pyramid.
``--screenshot`` also writes docs/screenshots/timeline.png: the bundled sample transcribed with
tiny.en, its waveform, word ticks and a snap marker during a simulated drag.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "benchmarks" / "out"
HOURS = 2
SR = 16000

import numpy as np  # noqa: E402


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


def measure_paint(runs: int) -> tuple[dict[str, tuple[float, float]], int]:
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtGui import QImage, QUndoStack
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
    image = QImage(canvas.size(), QImage.Format.Format_ARGB32_Premultiplied)
    figures: dict[str, tuple[float, float]] = {}
    for label, span in (("whole file", duration), ("1 minute", 60_000), ("5 seconds", 5_000)):
        canvas.show_range(0, span)
        rng = np.random.default_rng(5)
        scrolling, steady = [], []
        for _ in range(runs):
            canvas.scroll_to(float(rng.uniform(0, max(1, duration - span))))
            canvas.position = int(canvas.scale.start_ms + span / 3)
            t = time.perf_counter()
            canvas.render(image)
            scrolling.append(time.perf_counter() - t)
            canvas.position += 40
            t = time.perf_counter()
            canvas.render(image)
            steady.append(time.perf_counter() - t)
        figures[label] = (statistics.median(scrolling) * 1000, statistics.median(steady) * 1000)
        visible = len(canvas.visible_range(canvas.scale.start_ms, canvas.scale.end_ms))
        print(f"paint {label:>10}: scrolling median {figures[label][0]:5.2f} ms, steady {figures[label][1]:5.2f} ms "
              f"({visible} cues in view, {canvas.width()}x{canvas.height()} px)")  # fmt: skip
    canvas.show_range(0, 60_000)
    canvas.scroll_to(3_600_000)
    canvas.grab().save("/tmp/timeline-bench-1min.png")
    widget.close()
    return figures, peaks.nbytes


def measure_peaks_vs_decode(runs: int) -> tuple[float, float]:
    from subtitler.media.audio import decode_audio
    from subtitler.media.peaks import PeaksBuilder

    path = long_audio_file()
    alone, with_peaks = [], []
    for _ in range(runs):
        t = time.perf_counter()
        samples = decode_audio(path)
        alone.append(time.perf_counter() - t)
        del samples
        t = time.perf_counter()
        builder = PeaksBuilder()
        samples = decode_audio(path, on_chunk=builder.feed)
        builder.finish()
        with_peaks.append(time.perf_counter() - t)
        del samples
    return min(alone), min(with_peaks)


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
    parser.add_argument("--runs", type=int, default=15, help="paints per zoom level")
    parser.add_argument("--decode-runs", type=int, default=2, help="decodes of each kind (best is kept)")
    parser.add_argument("--skip-decode", action="store_true", help="skip the decoding comparison")
    parser.add_argument("--screenshot", action="store_true", help="also write docs/screenshots/timeline.png")
    args = parser.parse_args()

    figures, nbytes = measure_paint(args.runs)
    worst = max(scrolling for scrolling, _ in figures.values())
    print(f"worst median paint: {worst:.2f} ms (limit 8 ms) -> {'OK' if worst <= 8 else 'OVER'}")
    print(f"pyramid in memory: {nbytes / 1e6:.1f} MB for {HOURS} h (limit 50 MB) -> {'OK' if nbytes <= 50e6 else 'OVER'}")
    if not args.skip_decode:
        alone, with_peaks = measure_peaks_vs_decode(args.decode_runs)
        ratio = with_peaks / alone
        print(f"decode {HOURS} h AAC alone: {alone:.2f} s; decode + peaks: {with_peaks:.2f} s; "
              f"ratio {ratio:.2f} (limit 1.3) -> {'OK' if ratio <= 1.3 else 'OVER'}")  # fmt: skip
    if args.screenshot:
        screenshot(ROOT / "docs" / "screenshots" / "timeline.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
