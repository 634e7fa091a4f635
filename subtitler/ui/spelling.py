"""Spell check in the window: misspelled words underlined in the text panel and the table, suggestions
and "Add to Dictionary" in their context menus, and Next Misspelling (F7).

The checking is ``core.spelling``; the word list follows the document's language and loads in a
background thread (half a second) the first time that language is needed. Corrections are text
edits like any other: one undo step each, refused while the document is busy.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QMenu

from ..core import edits
from ..core.errors import SubtitlerError
from ..core.model import Cue
from ..core.spelling import SUPPORTED_LANGUAGES, Misspelling, PersonalWords, Speller, document_language, next_misspelling
from ..paths import user_data_dir
from .commands import apply_edit
from .cue_model import CUE_ROLE, Column

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = ["MISSPELLED", "SpellCheck", "SpellHighlighter", "personal_words_path"]

MISSPELLED = QColor("#d32f2f")


def personal_words_path():  # noqa: ANN201 - a Path
    """The user's own word list, in their data folder."""
    return user_data_dir() / "words.txt"


class SpellHighlighter(QSyntaxHighlighter):
    """Underlines the words the speller does not know, with a red wave."""

    def __init__(self, document: QTextDocument, speller: Callable[[], Speller | None]) -> None:
        super().__init__(document)
        self._speller = speller
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self._format.setUnderlineColor(MISSPELLED)

    def highlightBlock(self, text: str) -> None:  # noqa: N802
        speller = self._speller()
        if speller is None:
            return
        for found in speller.misspellings(text):
            self.setFormat(found.start, found.end - found.start, self._format)


class SpellCheck(QObject):
    """The window's spell checker: the speller for the document's language and every place it shows."""

    changed = Signal()
    """A word list loaded, the language changed or a word was added: underlines are redrawn."""
    _loaded = Signal(str, object)
    """(language, Speller or error message), from the loading thread."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.personal = PersonalWords(personal_words_path())
        self.language = ""
        self._spellers: dict[str, Speller] = {}
        self._loading: set[str] = set()
        self._loaded.connect(self._on_loaded, Qt.ConnectionType.QueuedConnection)

        panel = window.text_panel
        self.highlighter = SpellHighlighter(panel.document(), lambda: self.speller)
        panel.extend_context_menu = self._extend_panel_menu
        window.table.text_delegate.speller = lambda: self.speller
        window.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        window.table.customContextMenuRequested.connect(self._on_table_context_menu)
        self.changed.connect(self.highlighter.rehighlight)
        self.changed.connect(window.table.viewport().update)
        window.controller.document_replaced.connect(self.follow_document)
        window.model.modelReset.connect(self.follow_document)  # re-segmenting may change the preset
        self.follow_document()

    # --- the speller ---------------------------------------------------------------------
    @property
    def speller(self) -> Speller | None:
        """The speller of the document's language, once loaded; None before or when there is no word list."""
        return self._spellers.get(self.language)

    def follow_document(self, *_args: object) -> None:
        """Check in the document's language (loading its word list when needed)."""
        language = document_language(self.window.document)
        if language == self.language:
            return
        self.language = language
        if language in SUPPORTED_LANGUAGES and language not in self._spellers and language not in self._loading:
            self._loading.add(language)
            threading.Thread(target=self._load, args=(language,), name=f"spelling-{language}", daemon=True).start()
        self.changed.emit()

    def _load(self, language: str) -> None:
        try:
            result: object = Speller(language, self.personal)
        except Exception as exc:  # noqa: BLE001 - reported in the window, the editor goes on without it
            result = str(exc)
        self._loaded.emit(language, result)

    def _on_loaded(self, language: str, result: object) -> None:
        self._loading.discard(language)
        if isinstance(result, Speller):
            self._spellers[language] = result
            if language == self.language:
                self.changed.emit()
        else:
            self.window.show_status(self.tr("Spell check is off: %1").replace("%1", str(result)))

    def wait_until_ready(self) -> Speller | None:
        """The speller, saying why there is none (still loading, or no word list for the language)."""
        speller = self.speller
        if speller is None:
            if self.language in SUPPORTED_LANGUAGES:
                self.window.show_status(self.tr("The word list is still loading; try again in a moment."))
            else:
                self.window.show_status(self.tr("There is no word list for the language “%1”.").replace("%1", self.language))
        return speller

    def add_word(self, word: str) -> None:
        """Add ``word`` to the personal word list, known in every language from now on."""
        try:
            self.personal.add(word)
        except OSError as exc:
            self.window.show_error(self.tr("Cannot save the word"), self.tr("%1 could not be written: %2")
                                   .replace("%1", str(self.personal.path)).replace("%2", exc.strerror or str(exc)))  # fmt: skip
            return
        for speller in self._spellers.values():
            speller.forget_verdicts()
        self.window.show_status(self.tr("“%1” was added to your dictionary.").replace("%1", word))
        self.changed.emit()

    # --- Next Misspelling (F7) -----------------------------------------------------------
    def next_misspelling(self) -> Misspelling | None:
        """Select the next misspelled word after the text cursor (wrapping round); None when there is none."""
        speller = self.wait_until_ready()
        if speller is None:
            return None
        window = self.window
        cue = window.selection.current_cue()
        after = None
        if cue is not None:
            row = window.model.row_of(cue.id)
            panel = window.text_panel
            cursor = panel.textCursor()
            # From the text cursor when the user is in the text (or on a word F7 found), else from the cue's start.
            in_text = panel.cue_id == cue.id and (cursor.hasSelection() or panel.hasFocus())
            at = cursor.selectionStart() if in_text else -1
            after = (row, at)
        found = next_misspelling(window.document.cues, speller, after)
        if found is None:
            window.show_status(self.tr("No misspelled words."))
            return None
        row, misspelling = found
        cue_id = window.model.cue_id_at(row)
        window.selection.select_cue_ids([cue_id])
        window.table.show_row(row)
        if window.text_panel.cue_id == cue_id:
            window.text_panel.highlight(misspelling.start, misspelling.end)
        window.show_status(self.tr("Misspelled: “%1”").replace("%1", misspelling.word))
        return misspelling

    # --- context menus -------------------------------------------------------------------
    def _extend_panel_menu(self, menu: QMenu, position: int) -> None:
        """Suggestions for the misspelled word under the click, at the top of the text panel's menu."""
        speller = self.speller
        panel = self.window.text_panel
        if speller is None:
            return
        text = panel.toPlainText()
        found = next((m for m in speller.misspellings(text) if m.start <= position <= m.end), None)
        if found is None:
            return

        def replace(suggestion: str) -> None:
            cursor = QTextCursor(panel.document())
            cursor.setPosition(found.start)
            cursor.setPosition(found.end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(suggestion)  # the panel's own edit path: one undo step, refused while busy

        self._add_suggestions(menu, found.word, replace, menu.actions()[0] if menu.actions() else None)

    def _on_table_context_menu(self, point: QPoint) -> None:
        table = self.window.table
        index = table.indexAt(point)
        cue = index.data(CUE_ROLE)
        menu = self.table_menu(cue) if isinstance(cue, Cue) and index.column() == Column.TEXT else None
        if menu is not None:
            menu.exec(table.viewport().mapToGlobal(point))

    def table_menu(self, cue: Cue) -> QMenu | None:
        """A menu with each misspelled word of ``cue`` and its suggestions; None when every word is known."""
        speller = self.speller
        found = speller.misspellings(cue.text) if speller is not None else []
        if not found:
            return None
        menu = QMenu(self.window.table)
        for misspelling in found[:10]:
            sub = menu.addMenu(misspelling.word)
            self._add_suggestions(sub, misspelling.word, lambda s, m=misspelling: self._correct(cue.id, m, s))
        return menu

    def _add_suggestions(self, menu: QMenu, word: str, replace: Callable[[str], None], before=None) -> None:  # noqa: ANN001
        speller = self.speller
        suggestions = speller.suggestions(word) if speller is not None else []
        actions = []
        for suggestion in suggestions:
            action = menu.addAction(suggestion)
            action.setFont(_bold(action.font()))
            action.triggered.connect(lambda _checked=False, s=suggestion: replace(s))
            actions.append(action)
        if not suggestions:
            none = menu.addAction(self.tr("(no suggestions)"))
            none.setEnabled(False)
            actions.append(none)
        add = menu.addAction(self.tr("Add “%1” to Dictionary").replace("%1", word))
        add.triggered.connect(lambda _checked=False: self.add_word(word))
        actions.append(add)
        if before is not None:
            for action in actions:
                menu.removeAction(action)
            menu.insertActions(before, actions)
            menu.insertSeparator(before)

    def _correct(self, cue_id: str, misspelling: Misspelling, suggestion: str) -> None:
        """Replace a misspelled word of a cue (from the table's menu) as one undo step."""
        window = self.window
        try:
            cue = window.document.cue(cue_id)
            if cue.text[misspelling.start : misspelling.end] != misspelling.word:
                return  # the text changed since the menu opened
            text = cue.text[: misspelling.start] + suggestion + cue.text[misspelling.end :]
            apply_edit(window.undo_stack, window.document, [cue], [edits.edit_text(cue, text)],
                       self.tr("Correct spelling"), selection=window.selection)  # fmt: skip
        except SubtitlerError as exc:
            window.show_status(str(exc))
        except KeyError:
            return


def _bold(font):  # noqa: ANN001, ANN202
    font.setBold(True)
    return font
