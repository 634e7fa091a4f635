"""The one Qt model of the document's cues, shared by the cue table and the timeline.

The model mirrors ``Document.cues`` and follows the document's signals with row-level
begin/end notifications (never a reset for an edit). Edits made through ``setData`` become
undoable commands on the shared undo stack.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QUndoStack

from ..core.errors import SubtitlerError
from ..core.model import Cue, Document, Word
from ..core.presets import DEFAULT_FPS, DEFAULT_PRESET, PRESETS, Preset
from ..core.rules import document_preset
from ..core.timecode import TimecodeError, format_clock, parse_timecode
from .commands import apply_edit, text_merge_key

__all__ = [
    "CueTableModel",
    "CueSelection",
    "Column",
    "CUE_ID_ROLE",
    "CUE_ROLE",
    "LOW_CONFIDENCE_ROLE",
    "LOW_CONFIDENCE",
    "unsure_spans",
]

CUE_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
"""data(role) -> the cue's stable id (any column)."""
CUE_ROLE = int(Qt.ItemDataRole.UserRole) + 2
"""data(role) -> the Cue value itself (any column)."""
LOW_CONFIDENCE_ROLE = int(Qt.ItemDataRole.UserRole) + 3
"""data(role) on the text column -> indices of the cue's words the engine was unsure of."""
LOW_CONFIDENCE = 0.5
"""Words below this probability are marked in the table."""

_OVER_LIMIT = QColor("#c62828")
_OVER_LIMIT_BACKGROUND = QColor(198, 40, 40, 40)


def unsure_spans(text: str, words: Sequence[Word]) -> list[tuple[int, int]]:
    """(start, end) character spans in ``text`` of the words below ``LOW_CONFIDENCE``, matched in order."""
    spans, at = [], 0
    for word in words:
        found = text.find(word.text, at) if word.text else -1
        if found < 0:
            continue
        at = found + len(word.text)
        if word.probability < LOW_CONFIDENCE:
            spans.append((found, at))
    return spans


class Column:
    """Column numbers of the cue table."""

    NUMBER, START, END, DURATION, CPS, SPEAKER, TEXT = range(7)
    COUNT = 7


def _preset_of(document: Document) -> Preset:
    # An unknown preset name (hand-edited project) falls back to the default rather than failing.
    try:
        return document_preset(document)
    except ValueError:
        return PRESETS[DEFAULT_PRESET]


class CueTableModel(QAbstractTableModel):
    """Rows are the document's cues, in document order."""

    edit_refused = Signal(str)
    """An inline edit was not applied; the message says why (for the status bar)."""

    def __init__(
        self,
        document: Document,
        undo_stack: QUndoStack | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._cues: list[Cue] = list(document.cues)
        self.undo_stack = undo_stack
        self.selection: CueSelection | None = None
        self.refusal = ""
        """Why edits are refused now (the document is busy); empty when they are allowed."""
        self._preset = _preset_of(document)
        self._mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self._connect(document)

    # --- the document --------------------------------------------------------------------
    @property
    def document(self) -> Document:
        """The document shown (replace it with ``set_document``)."""
        return self._document

    def set_document(self, document: Document) -> None:
        """Show another document (a file was opened): the one place the model resets."""
        self._disconnect(self._document)
        self.beginResetModel()
        self._document = document
        self._cues = list(document.cues)
        self._preset = _preset_of(document)
        self.endResetModel()
        self._connect(document)

    def mono_font(self) -> QFont:
        """The fixed-width font used for times and numbers."""
        return QFont(self._mono)

    @property
    def preset(self) -> Preset:
        return self._preset

    def fps(self) -> float:
        """The media's frame rate, or the default when unknown."""
        media = self._document.media
        return media.fps if media and media.fps > 0 else DEFAULT_FPS

    def _connect(self, document: Document) -> None:
        document.cues_inserted.connect(self._on_document_cues_inserted)
        document.cues_removed.connect(self._on_document_cues_removed)
        document.cue_changed.connect(self._on_document_cue_changed)
        document.cues_reset.connect(self._on_document_cues_reset)

    def _disconnect(self, document: Document) -> None:
        for signal, slot in (
            (document.cues_inserted, self._on_document_cues_inserted),
            (document.cues_removed, self._on_document_cues_removed),
            (document.cue_changed, self._on_document_cue_changed),
            (document.cues_reset, self._on_document_cues_reset),
        ):
            try:
                signal.disconnect(slot)
            except ValueError:
                pass

    def _on_document_cues_inserted(self, index: int, cues: list[Cue]) -> None:
        self.beginInsertRows(QModelIndex(), index, index + len(cues) - 1)
        self._cues[index:index] = cues
        self.endInsertRows()
        self._renumber_from(index + len(cues))

    def _on_document_cues_removed(self, index: int, cues: list[Cue]) -> None:
        self.beginRemoveRows(QModelIndex(), index, index + len(cues) - 1)
        del self._cues[index : index + len(cues)]
        self.endRemoveRows()
        self._renumber_from(index)

    def _on_document_cue_changed(self, index: int, old: Cue, new: Cue) -> None:
        self._cues[index] = new
        self.dataChanged.emit(self.index(index, 0), self.index(index, Column.COUNT - 1))

    def _on_document_cues_reset(self) -> None:
        # Whole-list replacements (re-segmentation, transcription result) are one reset.
        self.beginResetModel()
        self._cues = list(self._document.cues)
        self._preset = _preset_of(self._document)
        self.endResetModel()

    def _renumber_from(self, row: int) -> None:
        if row < len(self._cues):
            last = len(self._cues) - 1
            self.dataChanged.emit(
                self.index(row, Column.NUMBER), self.index(last, Column.NUMBER), [Qt.ItemDataRole.DisplayRole]
            )

    # --- lookups the views use --------------------------------------------------------------
    def cue_id_at(self, row: int) -> str:
        """The id of the cue in ``row``."""
        return self._cues[row].id

    def cue_at(self, row: int) -> Cue:
        """The cue in ``row``."""
        return self._cues[row]

    def row_of(self, cue_id: str) -> int:
        """The row of the cue with this id; -1 when it is not in the document."""
        for row, cue in enumerate(self._cues):
            if cue.id == cue_id:
                return row
        return -1

    def cues(self) -> list[Cue]:
        """The cues as the views see them (a copy of the list)."""
        return list(self._cues)

    # --- QAbstractTableModel -------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._cues)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else Column.COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return [
                self.tr("#"),
                self.tr("Start"),
                self.tr("End"),
                self.tr("Duration"),
                self.tr("CPS"),
                self.tr("Speaker"),
                self.tr("Text"),
            ][section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return [
                self.tr("Cue number"),
                self.tr("Start time (double-click to edit)"),
                self.tr("End time (double-click to edit)"),
                self.tr("How long the cue is shown, in seconds"),
                self.tr("Reading speed in characters per second (red when over the preset's limit)"),
                self.tr("Who speaks the cue (double-click to edit); exported as the ASS Name and a WebVTT voice"),
                self.tr("Subtitle text; words the engine was unsure of are underlined"),
            ][section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.refusal and index.column() in (Column.START, Column.END, Column.SPEAKER, Column.TEXT):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._cues):
            return None
        cue = self._cues[index.row()]
        column = index.column()
        if role == CUE_ID_ROLE:
            return cue.id
        if role == CUE_ROLE:
            return cue
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index.row(), cue, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == Column.START:
                return format_clock(cue.start)
            if column == Column.END:
                return format_clock(cue.end)
            if column == Column.TEXT:
                return cue.text
            if column == Column.SPEAKER:
                return cue.speaker
            return self._display(index.row(), cue, column)
        if role == LOW_CONFIDENCE_ROLE and column == Column.TEXT:
            return [i for i, w in enumerate(cue.words) if w.probability < LOW_CONFIDENCE]
        if role == Qt.ItemDataRole.FontRole and column in (Column.START, Column.END, Column.DURATION, Column.CPS):
            return self._mono
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in (Column.SPEAKER, Column.TEXT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self._over_limit(cue, column):
            return QBrush(_OVER_LIMIT)
        if role == Qt.ItemDataRole.BackgroundRole and self._over_limit(cue, column):
            return QBrush(_OVER_LIMIT_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(cue, column)
        return None

    def _display(self, row: int, cue: Cue, column: int) -> str:
        if column == Column.NUMBER:
            return str(row + 1)
        if column == Column.START:
            return format_clock(cue.start)
        if column == Column.END:
            return format_clock(cue.end)
        if column == Column.DURATION:
            return QLocale().toString(cue.duration / 1000, "f", 3)  # "1,500" in French
        if column == Column.CPS:
            cps = cue.chars_per_second()
            return "∞" if cps == float("inf") else QLocale().toString(cps, "f", 1)
        if column == Column.SPEAKER:
            return cue.speaker
        return cue.text

    def _over_limit(self, cue: Cue, column: int) -> bool:
        preset = self._preset
        if column == Column.CPS:
            return cue.chars_per_second() > preset.max_cps
        if column == Column.DURATION:
            return cue.duration < preset.min_duration_ms or cue.duration > preset.max_duration_ms
        return False

    def _tooltip(self, cue: Cue, column: int) -> str | None:
        preset = self._preset
        if column == Column.CPS and cue.chars_per_second() > preset.max_cps:
            return self.tr("Reading speed over the limit of %1 characters per second (%2)").replace(
                "%1", f"{preset.max_cps:g}"
            ).replace("%2", preset.label)
        if column == Column.DURATION and cue.duration < preset.min_duration_ms:
            return self.tr("Shorter than the minimum of %1 s").replace("%1", f"{preset.min_duration_ms / 1000:g}")
        if column == Column.DURATION and cue.duration > preset.max_duration_ms:
            return self.tr("Longer than the maximum of %1 s").replace("%1", f"{preset.max_duration_ms / 1000:g}")
        if column == Column.TEXT:
            unsure = [w.text for w in cue.words if w.probability < LOW_CONFIDENCE]
            if unsure:
                return self.tr("Unsure words: %1").replace("%1", ", ".join(unsure))
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.edits_refused() or self.undo_stack is None:
            return False
        cue = self._cues[index.row()]
        try:
            new = self._edited(cue, index.column(), str(value))
        except (SubtitlerError, TimecodeError, ValueError) as exc:
            self.edit_refused.emit(str(exc))
            return False
        if new is None or new == cue:
            return False
        if index.column() == Column.TEXT:
            label, key = self.tr("Edit text"), text_merge_key(cue.id)
        elif index.column() == Column.SPEAKER:
            label, key = self.tr("Change speaker"), None
        else:
            label, key = self.tr("Change time"), None
        try:
            apply_edit(self.undo_stack, self._document, [cue], [new], label, merge_key=key, selection=self.selection)
        except SubtitlerError as exc:
            self.edit_refused.emit(str(exc))
            return False
        return True

    def edits_refused(self) -> bool:
        """True, after saying why through ``edit_refused``, while the document is busy."""
        if self.refusal:
            self.edit_refused.emit(self.refusal)
        return bool(self.refusal)

    def _edited(self, cue: Cue, column: int, value: str) -> Cue | None:
        from ..core import edits

        if column == Column.TEXT:
            return edits.edit_text(cue, value)
        if column == Column.SPEAKER:
            return cue.with_(speaker=" ".join(value.split()))
        if column == Column.START:
            return edits.set_start(cue, parse_timecode(value))
        if column == Column.END:
            return edits.set_end(cue, parse_timecode(value))
        return None


class CueSelection(QObject):
    """The shared selection of cues, by id, on top of the one ``QItemSelectionModel``."""

    def __init__(self, selection_model: QItemSelectionModel, model: CueTableModel) -> None:
        super().__init__(selection_model)
        self.selection_model = selection_model
        self.model = model
        model.selection = self

    def selected_cue_ids(self) -> list[str]:
        """Ids of the selected cues, in document order."""
        return [cue.id for cue in self.selected_cues()]

    def selected_cues(self) -> list[Cue]:
        """The selected cues, in document order."""
        rows = sorted({i.row() for i in self.selection_model.selectedIndexes()})
        return [self.model.cue_at(r) for r in rows if r < self.model.rowCount()]

    def current_cue(self) -> Cue | None:
        """The cue with the keyboard focus, else the first selected one."""
        current = self.selection_model.currentIndex()
        if current.isValid() and current.row() < self.model.rowCount():
            return self.model.cue_at(current.row())
        selected = self.selected_cues()
        return selected[0] if selected else None

    def select_cue_ids(self, ids: Sequence[str]) -> None:
        """Select these cues (whole rows) and make the first one current."""
        rows = [r for r in (self.model.row_of(i) for i in ids) if r >= 0]
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        for row in rows:
            selection.select(self.model.index(row, 0), self.model.index(row, last))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.selection_model.select(selection, flags)
        if rows:
            self.selection_model.setCurrentIndex(
                self.model.index(rows[0], Column.TEXT), QItemSelectionModel.SelectionFlag.NoUpdate
            )

    def on_change(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` whenever the selection or the current cue changes."""
        self.selection_model.selectionChanged.connect(lambda *_: callback())
        self.selection_model.currentChanged.connect(lambda *_: callback())
