"""Transcription from the window: the options dialog, and the controller that runs it.

While the engine works, its segments stream into the cue table as provisional cues (the
document is busy then, and refuses every edit); the finished transcript is re-segmented under the chosen preset
and replaces the cues as one undo step. Cancel, a failure or closing the window puts the
cues back as they were.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from PySide6.QtCore import QSettings
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.model import Cue, Segment
from ..core.presets import get_preset, preset_for_language
from ..core.timecode import format_duration
from .commands import replace_all
from .dialogs import preset_box
from .language_names import language_name
from .thread_job import ThreadJobController
from .transcribe_options import AdvancedOptions, EngineChoices, LanguageBox, TaskBox, model_summary, remember_speed
from .whisper_choices import DeviceChooser, ModelFolderButton, describe_device

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
    """Model, language, preset and device for a transcription."""

    def __init__(
        self, parent: QWidget | None, preset: str, language: str = "", device: str = "auto", compute_type: str = "auto",
        tracks: Sequence[object] = (), choices: EngineChoices | None = None, settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings or QSettings()
        choices = choices or EngineChoices()
        self.setWindowTitle(self.tr("Transcribe"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Subtitler listens to the video's speech on this computer (nothing is uploaded) "
                               "and turns it into timed cues. The current cues are replaced; Undo brings them back."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.model_box = QComboBox(self)
        self._fill_models()
        model_row = QHBoxLayout()
        model_row.addWidget(self.model_box, 1)
        self.model_folder = ModelFolderButton(self, self.model_box)
        model_row.addWidget(self.model_folder)
        self.models_button = QPushButton(self.tr("Models…"), self)
        self.models_button.setToolTip(self.tr("See, add, verify and remove the speech models"))
        self.models_button.clicked.connect(self.open_models)
        model_row.addWidget(self.models_button)
        form.addRow(self.tr("&Model:"), model_row)
        form.labelForField(model_row).setBuddy(self.model_box)
        self.model_info = QLabel(self)
        self.model_info.setWordWrap(True)
        form.addRow("", self.model_info)
        self.task_box = TaskBox(self, choices.task)
        form.addRow(self.tr("T&ask:"), self.task_box)
        self.language_box = LanguageBox(self, language)
        form.addRow(self.tr("&Language:"), self.language_box)
        # A preset some language gets by itself is offered as "by language"; another was chosen on purpose.
        chosen = "" if preset in {preset_for_language(code) for code in LANGUAGES} else preset
        self.preset_box = preset_box(self, chosen)
        self.preset_box.insertItem(0, self.tr("By language (Netflix French for French speech)"), "")
        self.preset_box.setCurrentIndex(max(0, self.preset_box.findData(chosen)))
        form.addRow(self.tr("&Rules:"), self.preset_box)
        self.device_chooser = DeviceChooser(self, device, compute_type)
        form.addRow(self.tr("&Device:"), self.device_chooser)
        form.labelForField(self.device_chooser).setBuddy(self.device_chooser.device_box)
        layout.addLayout(form)
        unfolded = str(self._settings.value("transcribe/advanced_open", "false")).lower() == "true"
        self.advanced = AdvancedOptions(self, choices, tracks, folded=not unfolded)
        layout.addWidget(self.advanced)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Transcribe"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.model_box.currentIndexChanged.connect(self._on_model_changed)
        self._on_model_changed()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        # Wrapped labels know their height only once the dialog has its width: without this it
        # opened too short and squashed the Device row.
        self.adjustSize()

    def _fill_models(self) -> None:
        from ..asr.models import DEFAULT_MODEL, list_models

        try:
            models = list_models()
        except Exception:  # noqa: BLE001 - a broken manifest still leaves the default name usable
            models = []
        self._model_sizes = {info.name: info.size for info in models}
        self._missing = any(not info.installed for info in models)
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
            self.language_box.set_language("en")
            self.task_box.setCurrentIndex(0)  # an English-only model cannot translate
        self.language_box.setEnabled(not english_only)
        self.task_box.setEnabled(not english_only)
        name = self.model_name()
        summary = model_summary(self, self._settings, Path(name).name, self._model_sizes.get(name, 0))
        if self._missing:
            summary += "\n" + self.tr("Greyed-out models are not installed: Models… says how to get them.")
        self.model_info.setText(summary)

    def open_models(self) -> None:
        """The Models dialog; the model list is read again when it closes."""
        from .models_dialog import ModelsDialog

        ModelsDialog(self).exec()
        chosen = self.model_name()
        self.model_box.clear()
        self._fill_models()
        self.model_box.setCurrentIndex(max(0, self.model_box.findData(chosen)))
        self._on_model_changed()

    def model_name(self) -> str:
        return str(self.model_box.currentData())

    def language(self) -> str:
        return str(self.language_box.currentData() or "")

    def preset(self) -> str:
        """The preset chosen; "" for the language's."""
        return str(self.preset_box.currentData() or "")

    def engine_choices(self) -> EngineChoices:
        """Task, prompt, hotwords, voice activity detection and audio track as chosen."""
        return self.advanced.choices(self.task_box.task())


class TranscriptionController(ThreadJobController):
    """Runs one transcription at a time as a job of the window's document, with its progress in the status bar.

    The streamed cues are a preview shown in the document while the job keeps it busy; the final
    result is one undo step, applied only if the document it was started for is still open.
    """

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.thread: TranscriptionThread | None = None
        self._original: list[Cue] = []
        self._segments: list[Segment] = []
        self._model = ""
        self.detected_language = ""
        """What the run said about its language ("Language: French (97 % sure)"), for the status bar."""

    def start_dialog(self) -> None:
        """Ask for model, language and preset, then start."""
        window = self.window
        window.controller.check_not_busy()
        if window.media_path is None:
            window.show_status(self.tr("Open a video first."))
            return
        settings = window.settings
        dialog = TranscribeDialog(window, window.document.preset, str(settings.value("transcribe/language", "")),
                                  str(settings.value("transcribe/device", "auto")),
                                  str(settings.value("transcribe/compute_type", "auto")),
                                  tracks=audio_tracks(window.media_path), choices=EngineChoices.remembered(settings),
                                  settings=settings)  # fmt: skip
        previous_model = settings.value("transcribe/model")
        if previous_model:
            index = dialog.model_box.findData(previous_model)
            if index >= 0 and dialog.model_box.model().item(index).isEnabled():
                dialog.model_box.setCurrentIndex(index)
            elif index < 0 and (Path(previous_model) / "model.bin").is_file():
                dialog.model_folder.add(Path(previous_model))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        settings.setValue("transcribe/model", dialog.model_name())
        settings.setValue("transcribe/language", dialog.language())
        settings.setValue("transcribe/device", dialog.device_chooser.device())
        settings.setValue("transcribe/compute_type", dialog.device_chooser.compute_type())
        settings.setValue("transcribe/advanced_open", dialog.advanced.toggle.isChecked())
        choices = dialog.engine_choices()
        choices.remember(settings)
        self.start(dialog.model_name(), dialog.language(), dialog.preset(),
                   dialog.device_chooser.device(), dialog.device_chooser.compute_type(), choices)

    def start(
        self, model: str, language: str = "", preset: str | None = None, device: str = "auto", compute_type: str = "auto",
        choices: EngineChoices | None = None,
    ) -> None:
        """Transcribe the window's video with ``model`` (language "" = detect) on ``device``, then re-segment
        under ``preset`` (None or "": the language's, Netflix French for French speech)."""
        from ..asr.device import choose_device
        from ..asr.engine import TranscribeOptions
        from ..core.errors import ModelError
        from .workers import TranscriptionThread

        window = self.window
        media = window.media_path
        if self.running or media is None:
            return
        try:
            in_use = choose_device(device, compute_type)
        except ModelError as exc:
            window.show_error(self.tr("Transcription failed"), str(exc))
            return
        job = window.controller.begin_job(self.tr("Transcribing %1").replace("%1", media.name), self.cancel, drafts=True)
        if job is None:
            return
        self._job = job
        choices = choices or EngineChoices()
        options = TranscribeOptions(model=model, language=language or None, device=device, compute_type=compute_type,
                                    task=choices.task, initial_prompt=choices.initial_prompt, hotwords=choices.hotwords,
                                    vad=choices.vad, audio_track=choices.audio_track)  # fmt: skip
        self._model = Path(model).name
        self._original = list(window.document.cues)
        self._segments = []
        self._started = time.monotonic()
        thread = TranscriptionThread(media, options, get_preset(preset) if preset else None, window.fps(), self)
        # Provisional preview: the streamed cues are not undo steps; the final result is one.
        window.document.set_cues([])
        window.show_status(self.tr("Transcribing %1 with %2 on %3…").replace("%1", media.name)
                           .replace("%2", Path(model).name).replace("%3", describe_device(in_use)), 0)
        self._start_thread(thread, (
            (thread.segment_found, self._on_thread_segment_found),
            (thread.progress, self._on_thread_progress),
            (thread.timing_started, self._on_thread_timing_started),
            (thread.language_detected, self._on_thread_language_detected),
            (thread.succeeded, self._on_thread_succeeded),
            (thread.failed, self._on_thread_failed),
            (thread.cancelled, self._on_thread_cancelled),
        ), self.tr("Loading the model…"))

    def _after_cancel(self) -> None:
        """The cues go back to how they were."""
        self.window.document.set_cues(self._original)
        self.window.show_status(self.tr("Transcription cancelled; the cues are as they were."))

    # --- thread signals ------------------------------------------------------------------
    def _on_thread_segment_found(self, segment: Segment) -> None:
        self._segments.append(segment)
        text = segment.text.strip()
        if not text:
            return
        document = self.window.document
        document.insert_cues(len(document.cues), [Cue.create(segment.start, segment.end, text, segment.words)])
        self.window.table.show_row(len(document.cues) - 1)

    def _on_thread_language_detected(self, language: str, probability: float) -> None:
        message = self.tr("Language: %1 (%2 % sure)").replace("%1", language_name(language)).replace("%2", f"{probability * 100:.0f}")
        self.detected_language = message
        self.window.show_status(message, 0)

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
        duration_ms = window.document.media.duration if window.document.media else 0
        if duration_ms > 0 and elapsed > 0:
            remember_speed(window.settings, self._model, duration_ms / 1000 / elapsed)
        window.show_status(self.tr("Transcribed: %1 cues in %2.").replace("%1", str(len(result.cues))).replace("%2", format_duration(elapsed)))

    def _on_thread_failed(self, message: str) -> None:
        self._finish()
        self.window.document.set_cues(self._original)
        self.window.show_error(self.tr("Transcription failed"), message)


def audio_tracks(media: Path | None) -> tuple[object, ...]:
    """The media's audio tracks for the track chooser (none when it cannot be probed)."""
    from ..core.errors import SubtitlerError
    from ..media.probe import probe

    if media is None:
        return ()
    try:
        return tuple(probe(media).audio_tracks)
    except (SubtitlerError, OSError):
        return ()
