"""End to end in the real window with the real tiny.en model: transcribe the sample, edit, split,
undo/redo, export; and closing the window in the middle of a transcription."""

from __future__ import annotations

from pathlib import Path

import pytest

from subtitler.core.timecode import format_srt

pytestmark = pytest.mark.slow


def _open(window, sample_video: Path, qtbot) -> None:
    assert window.open_path(sample_video)
    qtbot.waitUntil(window.player.is_loaded, timeout=15_000)


def test_transcribe_edit_split_undo_redo_export(make_window, sample_video: Path, qtbot, tmp_path: Path) -> None:
    window = make_window()
    _open(window, sample_video, qtbot)
    streamed: list[bool] = []
    window.model.rowsInserted.connect(lambda *_a: streamed.append(window.transcription.running))

    window.transcription.start("tiny.en", "en", "netflix-en")
    assert window.transcription.running
    assert window.progress_bar.isVisible() and window.cancel_button.isVisible()
    qtbot.waitUntil(lambda: not window.transcription.running, timeout=180_000)

    assert any(streamed), "no cue appeared while the transcription was running"
    cues = list(window.document.cues)
    assert len(cues) >= 3
    assert all(c.words for c in cues)
    assert window.document.transcript is not None
    assert window.undo_stack.count() == 1  # the whole transcription is one step
    assert not window.progress_bar.isVisible()

    # Edit a text through the text panel: one step, however many keys.
    target = next(c for c in cues if len(c.words) >= 3)
    window.selection.select_cue_ids([target.id])
    window.text_panel.moveCursor(window.text_panel.textCursor().MoveOperation.End)
    for ch in " ok":
        window.text_panel.insertPlainText(ch)
    edited = window.document.cue(target.id)
    assert edited.text.endswith(" ok")
    assert window.undo_stack.index() == 2

    # Split after the first word, at the text cursor: times come from the words.
    first_word = edited.words[0]
    cursor = window.text_panel.textCursor()
    cursor.setPosition(edited.text.index(first_word.text) + len(first_word.text))
    window.text_panel.setTextCursor(cursor)
    count = len(window.document.cues)
    window.act_split.trigger()
    assert len(window.document.cues) == count + 1
    assert window.undo_stack.index() == 3
    row = window.document.index_of(target.id)
    left, right = window.document.cues[row], window.document.cues[row + 1]
    assert left.end <= right.start
    assert left.end == first_word.end or abs(left.end - first_word.end) <= 100
    assert right.words and right.words[0].text == edited.words[1].text

    # Undo and redo: each exactly one step.
    window.act_undo.trigger()
    assert len(window.document.cues) == count
    assert window.document.cue(target.id) == edited
    window.act_undo.trigger()
    assert window.document.cue(target.id).text == target.text
    window.act_redo.trigger()
    window.act_redo.trigger()
    assert len(window.document.cues) == count + 1
    assert window.undo_stack.index() == 3

    out = tmp_path / "sample.srt"
    assert window.export_to(out)
    text = out.read_text(encoding="utf-8")
    final = window.document.cues
    assert text.count(" --> ") == len(final)
    assert f"{format_srt(final[0].start)} --> {format_srt(final[0].end)}" in text
    assert "ok" in text

    # Re-segment under other rules from the kept transcript: one step, undone in one.
    before = list(window.document.cues)
    window.editor.resegment("bbc")
    assert window.document.preset == "bbc"
    assert window.undo_stack.index() == 4
    assert all(len(line) <= 37 for c in window.document.cues for line in c.plain.split("\n"))
    window.act_undo.trigger()
    assert window.document.cues == before
    assert window.document.preset == "netflix-en"


def test_closing_the_window_mid_transcription_cancels_cleanly(make_window, sample_video: Path, qtbot) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = make_window(answer=QMessageBox.StandardButton.Close)  # "Stop the transcription and close?"
    _open(window, sample_video, qtbot)
    window.transcription.start("tiny.en", "en")
    thread = window.transcription.thread
    finished: list[int] = []
    closed: list[bool] = []
    thread.finished.connect(lambda: finished.append(1))
    # Close as the first cue streams in: the run is in the middle of its work.
    thread.segment_found.connect(lambda _segment: closed.append(window.close()) if not closed else None)
    qtbot.waitUntil(lambda: bool(closed), timeout=60_000)
    assert closed == [True]
    qtbot.waitUntil(lambda: bool(finished), timeout=10_000)
    assert window.document.cues == []  # the provisional cues are gone, nothing half-done is kept
    assert window.undo_stack.count() == 0
    assert not window.transcription.running
