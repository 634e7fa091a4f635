"""Small dialogs: encoding repair on import, import problems, restoring autosaved work, attaching a
video, time shift, re-segment."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.formats import RepairSuggestion
from ..core.presets import PRESETS

__all__ = ["ask_repair", "preset_box", "ImportReport", "ShiftDialog", "ResegmentDialog"]


def preset_box(parent: QWidget, preset: str) -> QComboBox:
    """A choice of the rules presets by their labels, ``preset`` chosen (the first when unknown)."""
    box = QComboBox(parent)
    for name, p in PRESETS.items():
        box.addItem(p.label, name)
    box.setCurrentIndex(max(0, box.findData(preset)))
    return box


def ask_repair(parent: QWidget, file_name: str, suggestion: RepairSuggestion) -> bool:
    """Show the garbled text and its repair side by side; True when the user accepts the repair."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(parent.tr("Repair the text encoding?"))
    box.setText(
        parent.tr("Some text in %1 looks garbled, as if it was saved in one encoding and read in another (%2).")
        .replace("%1", file_name).replace("%2", suggestion.codec)
    )
    examples = "\n".join(f"{before}  →  {after}" for before, after in suggestion.examples[:5])
    box.setInformativeText(
        parent.tr("Repairing changes %1 cues, for example:\n\n%2\n\nRepair the text?")
        .replace("%1", str(suggestion.changed)).replace("%2", examples)
    )
    repair = box.addButton(parent.tr("Repair"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(parent.tr("Keep as Is"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(repair)
    box.exec()
    return box.clickedButton() is repair


def ask_restore(parent: QWidget, saved_at: float, source: str | None, cue_count: int) -> bool:
    """Whether to restore work autosaved by an editor that did not close normally."""
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(saved_at))
    what = Path(source).name if source else parent.tr("an untitled document")
    answer = QMessageBox.question(
        parent,
        parent.tr("Restore unsaved work?"),
        parent.tr("Subtitler did not close normally. Unsaved work on %1 (%2 cues) was autosaved at %3.\n\n"
                  "Restore it? If not, it is kept aside for a week.")
        .replace("%1", what).replace("%2", str(cue_count)).replace("%3", when),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_attach(parent: QWidget, video: str, current: str) -> str | None:
    """Whether a video opened over subtitles that have one is attached to them ("attach"), opened
    as a new document ("new"), or not opened (None)."""
    box = QMessageBox(QMessageBox.Icon.Question, parent.tr("Open %1").replace("%1", video),
                      parent.tr("These subtitles belong to %1. Attach %2 to them instead, or open %2 "
                                "as a new document?").replace("%1", current).replace("%2", video),
                      QMessageBox.StandardButton.Cancel, parent)  # fmt: skip
    attach = box.addButton(parent.tr("Attach to These Subtitles"), QMessageBox.ButtonRole.AcceptRole)
    new = box.addButton(parent.tr("Open as New Document"), QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(attach)
    box.exec()
    return {attach: "attach", new: "new"}.get(box.clickedButton())


class ImportReport(QDialog):
    """Lists what was wrong in an imported file (the good cues were imported anyway)."""

    def __init__(self, parent: QWidget, file_name: str, problems: Sequence[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Problems in %1").replace("%1", file_name))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("%1 problems were found; the readable cues were imported.").replace("%1", str(len(problems))), self)
        layout.addWidget(label)
        text = QPlainTextEdit(self)
        text.setReadOnly(True)
        text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        text.setPlainText("\n".join(problems))
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 320)


class ShiftDialog(QDialog):
    """How far to move the selected cues, and whether everything after them moves too."""

    def __init__(self, parent: QWidget, selected: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Shift Times"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.offset = QSpinBox(self)
        self.offset.setRange(-3_600_000, 3_600_000)
        self.offset.setSingleStep(100)
        self.offset.setSuffix(self.tr(" ms"))
        self.offset.setValue(0)
        form.addRow(self.tr("Move by:"), self.offset)
        self.following = QCheckBox(self.tr("Also move every cue after the selection"), self)
        form.addRow("", self.following)
        layout.addWidget(QLabel(self.tr("%1 selected cues; a negative amount moves them earlier.").replace("%1", str(selected)), self))
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class ResegmentDialog(QDialog):
    """Which preset to rebuild the cues under."""

    def __init__(self, parent: QWidget, preset: str, from_transcript: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Re-segment"))
        layout = QVBoxLayout(self)
        note = (
            self.tr("The cues are rebuilt from the original transcript's words under the chosen rules. "
                    "Text edits made since transcribing are replaced; Undo brings them back.")
            if from_transcript
            else self.tr("The cues are rebuilt from their words under the chosen rules. Undo brings them back.")
        )
        label = QLabel(note, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        form = QFormLayout()
        self.preset_box = preset_box(self, preset)
        form.addRow(self.tr("&Rules:"), self.preset_box)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def preset(self) -> str:
        return str(self.preset_box.currentData())
