"""The timeline dock: a small toolbar, the overview strip and the canvas, plus the background work
that feeds them (waveform peaks, speech regions, shot changes, region re-transcription)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QToolBar, QVBoxLayout, QWidget

from ...core.errors import Cancelled, SubtitlerError
from ...media.peaks import Peaks, PeaksBuilder
from ..commands import apply_edit
from ..cue_model import CueSelection, CueTableModel
from .canvas import TimelineCanvas
from .overview import OverviewStrip
from .splice import shift_words, splice_region

__all__ = ["TimelineWidget", "MediaAnalysis", "RegionTranscription", "JobGate"]

_POLL_MS = 150

_live: set[QThread] = set()
"""Workers still running: kept here, not parented to a widget, so closing a window never destroys a
running thread; they are cancelled and awaited when the application quits."""


def _keep_alive(worker: QThread) -> None:
    _live.add(worker)
    worker.finished.connect(lambda: _live.discard(worker))
    app = QCoreApplication.instance()
    # Once per application: Qt refuses UniqueConnection for a plain Python function.
    if app is not None and not app.property("subtitler_stops_workers"):
        app.aboutToQuit.connect(_stop_all)
        app.setProperty("subtitler_stops_workers", True)


def _stop_all() -> None:
    for worker in list(_live):
        worker.cancel.set()  # type: ignore[attr-defined]
        worker.wait(5000)


class MediaAnalysis(QThread):
    """Peaks (progressively), then speech regions, then shot changes of one media file."""

    peaks_started = Signal(object)
    """The ``Peaks`` being filled (draw it while it grows)."""
    peaks_done = Signal(object)
    speech_done = Signal(object)
    """List of (start, end) ms speech regions."""
    shots_done = Signal(object)
    failed = Signal(str)

    def __init__(self, path: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.cancel = threading.Event()

    def run(self) -> None:  # worker thread
        from ...media.audio import load_audio_cached
        from ...media.peaks import load_media_peaks
        from ...media.shots import detect_shot_changes
        from ...media.speech import analyze_speech

        try:
            builder = PeaksBuilder()
            self.peaks_started.emit(builder.peaks)
            self.peaks_done.emit(load_media_peaks(self.path, builder=builder, cancel=self.cancel))
            if self.cancel.is_set():
                return
            samples = load_audio_cached(self.path, cancel=self.cancel)
            self.speech_done.emit(list(analyze_speech(samples).regions))
            if self.cancel.is_set():
                return
            self.shots_done.emit(detect_shot_changes(self.path, cancel=self.cancel))
        except Cancelled:
            return
        except SubtitlerError as exc:
            self.failed.emit(str(exc))
        except (OSError, MemoryError, ValueError) as exc:
            self.failed.emit(self.tr("The waveform could not be built: %1").replace("%1", str(exc)))


class RegionTranscription(QThread):
    """Transcribes [start, end) of the media with a model; emits the word-timed words in file time."""

    succeeded = Signal(int, int, object)
    """(start, end, words)."""
    failed = Signal(str)

    def __init__(self, path: str, start: int, end: int, model: str, language: str | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path, self.start_ms, self.end_ms = path, start, end
        self.model, self.language = model, language
        self.cancel = threading.Event()

    def run(self) -> None:  # worker thread
        try:
            from ...asr.engine import TranscribeOptions, transcribe
            from ...media.audio import SAMPLE_RATE, load_audio_cached

            samples = load_audio_cached(self.path, cancel=self.cancel)
            piece = samples[self.start_ms * SAMPLE_RATE // 1000 : self.end_ms * SAMPLE_RATE // 1000]
            options = TranscribeOptions(model=self.model, language=self.language)
            transcript = transcribe(piece, options, cancel=self.cancel)
            self.succeeded.emit(self.start_ms, self.end_ms, shift_words(transcript.words, self.start_ms))
        except Cancelled:
            return
        except SubtitlerError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - any engine failure becomes a message
            self.failed.emit(self.tr("Re-transcription failed: %1").replace("%1", f"{type(exc).__name__}: {exc}"))


class JobGate(Protocol):
    """Who decides whether a background job may start, and whether its result still applies."""

    def begin_job(self, activity: str, cancel: Callable[[bool], None]) -> object | None:
        """A token for the job, or None (after telling the user why) when it may not start now."""

    def end_job(self, job: object) -> bool:
        """The job is over; True when its result applies to the document that is open now."""


class TimelineWidget(QWidget):
    """Waveform timeline over the shared cue model, selection and undo stack."""

    seek_requested = Signal(int)
    """The user picked a time to play from (ms)."""
    analysis_changed = Signal()
    """Speech regions or shot changes arrived, or were cleared for new media."""

    def __init__(
        self,
        model: CueTableModel,
        selection: CueSelection,
        undo_stack: QUndoStack,
        status: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Timeline")
        self._status = status or (lambda message: None)
        self.media_path: str | None = None
        self._analysis: MediaAnalysis | None = None
        self._transcription: RegionTranscription | None = None
        self._job: object | None = None
        self.job_gate: JobGate | None = None
        """The document's owner: a region run keeps the document busy, and lands only in its own document."""
        self.canvas = TimelineCanvas(model, selection, undo_stack, self._status, self)
        self.overview = OverviewStrip(self.canvas, self)
        self.toolbar = QToolBar(self)
        self.toolbar.setIconSize(self.toolbar.iconSize() * 0.75)
        self._build_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.overview)
        layout.addWidget(self.canvas, 1)
        self.canvas.seek_requested.connect(self.seek_requested)
        self.canvas.retranscribe_requested.connect(self.retranscribe)
        self._poll = QTimer(self)
        self._poll.setInterval(_POLL_MS)
        self._poll.timeout.connect(self._on_poll_timeout)
        self._seen_version = -1

    def _build_actions(self) -> None:
        def action(text: str, tip: str, slot: Callable[[], object] | None = None, checkable: bool = False) -> QAction:
            act = QAction(text, self)
            act.setToolTip(tip)
            act.setCheckable(checkable)
            if slot is not None:
                act.triggered.connect(slot)
            self.toolbar.addAction(act)
            return act

        action(self.tr("Zoom in"), self.tr("Zoom in (+, Ctrl+wheel)"), lambda: self.canvas.zoom(1.6))
        action(self.tr("Zoom out"), self.tr("Zoom out (-, Ctrl+wheel)"), lambda: self.canvas.zoom(1 / 1.6))
        action(self.tr("Whole file"), self.tr("Show the whole file (0)"), lambda: self.canvas.show_range(0, self.canvas.scale.duration_ms))
        self.toolbar.addSeparator()
        self.act_snapping = action(self.tr("Snap"), self.tr("Snap edges to words, speech, frames, gaps, shot changes and the playhead (hold Shift to suspend)"), checkable=True)
        self.act_snapping.setChecked(True)
        self.act_snapping.toggled.connect(lambda on: setattr(self.canvas, "snapping", on))
        self.act_ripple = action(self.tr("Ripple"), self.tr("Ripple mode: moving a cue or its end moves every later cue too"), checkable=True)
        self.act_ripple.toggled.connect(lambda on: setattr(self.canvas, "ripple", on))
        self.act_follow = action(self.tr("Follow"), self.tr("Scroll with the playhead during playback"), checkable=True)
        self.act_follow.setChecked(True)
        self.act_follow.toggled.connect(lambda on: setattr(self.canvas, "follow_playback", on))

    # ------------------------------------------------------------------------------------
    # Playback
    def set_position(self, ms: int) -> None:
        """The player's position moved (connect the player's ``position_changed``)."""
        self.canvas.set_position(ms)
        self.overview.update()

    def set_playing(self, playing: bool) -> None:
        """Playback started or stopped (the view follows the playhead while playing)."""
        self.canvas.set_playing(playing)

    def set_duration(self, ms: int) -> None:
        """The media's length, when known before its waveform."""
        self.canvas.set_media_duration(ms)

    # ------------------------------------------------------------------------------------
    # Media analysis
    def set_media(self, path: str | Path | None) -> None:
        """Show this media's waveform, speech and shot changes (built in the background), or none."""
        self._stop_analysis()
        self.stop_region_transcription()  # its words belong to the previous media
        self.media_path = str(path) if path else None
        self.canvas.set_peaks(None)
        self.canvas.set_speech_regions([])
        self.canvas.set_shot_changes([])
        self.analysis_changed.emit()
        if self.media_path is None:
            return
        analysis = MediaAnalysis(self.media_path)
        analysis.peaks_started.connect(self._on_analysis_peaks_started)
        analysis.peaks_done.connect(self._on_analysis_peaks_done)
        analysis.speech_done.connect(self._on_analysis_speech_done)
        analysis.shots_done.connect(self._on_analysis_shots_done)
        analysis.failed.connect(self._status)
        self._analysis = analysis
        _keep_alive(analysis)
        analysis.start()
        self._poll.start()

    def set_peaks(self, peaks: Peaks | None) -> None:
        """Show ready-made peaks (tests, benchmarks)."""
        self.canvas.set_peaks(peaks)
        self.overview.update()

    def _on_analysis_peaks_started(self, peaks: Peaks) -> None:
        if self.sender() is self._analysis:
            self.canvas.set_peaks(peaks)

    def _on_analysis_peaks_done(self, peaks: Peaks) -> None:
        if self.sender() is self._analysis:
            self._poll.stop()
            self.canvas.set_peaks(peaks)
            self.overview.update()

    def _on_analysis_speech_done(self, regions: list) -> None:
        if self.sender() is self._analysis:
            self.canvas.set_speech_regions(regions)
            self.analysis_changed.emit()

    def _on_analysis_shots_done(self, shots: list) -> None:
        if self.sender() is self._analysis:
            self.canvas.set_shot_changes(shots)
            self.analysis_changed.emit()

    def _on_poll_timeout(self) -> None:
        peaks = self.canvas.peaks
        if peaks is not None and peaks.version != self._seen_version:
            self._seen_version = peaks.version
            self.canvas.peaks_updated()
            self.overview.update()

    def _stop_analysis(self) -> None:
        self._poll.stop()
        if self._analysis is not None:
            self._analysis.cancel.set()  # it finishes on its own; its late results are ignored
        self._analysis = None

    def closeEvent(self, event) -> None:  # noqa: N802, ANN001
        self._stop_analysis()
        super().closeEvent(event)

    # ------------------------------------------------------------------------------------
    # Re-transcribing a region
    def transcribe_model(self) -> str:
        """The model the user transcribed with last (the default one before any run)."""
        from ...asr.models import DEFAULT_MODEL

        return str(QSettings().value("transcribe/model", DEFAULT_MODEL) or DEFAULT_MODEL)

    def retranscribe(self, start: int, end: int) -> None:
        """Transcribe [start, end) again with the current model and splice the result back in."""
        if self.media_path is None:
            self._status(self.tr("Open a video first: there is no audio to transcribe."))
            return
        if self._transcription is not None and self._transcription.isRunning():
            self._status(self.tr("A region is already being transcribed."))
            return
        if self.job_gate is not None:
            self._job = self.job_gate.begin_job(self.tr("Re-transcribing a region"),
                                                lambda _wait: self.stop_region_transcription())  # fmt: skip
            if self._job is None:
                return
        transcript = self.canvas.model.document.transcript
        language = transcript.language if transcript and transcript.language else None
        worker = RegionTranscription(self.media_path, start, end, self.transcribe_model(), language)
        worker.succeeded.connect(self._on_transcription_succeeded)
        worker.failed.connect(self._on_transcription_failed)
        self._transcription = worker
        _keep_alive(worker)
        self._status(self.tr("Re-transcribing the selected region…"))
        worker.start()

    def stop_region_transcription(self) -> None:
        """Cancel the region run; a result it still delivers is dropped."""
        if self._transcription is not None:
            self._transcription.cancel.set()
            self._end_job()

    def _end_job(self) -> bool:
        """The region run is over: True when its result applies to the document open now."""
        job, self._job = self._job, None
        self._transcription = None
        return self.job_gate is None or (job is not None and self.job_gate.end_job(job))

    def _on_transcription_failed(self, message: str) -> None:
        if self.sender() is self._transcription:
            self._end_job()
            self._status(message)

    def _on_transcription_succeeded(self, start: int, end: int, words: list) -> None:
        from ...core.segment import segment_words

        if self.sender() is not self._transcription or not self._end_job():
            return  # cancelled, or for a document that is no longer open
        canvas = self.canvas
        fresh = segment_words(words, canvas.model.preset, canvas.model.fps(), speech=canvas.speech_regions or None)
        removed, added = splice_region(canvas.cues, start, end, fresh)
        if not removed and not added:
            self._status(self.tr("No speech was found in the selected region."))
            return
        try:
            apply_edit(canvas.undo_stack, canvas.model.document, removed, added, self.tr("Re-transcribe region"),
                       selection=canvas.selection, select_after=[c.id for c in added])  # fmt: skip
        except SubtitlerError as exc:
            self._status(str(exc))
            return
        self._status(self.tr("Re-transcribed the region: %1 cues replaced by %2.")
                     .replace("%1", str(len(removed))).replace("%2", str(len(added))))  # fmt: skip
