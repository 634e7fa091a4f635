"""Help ▸ Keyboard Shortcuts: every command with its keys; pick one and press new keys to change it.

Changes apply at once and are kept in the settings; keys another command has are refused with its
name. The commands and their defaults are ``ui.shortcuts.ShortcutMap``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .shortcuts import ShortcutMap

__all__ = ["ShortcutsDialog"]


def _keys_text(keys: list[QKeySequence]) -> str:
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


def _label(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


class ShortcutsDialog(QDialog):
    """Lists the commands with their keys and lets the user change them."""

    def __init__(self, parent: QWidget, shortcuts: ShortcutMap) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.setObjectName("ShortcutsDialog")
        self.shortcuts = shortcuts
        self.names = sorted(shortcuts.actions, key=lambda n: _label(shortcuts.actions[n].text()).casefold())
        layout = QVBoxLayout(self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Search commands"))
        self.filter_edit.setClearButtonEnabled(True)
        layout.addWidget(self.filter_edit)
        self.table = QTableWidget(len(self.names), 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Command"), self.tr("Keys"), self.tr("Default")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("New keys:"), self))
        self.key_edit = QKeySequenceEdit(self)
        self.key_edit.setMaximumSequenceLength(1)
        self.key_edit.setToolTip(self.tr("Press the keys for the selected command"))
        row.addWidget(self.key_edit, 1)
        self.assign_button = QPushButton(self.tr("&Assign"), self)
        self.clear_button = QPushButton(self.tr("&No Keys"), self)
        self.reset_button = QPushButton(self.tr("&Default"), self)
        for button in (self.assign_button, self.clear_button, self.reset_button):
            row.addWidget(button)
        layout.addLayout(row)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.assign_button.clicked.connect(lambda: self.assign([self.key_edit.keySequence()]))
        self.clear_button.clicked.connect(lambda: self.assign([]))
        self.reset_button.clicked.connect(self.reset_selected)
        self.key_edit.editingFinished.connect(lambda: self.assign([self.key_edit.keySequence()]))
        self.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self._fill()
        self.resize(620, 600)

    def _fill(self) -> None:
        for row, name in enumerate(self.names):
            action = self.shortcuts.actions[name]
            items = (_label(action.text()), _keys_text(action.shortcuts()), _keys_text(self.shortcuts.defaults[name]))
            for column, text in enumerate(items):
                self.table.setItem(row, column, QTableWidgetItem(text))
            font = self.table.item(row, 1).font()
            font.setBold(not self.shortcuts.is_default(name))  # changed keys stand out
            self.table.item(row, 1).setFont(font)

    def select(self, name: str) -> None:
        """Select the command ``name`` (a ``ShortcutMap`` name such as "split")."""
        self.table.selectRow(self.names.index(name))

    def selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.names[rows[0].row()] if rows else None

    def assign(self, keys: list[QKeySequence]) -> bool:
        """Give the selected command these keys; refused (with why) when another command has them."""
        name = self.selected()
        if name is None:
            self.message.setText(self.tr("Select a command first."))
            return False
        keys = [k for k in keys if not k.isEmpty()]
        clash = self.shortcuts.set_keys(name, keys)
        if clash is not None:
            other = _label(self.shortcuts.actions[clash].text())
            self.message.setText(self.tr("%1 is already the key of “%2”. Give that command other keys first.")
                                 .replace("%1", _keys_text(keys)).replace("%2", other))  # fmt: skip
            return False
        self._fill()
        command = _label(self.shortcuts.actions[name].text())
        if keys:
            self.message.setText(self.tr("“%1” now has %2.").replace("%1", command).replace("%2", _keys_text(keys)))
        else:
            self.message.setText(self.tr("“%1” has no keys now.").replace("%1", command))
        return True

    def reset_selected(self) -> bool:
        """Put the selected command's default keys back."""
        name = self.selected()
        return name is not None and self.assign(self.shortcuts.defaults[name])

    def _on_table_selection_changed(self) -> None:
        name = self.selected()
        if name is not None:
            shortcut = self.shortcuts.actions[name].shortcut()
            self.key_edit.blockSignals(True)
            self.key_edit.setKeySequence(shortcut)
            self.key_edit.blockSignals(False)

    def _on_filter_edit_text_changed(self, text: str) -> None:
        needle = text.casefold()
        for row in range(self.table.rowCount()):
            shown = needle in self.table.item(row, 0).text().casefold() or needle in self.table.item(row, 1).text().casefold()
            self.table.setRowHidden(row, not shown)
