"""The preview of a bulk change (Fix Automatically, Re-segment): each change with its cue, the text and
times before and after, and the reason; apply all of them, the ticked ones, or none.

What is applied is one undo step. The proposed changes and how a selection of them is put together
are ``core.preview``; this module only shows them and pushes the result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.preview import ProposedChange, accept
from .commands import apply_edit, replace_all

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = ["ChangePreviewDialog", "ask_review", "review_and_apply"]


class ChangePreviewDialog(QDialog):
    """Lists proposed changes with a tick box each; Apply All, Apply Ticked or Cancel."""

    def __init__(self, parent: QWidget, title: str, changes: Sequence[ProposedChange]) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("ChangePreviewDialog")
        self.changes = list(changes)
        self._all = False
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("%n changes proposed. Untick the ones you do not want, or apply them all.",
                                         "", len(self.changes)), self))  # fmt: skip
        self.table = QTableWidget(len(self.changes), 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Cue"), self.tr("Before"), self.tr("After"), self.tr("Reason")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        for row, change in enumerate(self.changes):
            number = QTableWidgetItem(change.label)
            number.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            number.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(row, 0, number)
            for column, text in ((1, change.before), (2, change.after), (3, "\n".join(change.reasons))):
                item = QTableWidgetItem(text)
                if column < 3:
                    item.setFont(mono)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)

        buttons = QDialogButtonBox(self)
        self.apply_all_button = QPushButton(self.tr("Apply &All"), self)
        self.apply_ticked_button = QPushButton(self.tr("Apply &Ticked"), self)
        buttons.addButton(self.apply_all_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.apply_ticked_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.apply_all_button.clicked.connect(self._apply_all)
        self.apply_ticked_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.resize(1000, 560)

    def showEvent(self, event) -> None:  # noqa: N802, ANN001
        super().showEvent(event)
        self.table.resizeRowsToContents()  # the columns have their real widths now

    def set_ticked(self, row: int, ticked: bool) -> None:
        """Tick or untick the change in ``row``."""
        self.table.item(row, 0).setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def chosen(self) -> list[ProposedChange]:
        """The changes to apply: all of them after Apply All, else the ticked ones."""
        if self._all:
            return list(self.changes)
        return [c for row, c in enumerate(self.changes) if self.table.item(row, 0).checkState() == Qt.CheckState.Checked]

    def _apply_all(self) -> None:
        self._all = True
        self.accept()

    def _on_table_item_changed(self, _item: QTableWidgetItem) -> None:
        ticked = len(self.chosen())
        self.apply_ticked_button.setEnabled(ticked > 0)
        self.apply_ticked_button.setText(self.tr("Apply &Ticked (%1)").replace("%1", str(ticked)))


def ask_review(parent: QWidget, title: str, changes: Sequence[ProposedChange]) -> list[ProposedChange] | None:
    """Show the changes; the ones the user accepts, or None when they cancel."""
    dialog = ChangePreviewDialog(parent, title, changes)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def review_and_apply(window: "MainWindow", title: str, label: str, changes: Sequence[ProposedChange],
                     preset: str | None = None) -> int:  # fmt: skip
    """Show the changes; apply what the user accepts as one undo step (``preset`` names the rules it
    was made under). Returns how many changes were applied."""
    chosen = window.review_changes(title, changes)
    if not chosen:
        window.show_status(window.tr("Nothing was changed."))
        return 0
    window.controller.check_not_busy()
    document = window.document
    cues = accept(document.cues, chosen)
    replaced_in_place = [c.id for c in cues] == [c.id for c in document.cues] and preset is None
    if replaced_in_place:
        # Only the changed cues are replaced: the table keeps its rows and the selection stays.
        old = [c for change in chosen for c in change.old]
        new = [c for change in chosen for c in change.new]
        apply_edit(window.undo_stack, document, old, new, label, selection=window.selection,
                   select_after=window.selection.selected_cue_ids())  # fmt: skip
    else:
        replace_all(window.undo_stack, document, cues, label, selection=window.selection, preset=preset)
    return len(chosen)
