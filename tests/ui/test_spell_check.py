"""Spell check in the window: underlines in the text panel, suggestions and "Add to Dictionary" in the
context menus, F7 walks the misspellings, the language follows the document, a busy document refuses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QApplication

from subtitler.core.model import Cue, Document
from subtitler.paths import user_data_dir
from subtitler.ui.spelling import MISSPELLED


def _window(make_window, qtbot, cues: list[Cue], preset: str = "netflix-en"):
    window = make_window()
    window.controller.replace_document(Document(cues=cues, preset=preset))
    qtbot.waitUntil(lambda: window.spelling.speller is not None, timeout=10_000)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    return window


def _underlined(window) -> list[str]:
    """The words the text panel underlines as misspelled."""
    block = window.text_panel.document().firstBlock()
    text = block.text()
    return [
        text[r.start : r.start + r.length]
        for r in block.layout().formats()
        if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline and r.format.underlineColor() == MISSPELLED
    ]


def _action(menu, text: str):
    return next(a for a in menu.actions() if a.text() == text)


def test_panel_underlines_and_its_menu_corrects_as_one_undo_step(make_window, qtbot) -> None:
    window = _window(make_window, qtbot, [Cue.create(0, 2000, "Jon sayd helo."), Cue.create(3000, 5000, "All fine.")])
    assert _underlined(window) == ["sayd", "helo"]
    panel = window.text_panel
    cursor = panel.textCursor()
    cursor.setPosition(6)  # inside "sayd"
    menu = panel.context_menu_at(panel.cursorRect(cursor).center())
    texts = [a.text() for a in menu.actions()]
    assert "said" in texts and texts.index("said") < texts.index("Add “sayd” to Dictionary")  # suggestions come first
    _action(menu, "said").trigger()
    assert window.document.cues[0].text == "Jon said helo."
    assert window.undo_stack.count() == 1
    assert _underlined(window) == ["helo"]
    window.undo_stack.undo()
    assert window.document.cues[0].text == "Jon sayd helo."


def test_add_to_dictionary_keeps_the_word_in_the_personal_list(make_window, qtbot) -> None:
    window = _window(make_window, qtbot, [Cue.create(0, 2000, "Ask Kubernetes.")])
    assert _underlined(window) == ["Kubernetes"]
    menu = window.spelling.table_menu(window.document.cues[0])
    submenu = menu.actions()[0].menu()
    assert menu.actions()[0].text() == "Kubernetes"
    _action(submenu, "Add “Kubernetes” to Dictionary").trigger()
    assert _underlined(window) == []
    assert (user_data_dir() / "words.txt").read_text(encoding="utf-8") == "kubernetes\n"
    assert window.spelling.table_menu(window.document.cues[0]) is None


def test_f7_walks_through_the_misspellings_and_the_table_menu_corrects(make_window, qtbot) -> None:
    cues = [Cue.create(0, 1000, "Fine teh end."), Cue.create(2000, 3000, "All good."), Cue.create(4000, 5000, "Wrogn one.")]
    window = _window(make_window, qtbot, cues)
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert window.selection.current_cue().id == cues[0].id
    assert window.text_panel.textCursor().selectedText() == "teh"
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert window.selection.current_cue().id == cues[2].id
    assert window.text_panel.textCursor().selectedText() == "Wrogn"

    menu = window.spelling.table_menu(window.document.cues[2])
    submenu = menu.actions()[0].menu()
    _action(submenu, "Wrong").trigger()
    assert window.document.cues[2].text == "Wrong one."
    assert window.document.cues[2].id == cues[2].id


def test_french_document_is_checked_in_french_and_a_busy_one_refuses_corrections(make_window, qtbot) -> None:
    window = _window(make_window, qtbot, [Cue.create(0, 2000, "Aujourd'hui, c'est peut-être bonjuor.")], preset="netflix-fr")
    assert window.spelling.language == "fr"
    assert _underlined(window) == ["bonjuor"]
    job = window.controller.begin_job("Transcribing sample.mp4")
    submenu = window.spelling.table_menu(window.document.cues[0]).actions()[0].menu()
    _action(submenu, "bonjour").trigger()
    assert window.document.cues[0].text == "Aujourd'hui, c'est peut-être bonjuor."
    assert "Edits wait until it finishes" in window.statusBar().currentMessage()
    window.controller.end_job(job)
    _action(submenu, "bonjour").trigger()
    assert window.document.cues[0].text == "Aujourd'hui, c'est peut-être bonjour."
