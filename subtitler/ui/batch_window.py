"""Subtitles ▸ Transcribe Several Files…: a queue of files transcribed with the same options, each file's state shown.

The files run through ``batch.cluster.run_batch``, the code `subtitler batch` runs, on an
in-process Dask cluster of one worker (the editor's own model stays loaded for it). Each file
gets its subtitles written beside the others in the output folder; the open document is not
touched, so the batch is not a job of the document and editing goes on meanwhile. A file done
before with the same options is skipped; one that fails says why and the queue goes on.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core.errors import SubtitlerError
from ..core.timecode import format_duration
from .dialogs import preset_box

if TYPE_CHECKING:
    from ..batch.inputs import BatchItem
    from ..batch.settings import BatchSettings
    from ..batch.work import FileResult
    from .main_window import MainWindow

__all__ = ["BatchWindow", "BatchThread", "BatchController"]

_FORMATS = ((".srt", "SRT"), (".vtt", "WebVTT"), (".ass", "ASS"), (".json", "JSON"))
_COLUMNS = 5  # file, state, cues, words, time


class BatchThread(QThread):
    """Runs a batch off the GUI thread; Dask's events arrive as signals on the GUI thread."""

    event = Signal(object)
    """A ``batch.cluster`` event: FileStarted, FileProgress or FileFinished."""
    done = Signal(object)
    """The list of FileResult, in the queue's order."""
    failed = Signal(str)

    def __init__(self, items: list["BatchItem"], outdir: Path, settings: "BatchSettings", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items, self.outdir, self.settings = items, outdir, settings
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:  # runs in the worker thread
        from ..batch.cluster import run_batch

        try:
            results = run_batch(self.items, self.outdir, self.settings, workers=1, processes=False,
                                on_event=self.event.emit, cancel=self._cancel)  # fmt: skip
        except SubtitlerError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - the cluster could not start: a message, not a crash
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.done.emit(results)


class BatchWindow(QDialog):
    """The queue: its files and their states, the options they share, Start and Cancel."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.setObjectName("BatchWindow")
        self.setWindowTitle(self.tr("Transcribe Several Files"))
        self.resize(820, 520)
        self.window_ = window
        self.items: list[BatchItem] = []
        self.thread: BatchThread | None = None
        self._started = 0.0
        self._fractions: dict[str, float] = {}
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, _COLUMNS, self)
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("State"), self.tr("Cues"), self.tr("Words"), self.tr("Time")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_files_button = QPushButton(self.tr("Add &Files…"), self)
        self.add_folder_button = QPushButton(self.tr("Add F&older…"), self)
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        for button in (self.add_files_button, self.add_folder_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addLayout(self._build_options())
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.status_label = QLabel(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.start_button = QPushButton(self.tr("&Start"), self)
        self.cancel_button = QPushButton(self.tr("&Cancel"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        for button in (self.start_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.add_files_button.clicked.connect(self._on_add_files_clicked)
        self.add_folder_button.clicked.connect(self._on_add_folder_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.hide)
        self._update_buttons()

    def _build_options(self) -> QFormLayout:
        from ..asr.models import DEFAULT_MODEL, list_models
        from .transcribe_dialog import LANGUAGES

        settings = self.window_.settings
        form = QFormLayout()
        self.model_box = QComboBox(self)
        for info in list_models():
            if info.installed:
                self.model_box.addItem(info.name, info.name)
        if self.model_box.count() == 0:
            self.model_box.addItem(DEFAULT_MODEL, DEFAULT_MODEL)
        self.model_box.setCurrentIndex(max(0, self.model_box.findData(settings.value("batch/model", DEFAULT_MODEL))))
        form.addRow(self.tr("&Model:"), self.model_box)
        self.language_box = QComboBox(self)
        self.language_box.addItem(self.tr("Detect for each file"), "")
        for code, name in LANGUAGES.items():
            self.language_box.addItem(f"{name} ({code})", code)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(settings.value("batch/language", ""))))
        form.addRow(self.tr("&Language:"), self.language_box)
        self.preset_box = preset_box(self, "")
        self.preset_box.insertItem(0, self.tr("By language (Netflix French for French speech)"), "")
        self.preset_box.setCurrentIndex(max(0, self.preset_box.findData(settings.value("batch/preset", ""))))
        form.addRow(self.tr("&Rules:"), self.preset_box)
        formats_row = QHBoxLayout()
        chosen = str(settings.value("batch/formats", ".srt")).split(",")
        self.format_boxes: dict[str, QCheckBox] = {}
        for suffix, label in _FORMATS:
            box = QCheckBox(label, self)
            box.setChecked(suffix in chosen)
            self.format_boxes[suffix] = box
            formats_row.addWidget(box)
        self.project_box = QCheckBox(self.tr("Project (every word's time)"), self)
        self.project_box.setChecked(settings.value("batch/project", "false") in (True, "true"))
        formats_row.addWidget(self.project_box)
        formats_row.addStretch(1)
        form.addRow(self.tr("Write:"), formats_row)
        self.outdir_edit = QLineEdit(str(settings.value("batch/outdir", "") or ""), self)
        self.outdir_edit.setPlaceholderText(self.tr("Where the subtitles go (the folders' layout is kept)"))
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.clicked.connect(self._on_browse_clicked)
        outdir_row = QHBoxLayout()
        outdir_row.addWidget(self.outdir_edit, 1)
        outdir_row.addWidget(browse)
        form.addRow(self.tr("&Output folder:"), outdir_row)
        return form

    # --- the queue ----------------------------------------------------------------------------
    def add(self, paths: list[Path]) -> None:
        """Queue files, and the media files in folders (at any depth); a bad path is said in the window."""
        from ..batch.inputs import find_inputs

        try:
            found = find_inputs(paths)
        except SubtitlerError as exc:
            self.status_label.setText(str(exc))
            return
        known = {item.source for item in self.items}
        for item in found:
            if item.source in known:
                continue
            self.items.append(item)
            row = self.table.rowCount()
            self.table.insertRow(row)
            for column, text in enumerate((item.name.as_posix(), self.tr("Waiting"), "", "", "")):
                self.table.setItem(row, column, QTableWidgetItem(text))
            self.table.item(row, 0).setToolTip(str(item.source))
        self._update_buttons()

    def state(self, row: int) -> str:
        """What the file of ``row`` is doing or became, as the window shows it."""
        return self.table.item(row, 1).text()

    def _on_add_files_clicked(self) -> None:
        from ..batch.inputs import MEDIA_EXTENSIONS

        patterns = " ".join(f"*{ext}" for ext in sorted(MEDIA_EXTENSIONS))
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Add Files"), self.window_.recent.last_dir(),
                                                self.tr("Video and audio (%1)").replace("%1", patterns))
        self.add([Path(f) for f in files])

    def _on_add_folder_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add Folder"), self.window_.recent.last_dir())
        if folder:
            self.add([Path(folder)])

    def _on_browse_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Output Folder"), self.outdir_edit.text())
        if folder:
            self.outdir_edit.setText(folder)

    def _on_remove_clicked(self) -> None:
        for row in sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)
            del self.items[row]
        self._update_buttons()

    def _update_buttons(self) -> None:
        running = self.thread is not None
        for button in (self.add_files_button, self.add_folder_button, self.remove_button):
            button.setEnabled(not running)
        self.start_button.setEnabled(not running and bool(self.items))
        self.cancel_button.setEnabled(running)

    # --- running ------------------------------------------------------------------------------
    def settings(self) -> "BatchSettings":
        """The options every file is transcribed with."""
        from ..batch.settings import BatchSettings

        return BatchSettings(
            model=str(self.model_box.currentData()), language=str(self.language_box.currentData()) or None,
            preset=str(self.preset_box.currentData()) or None,
            formats=tuple(s for s, box in self.format_boxes.items() if box.isChecked()),
            project=self.project_box.isChecked(),
        )  # fmt: skip

    def start(self) -> None:
        """Transcribe every queued file; files done before with the same options are skipped."""
        if self.thread is not None or not self.items:
            return
        try:
            settings = self.settings()
        except SubtitlerError as exc:
            self.status_label.setText(str(exc))
            return
        text = self.outdir_edit.text().strip()
        if not text:
            self.status_label.setText(self.tr("Choose the output folder first."))
            return
        outdir = Path(text).expanduser()
        saved = self.window_.settings
        saved.setValue("batch/model", settings.model)
        saved.setValue("batch/language", settings.language or "")
        saved.setValue("batch/preset", settings.preset or "")
        saved.setValue("batch/formats", ",".join(settings.formats))
        saved.setValue("batch/project", settings.project)
        saved.setValue("batch/outdir", text)
        for row in range(self.table.rowCount()):
            for column, value in ((1, self.tr("Waiting")), (2, ""), (3, ""), (4, "")):
                self.table.item(row, column).setText(value)
        self._fractions = {}
        self._started = time.monotonic()
        thread = BatchThread(list(self.items), outdir, settings, self)
        thread.event.connect(self._on_thread_event)
        thread.done.connect(self._on_thread_done)
        thread.failed.connect(self._on_thread_failed)
        thread.finished.connect(thread.deleteLater)
        self.thread = thread
        self.progress.setValue(0)
        self.status_label.setText(self.tr("Starting…"))
        self._update_buttons()
        thread.start()

    def cancel(self, wait: bool = False) -> None:
        """Stop the queue: the running file stops, the others stay waiting."""
        if self.thread is not None:
            self.thread.cancel()
            self.status_label.setText(self.tr("Cancelling…"))
            if wait:
                self.thread.wait(30_000)

    def _row_of(self, source: str) -> int:
        return next(n for n, item in enumerate(self.items) if str(item.source) == source)

    def _on_thread_event(self, event: object) -> None:
        from ..batch.cluster import FileFinished, FileProgress, FileStarted

        if isinstance(event, FileStarted):
            self._fractions[event.source] = 0.0
            self.table.item(self._row_of(event.source), 1).setText(self.tr("Transcribing…"))
        elif isinstance(event, FileProgress):
            self._fractions[event.source] = event.fraction
            text = self.tr("Transcribing: %1 %").replace("%1", f"{event.fraction * 100:.0f}")
            self.table.item(self._row_of(event.source), 1).setText(text)
        elif isinstance(event, FileFinished):
            self._fractions[event.result.source] = 1.0
            self._show_result(event.result)
        self._show_overall()

    def _show_result(self, result: "FileResult") -> None:
        row = self._row_of(result.source)
        states = {"done": self.tr("Done"), "skipped": self.tr("Skipped: done before with these options"),
                  "cancelled": self.tr("Cancelled")}  # fmt: skip
        state = states.get(result.status) or self.tr("Failed: %1").replace("%1", result.message)
        self.table.item(row, 1).setText(state)
        self.table.item(row, 1).setToolTip(result.message or "\n".join(result.outputs))
        if result.status in ("done", "skipped"):
            self.table.item(row, 2).setText(str(result.cues))
            self.table.item(row, 3).setText(str(result.words))
        self.table.item(row, 4).setText(format_duration(result.seconds))

    def _show_overall(self) -> None:
        done = sum(self._fractions.values()) / max(1, len(self.items))
        self.progress.setValue(int(done * 1000))
        elapsed = time.monotonic() - self._started
        left = self.tr("%1 left").replace("%1", format_duration(elapsed * (1 - done) / done)) if done > 0.02 else ""
        finished = sum(1 for f in self._fractions.values() if f >= 1.0)
        self.status_label.setText(self.tr("%1 of %2 files").replace("%1", str(finished)).replace("%2", str(len(self.items)))
                                  + (f" · {left}" if left else ""))

    def _on_thread_done(self, results: list) -> None:
        from ..batch.report import totals

        self.thread = None
        for result in results:
            self._show_result(result)
        self.progress.setValue(1000)
        names = {"done": self.tr("done"), "skipped": self.tr("skipped"), "failed": self.tr("failed"), "cancelled": self.tr("cancelled")}
        counts = ", ".join(f"{n} {names[status]}" for status, n in totals(results).items())
        self.status_label.setText(self.tr("Finished: %1.").replace("%1", counts))
        self._update_buttons()

    def _on_thread_failed(self, message: str) -> None:
        self.thread = None
        self.status_label.setText(self.tr("The files could not be transcribed: %1").replace("%1", message))
        self._update_buttons()


class BatchController(QObject):
    """Subtitles ▸ Transcribe Several Files…: the window's one queue, stopped when the editor closes."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.batch_window: BatchWindow | None = None
        self.act_batch = window._action(self.tr("Transcribe &Several Files…"), self.show, "Ctrl+Shift+T",
                                        self.tr("Transcribe a list of videos or whole folders with the same options"))

    def show(self) -> BatchWindow:
        """The queue window, shown and raised (made on first use)."""
        if self.batch_window is None:
            self.batch_window = BatchWindow(self.window)
        self.batch_window.show()
        self.batch_window.raise_()
        return self.batch_window

    def shut_down(self) -> None:
        """The editor closes: stop the queue and wait for its file to stop."""
        if self.batch_window is not None:
            self.batch_window.cancel(wait=True)

