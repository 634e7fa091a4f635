"""The timeline driven with real mouse events: moves, snapped edges, multi-select, shared
boundaries, ripple, refusals; each drag is exactly one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QItemSelectionModel, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QUndoStack, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from subtitler.core.model import Cue, Document, Word
from subtitler.ui.cue_model import CueSelection, CueTableModel
from subtitler.ui.timeline import TimelineWidget

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


def _cue(cue_id: str, start: int, end: int, words: list[tuple[int, int, str]]) -> Cue:
    ws = tuple(Word(s, e, t) for s, e, t in words)
    return Cue(cue_id, start, end, " ".join(t for _, _, t in words), ws)


class Rig:
    """A standalone timeline on a four-cue document, 10 ms per pixel."""

    def __init__(self, qtbot) -> None:  # noqa: ANN001
        self.document = Document(cues=[
            _cue("a", 0, 2000, [(100, 600, "one"), (700, 1200, "two"), (1300, 1800, "three")]),
            _cue("b", 2080, 4000, [(2100, 2600, "four"), (2700, 3900, "five")]),
            _cue("c", 5000, 6000, [(5000, 5900, "six")]),
            _cue("d", 7000, 8000, [(7100, 7900, "seven")]),
        ])  # fmt: skip
        self.stack = QUndoStack()
        self.model = CueTableModel(self.document, self.stack)
        self.selection = CueSelection(QItemSelectionModel(self.model), self.model)
        self.messages: list[str] = []
        self.widget = TimelineWidget(self.model, self.selection, self.stack, self.messages.append)
        qtbot.addWidget(self.widget)
        self.widget.resize(1000, 240)
        self.widget.show()
        qtbot.waitExposed(self.widget)
        self.canvas = self.widget.canvas
        self.canvas.set_media_duration(20_000)
        self.canvas.show_range(0, 10_000)
        assert self.canvas.scale.ms_per_px == pytest.approx(10.0)

    def pos(self, ms: float) -> QPoint:
        top, bottom = self.canvas._lane()
        return QPoint(round(self.canvas.scale.x_of(ms)), round((top + bottom) / 2))

    def cue(self, cue_id: str) -> Cue:
        return self.document.cue(cue_id)

    def drag(self, from_ms: float, to_ms: float, mods: Qt.KeyboardModifier = NONE, steps: int = 4) -> None:
        start, end = self.pos(from_ms), self.pos(to_ms)
        QTest.mousePress(self.canvas, LEFT, mods, start)
        for k in range(1, steps + 1):
            QTest.mouseMove(self.canvas, start + (end - start) * k / steps)
        QTest.mouseRelease(self.canvas, LEFT, mods, end)


@pytest.fixture
def rig(qtbot) -> Rig:  # noqa: ANN001
    return Rig(qtbot)


def test_move_a_block_is_one_undo_step(rig: Rig) -> None:
    rig.canvas.snapping = False
    before = rig.cue("c")
    rig.drag(5500, 5800)
    after = rig.cue("c")
    assert (after.start, after.end) == (5300, 6300)
    assert after.words[0].start == 5300  # the words travel with the cue
    assert rig.stack.count() == 1
    rig.stack.undo()
    assert rig.cue("c") == before


def test_dragging_an_edge_snaps_to_a_word_edge_with_a_marker(rig: Rig) -> None:
    start, end = rig.pos(2000), rig.pos(1830)  # the end of "a"; its last word ends at 1800
    start.setY(start.y())
    QTest.mousePress(rig.canvas, LEFT, NONE, start)
    QTest.mouseMove(rig.canvas, start + QPoint(-8, 0))
    QTest.mouseMove(rig.canvas, end)
    marker = rig.canvas._drag.snap_target
    assert marker is not None and (marker.time, marker.kind) == (1800, "word")
    image = rig.canvas.grab().toImage()
    x = round(rig.canvas.scale.x_of(1800))
    assert image.pixelColor(x, 30).name() == "#ff4fd8"  # the snap marker is drawn
    QTest.mouseRelease(rig.canvas, LEFT, NONE, end)
    assert rig.cue("a").end == 1800 and rig.cue("a").start == 0
    assert rig.stack.count() == 1


def test_shift_suspends_snapping(rig: Rig) -> None:
    start, end = rig.pos(2000), rig.pos(1830)
    QTest.mousePress(rig.canvas, LEFT, NONE, start)
    shift = Qt.KeyboardModifier.ShiftModifier
    for point in (start + QPoint(-8, 0), end):
        move = QMouseEvent(QEvent.Type.MouseMove, QPointF(point), QPointF(rig.canvas.mapToGlobal(point)), Qt.MouseButton.NoButton, LEFT, shift)
        QApplication.sendEvent(rig.canvas, move)
    assert rig.canvas._drag.snap_target is None
    QTest.mouseRelease(rig.canvas, LEFT, NONE, end)
    assert rig.cue("a").end == 1830


def test_multi_select_then_move_together(rig: Rig) -> None:
    rig.canvas.snapping = False
    QTest.mouseClick(rig.canvas, LEFT, NONE, rig.pos(3000))
    QTest.mouseClick(rig.canvas, LEFT, Qt.KeyboardModifier.ControlModifier, rig.pos(7500))
    assert rig.selection.selected_cue_ids() == ["b", "d"]
    assert rig.stack.count() == 0
    rig.drag(7500, 7700)
    assert (rig.cue("b").start, rig.cue("d").start) == (2280, 7200)
    assert (rig.cue("a").end, rig.cue("c").start) == (2000, 5000)
    assert rig.stack.count() == 1
    rig.stack.undo()
    assert (rig.cue("b").start, rig.cue("d").start) == (2080, 7000)


def test_rubber_band_selects_the_cues_it_covers(rig: Rig) -> None:
    top = rig.canvas._lane()[0] - 10  # above the blocks: empty space
    QTest.mousePress(rig.canvas, LEFT, NONE, QPoint(450, top))
    QTest.mouseMove(rig.canvas, QPoint(600, top))
    QTest.mouseMove(rig.canvas, QPoint(760, top))
    QTest.mouseRelease(rig.canvas, LEFT, NONE, QPoint(760, top))
    assert rig.selection.selected_cue_ids() == ["c", "d"]
    assert rig.canvas.region == (4500, 7600)
    assert rig.stack.count() == 0


def test_alt_drag_moves_the_shared_boundary_and_a_word_with_it(rig: Rig) -> None:
    rig.drag(2040, 1250, Qt.KeyboardModifier.AltModifier, steps=6)
    a, b = rig.cue("a"), rig.cue("b")
    assert a.end == 1200 and b.start == 1280  # snapped to the end of "two", 80 ms gap kept
    assert [w.text for w in a.words] == ["one", "two"] and a.text == "one two"
    assert [w.text for w in b.words] == ["three", "four", "five"] and b.text == "three four five"
    assert b.words[0] == Word(1300, 1800, "three")  # the word kept its time
    assert rig.stack.count() == 1
    rig.stack.undo()
    assert rig.cue("a").text == "one two three" and rig.cue("b").start == 2080


def test_ripple_moves_everything_after(rig: Rig) -> None:
    rig.canvas.snapping = False
    rig.widget.act_ripple.trigger()
    assert rig.canvas.ripple
    rig.drag(3000, 3300)
    assert [rig.cue(i).start for i in "abcd"] == [0, 2380, 5300, 7300]
    assert rig.stack.count() == 1
    assert "ripple" in rig.stack.text(0)
    rig.stack.undo()
    assert [rig.cue(i).start for i in "abcd"] == [0, 2080, 5000, 7000]


def test_a_block_dragged_into_its_neighbour_stops_at_the_minimum_gap_with_a_marker(rig: Rig) -> None:
    rig.canvas.snapping = False
    gap = rig.model.preset.min_gap_ms(rig.model.fps())
    assert gap > 0
    start, end = rig.pos(5500), rig.pos(6800)  # "c" asked to run 0.8 s into "d"
    QTest.mousePress(rig.canvas, LEFT, NONE, start)
    for k in range(1, 5):
        QTest.mouseMove(rig.canvas, start + (end - start) * k / 4)
    stop = rig.canvas._drag.stop
    assert stop is not None and (stop.time, stop.neighbour) == (7000 - gap, 3)
    image = rig.canvas.grab().toImage()
    x = round(rig.canvas.scale.x_of(stop.time))
    marker = image.pixelColor(x, rig.canvas.height() - 40)
    assert (marker.red(), marker.green(), marker.blue()) == (0xE5, 0x48, 0x4D)  # the stop bar
    QTest.mouseRelease(rig.canvas, LEFT, NONE, end)

    moved = rig.cue("c")
    assert (moved.start, moved.end) == (6000 - gap, 7000 - gap)  # applied up to the stop
    assert moved.words[0].start == 6000 - gap
    assert rig.stack.count() == 1
    assert rig.messages[-1] == f"Stopped at the minimum gap from cue 4 ({gap} ms)."
    rig.stack.undo()
    assert (rig.cue("c").start, rig.cue("c").end) == (5000, 6000)


def test_an_edge_and_a_selection_stop_against_the_cue_before(rig: Rig) -> None:
    rig.canvas.snapping = False
    gap = rig.model.preset.min_gap_ms(rig.model.fps())
    rig.drag(5000, 3000)  # the start edge of "c" into "b"
    assert rig.cue("c").start == 4000 + gap and rig.cue("c").end == 6000
    rig.stack.undo()
    rig.selection.select_cue_ids(["c", "d"])
    rig.drag(7500, 5000)  # both, 2.5 s to the left: "c" meets "b" first and the pair stops there
    assert (rig.cue("c").start, rig.cue("d").start) == (4000 + gap, 6000 + gap)
    assert rig.stack.count() == 1
    assert [rig.cue(i).start for i in "ab"] == [0, 2080]

def test_ctrl_wheel_zooms_around_the_mouse(rig: Rig) -> None:
    x = 300
    under = rig.canvas.scale.ms_at(x)
    pos = QPointF(x, 100)
    wheel = QWheelEvent(pos, rig.canvas.mapToGlobal(pos), QPoint(), QPoint(0, 240), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
    QApplication.sendEvent(rig.canvas, wheel)
    assert rig.canvas.scale.ms_per_px < 10.0
    assert rig.canvas.scale.ms_at(x) == pytest.approx(under, abs=1)


def test_click_on_empty_space_seeks(rig: Rig, qtbot) -> None:  # noqa: ANN001
    with qtbot.waitSignal(rig.widget.seek_requested) as blocker:
        QTest.mouseClick(rig.canvas, LEFT, NONE, rig.pos(4500))
    assert blocker.args == [4500]


def test_context_actions_split_merge_and_new_cue(rig: Rig) -> None:
    rig.canvas.split_at(1250)
    assert [c.text for c in rig.document.cues[:2]] == ["one two", "three"]
    rig.canvas.merge_with_next(100)
    assert rig.document.cues[0].text == "one two three"
    rig.canvas.region = (4100, 4900)
    rig.canvas.new_cue_over_region()
    assert [(c.start, c.end) for c in rig.document.cues][2] == (4100, 4900)
    assert rig.stack.count() == 3
    menu = rig.canvas.context_menu(rig.pos(1000).x(), rig.pos(1000).y())
    assert [a.isEnabled() for a in menu.actions()[:4]] == [True, True, True, True]


def test_set_media_builds_waveform_speech_and_shots_in_the_background(rig: Rig, sample_video, qtbot) -> None:  # noqa: ANN001
    rig.widget.set_media(sample_video)
    qtbot.waitUntil(lambda: bool(rig.canvas.speech_regions), timeout=20_000)
    peaks = rig.canvas.peaks
    assert peaks is not None and peaks.complete and peaks.built_ms > 15_000
    assert all(0 <= s < e for s, e in rig.canvas.speech_regions)
    rig.canvas.show_range(0, peaks.built_ms)
    image = rig.canvas.grab().toImage()
    mid_y = (image.height() + 22) // 2
    lit = sum(image.pixelColor(x, mid_y).blue() > 120 for x in range(0, image.width(), 5))
    assert lit > 20  # the waveform is painted across the view
