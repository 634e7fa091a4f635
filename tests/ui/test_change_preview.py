"""Fix Automatically and Re-segment show each change with its cue, before, after and reason first;
the user applies all, the ticked ones, or none, as one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from subtitler.core.model import Cue, Document, Segment, Transcript, Word
from subtitler.ui.main_window import MainWindow
from subtitler.ui.preview_dialog import ChangePreviewDialog


def _problems() -> list[Cue]:
    return [
        Cue.create(1000, 4000, "This line is far too long to fit on one subtitle line here"),
        Cue.create(5000, 6200, "Read this quickly, please."),
        Cue.create(8000, 10000, "This one overlaps."),
        Cue.create(9500, 12000, "The next one."),
    ]


def _real_review(window) -> None:
    window.review_changes = MainWindow.review_changes.__get__(window)  # the dialog, not the tests' Apply All


def _answer(qtbot, act) -> dict:
    """Run ``act(dialog, seen)`` on the preview dialog once it is shown."""
    seen: dict = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ChangePreviewDialog)
        seen["rows"] = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())]
        dialog.grab()  # it paints
        act(dialog, seen)

    QTimer.singleShot(0, answer)
    return seen


def test_fix_automatically_previews_reasons_and_applies_the_ticked_changes(make_window, qtbot) -> None:
    window = make_window()
    window.controller.replace_document(Document(cues=_problems()))
    _real_review(window)
    original = list(window.document.cues)

    def untick_the_second_and_apply(dialog: ChangePreviewDialog, seen: dict) -> None:
        row = [r[0] for r in seen["rows"]].index("#2")
        dialog.table.setCurrentCell(row, 0)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Space)  # untick it
        seen["ticked"] = [c.label for c in dialog.chosen()]
        qtbot.mouseClick(dialog.apply_ticked_button, Qt.MouseButton.LeftButton)

    seen = _answer(qtbot, untick_the_second_and_apply)
    window.act_fix.trigger()
    labels = [r[0] for r in seen["rows"]]
    assert labels[:3] == ["#1", "#2", "#3"]
    reasons = {r[0]: r[3] for r in seen["rows"]}
    assert "line 1 has 58 characters > 42" in reasons["#1"]
    assert "CPS 21.7 > 20" in reasons["#2"]
    assert "overlapped #4 by 480 ms; ends 2 frames before it" in reasons["#3"]
    before, after = seen["rows"][0][1], seen["rows"][0][2]
    assert before.startswith("0:01.000 → 0:04.000  This line is far too long to fit")
    assert "This line is far too long / to fit on one subtitle line here" in after
    assert "#2" not in seen["ticked"]

    cues = window.document.cues
    assert cues[0].text == "This line is far too long\nto fit on one subtitle line here"
    assert cues[1] == original[1]  # unticked: left alone
    assert cues[2].end < cues[3].start
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert window.document.cues == original


def test_cancel_changes_nothing_and_a_busy_document_refuses(make_window, qtbot) -> None:
    window = make_window()
    window.controller.replace_document(Document(cues=_problems()))
    _real_review(window)
    original = list(window.document.cues)
    _answer(qtbot, lambda dialog, _seen: dialog.reject())
    window.act_fix.trigger()
    assert window.document.cues == original and window.undo_stack.count() == 0
    assert window.statusBar().currentMessage() == "Nothing was changed."

    job = window.controller.begin_job("Transcribing sample.mp4")
    window.act_fix.trigger()  # refused before any dialog shows
    assert "Edits wait until it finishes" in window.statusBar().currentMessage()
    window.controller.end_job(job)


def _spoken(start: int, text: str) -> list[Word]:
    return [Word(start + 350 * i, start + 350 * i + 300, w, 0.95) for i, w in enumerate(text.split())]


def test_resegment_previews_straddling_cues_and_applies_all_as_one_step(make_window, qtbot) -> None:
    words = _spoken(1000, "Hello there. How are you doing today my friend?") + _spoken(8000, "Fine thanks.")
    transcript = Transcript("en", (Segment(1000, 4150, "", tuple(words[:9])), Segment(8000, 8650, "", tuple(words[9:]))))
    straddling = [
        Cue.create(1000, 2700, "Hello there. How are you", words[:5]),
        Cue.create(2800, 4150, "doing today my friend?", words[5:9]),
        Cue.create(8000, 8650, "Fine thanks.", words[9:]),
    ]
    window = make_window()
    window.controller.replace_document(Document(cues=straddling, transcript=transcript))
    _real_review(window)
    seen = _answer(qtbot, lambda dialog, _seen: qtbot.mouseClick(dialog.apply_all_button, Qt.MouseButton.LeftButton))
    window.editor.resegment("bbc")
    assert any("#1: straddles a sentence end" in row[3] for row in seen["rows"])
    assert seen["rows"][0][0] == "#1–2"
    texts = [c.plain for c in window.document.cues]
    assert texts[0] == "Hello there.\nHow are you doing today my friend?"  # two whole sentences, one a line
    assert window.document.preset == "bbc"
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert window.document.cues == straddling and window.document.preset == "netflix-en"
