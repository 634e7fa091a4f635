"""The Models dialog (Subtitles ▸ Models…): the speech models, their size, languages and checksum
state; add one from a CTranslate2 folder or from the Hugging Face cache, verify, remove.

The model store is ``asr.models`` and ``asr.model_admin``; verifying hashes hundreds of megabytes, so
it runs in a background thread and the dialog says when it is done.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..asr import model_admin as admin
from ..asr.models import ModelInfo, list_models, pull_model
from ..core.errors import ModelError

__all__ = ["ModelsDialog"]


class ModelsDialog(QDialog):
    """Every model, installed or known, with what can be done to it."""

    _verified = Signal(str, str)
    """(model name, checksum state), from the verifying thread."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Models"))
        self.setObjectName("ModelsDialog")
        self.models: list[ModelInfo] = []
        self.cached: list[admin.CachedRepo] = []
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Speech models run on this computer. Add a CTranslate2 Whisper model from a folder, "
                               "or one another program downloaded into the Hugging Face cache; "
                               "`subtitler models pull NAME` downloads the others."), self)  # fmt: skip
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("Model"), self.tr("Languages"), self.tr("Size"),
                                              self.tr("Checksum"), self.tr("Where")])  # fmt: skip
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.add_folder_button = QPushButton(self.tr("Add from &Folder…"), self)
        self.add_cached_button = QPushButton(self.tr("Add from the &Hugging Face Cache"), self)
        self.verify_button = QPushButton(self.tr("&Verify"), self)
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        close = QPushButton(self.tr("Close"), self)
        for button in (self.add_folder_button, self.add_cached_button, self.verify_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.add_folder_button.clicked.connect(self.add_from_folder)
        self.add_cached_button.clicked.connect(self.add_from_cache)
        self.verify_button.clicked.connect(self.verify_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        close.clicked.connect(self.accept)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._verified.connect(self._on_verified, Qt.ConnectionType.QueuedConnection)
        self.refresh()
        self.resize(860, 420)

    # --- the list ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the models again (after an add or a removal)."""
        try:
            self.models = list_models()
            self.cached = admin.hub_cache_models()
        except ModelError as exc:
            self.models, self.cached = [], []
            self.status.setText(str(exc))
        self.table.setRowCount(len(self.models) + len(self.cached))
        for row, info in enumerate(self.models):
            self._fill(row, info.name, self._languages(admin.languages_of(info)), info.size,
                       self._checksum(admin.checksum_state(info)), self._where(info))  # fmt: skip
        for n, repo in enumerate(self.cached):
            self._fill(len(self.models) + n, repo.repo_id, "", 0,
                       self.tr("not added"), self.tr("Hugging Face cache: %1").replace("%1", str(repo.folder)))  # fmt: skip
        self.add_cached_button.setEnabled(bool(self.cached))
        self._update_buttons()

    def _fill(self, row: int, name: str, languages: str, size: int, checksum: str, where: str) -> None:
        for column, text in enumerate((name, languages, f"{size / 1e6:.0f} MB" if size else "—", checksum, where)):
            self.table.setItem(row, column, QTableWidgetItem(text))

    def _languages(self, languages: str) -> str:
        return self.tr("English only") if languages == "en" else self.tr("99 languages")

    def _checksum(self, state: str) -> str:
        return {
            admin.VERIFIED: self.tr("verified"),
            admin.NOT_CHECKED: self.tr("not checked yet"),
            admin.NO_CHECKSUM: self.tr("no checksum known"),
            admin.DAMAGED: self.tr("damaged: add it again"),
            admin.MISSING: self.tr("not installed"),
        }.get(state, state)

    def _where(self, info: ModelInfo) -> str:
        if not info.installed:
            return self.tr("not installed: `subtitler models pull %1` (needs internet)").replace("%1", info.name)
        kind = {
            "folder": self.tr("folder"), "package": self.tr("bundled"), "assembled": self.tr("bundled"),
            "hf-cache": self.tr("Hugging Face cache"),
        }.get(info.source, info.source)  # fmt: skip
        return f"{kind}: {info.location}" if info.location else kind

    def selected(self) -> ModelInfo | None:
        """The installed or known model in the selected row (None for a Hugging Face cache row)."""
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else -1
        return self.models[row] if 0 <= row < len(self.models) else None

    def select(self, name: str) -> None:
        """Select the row of the model called ``name``."""
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() == name:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        info = self.selected()
        self.verify_button.setEnabled(info is not None and info.installed)
        self.remove_button.setEnabled(info is not None and admin.removable(info))

    # --- actions -------------------------------------------------------------------------
    def add_from_folder(self) -> bool:
        """Copy a CTranslate2 Whisper model folder into the user's models, under a name the user gives."""
        folder = self.choose_folder()
        if folder is None:
            return False
        name = self.ask_name(folder.name)
        return bool(name) and self._add(name, folder)

    def add_from_cache(self) -> bool:
        """Copy the selected (else the first) model of the Hugging Face cache into the user's models."""
        if not self.cached:
            return False
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() - len(self.models) if rows else -1
        repo = self.cached[row] if 0 <= row < len(self.cached) else self.cached[0]
        name = self.ask_name(repo.name)
        return bool(name) and self._add(name, repo.folder)

    def _add(self, name: str, folder: Path) -> bool:
        try:
            pull_model(name, source=folder)
        except ModelError as exc:
            self.status.setText(str(exc))
            return False
        self.refresh()
        self.select(name)
        self.status.setText(self.tr("Added %1.").replace("%1", name))
        return True

    def verify_selected(self) -> None:
        """Hash the selected model's weights in the background and show the result."""
        info = self.selected()
        if info is None:
            return
        self.verify_button.setEnabled(False)
        self.status.setText(self.tr("Verifying %1…").replace("%1", info.name))
        threading.Thread(target=lambda: self._verified.emit(info.name, admin.verify_model(info)),
                         name="verify-model", daemon=True).start()  # fmt: skip

    def _on_verified(self, name: str, state: str) -> None:
        row = next((r for r, info in enumerate(self.models) if info.name == name), None)
        if row is not None:
            self.table.item(row, 3).setText(self._checksum(state))
        self.status.setText(self.tr("%1: %2").replace("%1", name).replace("%2", self._checksum(state)))
        self._update_buttons()

    def remove_selected(self) -> bool:
        """Delete the selected model's folder after asking."""
        info = self.selected()
        if info is None or not self.confirm_remove(info.name):
            return False
        try:
            admin.remove_model(info)
        except ModelError as exc:
            self.status.setText(str(exc))
            return False
        self.refresh()
        self.status.setText(self.tr("Removed %1.").replace("%1", info.name))
        return True

    # --- questions (tests answer them) ---------------------------------------------------
    def choose_folder(self) -> Path | None:
        """Ask for a CTranslate2 model folder."""
        path = QFileDialog.getExistingDirectory(self, self.tr("CTranslate2 Whisper model folder"))
        return Path(path) if path else None

    def ask_name(self, suggested: str) -> str:
        """Ask what to call the model."""
        name, ok = QInputDialog.getText(self, self.tr("Model name"), self.tr("Name of the model:"), text=suggested)
        return name.strip() if ok else ""

    def confirm_remove(self, name: str) -> bool:
        """Ask before deleting a model's files."""
        answer = QMessageBox.question(self, self.tr("Remove %1?").replace("%1", name),
                                      self.tr("Delete the model's files from this computer?"))  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes
