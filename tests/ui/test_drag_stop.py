"""In the editor window, a cue dragged into its neighbour on the timeline stops at the minimum gap;
the table shows the move, Undo takes it back, and while a transcription runs nothing moves."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from subtitler.core.model import Cue, Document
from subtitler.core.timecode import format_clock
from subtitler.ui.cue_model import Column

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


def _drag(canvas, from_ms: int, to_ms: int) -> None:
    top, bottom = canvas._lane()
    y = round((top + bottom) / 2)
    start, end = QPoint(round(canvas.scale.x_of(from_ms)), y), QPoint(round(canvas.scale.x_of(to_ms)), y)
    QTest.mousePress(canvas, LEFT, NONE, start)
    for k in range(1, 5):
        QTest.mouseMove(canvas, start + (end - start) * k / 4)
    QTest.mouseRelease(canvas, LEFT, NONE, end)


def test_dragging_a_cue_into_the_next_stops_at_the_minimum_gap_in_the_window(make_window, qtbot) -> None:
    window = make_window()
    window.controller.replace_document(Document(cues=[
        Cue.create(1000, 2000, "First."), Cue.create(3000, 4000, "Second."), Cue.create(5000, 6000, "Third."),
    ]))  # fmt: skip
    canvas = window.timeline.canvas
    canvas.snapping = False
    canvas.set_media_duration(20_000)
    canvas.show_range(0, 10_000)
    qtbot.waitExposed(canvas)
    gap = window.model.preset.min_gap_ms(window.fps())

    _drag(canvas, 3500, 5300)  # "Second." asked to end 0.8 s inside "Third."
    second = window.document.cues[1]
    assert (second.start, second.end) == (4000 - gap, 5000 - gap)
    assert window.model.index(1, Column.END).data() == format_clock(5000 - gap)  # the table follows
    assert "minimum gap" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 1

    job = window.controller.begin_job("Transcribing sample.mp4")
    _drag(canvas, 4500, 2500)  # busy: the drag does not even start
    assert window.document.cues[1] == second
    window.controller.end_job(job)
    window.act_undo.trigger()
    assert (window.document.cues[1].start, window.document.cues[1].end) == (3000, 4000)
