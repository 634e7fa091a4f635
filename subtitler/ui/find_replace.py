"""Find & Replace (Ctrl+F, Ctrl+H): a window beside the editor that walks the matches and replaces them.

The search itself is ``core.search``; this dialog shows the current match in the table and the
text panel, counts matches, and pushes replacements as undo steps (Replace All is one step).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from ..core.errors import SubtitlerError
from ..core.search import TEXT, Match, SearchError, SearchOptions, find_all, find_next, replace_all, replace_one
from .commands import apply_edit

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = ["FindReplaceDialog"]


class FindReplaceDialog(QDialog):
    """Find and replace in the window's cues; stays open beside the editor."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(self.tr("Find & Replace"))
        self.setObjectName("FindReplaceDialog")
        self._current: tuple[int, Match] | None = None

        self.find_edit = QLineEdit(self)
        self.find_edit.setPlaceholderText(self.tr("Text to find"))
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setPlaceholderText(self.tr("Replace with (empty deletes the match)"))
        self.regex_box = QCheckBox(self.tr("Regular e&xpression"), self)
        self.regex_box.setToolTip(self.tr("Python regular expressions; \\1 in the replacement puts back the first group"))
        self.case_box = QCheckBox(self.tr("Match &case"), self)
        self.word_box = QCheckBox(self.tr("&Whole words"), self)
        self.scope_box = QComboBox(self)
        self.scope_box.addItem(self.tr("Text"), False)
        self.scope_box.addItem(self.tr("Text and speaker"), True)
        self.count_label = QLabel(self)
        self.count_label.setWordWrap(True)

        self.next_button = QPushButton(self.tr("Find &Next"), self)
        self.previous_button = QPushButton(self.tr("Find &Previous"), self)
        self.replace_button = QPushButton(self.tr("&Replace"), self)
        self.replace_all_button = QPushButton(self.tr("Replace &All"), self)
        close = QPushButton(self.tr("Close"), self)
        self.next_button.setDefault(True)
        self.next_button.setToolTip(self.tr("Next match (F3)"))
        self.previous_button.setToolTip(self.tr("Previous match (Shift+F3)"))
        self.replace_button.setToolTip(self.tr("Replace this match and go to the next one"))
        self.replace_all_button.setToolTip(self.tr("Replace every match in one undo step"))

        form = QFormLayout()
        form.addRow(self.tr("&Find:"), self.find_edit)
        form.addRow(self.tr("Replace &with:"), self.replace_edit)
        form.addRow(self.tr("&Search in:"), self.scope_box)
        options = QHBoxLayout()
        for box in (self.regex_box, self.case_box, self.word_box):
            options.addWidget(box)
        options.addStretch(1)
        form.addRow("", options)
        buttons = QGridLayout()
        buttons.addWidget(self.next_button, 0, 0)
        buttons.addWidget(self.previous_button, 0, 1)
        buttons.addWidget(self.replace_button, 1, 0)
        buttons.addWidget(self.replace_all_button, 1, 1)
        buttons.addWidget(close, 2, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.count_label)
        layout.addLayout(buttons)

        self.next_button.clicked.connect(lambda: self.find(backwards=False))
        self.previous_button.clicked.connect(lambda: self.find(backwards=True))
        self.replace_button.clicked.connect(self.replace)
        self.replace_all_button.clicked.connect(self.replace_everything)
        close.clicked.connect(self.close)
        for box in (self.regex_box, self.case_box, self.word_box):
            box.toggled.connect(self._on_options_changed)
        self.scope_box.currentIndexChanged.connect(self._on_options_changed)
        self.find_edit.textChanged.connect(self._on_options_changed)
        self.resize(520, self.sizeHint().height())

    # --- opening ------------------------------------------------------------------------
    def show_for(self, replacing: bool) -> None:
        """Show the dialog with the focus in Find (Ctrl+F) or Replace with (Ctrl+H); a selection becomes the search."""
        selected = self.window_.text_panel.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        self.show()
        self.raise_()
        self.activateWindow()
        field = self.replace_edit if replacing and self.find_edit.text() else self.find_edit
        field.setFocus()
        field.selectAll()
        self._on_options_changed()

    def options(self) -> SearchOptions:
        """The search as the dialog's fields describe it."""
        return SearchOptions(
            self.find_edit.text(),
            regex=self.regex_box.isChecked(),
            match_case=self.case_box.isChecked(),
            whole_word=self.word_box.isChecked(),
            in_speaker=bool(self.scope_box.currentData()),
        )

    # --- finding ------------------------------------------------------------------------
    def find(self, backwards: bool = False) -> Match | None:
        """Go to the next (or previous) match, wrapping round; None (with a message) when there is none."""
        try:
            found = find_next(self._cues(), self.options(), self._origin(backwards), backwards)
        except SearchError as exc:
            self._say(self._message(exc))
            return None
        if found is None:
            self._say(self.tr("No matches."))
            self._current = None
            return None
        self._current = found
        self._show(*found)
        return found[1]

    def replace(self) -> None:
        """Replace the current match (finding one first when none is shown), then go to the next."""
        if not self._current_still_there():
            self.find()
            return
        row, match = self._current  # type: ignore[misc]
        cue = self._cues()[row]
        try:
            self.window_.controller.check_not_busy()
            new = replace_one(cue, match, self.options(), self.replace_edit.text())
            apply_edit(self.window_.undo_stack, self.window_.document, [cue], [new], self.tr("Replace"),
                       selection=self.window_.selection)  # fmt: skip
        except SearchError as exc:
            self._say(self._message(exc))
            return
        except SubtitlerError as exc:
            self._say(str(exc))
            return
        # Go on after the replacement, never into the text it put in.
        before = cue.text if match.field == TEXT else cue.speaker
        after = new.text if match.field == TEXT else new.speaker
        inserted = len(after) - len(before) + match.end - match.start
        self._current = (row, Match(match.cue_id, match.field, match.start + max(inserted, 1) - 1, match.end))
        self.find()
        self._recount()

    def replace_everything(self) -> int:
        """Replace every match as one undo step; return how many were replaced."""
        try:
            self.window_.controller.check_not_busy()
            result = replace_all(self._cues(), self.options(), self.replace_edit.text())
            if result.new:
                apply_edit(self.window_.undo_stack, self.window_.document, result.old, result.new,
                           self.tr("Replace all “%1”").replace("%1", self.find_edit.text()),
                           selection=self.window_.selection, select_after=[c.id for c in result.new])  # fmt: skip
        except SearchError as exc:
            self._say(self._message(exc))
            return 0
        except SubtitlerError as exc:
            self._say(str(exc))
            return 0
        self._current = None
        if not result.count:
            self._say(self.tr("No matches."))
            return 0
        message = self.tr("Replaced %n matches in %1 cues; Undo puts them back.", "", result.count).replace("%1", str(len(result.new)))
        self._say(message)
        self.window_.show_status(message)
        return result.count

    # --- helpers ------------------------------------------------------------------------
    def _cues(self) -> list:
        return self.window_.document.cues

    def _current_still_there(self) -> bool:
        if self._current is None:
            return False
        row, match = self._current
        cues = self._cues()
        return row < len(cues) and cues[row].id == match.cue_id

    def _origin(self, backwards: bool) -> tuple[int, str, int] | None:
        """Where the search starts: after the current match, else at the current cue."""
        if self._current_still_there():
            row, match = self._current  # type: ignore[misc]
            return row, match.field, match.start
        cue = self.window_.selection.current_cue()
        if cue is None:
            return None
        row = self.window_.model.row_of(cue.id)
        return (row, "speaker", 10**9) if backwards else (row, TEXT, -1)

    def _show(self, row: int, match: Match) -> None:
        """Select the match's cue in the table and mark the match in the text panel."""
        window = self.window_
        window.selection.select_cue_ids([match.cue_id])
        window.table.show_row(row)
        if match.field == TEXT and window.text_panel.cue_id == match.cue_id:
            window.text_panel.highlight(match.start, match.end)
        self._recount()

    def _recount(self) -> None:
        try:
            matches = find_all(self._cues(), self.options())
            pattern = self.options().compiled()
        except SearchError as exc:
            self._set_highlight(None)
            self.count_label.setText("" if exc.kind == "empty" else self._message(exc))
            return
        self._set_highlight(pattern)
        if not matches:
            self.count_label.setText(self.tr("No matches."))
            return
        text = self.tr("%n matches", "", len(matches))
        if self._current is not None:
            row, current = self._current
            at = next((i for i, m in enumerate(matches) if m == current), None)
            if at is not None:
                text = self.tr("Match %1 of %2").replace("%1", str(at + 1)).replace("%2", str(len(matches)))
        self.count_label.setText(text)

    def _set_highlight(self, pattern: object) -> None:
        table = self.window_.table
        table.text_delegate.highlight = pattern  # type: ignore[assignment]
        table.viewport().update()

    def _on_options_changed(self, *_args: object) -> None:
        self._current = None
        self._recount()

    def _say(self, message: str) -> None:
        self.count_label.setText(message)

    def _message(self, exc: SearchError) -> str:
        """The error in the interface language."""
        if exc.kind == "empty":
            return self.tr("Type what to find.")
        if exc.kind == "pattern":
            return self.tr("Invalid regular expression: %1").replace("%1", exc.detail)
        if exc.kind == "replacement":
            return self.tr("Invalid replacement: %1").replace("%1", exc.detail)
        return self.tr("The text changed since it was found; search again.")

    def keyPressEvent(self, event) -> None:  # noqa: N802, ANN001
        if event.matches(QKeySequence.StandardKey.FindNext):
            self.find()
        elif event.matches(QKeySequence.StandardKey.FindPrevious):
            self.find(backwards=True)
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802, ANN001
        self._set_highlight(None)
        super().closeEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802, ANN001
        self._set_highlight(None)
        super().hideEvent(event)

