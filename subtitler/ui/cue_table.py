"""The cue table view and the text panel that edits the current cue.

The table shows the shared ``CueTableModel``; words the engine was unsure of are underlined
in orange. The text panel edits the current cue's text as you type (one undo step per run
of typing) and holds the text cursor that "split at the text cursor" uses.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTextEdit,
    QWidget,
)

from ..core.model import Cue
from .cue_model import CUE_ROLE, Column, CueTableModel, unsure_spans

if TYPE_CHECKING:
    from ..core.spelling import Speller

__all__ = ["CueTableView", "CueTextDelegate", "CueTextPanel"]

_UNSURE = QColor("#e07b00")
_MISSPELLED = QColor("#d32f2f")
_FOUND = QColor(255, 213, 79, 160)
"""Background of search matches, in the table and the text panel."""


class CueTextDelegate(QStyledItemDelegate):
    """Paints cue text with its lines, underlining unsure words and marking search matches; edits it in a multi-line box."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.highlight: re.Pattern[str] | None = None
        """What Find & Replace looks for: its matches get a background."""
        self.speller: Callable[[], Speller | None] | None = None
        """The spell checker (``ui.spelling``): misspelled words get a red underline."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        cue = index.data(CUE_ROLE)
        if not isinstance(cue, Cue):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QStyle()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        color = opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        rect = opt.rect.adjusted(4, 2, -4, -2)
        metrics = QFontMetrics(opt.font)
        plain = cue.plain
        spans = unsure_spans(plain, cue.words)
        painter.save()
        painter.setFont(opt.font)
        painter.setClipRect(opt.rect)
        lines = plain.split("\n")
        top = rect.top() + max(0, (rect.height() - metrics.height() * len(lines)) // 2)
        line_start = 0
        for n, line in enumerate(lines):
            y = top + n * metrics.height()
            if self.highlight is not None:
                for found in self.highlight.finditer(line):
                    x0 = rect.left() + metrics.horizontalAdvance(line[: found.start()])
                    x1 = rect.left() + metrics.horizontalAdvance(line[: found.end()])
                    painter.fillRect(QRect(x0, y, x1 - x0, metrics.height()), _FOUND)
            painter.setPen(color)
            painter.drawText(QRect(rect.left(), y, rect.width(), metrics.height()), Qt.AlignmentFlag.AlignLeft, line)
            base = y + metrics.ascent() + 2
            speller = self.speller() if self.speller is not None else None
            if speller is not None:
                painter.setPen(QPen(_MISSPELLED, 1.5, Qt.PenStyle.DashLine))
                for found in speller.misspellings(line):
                    x0 = rect.left() + metrics.horizontalAdvance(line[: found.start])
                    x1 = rect.left() + metrics.horizontalAdvance(line[: found.end])
                    painter.drawLine(x0, base + 1, x1, base + 1)
            painter.setPen(QPen(_UNSURE, 2, Qt.PenStyle.DotLine))
            for start, end in spans:
                if line_start <= start and end <= line_start + len(line):
                    x0 = rect.left() + metrics.horizontalAdvance(line[: start - line_start])
                    x1 = rect.left() + metrics.horizontalAdvance(line[: end - line_start])
                    painter.drawLine(x0, base, x1, base)
            line_start += len(line) + 1
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        cue = index.data(CUE_ROLE)
        lines = len(cue.lines) if isinstance(cue, Cue) else 1
        metrics = QFontMetrics(option.font)
        return QSize(200, metrics.height() * max(1, lines) + 6)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QWidget:  # noqa: N802
        editor = QPlainTextEdit(parent)
        editor.setTabChangesFocus(True)
        editor.installEventFilter(self)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.moveCursor(QTextCursor.MoveOperation.End)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802, ANN001
        if isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index) -> None:  # noqa: N802, ANN001
        rect = option.rect
        editor.setGeometry(rect.x(), rect.y(), rect.width(), max(rect.height(), QFontMetrics(option.font).height() * 2 + 8))

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802
        # Enter commits, Shift+Enter starts a new line: the usual subtitle-editor convention.
        if isinstance(editor, QPlainTextEdit) and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if not key_event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.commitData.emit(editor)
                    self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.SubmitModelCache)
                    return True
        return super().eventFilter(editor, event)


class CueTableView(QTableView):
    """The cue table: one row per cue; double-click seeks, F2 or typing edits."""

    seek_requested = Signal(int)
    """The user asked to see this time (ms) in the player."""

    def __init__(self, model: CueTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.text_delegate = CueTextDelegate(self)
        self.setItemDelegateForColumn(Column.TEXT, self.text_delegate)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setMinimumSectionSize(QFontMetrics(self.font()).height() + 6)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        mono = QFontMetrics(model.mono_font())
        time_width = mono.horizontalAdvance("00:00.000") + 20
        for column, width in (
            (Column.NUMBER, QFontMetrics(self.font()).horizontalAdvance("0000") + 16),
            (Column.START, time_width),
            (Column.END, time_width),
            (Column.DURATION, mono.horizontalAdvance("00.000") + 24),
            (Column.CPS, mono.horizontalAdvance("00.0") + 24),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.doubleClicked.connect(self._on_double_clicked)
        model.modelReset.connect(self.viewport().update)
        model.rowsRemoved.connect(self.viewport().update)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.dataChanged):
            signal.connect(self._show_speakers_if_any)
        self._show_speakers_if_any()

    def _show_speakers_if_any(self, *_args: object) -> None:
        """The Speaker column is shown only when some cue has a speaker."""
        model = self.model()
        if isinstance(model, CueTableModel):
            self.setColumnHidden(Column.SPEAKER, not any(cue.speaker for cue in model.cues()))

    def paintEvent(self, event) -> None:  # noqa: N802, ANN001
        super().paintEvent(event)
        if self.model().rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.viewport().rect().adjusted(24, 24, -24, -24),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.tr("No cues yet.\nSubtitles ▸ Transcribe (Ctrl+T) turns the video's speech into cues;\n"
                        "File ▸ Import Subtitles (Ctrl+I) reads an existing file."),
            )
            painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # A key that would start editing a cell says why nothing happens while the document is busy.
        model = self.model()
        starts_edit = event.key() == Qt.Key.Key_F2 or (event.text().isprintable() and event.text().strip())
        if isinstance(model, CueTableModel) and starts_edit and model.edits_refused():
            return
        super().keyPressEvent(event)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        cue = index.data(CUE_ROLE)
        if isinstance(cue, Cue):
            self.seek_requested.emit(cue.start)

    def show_row(self, row: int) -> None:
        """Scroll so ``row`` is visible."""
        if 0 <= row < self.model().rowCount():
            self.scrollTo(self.model().index(row, Column.TEXT), QAbstractItemView.ScrollHint.EnsureVisible)


class CueTextPanel(QPlainTextEdit):
    """Edits the current cue's text; every change is pushed as an undoable text edit."""

    text_edited = Signal(str, str)
    """(cue id, new text): the user typed in the panel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cue_id: str | None = None
        self._updating = False
        self.extend_context_menu: Callable[[QMenu, int], None] | None = None
        """Adds entries (spelling suggestions) to the context menu for the text position clicked."""
        self.setPlaceholderText(self.tr("Select a cue to edit its text here; changes apply as you type."))
        self.setTabChangesFocus(True)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.setFont(font)
        self.setEnabled(False)
        # One undo history for the whole window: Ctrl+Z here undoes through the shared stack.
        self.setUndoRedoEnabled(False)
        self.textChanged.connect(self._on_text_changed)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and (
            event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
        ):
            event.ignore()  # not ours: the window's Undo/Redo actions take the key
            return True
        return super().event(event)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(400, QFontMetrics(self.font()).height() * 3 + 16)

    def context_menu_at(self, point: QPoint) -> QMenu:
        """The context menu for a click at ``point``: the usual entries, and what ``extend_context_menu`` adds."""
        menu = self.createStandardContextMenu(point)
        if self.extend_context_menu is not None:
            self.extend_context_menu(menu, self.cursorForPosition(point).position())
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        menu = self.context_menu_at(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    @property
    def cue_id(self) -> str | None:
        return self._cue_id

    def show_cue(self, cue: Cue | None) -> None:
        """Show this cue's text (None: nothing to edit); keeps the cursor when the cue is the same."""
        self._updating = True
        try:
            if cue is None:
                self._cue_id = None
                self.setPlainText("")
                self.setEnabled(False)
                return
            self.setEnabled(True)
            if cue.id == self._cue_id and self.toPlainText() == cue.text:
                return
            same = cue.id == self._cue_id
            position = self.textCursor().position()
            self._cue_id = cue.id
            self.setPlainText(cue.text)
            cursor = self.textCursor()
            cursor.setPosition(min(position, len(cue.text)) if same else len(cue.text))
            self.setTextCursor(cursor)
        finally:
            self._updating = False
            self._mark_unsure(cue)

    def _mark_unsure(self, cue: Cue | None) -> None:
        """Underline the words the engine was unsure of, as the table does."""
        marks = []
        for found, at in unsure_spans(self.toPlainText(), cue.words if cue else ()):
            mark = QTextEdit.ExtraSelection()
            mark.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            mark.format.setUnderlineColor(_UNSURE)
            mark.format.setToolTip(self.tr("The engine was unsure of this word"))
            mark.cursor = QTextCursor(self.document())
            mark.cursor.setPosition(found)
            mark.cursor.setPosition(at, QTextCursor.MoveMode.KeepAnchor)
            marks.append(mark)
        self.setExtraSelections(marks)

    def highlight(self, start: int, end: int) -> None:
        """Select ``text[start:end]`` and mark it (a search match) until the text or the cue changes."""
        mark = QTextEdit.ExtraSelection()
        mark.format.setBackground(_FOUND)
        mark.cursor = QTextCursor(self.document())
        mark.cursor.setPosition(start)
        mark.cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setExtraSelections([*self.extraSelections(), mark])
        self.setTextCursor(mark.cursor)

    def cursor_position(self) -> int:
        """Character offset of the text cursor in the cue text."""
        return self.textCursor().position()

    def _on_text_changed(self) -> None:
        if not self._updating and self._cue_id is not None:
            self.setExtraSelections([])  # word positions moved; the marks return with the updated cue
            self.text_edited.emit(self._cue_id, self.toPlainText())
