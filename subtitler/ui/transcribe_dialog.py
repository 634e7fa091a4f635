"""Transcription from the window: the options dialog, and the controller that runs it.

While the engine works, its segments stream into the cue table as provisional cues (the
document is busy then, and refuses every edit); the finished transcript is re-segmented under the chosen preset
and replaces the cues as one undo step. Cancel, a failure or closing the window puts the
cues back as they were.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ..core.model import Cue, Segment
from ..core.presets import get_preset, preset_for_language
from .commands import replace_all
from .dialogs import preset_box

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .workers import TranscriptionResult, TranscriptionThread

__all__ = ["TranscribeDialog", "TranscriptionController", "LANGUAGES"]

LANGUAGES = {
    "en": "English", "fr": "Français", "de": "Deutsch", "es": "Español", "it": "Italiano",
    "pt": "Português", "nl": "Nederlands", "pl": "Polski", "ru": "Русский", "ja": "日本語",
    "zh": "中文", "ar": "العربية",
}
"""Languages offered in the dialog, by their own names (Whisper knows ~99; detection covers the rest)."""


class TranscribeDialog(QDialog):
    """Model, language and preset for a transcription."""

    def __init__(self, parent: QWidget | None, preset: str, language: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Transcribe"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Subtitler listens to the video's speech on this computer (nothing is uploaded) "
                               "and turns it into timed cues. The current cues are replaced; Undo brings them back."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.model_box = QComboBox(self)
        self._fill_models()
        form.addRow(self.tr("&Model:"), self.model_box)
        self.language_box = QComboBox(self)
        self.language_box.addItem(self.tr("Detect automatically"), "")
        for code, name in LANGUAGES.items():
            self.language_box.addItem(f"{name} ({code})", code)
        index = self.language_box.findData(language)
        self.language_box.setCurrentIndex(max(0, index))
        form.addRow(self.tr("&Language:"), self.language_box)
        # A preset some language gets by itself is offered as "by language"; another was chosen on purpose.
        chosen = "" if preset in {preset_for_language(code) for code in LANGUAGES} else preset
        self.preset_box = preset_box(self, chosen)
        self.preset_box.insertItem(0, self.tr("By language (Netflix French for French speech)"), "")
        self.preset_box.setCurrentIndex(max(0, self.preset_box.findData(chosen)))
        form.addRow(self.tr("&Rules:"), self.preset_box)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Transcribe"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.model_box.currentIndexChanged.connect(self._on_model_changed)
        self._on_model_changed()

    def _fill_models(self) -> None:
        from ..asr.models import DEFAULT_MODEL, list_models

        try:
            models = list_models()
        except Exception:  # noqa: BLE001 - a broken manifest still leaves the default name usable
            models = []
        for info in models:
            label = info.name if info.installed else self.tr("%1 (not installed)").replace("%1", info.name)
            self.model_box.addItem(label, info.name)
            if not info.installed:
                self.model_box.model().item(self.model_box.count() - 1).setEnabled(False)
        if self.model_box.count() == 0:
            self.model_box.addItem(DEFAULT_MODEL, DEFAULT_MODEL)
        self.model_box.setCurrentIndex(max(0, self.model_box.findData(DEFAULT_MODEL)))

    def _on_model_changed(self) -> None:
        english_only = str(self.model_box.currentData() or "").endswith(".en")
        if english_only:
            self.language_box.setCurrentIndex(self.language_box.findData("en"))
        self.language_box.setEnabled(not english_only)

    def model_name(self) -> str:
        return str(self.model_box.currentData())

    def language(self) -> str:
        return str(self.language_box.currentData() or "")

    def preset(self) -> str:
        """The preset chosen; "" for the language's."""
        return str(self.preset_box.currentData() or "")


class TranscriptionController(QObject):
    """Runs one transcription at a time as a job of the window's document, with its progress in the status bar.

    The streamed cues are a preview shown in the document while the job keeps it busy; the final
    result is one undo step, applied only if the document it was started for is still open.
    """

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.thread: TranscriptionThread | None = None
        self._job: object | None = None
        self._original: list[Cue] = []
        self._segments: list[Segment] = []
        self._started = 0.0

    @property
    def running(self) -> bool:
        return self.thread is not None

    def start_dialog(self) -> None:
        """Ask for model, language and preset, then start."""
        window = self.window
        window.controller.check_not_busy()
        if window.media_path is None:
            window.show_status(self.tr("Open a video first."))
            return
        dialog = TranscribeDialog(window, window.document.preset,
                                  str(window.settings.value("transcribe/language", "")))
        previous_model = window.settings.value("transcribe/model")
        if previous_model:
            index = dialog.model_box.findData(previous_model)
            if index >= 0 and dialog.model_box.model().item(index).isEnabled():
                dialog.model_box.setCurrentIndex(index)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        window.settings.setValue("transcribe/model", dialog.model_name())
        window.settings.setValue("transcribe/language", dialog.language())
        self.start(dialog.model_name(), dialog.language(), dialog.preset())

    def start(self, model: str, language: str = "", preset: str | None = None) -> None:
        """Transcribe the window's video with ``model`` (language "" = detect), then re-segment under
        ``preset`` (None or "": the language's, Netflix French for French speech)."""
        from ..asr.engine import TranscribeOptions
        from .workers import TranscriptionThread

        window = self.window
        media = window.media_path
        if self.running or media is None:
            return
        job = window.controller.begin_job(self.tr("Transcribing %1").replace("%1", media.name), self.cancel, drafts=True)
        if job is None:
            return
        self._job = job
        options = TranscribeOptions(model=model, language=language or None)
        self._original = list(window.document.cues)
        self._segments = []
        self._started = time.monotonic()
        thread = TranscriptionThread(media, options, get_preset(preset) if preset else None, window.fps(), self)
        for signal, slot in (
            (thread.segment_found, self._on_thread_segment_found),
            (thread.progress, self._on_thread_progress),
            (thread.timing_started, self._on_thread_timing_started),
            (thread.succeeded, self._on_thread_succeeded),
            (thread.failed, self._on_thread_failed),
            (thread.cancelled, self._on_thread_cancelled),
        ):
            signal.connect(self._from(thread, slot))
        thread.finished.connect(thread.deleteLater)
        self.thread = thread
        # Provisional preview: the streamed cues are not undo steps; the final result is one.
        window.document.set_cues([])
        self._show_progress(True)
        window.progress_bar.setValue(0)
        window.time_left_label.setText(self.tr("Loading the model…"))
        window.show_status(self.tr("Transcribing %1 with %2…").replace("%1", media.name).replace("%2", model), 0)
        thread.start()

    def cancel(self, wait: bool = False) -> None:
        """Stop a running transcription; the cues go back to how they were."""
        thread = self.thread
        if thread is None:
            return
        thread.cancel()
        self._finish()
        self.window.document.set_cues(self._original)
        self.window.show_status(self.tr("Transcription cancelled; the cues are as they were."))
        if wait:
            # Closing the window: let the engine notice the cancel before Qt tears the thread down.
            thread.wait(10_000)

    # --- thread signals ------------------------------------------------------------------
    def _from(self, thread: "TranscriptionThread", slot):  # noqa: ANN001, ANN202
        """``slot`` called only while ``thread`` is the current run: a cancelled run's late signals are dropped."""
        return lambda *args: slot(*args) if self.thread is thread else None

    def _on_thread_segment_found(self, segment: Segment) -> None:
        self._segments.append(segment)
        text = segment.text.strip()
        if not text:
            return
        document = self.window.document
        document.insert_cues(len(document.cues), [Cue.create(segment.start, segment.end, text, segment.words)])
        self.window.table.show_row(len(document.cues) - 1)

    def _on_thread_progress(self, fraction: float, seconds_left: float) -> None:
        window = self.window
        window.progress_bar.setValue(int(fraction * 1000))
        window.progress_bar.setFormat(f"{fraction * 100:.0f} %")
        if seconds_left >= 0:
            window.time_left_label.setText(self.tr("%1 left").replace("%1", _duration(seconds_left)))
        else:
            window.time_left_label.setText(self.tr("Estimating time left…"))

    def _on_thread_timing_started(self) -> None:
        self.window.progress_bar.setValue(1000)
        self.window.time_left_label.setText(self.tr("Fitting the cues to the speech…"))

    def _on_thread_succeeded(self, result: TranscriptionResult) -> None:
        window = self.window
        if not self._finish():
            return  # the document it was started for is no longer open
        window.controller.speech = result.speech
        replace_all(window.undo_stack, window.document, result.cues, self.tr("Transcribe"),
                    transcript=result.transcript, old_cues=self._original, selection=window.selection,
                    preset=result.preset.name)
        elapsed = time.monotonic() - self._started
        window.show_status(self.tr("Transcribed: %1 cues in %2.").replace("%1", str(len(result.cues))).replace("%2", _duration(elapsed)))

    def _on_thread_failed(self, message: str) -> None:
        self._finish()
        self.window.document.set_cues(self._original)
        self.window.show_error(self.tr("Transcription failed"), message)

    def _on_thread_cancelled(self) -> None:
        self.cancel()

    def _finish(self) -> bool:
        """The run is over: the document is no longer busy; True when its result still applies."""
        self.thread = None
        job, self._job = self._job, None
        self._show_progress(False)
        return job is not None and self.window.controller.end_job(job)

    def _show_progress(self, visible: bool) -> None:
        for widget in (self.window.progress_bar, self.window.time_left_label):
            widget.setVisible(visible)


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes}:{seconds:02d}" if minutes else f"{seconds} s"
