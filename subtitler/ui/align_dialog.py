"""A transcript the user already has, timed to the video: File ▸ Import Transcript… and Re-align to Audio.

The import dialog shows each clean-up step (``core.transcript_import``) as it ran, with what it
changed; unticking a step imports the same bytes again without it, so every step can be undone
before anything is aligned. Alignment runs as a job of the document (``DocumentController``), in
a worker thread with progress and cancel like transcription; its cues, transcript and source
replace the document's as one undo step. Re-align times the cues' current words again after edits.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import EditError, SubtitlerError
from ..core.transcript_import import ImportedTranscript, ImportOptions, import_transcript, is_punctuated
from .commands import SetCuesCommand
from .dialogs import preset_box
from .thread_job import ThreadJobController
from .workers import EngineThread

if TYPE_CHECKING:
    from ..asr.transcript_alignment import AlignedTranscript
    from .main_window import MainWindow

__all__ = ["TranscriptImportDialog", "AlignmentThread", "AlignmentController", "AlignSettings", "SOURCE_KEY"]

SOURCE_KEY = "transcript_source"
"""Document extras key of the source transcript (``core.aligned.source_record``)."""
_ENCODINGS = ("utf-8", "cp1252", "latin-1", "iso8859_15", "iso8859_16", "cp1250", "utf-16")
_PREVIEW_CHARS = 20_000


@dataclass(frozen=True)
class AlignSettings:
    """What the alignment runs with, beside the transcript."""

    model: str
    language: str = ""
    """ISO code; "" detects it."""
    preset: str = ""
    """Rules preset; "" for the language's."""
    keep_case: bool = False


class TranscriptImportDialog(QDialog):
    """The clean-up steps of a transcript, each a check box with what it did, a preview, and the alignment choices."""

    def __init__(self, parent: QWidget | None, data: bytes, name: str, settings: AlignSettings,
                 options: ImportOptions = ImportOptions()) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import Transcript"))
        self.resize(760, 640)
        self._data, self._name = data, name
        self.imported = import_transcript(data, name, options)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Subtitler times every word of %1 to the video's speech and cuts it into subtitles. "
                               "Your words stay as they are. Untick a clean-up step to undo it.").replace("%1", name), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self._build_steps(options))
        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("TranscriptPreview")
        self.preview.setReadOnly(True)
        layout.addWidget(self.preview, 1)
        layout.addLayout(self._build_choices(settings))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.align_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.align_button.setText(self.tr("Align"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for box in self.step_boxes.values():
            box.toggled.connect(self._on_option_toggled)
        self.encoding_box.currentIndexChanged.connect(self._on_option_toggled)
        self._show(self.imported)

    def _build_steps(self, options: ImportOptions) -> QGroupBox:
        group = QGroupBox(self.tr("Clean-up"), self)
        grid = QGridLayout(group)
        self.encoding_box = QComboBox(group)
        self.encoding_box.addItem(self.tr("Detect"), "")
        for codec in _ENCODINGS:
            self.encoding_box.addItem(codec, codec)
        self.encoding_box.setCurrentIndex(max(0, self.encoding_box.findData(options.encoding or "")))
        self.step_labels: dict[str, QLabel] = {}
        self.step_boxes = {
            "mojibake": QCheckBox(self.tr("Repair text read in the wrong encoding"), group),
            "lines": QCheckBox(self.tr("Join line breaks"), group),
            "speakers": QCheckBox(self.tr("Read speaker labels as speaker turns"), group),
            "sounds": QCheckBox(self.tr("Keep sound events ([Music], (applause)) as their own cues"), group),
            "fillers": QCheckBox(self.tr("Keep fillers (um, euh)"), group),
        }
        checked = {"mojibake": options.repair, "lines": options.join_lines, "speakers": options.speakers,
                   "sounds": options.keep_sounds, "fillers": options.keep_fillers}
        grid.addWidget(QLabel(self.tr("Encoding:"), group), 0, 0)
        grid.addWidget(self.encoding_box, 0, 1)
        for row, name in enumerate(["encoding", *self.step_boxes], start=0):
            if name != "encoding":
                box = self.step_boxes[name]
                box.setChecked(checked[name])
                grid.addWidget(box, row, 0, 1, 2)
            label = QLabel(group)
            label.setWordWrap(True)
            self.step_labels[name] = label
            grid.addWidget(label, row, 2)
        grid.setColumnStretch(2, 1)
        return group

    def _build_choices(self, settings: AlignSettings) -> QFormLayout:
        from .transcribe_dialog import LANGUAGES

        form = QFormLayout()
        self.keep_case = QCheckBox(self.tr("Keep my capitals (the text has no punctuation: sentence ends and capitals are restored)"), self)
        self.keep_case.setChecked(settings.keep_case)
        form.addRow(self.keep_case)
        self.model_box = QComboBox(self)
        _fill_models(self.model_box, settings.model)
        form.addRow(self.tr("&Model:"), self.model_box)
        self.language_box = QComboBox(self)
        self.language_box.addItem(self.tr("Detect automatically"), "")
        for code, name in LANGUAGES.items():
            self.language_box.addItem(f"{name} ({code})", code)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(settings.language)))
        form.addRow(self.tr("&Language:"), self.language_box)
        self.preset_box = preset_box(self, settings.preset)
        self.preset_box.insertItem(0, self.tr("By language"), "")
        self.preset_box.setCurrentIndex(max(0, self.preset_box.findData(settings.preset)))
        form.addRow(self.tr("&Rules:"), self.preset_box)
        return form

    def options(self) -> ImportOptions:
        """The clean-up as the check boxes say."""
        boxes = self.step_boxes
        return ImportOptions(
            encoding=str(self.encoding_box.currentData() or "") or None, repair=boxes["mojibake"].isChecked(),
            join_lines=boxes["lines"].isChecked(), speakers=boxes["speakers"].isChecked(),
            keep_sounds=boxes["sounds"].isChecked(), keep_fillers=boxes["fillers"].isChecked(),
        )

    def settings(self) -> AlignSettings:
        """Model, language, preset and case as chosen."""
        return AlignSettings(str(self.model_box.currentData()), str(self.language_box.currentData() or ""),
                             str(self.preset_box.currentData() or ""), self.keep_case.isChecked())

    def _on_option_toggled(self, *_args: object) -> None:
        try:
            self.imported = import_transcript(self._data, self._name, self.options())
        except SubtitlerError as exc:  # a forced encoding that cannot read the bytes
            self.preview.setPlainText(str(exc))
            self.align_button.setEnabled(False)
            return
        self._show(self.imported)

    def _show(self, imported: ImportedTranscript) -> None:
        """The steps' findings and the cleaned text."""
        texts = {
            "encoding": self.tr("Read as %1").replace("%1", imported.encoding),
            "mojibake": self.tr("Nothing to repair"),
            "lines": self.tr("No line breaks inside a turn"),
            "speakers": self.tr("No speaker labels found"),
            "sounds": self.tr("No sound events found"),
            "fillers": self.tr("No fillers found"),
        }
        for step in imported.steps:
            examples = ", ".join(f"{a} → {b}" for a, b in step.examples)
            if step.name == "mojibake":
                texts["mojibake"] = self.tr("%n words were UTF-8 read as %1", "", step.count).replace("%1", step.detail)
                texts["mojibake"] += f": {examples}" if examples else ""
            elif step.name == "times" and step.count:
                texts["encoding"] += " · " + self.tr("the times of %n cues dropped", "", step.count)
            elif step.name == "lines" and step.count:
                texts["lines"] = self.tr("%n line breaks joined", "", step.count)
            elif step.name == "speakers" and step.count:
                texts["speakers"] = self.tr("%n labels: %1", "", step.count).replace("%1", step.detail or "—")
            elif step.name in ("sounds", "fillers") and step.count:
                texts[step.name] = f"{step.count} × {step.detail}"
        for name, text in texts.items():
            self.step_labels[name].setText(text)
        self.step_boxes["mojibake"].setEnabled(imported.step("mojibake") is not None)
        words = [t.text for t in imported.words]
        self.keep_case.setEnabled(bool(words) and not is_punctuated(words))
        self.align_button.setEnabled(bool(words))
        self.preview.setPlainText(imported.text[:_PREVIEW_CHARS])


def _fill_models(box: QComboBox, chosen: str) -> None:
    """The installed models, ``chosen`` (else the default) selected."""
    from ..asr.models import DEFAULT_MODEL, list_models

    try:
        names = [info.name for info in list_models() if info.installed]
    except Exception:  # noqa: BLE001 - a broken manifest still leaves the default name usable
        names = []
    for name in names or [DEFAULT_MODEL]:
        box.addItem(name, name)
    if chosen and box.findData(chosen) < 0 and (Path(chosen) / "model.bin").is_file():
        box.addItem(Path(chosen).name, chosen)  # a model folder chosen for transcription
    box.setCurrentIndex(max(0, box.findData(chosen or DEFAULT_MODEL)))


class AlignmentThread(EngineThread):
    """Runs ``asr.transcript_alignment.align_transcript`` off the GUI thread; ``succeeded`` carries the ``AlignedTranscript``."""

    def __init__(self, media: Path, imported: ImportedTranscript, settings: AlignSettings, fps: float,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.media, self.imported, self.settings, self.fps = media, imported, settings, fps

    def _work(self) -> "AlignedTranscript":
        # Imported here, not at start-up: faster-whisper costs seconds to import.
        from ..asr.align import AlignOptions
        from ..asr.transcript_alignment import align_transcript
        from ..core.presets import get_preset

        settings = self.settings
        return align_transcript(
            self.media, self.imported, AlignOptions(model=settings.model, language=settings.language or None),
            preset=get_preset(settings.preset) if settings.preset else None, fps=self.fps,
            keep_case=settings.keep_case, on_event=self._on_event, cancel=self._cancel,
        )

    def _out_of_memory_message(self) -> str:
        return self.tr("Not enough memory to align this file; try a smaller model.")

    def _failure_message(self, error: str) -> str:
        return self.tr("Alignment failed: %1").replace("%1", error)

    def _on_event(self, event: Any) -> None:
        from ..asr.engine import ProgressEvent

        if isinstance(event, ProgressEvent):
            left = event.eta_seconds if event.eta_seconds is not None else -1.0
            self.progress.emit(max(0.0, min(1.0, float(event.fraction))), float(left))


class _AlignedCommand(SetCuesCommand):
    """Every cue, the transcript and the preset replaced, with the source transcript they came from (one step)."""

    def __init__(self, document: Any, result: "AlignedTranscript", text: str, selection: Any) -> None:
        super().__init__(document, result.cues, text, transcript=result.transcript, selection=selection,
                         preset=result.preset.name)
        self.record = result.record
        self.had, self.old = SOURCE_KEY in document.extras, document.extras.get(SOURCE_KEY)

    def redo(self) -> None:
        self.document.extras[SOURCE_KEY] = self.record
        super().redo()

    def undo(self) -> None:
        if self.had:
            self.document.extras[SOURCE_KEY] = self.old
        else:
            self.document.extras.pop(SOURCE_KEY, None)
        super().undo()


class AlignmentController(ThreadJobController):
    """File ▸ Import Transcript… and Subtitles ▸ Re-align to Audio: one alignment at a time, as a job of the document."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.thread: AlignmentThread | None = None
        self._label = ""
        tr = self.tr
        self.act_import = window._action(tr("Import &Transcript…"), self.import_dialog, "Ctrl+Shift+I",
                                         tr("Time a transcript you already have (text, SRT or VTT) to the video's speech"))
        self.act_realign = window._action(tr("Re-&align to Audio"), self.realign, "Ctrl+Shift+R",
                                          tr("Time the cues' words to the speech again, after editing them"), True)

    # --- starting ---------------------------------------------------------------------------
    def import_dialog(self) -> None:
        """Ask for a transcript file, then show its clean-up and align it."""
        window = self.window
        window.controller.check_not_busy()
        if window.media_path is None:
            raise EditError(self.tr("Open the video first: the transcript is timed to its speech."))
        filters = ";;".join([self.tr("Transcripts (*.txt *.srt *.vtt)"), self.tr("All files (*)")])
        path, _ = QFileDialog.getOpenFileName(window, self.tr("Import Transcript"), window.recent.last_dir(), filters)
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Show the clean-up of the transcript at ``path``; align it when the user says so."""
        from ..core.formats.encoding import read_limited

        window = self.window
        window.controller.check_not_busy()
        if window.media_path is None:
            raise EditError(self.tr("Open the video first: the transcript is timed to its speech."))
        data = read_limited(path)
        dialog = TranscriptImportDialog(window, data, path.name, self._settings())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        settings = dialog.settings()
        window.settings.setValue("transcribe/model", settings.model)
        window.settings.setValue("transcribe/language", settings.language)
        self.start(dialog.imported, settings, self.tr("Import transcript %1").replace("%1", path.name))

    def realign(self) -> None:
        """Time the cues' words to the audio again (after edits), keeping their text, speakers and sound events."""
        from ..core.aligned import imported_from_cues

        window = self.window
        window.controller.check_not_busy()
        if window.media_path is None:
            raise EditError(self.tr("Open the video first: the words are timed to its speech."))
        document = window.document
        record = document.extras.get(SOURCE_KEY)
        fields = ImportOptions.__dataclass_fields__
        saved = record.get("options", {}) if isinstance(record, dict) else {}
        options = ImportOptions(**{k: v for k, v in saved.items() if k in fields}) if isinstance(saved, dict) else ImportOptions()
        imported = imported_from_cues(document.cues, options)
        if not imported.words:
            raise EditError(self.tr("There are no words to align."))
        language = document.transcript.language if document.transcript else ""
        settings = replace(self._settings(), language=language or "", preset=document.preset, keep_case=True)
        self.start(imported, settings, self.tr("Re-align to audio"))

    def _settings(self) -> AlignSettings:
        stored = self.window.settings
        return AlignSettings(str(stored.value("transcribe/model", "") or ""), str(stored.value("transcribe/language", "") or ""),
                             "", False)

    def start(self, imported: ImportedTranscript, settings: AlignSettings, label: str) -> None:
        """Align ``imported`` to the window's video as a job of the document; ``label`` names the undo step."""
        from ..asr.models import DEFAULT_MODEL

        window = self.window
        media = window.media_path
        if self.running or media is None:
            return
        job = window.controller.begin_job(self.tr("Aligning the transcript to %1").replace("%1", media.name), self.cancel)
        if job is None:
            return
        self._job, self._label, self._started = job, label, time.monotonic()
        settings = replace(settings, model=settings.model or DEFAULT_MODEL)
        thread = AlignmentThread(media, imported, settings, window.fps(), self)
        window.show_status(self.tr("Aligning %n words to %1…", "", len(imported.words)).replace("%1", media.name), 0)
        self._start_thread(thread, ((thread.progress, self._on_thread_progress), (thread.succeeded, self._on_thread_succeeded),
                                    (thread.failed, self._on_thread_failed), (thread.cancelled, self._on_thread_cancelled)),
                           self.tr("Loading the model…"))

    def _after_cancel(self) -> None:
        """Say so: the cues stay as they were."""
        self.window.show_status(self.tr("Alignment cancelled; the cues are as they were."))

    # --- thread signals ------------------------------------------------------------------------
    def _on_thread_succeeded(self, result: "AlignedTranscript") -> None:
        window = self.window
        if not self._finish():
            return  # the document it was started for is no longer open
        window.controller.speech = result.speech
        document = window.document
        window.undo_stack.push(_AlignedCommand(document, result, self._label, window.selection))
        words = len(result.transcript.words)
        message = self.tr("Aligned %n words into %1 cues.", "", words).replace("%1", str(len(result.cues)))
        if result.punctuation_restored:
            message += " " + self.tr("The text had no punctuation: sentence ends and capitals were restored.")
        if result.unheard:
            message += " " + self.tr("%n words were not heard; the Quality list shows them.", "", result.unheard)
            window.quality_dock.show()
        window.show_status(message, 15_000)

    def _on_thread_failed(self, message: str) -> None:
        self._finish()
        self.window.show_error(self.tr("Alignment failed"), message)
