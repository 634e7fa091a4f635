"""File ▸ Export Subtitles…: where to, and what the word layer becomes (karaoke, word stamps, JSON, word by word).

The format follows the file's extension; a word timing that needs a format (karaoke: ASS,
word stamps: WebVTT, JSON) sets the extension when chosen. What is written is the user's
document (never a running job's provisional cues), through ``core.word_export``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFormLayout, QSpinBox, QVBoxLayout, QWidget

from ..core.errors import SubtitlerError
from ..core.word_export import JSON_EXTENSION, WordExport
from .output_file_dialog import OutputFileDialog

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = ["ExportDialog", "ask_export", "export_subtitles"]

_MAX_WORDS = 12


class ExportDialog(OutputFileDialog):
    """The file to write and the word timing to put in it."""

    def __init__(self, parent: QWidget | None, path: Path, mode: str = "", max_words: int = 1) -> None:
        super().__init__(parent)
        self.setObjectName("ExportDialog")
        self.setWindowTitle(self.tr("Export Subtitles"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.timing_box = QComboBox(self)
        choices = (
            ("", self.tr("Cues as they are")),
            ("karaoke", self.tr("Karaoke: each word lights up at its time (ASS \\k)")),
            ("karaoke-fill", self.tr("Karaoke: a sweep across each word (ASS \\kf)")),
            ("vtt-timestamps", self.tr("Word time stamps (WebVTT)")),
            ("json", self.tr("Words as JSON (faster-whisper's layout)")),
            ("per-word", self.tr("Word by word: short cues for vertical video")),
        )
        for key, label in choices:
            self.timing_box.addItem(label, key)
        self.timing_box.setCurrentIndex(max(0, self.timing_box.findData(mode)))
        form.addRow(self.tr("&Word timing:"), self.timing_box)
        self.words_box = QSpinBox(self)
        self.words_box.setRange(1, _MAX_WORDS)
        self.words_box.setValue(max(1, min(max_words, _MAX_WORDS)))
        self.words_box.setToolTip(self.tr("Each cue shows 1 to this many words, cut where a subtitler would"))
        form.addRow(self.tr("Words per &cue (at most):"), self.words_box)
        self._add_output_rows(layout, form, path)
        self.timing_box.currentIndexChanged.connect(self._on_timing_changed)
        self._on_timing_changed()

    def mode(self) -> str:
        return str(self.timing_box.currentData() or "")

    def words(self) -> WordExport | None:
        """What the word layer becomes; None for the cues as they are."""
        mode = self.mode()
        if not mode:
            return None
        if mode == "karaoke-fill":
            return WordExport("karaoke", fill=True)
        return WordExport(mode, max_words=self.words_box.value())

    def path(self) -> Path:
        """The file to write, with the extension the format needs when none was typed."""
        path = Path(self.path_edit.text().strip()).expanduser()
        if path.name and not path.suffix:
            words = self.words()
            wanted = words.extensions() if words else ()
            path = path.with_suffix(wanted[0] if wanted else ".srt")
        return path

    def _on_timing_changed(self) -> None:
        self.words_box.setEnabled(self.mode() == "per-word")
        words = self.words()
        wanted = words.extensions() if words else ()
        path = Path(self.path_edit.text().strip())
        if path.name and wanted and path.suffix.lower() not in wanted:
            self.path_edit.setText(str(path.with_suffix(wanted[0])))
        elif path.name and not wanted and path.suffix.lower() == JSON_EXTENSION:
            self.path_edit.setText(str(path.with_suffix(".srt")))
        self.error_label.hide()

    def _browse(self) -> None:
        words = self.words()
        wanted = words.extensions() if words else (".srt", ".ass", ".vtt")
        patterns = " ".join(f"*{ext}" for ext in wanted)
        self._browse_for(self.tr("Export Subtitles"), self.tr("Files of this kind (%1)").replace("%1", patterns))

    def accept(self) -> None:
        """Close only on a file name this export can be written to."""
        from ..core import formats

        path = self.path()
        try:
            if not path.name:
                raise SubtitlerError(self.tr("Give the file a name."))
            words = self.words()
            if words is not None:
                words.check_target(path)
            if path.suffix.lower() != JSON_EXTENSION:
                formats.format_for(path)
        except SubtitlerError as exc:
            self._show_error(str(exc))
            return
        if self._may_write(path):
            super().accept()


def ask_export(window: "MainWindow") -> ExportDialog:
    """Open the Export dialog (window-modal); the export runs when it is accepted."""
    settings = window.settings
    base = window.controller.source()
    mode = str(settings.value("export/words", "") or "")
    suffix = {"karaoke": ".ass", "karaoke-fill": ".ass", "vtt-timestamps": ".vtt", "json": ".json"}.get(mode, ".srt")
    suggested = Path(window.recent.last_dir()) / ((base.stem if base else "subtitles") + suffix)
    dialog = ExportDialog(window, suggested, mode, int(settings.value("export/max_words", 3) or 3))

    def on_accepted() -> None:
        settings.setValue("export/words", dialog.mode())
        settings.setValue("export/max_words", dialog.words_box.value())
        export_subtitles(window, dialog.path(), dialog.words())

    dialog.accepted.connect(on_accepted)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def export_subtitles(window: "MainWindow", path: Path, words: WordExport | None = None) -> bool:
    """Write the user's cues to ``path`` with ``words``; False with a message on failure."""
    from ..core.rules import document_preset
    from ..core.word_export import export_document, save_subtitles

    tr = window.tr
    document = window.controller.user_document()
    try:
        if words is not None:
            document = export_document(document, words, document_preset(document), window.fps(), window.speech)
        save_subtitles(document, path)
    except SubtitlerError as exc:
        window.show_error(tr("Export failed"), str(exc))
        return False
    except OSError as exc:
        window.show_error(tr("Export failed"), tr("Cannot write %1: %2").replace("%1", str(path)).replace("%2", exc.strerror or str(exc)))
        return False
    window.settings.setValue("files/last_dir", str(path.parent))
    window.show_status(tr("Exported %1 cues to %2").replace("%1", str(len(document.cues))).replace("%2", str(path)))
    return True
