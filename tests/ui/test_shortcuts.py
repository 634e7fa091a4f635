"""Shortcuts the user can change in Help ▸ Keyboard Shortcuts: kept in the settings, conflicts refused,
defaults restorable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from subtitler.core.model import Cue, Document
from subtitler.ui.shortcuts_dialog import ShortcutsDialog


def _dialog(window, qtbot) -> ShortcutsDialog:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_change_a_shortcut_refuse_a_conflict_and_keep_it_for_the_next_start(make_window, qtbot) -> None:
    window = make_window()
    dialog = _dialog(window, qtbot)
    dialog.select("split")
    assert dialog.key_edit.keySequence() == QKeySequence("Ctrl+K")
    dialog.key_edit.clear()
    qtbot.keyClick(dialog.key_edit, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    assert window.act_split.shortcut() == QKeySequence("Ctrl+Shift+K")
    assert dialog.message.text() == "“Split at Text Cursor” now has Ctrl+Shift+K."
    assert "Ctrl+Shift+K" in window.act_split.toolTip()

    dialog.select("merge")
    assert not dialog.assign([QKeySequence("Ctrl+Shift+K")])
    assert dialog.message.text() == "Ctrl+Shift+K is already the key of “Split at Text Cursor”. Give that command other keys first."
    assert window.act_merge.shortcut() == QKeySequence("Ctrl+J")
    dialog.select("quality")
    assert not dialog.assign([QKeySequence("Ctrl+J")])  # the dock's toggle is a command too

    again = make_window()  # the same settings file: the next start
    assert again.act_split.shortcut() == QKeySequence("Ctrl+Shift+K")
    assert again.shortcut_map.defaults["split"] == [QKeySequence("Ctrl+K")]
    again.controller.replace_document(Document(cues=[Cue.create(0, 2000, "Hello there")]))
    cursor = again.text_panel.textCursor()
    cursor.setPosition(6)  # before "there"
    again.text_panel.setTextCursor(cursor)
    again.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is again, timeout=3000)
    qtbot.keyClick(again, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [c.text for c in again.document.cues] == ["Hello", "there"]  # the new keys split the cue

    dialog.select("split")
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert window.act_split.shortcut() == QKeySequence("Ctrl+K")
    assert window.settings.value("shortcuts/split") is None


def test_a_command_can_lose_its_keys_and_the_list_filters(make_window, qtbot) -> None:
    window = make_window()
    dialog = _dialog(window, qtbot)
    dialog.select("insert")
    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    assert window.act_insert.shortcuts() == []
    assert make_window().act_insert.shortcuts() == []
    qtbot.keyClicks(dialog.filter_edit, "frame")
    shown = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount()) if not dialog.table.isRowHidden(r)]
    assert "Previous Frame" in shown and "Split at Text Cursor" not in shown
