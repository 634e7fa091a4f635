"""What the export dialogs share: the file row with Browse, an error line, Export/Cancel, and the replace question."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

__all__ = ["OutputFileDialog"]


class OutputFileDialog(QDialog):
    """A dialog that ends in a file to write; subclasses build their form, then call ``_add_output_rows``."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.confirm_replace: Callable[[Path], bool] = self._confirm_replace
        """Asked before a typed name replaces an existing file (the Browse dialog asks by itself)."""
        self._confirmed: Path | None = None

    def _add_output_rows(self, layout: QVBoxLayout, form: QFormLayout, path: Path) -> None:
        """The File row (``path``) ends ``form``; then ``form``, the error line and Export/Cancel go into ``layout``."""
        self.path_edit = QLineEdit(str(path), self)
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form.addRow(self.tr("&File:"), row)
        form.labelForField(row).setBuddy(self.path_edit)
        layout.addLayout(form)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        """Pick the file with a save dialog (each dialog names its own kind of file)."""
        raise NotImplementedError

    def _browse_for(self, title: str, file_filter: str) -> None:
        """Let the user pick the file to write; the file dialog has asked about replacing it."""
        chosen, _ = QFileDialog.getSaveFileName(self, title, self.path_edit.text(), file_filter)
        if chosen:
            self.path_edit.setText(chosen)
            self._confirmed = Path(chosen)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _may_write(self, path: Path) -> bool:
        """True when ``path`` is new, was chosen with Browse, or the user agrees to replace it."""
        return not path.exists() or path == self._confirmed or self.confirm_replace(path)

    def _confirm_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(self, self.tr("Replace the file?"),
                                      self.tr("%1 already exists. Replace it?").replace("%1", str(path)))
        return answer == QMessageBox.StandardButton.Yes
