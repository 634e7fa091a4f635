"""File ▸ Export Video…: a copy of the video with the cues burned in, as a job of the document.

The cues are taken as they are when the export starts; ffmpeg runs in a worker thread
(``media.burn``) with its progress and time left in the status bar. Cancel stops ffmpeg at once
and nothing is left at the chosen file (it is written under a hidden name and renamed at the end).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ..core.errors import Cancelled, EditError, SubtitlerError
from ..core.model import Document
from ..core.timecode import format_duration
from .dialogs import preset_box
from .output_file_dialog import OutputFileDialog
from .thread_job import ThreadJobController
from .workers import CancellableThread

if TYPE_CHECKING:
    from ..media.burn import BurnOptions
    from .main_window import MainWindow

__all__ = ["VideoExportDialog", "BurnThread", "VideoExportController"]


class VideoExportDialog(OutputFileDialog):
    """The video file to write and the look of the text."""

    def __init__(self, parent: QWidget | None, path: Path, preset: str) -> None:
        from ..media.burn import VIDEO_OUTPUTS

        super().__init__(parent)
        self.setObjectName("VideoExportDialog")
        self.setWindowTitle(self.tr("Export Video"))
        self._outputs = VIDEO_OUTPUTS
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Subtitler draws the cues into a copy of the video (open captions). "
                               "The picture is encoded again; the sound is copied as it is."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.look_box = preset_box(self, preset)
        self.look_box.setToolTip(self.tr("Netflix: white text with a black outline; BBC: white text on a black box"))
        form.addRow(self.tr("&Look:"), self.look_box)
        self.speed_box = QComboBox(self)
        for speed, label in (("medium", self.tr("Balanced")), ("veryfast", self.tr("Faster, larger file")),
                             ("slow", self.tr("Smaller file, slower"))):
            self.speed_box.addItem(label, speed)
        form.addRow(self.tr("&Encoding:"), self.speed_box)
        self._add_output_rows(layout, form, path)

    def path(self) -> Path:
        """The video file to write (.mp4 when no extension was typed)."""
        path = Path(self.path_edit.text().strip()).expanduser()
        return path.with_suffix(".mp4") if path.name and not path.suffix else path

    def look(self) -> str:
        """The preset whose look the text takes."""
        return str(self.look_box.currentData())

    def speed(self) -> str:
        """x264's preset for the picture."""
        return str(self.speed_box.currentData())

    def _browse(self) -> None:
        patterns = " ".join(f"*{ext}" for ext in self._outputs)
        self._browse_for(self.tr("Export Video"), self.tr("Videos (%1)").replace("%1", patterns))

    def accept(self) -> None:
        """Close only on a video file name ffmpeg can write."""
        path = self.path()
        if path.suffix.lower() not in self._outputs:
            self._show_error(self.tr("Name the video %1.").replace("%1", " / ".join(self._outputs)))
            return
        if self._may_write(path):
            super().accept()


class BurnThread(CancellableThread):
    """Runs ``media.burn.burn_subtitles`` off the GUI thread."""

    succeeded = Signal(str)

    def __init__(self, video: Path, document: Document, output: Path, options: "BurnOptions", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.video, self.document, self.output, self.options = video, document, output, options

    def run(self) -> None:  # runs in the worker thread
        from ..media.burn import burn_subtitles

        try:
            burn_subtitles(self.video, self.document, self.output, self.options, self._on_progress, self._cancel)
        except Cancelled:
            self.cancelled.emit()
        except SubtitlerError as exc:
            self.failed.emit(str(exc))
        except OSError as exc:
            self.failed.emit(f"{self.output}: {exc.strerror or exc}")
        else:
            self.succeeded.emit(str(self.output))

    def _on_progress(self, fraction: float, left: float | None) -> None:
        self.progress.emit(fraction, -1.0 if left is None else left)


class VideoExportController(ThreadJobController):
    """File ▸ Export Video…: one export at a time, as a job of the document (edits wait, Cancel stops it)."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.thread: BurnThread | None = None
        self.act_export_video = window._action(self.tr("Export &Video…"), self.start_dialog, "Ctrl+Shift+E",
                                               self.tr("Write a copy of the video with the subtitles drawn in"))

    def start_dialog(self) -> VideoExportDialog:
        """Ask for the file and the look; the export starts when the dialog is accepted."""
        window = self.window
        window.controller.check_not_busy()
        media = window.media_path
        if media is None:
            raise EditError(self.tr("Open the video first: the subtitles are drawn into it."))
        if not window.document.cues:
            raise EditError(self.tr("There are no cues to draw into the video."))
        folder = Path(window.recent.last_dir())
        dialog = VideoExportDialog(window, folder / f"{media.stem}-subtitled.mp4", window.document.preset)
        dialog.accepted.connect(lambda: self.start(dialog.path(), dialog.look(), dialog.speed()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def start(self, output: Path, look: str, speed: str = "medium") -> None:
        """Burn the cues, as they are now, into a copy of the window's video at ``output`` in ``look``'s style
        (``speed``: x264's preset)."""
        from ..core.burn_style import style_for
        from ..core.formats.words import with_cues
        from ..media.burn import BurnOptions

        window = self.window
        media = window.media_path
        if self.thread is not None or media is None:
            return
        job = window.controller.begin_job(self.tr("Exporting the video %1").replace("%1", output.name), self.cancel)
        if job is None:
            return
        self._job = job
        document = window.controller.user_document()
        options = BurnOptions(style_for(look), speed=speed)
        thread = BurnThread(media, with_cues(document, list(document.cues)), output, options, self)
        self._started = time.monotonic()
        window.show_status(self.tr("Exporting the video %1…").replace("%1", output.name), 0)
        window.settings.setValue("files/last_dir", str(output.parent))
        self._start_thread(thread, ((thread.progress, self._on_thread_progress), (thread.succeeded, self._on_thread_succeeded),
                                    (thread.failed, self._on_thread_failed), (thread.cancelled, self._on_thread_cancelled)),
                           self.tr("Estimating time left…"))

    def _after_cancel(self) -> None:
        """Say so: the export's file is removed before the thread ends."""
        self.window.show_status(self.tr("Video export cancelled; nothing was written."))

    def _on_thread_succeeded(self, output: str) -> None:
        self._finish()
        elapsed = format_duration(time.monotonic() - self._started)
        self.window.show_status(self.tr("Exported the video %1 in %2.").replace("%1", output).replace("%2", elapsed))

    def _on_thread_failed(self, message: str) -> None:
        self._finish()
        self.window.show_error(self.tr("Video export failed"), message)
