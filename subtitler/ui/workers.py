"""Background work for the window: engine calls in a QThread (``EngineThread``), transcription among them.

Signals emitted from the worker thread are delivered on the GUI thread (queued connections),
so slots may touch widgets and the document.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from ..core.errors import Cancelled, SubtitlerError
from ..core.model import Cue, Transcript
from ..core.presets import Preset, get_preset, preset_for_language

__all__ = ["CancellableThread", "EngineThread", "TranscriptionThread", "TranscriptionResult", "make_cues"]


@dataclass(frozen=True)
class TranscriptionResult:
    """What a finished run hands to the window."""

    transcript: Transcript
    cues: list[Cue]
    """Re-segmented under the preset and timed to the speech and the frame grid."""
    speech: object | None
    """The speech analysis of the audio (kept for later re-segmentation), None when it failed."""
    preset: Preset
    """The preset the cues were made under: the one asked for, else the language's."""


def make_cues(transcript: Transcript, preset: Preset, fps: float, speech: object | None) -> list[Cue]:
    """Transcript -> cues: sentence-first segmentation, then edges fitted to the speech and frames."""
    from ..core.timing import timed_cues

    return timed_cues(transcript, preset, fps=fps, speech=speech)


class CancellableThread(QThread):
    """A worker thread that reports its progress, a failure or its cancellation, and can be asked to stop."""

    progress = Signal(float, float)
    """(fraction done 0..1, seconds left or -1 when unknown)."""
    failed = Signal(str)
    """A message for the user."""
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop (it checks at least every second)."""
        self._cancel.set()


class EngineThread(CancellableThread):
    """Runs a cancellable engine call (``_work``) off the GUI thread; however it ends, one signal says so."""

    succeeded = Signal(object)
    """What ``_work`` returned."""

    def run(self) -> None:  # runs in the worker thread
        try:
            result = self._work()
        except Cancelled:
            self.cancelled.emit()
        except SubtitlerError as exc:
            if self._cancel.is_set():
                self.cancelled.emit()
            else:
                self.failed.emit(str(exc))
        except MemoryError:
            self.failed.emit(self._out_of_memory_message())
        except Exception as exc:  # noqa: BLE001 - any engine failure becomes a message, never a crash
            self.failed.emit(self._failure_message(f"{type(exc).__name__}: {exc}"))
        else:
            if self._cancel.is_set():
                self.cancelled.emit()
            else:
                self.succeeded.emit(result)

    def _work(self) -> object:
        """The engine call, in the worker thread; what it returns is ``succeeded``'s (unless cancelled)."""
        raise NotImplementedError

    def _out_of_memory_message(self) -> str:
        """What ``failed`` says when memory runs out."""
        raise NotImplementedError

    def _failure_message(self, error: str) -> str:
        """What ``failed`` says about an unexpected ``error`` ("ValueError: …")."""
        raise NotImplementedError


class TranscriptionThread(EngineThread):
    """Runs ``subtitler.asr.engine.transcribe`` off the GUI thread, streams what it finds,
    then makes the final cues there too (segmentation and timing read the whole audio).
    ``succeeded`` carries the ``TranscriptionResult``."""

    segment_found = Signal(object)
    """A ``Segment`` with its words, as soon as the engine has it."""
    timing_started = Signal()
    """Speech recognised; the cues are being fitted to the audio."""
    language_detected = Signal(str, float)
    """(language code, confidence 0–1): the language being transcribed, once known."""

    def __init__(
        self, media_path: str | Path, options: object, preset: Preset | None, fps: float, parent: QObject | None = None
    ) -> None:
        """``preset`` None: the preset of the language transcribed (known once it is detected)."""
        super().__init__(parent)
        self.media_path = str(media_path)
        self.options = options
        self.preset = preset
        self.fps = fps
        self._started_at = 0.0

    def _work(self) -> TranscriptionResult | None:
        self._started_at = time.monotonic()
        # Imported here, not at start-up: faster-whisper costs seconds to import.
        from ..asr.engine import transcribe

        transcript = transcribe(self.media_path, self.options, self._on_event, self._cancel)
        if self._cancel.is_set():
            return None
        self.timing_started.emit()
        return TranscriptionResult(transcript, *self._cues(transcript))

    def _out_of_memory_message(self) -> str:
        return self.tr("Not enough memory to transcribe this file; try a smaller model.")

    def _failure_message(self, error: str) -> str:
        return self.tr("Transcription failed: %1").replace("%1", error)

    def _cues(self, transcript: Transcript) -> tuple[list[Cue], object | None, Preset]:
        from ..media.speech import analyze_media

        try:
            speech = analyze_media(self.media_path)
        except SubtitlerError:
            speech = None  # timing then follows the word times alone
        preset = self.preset or get_preset(preset_for_language(transcript.language))
        return make_cues(transcript, preset, self.fps, speech), speech, preset

    def _on_event(self, event: Any) -> None:
        from ..asr.engine import LanguageEvent, ProgressEvent, SegmentEvent

        if isinstance(event, SegmentEvent):
            self.segment_found.emit(event.segment)
        elif isinstance(event, LanguageEvent):
            self.language_detected.emit(event.language, float(event.probability))
        elif isinstance(event, ProgressEvent):
            fraction = max(0.0, min(1.0, float(event.fraction)))
            left = getattr(event, "eta_seconds", None)
            if left is None:
                elapsed = time.monotonic() - self._started_at
                left = elapsed * (1 - fraction) / fraction if fraction > 0.02 else -1.0
            self.progress.emit(fraction, float(left))
