"""Find & Replace driven in the window: keys open it, matches show in the table and the text panel,
Replace All is one undo step that keeps word times, a busy document refuses it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from subtitler.core.model import Cue, Document, Word


def _cue(start: int, text: str) -> Cue:
    words = [Word(start + 400 * i, start + 400 * i + 300, token, 0.9) for i, token in enumerate(text.split())]
    return Cue.create(start, start + 400 * len(words), text, words)


def _window_with_cues(make_window, qtbot):
    window = make_window()
    document = Document(cues=[
        _cue(0, "Jon said hello."),
        _cue(3000, "Nothing to see."),
        _cue(6000, "Ask Jon and jon's sister."),
    ])
    window.controller.replace_document(document)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    return window


def test_ctrl_h_replace_all_is_one_undo_step_and_keeps_word_times(make_window, qtbot) -> None:
    window = _window_with_cues(make_window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = window.find_replace
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.find_edit, "jon")
    qtbot.mouseClick(dialog.word_box, Qt.MouseButton.LeftButton)
    assert dialog.word_box.isChecked()
    assert dialog.count_label.text() == "3 matches"
    qtbot.keyClicks(dialog.replace_edit, "John")
    before = [c.words for c in window.document.cues]
    qtbot.mouseClick(dialog.replace_all_button, Qt.MouseButton.LeftButton)

    assert [c.text for c in window.document.cues] == ["John said hello.", "Nothing to see.", "Ask John and John's sister."]
    assert dialog.count_label.text() == "Replaced 3 matches in 2 cues; Undo puts them back."
    assert window.undo_stack.count() == 1
    after = [c.words for c in window.document.cues]
    for old, new in zip(before, after):
        assert [(w.start, w.end) for w in old] == [(w.start, w.end) for w in new]
    assert after[2][0] == before[2][0]  # "Ask" untouched, probability and all
    window.undo_stack.undo()
    assert window.document.cues[0].text == "Jon said hello."


def test_find_next_highlights_the_match_in_the_table_and_the_text_panel(make_window, qtbot) -> None:
    window = _window_with_cues(make_window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = window.find_replace
    qtbot.keyClicks(dialog.find_edit, "jon")
    qtbot.keyClick(dialog.find_edit, Qt.Key.Key_Return)  # Find Next is the default button
    assert window.selection.current_cue().id == window.document.cues[0].id
    assert window.text_panel.textCursor().selectedText() == "Jon"
    assert dialog.count_label.text() == "Match 1 of 3"
    assert window.table.text_delegate.highlight is not None
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert window.selection.current_cue().id == window.document.cues[2].id
    assert window.text_panel.textCursor().selectionStart() == 4
    qtbot.mouseClick(dialog.previous_button, Qt.MouseButton.LeftButton)
    assert window.selection.current_cue().id == window.document.cues[0].id

    # Replace: this match, then on to the next one.
    qtbot.keyClicks(dialog.replace_edit, "Jonathan")
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    assert window.document.cues[0].text == "Jonathan said hello."
    assert window.selection.current_cue().id == window.document.cues[2].id  # not into "Jonathan"
    assert window.undo_stack.count() == 1
    dialog.close()
    assert window.table.text_delegate.highlight is None


def test_regular_expressions_errors_and_a_busy_document(make_window, qtbot) -> None:
    window = _window_with_cues(make_window, qtbot)
    dialog = window.find_replace
    window.act_replace.trigger()
    dialog.regex_box.setChecked(True)
    qtbot.keyClicks(dialog.find_edit, "(")
    assert dialog.count_label.text().startswith("Invalid regular expression:")
    dialog.find_edit.setText(r"(\w+) (said|to)")
    dialog.replace_edit.setText(r"\2 \1")
    job = window.controller.begin_job("Transcribing sample.mp4")
    assert dialog.replace_everything() == 0
    assert "Edits wait until it finishes" in dialog.count_label.text()
    assert window.document.cues[0].text == "Jon said hello."
    window.controller.end_job(job)
    assert dialog.replace_everything() == 2
    assert [c.text for c in window.document.cues[:2]] == ["said Jon hello.", "to Nothing see."]
