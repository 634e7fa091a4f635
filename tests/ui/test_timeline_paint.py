"""The timeline's cached painting: whatever changes (a cue edit, the zoom, the peaks, the selection,
the scroll position, a drag) shows in the next paint, exactly as a timeline drawn from scratch
shows it, and the playhead and a drag repaint only the columns they cover."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QImage, QUndoStack, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from subtitler.core.model import Cue, Document, Word
from subtitler.media.peaks import PeaksBuilder, build_peaks
from subtitler.ui.commands import apply_edit
from subtitler.ui.cue_model import CueSelection, CueTableModel
from subtitler.ui.timeline import TimelineWidget
from subtitler.ui.timeline.tiles import TileCache

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier
START_EDGE = "#6fd38a"
"""The opaque green line on a cue block's start."""
SELECTED_BORDER = "#f3b648"
SR = 16000


def _noise(seconds: float, loud: tuple[float, float] = (0.0, 1e9), seed: int = 3) -> np.ndarray:
    """Noise bursts (a few per second), silent outside the ``loud`` span (seconds)."""
    t = np.arange(int(seconds * SR)) / SR
    envelope = 0.3 + 0.7 * np.abs(np.sin(2 * np.pi * 1.3 * t))
    samples = np.random.default_rng(seed).uniform(-0.8, 0.8, len(t)) * envelope
    samples[(t < loud[0]) | (t >= loud[1])] = 0.0
    return samples.astype(np.float32)


def _document() -> Document:
    def cue(cue_id: str, start: int, end: int, texts: list[str]) -> Cue:
        step = (end - start) // len(texts)
        words = tuple(Word(start + k * step, start + (k + 1) * step - 40, text) for k, text in enumerate(texts))
        return Cue(cue_id, start, end, " ".join(texts), words)

    return Document(cues=[
        cue("a", 500, 2500, ["one", "two", "three"]),
        cue("b", 3000, 5000, ["four", "five"]),
        cue("c", 6000, 7500, ["six", "seven"]),
        cue("d", 9000, 11_000, ["eight", "nine", "ten"]),
        cue("e", 14_000, 16_000, ["eleven", "twelve"]),
    ])  # fmt: skip


class Timeline:
    """A standalone timeline over a five-cue document in 40 s of media, 1000 x 240 px, 10 ms per pixel."""

    def __init__(self, qtbot, document: Document, peaks) -> None:  # noqa: ANN001
        self.document = document
        self.stack = QUndoStack()
        self.model = CueTableModel(document, self.stack)
        self.selection = CueSelection(QItemSelectionModel(self.model), self.model)
        self.widget = TimelineWidget(self.model, self.selection, self.stack)
        qtbot.addWidget(self.widget)
        self.widget.resize(1000, 240)
        self.widget.show()
        qtbot.waitExposed(self.widget)
        self.canvas = self.widget.canvas
        self.canvas.set_media_duration(40_000)
        self.widget.set_peaks(peaks)
        self.canvas.set_speech_regions([(w.start, w.end) for c in document.cues for w in c.words])
        self.canvas.set_shot_changes([2800, 8000, 12_500])
        self.canvas.show_range(0, 10_000)

    def image(self) -> QImage:
        """The canvas as it paints now (its caches kept from one call to the next)."""
        self.canvas._recheck_problems()  # the problem marks are otherwise refreshed a moment after an edit
        return self.canvas.grab().toImage()

    def lane_y(self) -> int:
        top, bottom = self.canvas._lane()
        return round((top + bottom) / 2)

    def x(self, ms: float) -> int:
        return round(self.canvas.scale.x_of(ms))

    def colour(self, image: QImage, ms: float, y: int, dx: int = 0) -> str:
        return image.pixelColor(self.x(ms) + dx, y).name()


def fresh_image(qtbot, shown: Timeline) -> QImage:  # noqa: ANN001
    """What a new timeline over the same document, media analysis, view and selection paints (nothing cached)."""
    other = Timeline(qtbot, shown.document, shown.canvas.peaks)
    other.canvas.set_speech_regions(shown.canvas.speech_regions)
    other.canvas.set_shot_changes(shown.canvas.shot_changes)
    other.canvas.scale.start_ms = shown.canvas.scale.start_ms
    other.canvas.scale.ms_per_px = shown.canvas.scale.ms_per_px
    other.canvas.position = shown.canvas.position
    other.selection.select_cue_ids(shown.selection.selected_cue_ids())
    return other.image()


@pytest.fixture
def timeline(qtbot) -> Timeline:  # noqa: ANN001
    return Timeline(qtbot, _document(), build_peaks(_noise(20)))


def test_a_cue_edit_shows_in_the_next_paint(timeline: Timeline, qtbot) -> None:  # noqa: ANN001
    y = timeline.lane_y()
    before = timeline.image()
    assert timeline.colour(before, 6000, y, 1) == START_EDGE
    old = timeline.document.cue("c")
    moved = old.with_(start=old.start + 1000, end=old.end + 1000, words=tuple(w.shifted(1000) for w in old.words))
    apply_edit(timeline.stack, timeline.document, [old], [moved], "Move")
    after = timeline.image()
    assert timeline.colour(after, 6000, y, 1) != START_EDGE
    assert timeline.colour(after, 7000, y, 1) == START_EDGE
    assert after == fresh_image(qtbot, timeline)
    timeline.stack.undo()
    assert timeline.image() == before


def test_a_zoom_change_shows_in_the_next_paint_and_edits_made_meanwhile_too(timeline: Timeline, qtbot) -> None:  # noqa: ANN001
    y = timeline.lane_y()
    timeline.image()
    timeline.canvas.zoom(2.0, 0)  # 5 ms per pixel
    zoomed = timeline.image()
    assert timeline.x(3000) == 600
    assert zoomed.pixelColor(601, y).name() == START_EDGE
    assert zoomed == fresh_image(qtbot, timeline)
    # An edit while zoomed in shows when going back to the zoom drawn before.
    old = timeline.document.cue("d")
    apply_edit(timeline.stack, timeline.document, [old], [old.with_(start=8600)], "Start earlier")
    timeline.canvas.show_range(0, 10_000)
    back = timeline.image()
    assert timeline.colour(back, 8600, y, 1) == START_EDGE
    assert timeline.colour(back, 9000, y, 1) != START_EDGE
    assert back == fresh_image(qtbot, timeline)


def test_new_peaks_and_a_new_peaks_level_show_in_the_next_paint(qtbot) -> None:  # noqa: ANN001
    first_half = build_peaks(_noise(20, loud=(0, 5)))
    timeline = Timeline(qtbot, _document(), first_half)
    wave_y = (timeline.canvas.height() + 22) // 2 - 12  # just above the waveform's centre line
    # 2.7 s and 8.5 s fall between cues and outside speech: only the waveform is drawn there.
    image = timeline.image()
    assert QColor(timeline.colour(image, 2700, wave_y)).blue() > 120  # sound drawn
    assert QColor(timeline.colour(image, 8500, wave_y)).blue() < 60  # silence
    timeline.widget.set_peaks(build_peaks(_noise(20, loud=(5, 10))))
    image = timeline.image()
    assert QColor(timeline.colour(image, 2700, wave_y)).blue() < 60
    assert QColor(timeline.colour(image, 8500, wave_y)).blue() > 120
    # Zoomed out to the whole file, the waveform comes from a coarser level of the pyramid.
    peaks = timeline.canvas.peaks
    level = peaks.level_for(timeline.canvas.scale.ms_per_px * SR / 1000)
    timeline.canvas.show_range(0, 40_000)
    assert peaks.level_for(timeline.canvas.scale.ms_per_px * SR / 1000) > level
    assert timeline.image() == fresh_image(qtbot, timeline)


def test_growing_peaks_show_in_the_next_paint(qtbot) -> None:  # noqa: ANN001
    builder = PeaksBuilder()
    samples = _noise(20)
    builder.feed(0, samples[: SR * 4])
    timeline = Timeline(qtbot, _document(), builder.peaks)
    wave_y = (timeline.canvas.height() + 22) // 2 - 12
    assert QColor(timeline.colour(timeline.image(), 8500, wave_y)).blue() < 60  # not decoded yet
    builder.feed(SR * 4, samples[SR * 4 :])
    builder.finish()
    timeline.canvas.peaks_updated()
    assert QColor(timeline.colour(timeline.image(), 8500, wave_y)).blue() > 120
    assert timeline.image() == fresh_image(qtbot, timeline)


def test_a_selection_change_shows_in_the_next_paint(timeline: Timeline, qtbot) -> None:  # noqa: ANN001
    top = round(timeline.canvas._lane()[0])  # the block's top border row
    image = timeline.image()
    assert timeline.colour(image, 4000, top) != SELECTED_BORDER
    timeline.selection.select_cue_ids(["b"])
    image = timeline.image()
    assert timeline.colour(image, 4000, top) == SELECTED_BORDER
    assert image == fresh_image(qtbot, timeline)
    timeline.selection.select_cue_ids(["c"])
    image = timeline.image()
    assert timeline.colour(image, 4000, top) != SELECTED_BORDER
    assert timeline.colour(image, 7000, top) == SELECTED_BORDER
    assert image == fresh_image(qtbot, timeline)


def test_a_scrolled_view_matches_a_timeline_drawn_from_scratch(timeline: Timeline, qtbot) -> None:  # noqa: ANN001
    timeline.canvas.zoom(1.37, 333)  # a zoom whose columns fall between milliseconds
    timeline.image()
    starts = []
    for delta in (-120, -120, -40, 120):  # wheel steps: the tiles drawn so far are reused
        at = QPointF(timeline.canvas.rect().center())
        wheel = QWheelEvent(at, timeline.canvas.mapToGlobal(at), QPoint(), QPoint(0, delta), Qt.MouseButton.NoButton,
                            NONE, Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
        QApplication.sendEvent(timeline.canvas, wheel)
        starts.append(timeline.canvas.scale.start_ms)
        assert timeline.image() == fresh_image(qtbot, timeline)
    assert len(set(starts)) == 4 and all(s % timeline.canvas.scale.ms_per_px for s in starts)  # moved, between columns


class PaintedRects(QObject):
    """Records the rectangles of the paint events a widget receives."""

    def __init__(self, widget) -> None:  # noqa: ANN001
        super().__init__()
        self.rects: list[QRect] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802, ANN001
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.rect())
        return False

    def take(self) -> QRect:
        """The bounding rectangle of what was painted since the last call."""
        united = QRect()
        for rect in self.rects:
            united = united.united(rect)
        self.rects = []
        return united


def test_the_playhead_repaints_only_where_it_was_and_where_it_is(timeline: Timeline) -> None:
    painted = PaintedRects(timeline.canvas)
    timeline.widget.set_position(3000)
    QApplication.processEvents()
    painted.take()
    timeline.widget.set_position(3040)
    QApplication.processEvents()
    area = painted.take()
    assert area.contains(timeline.x(3000), 5) and area.contains(timeline.x(3040), 5)
    assert area.width() < 40  # not the whole 1000 px
    image = timeline.image()
    assert image.pixelColor(timeline.x(3040), 12).name() == "#ffffff"
    assert image.pixelColor(timeline.x(3000) - 1, 12).name() != "#ffffff"


def test_a_drag_repaints_the_moved_cue_only_and_previews_it(timeline: Timeline, qtbot) -> None:  # noqa: ANN001
    timeline.canvas.snapping = False
    y = timeline.lane_y()
    painted = PaintedRects(timeline.canvas)
    press = QPoint(timeline.x(6750), y)
    QTest.mousePress(timeline.canvas, LEFT, NONE, press)
    QTest.mouseMove(timeline.canvas, press + QPoint(10, 0))
    QApplication.processEvents()
    painted.take()
    QTest.mouseMove(timeline.canvas, press + QPoint(30, 0))  # 300 ms later
    QApplication.processEvents()
    area = painted.take()
    assert area.left() <= timeline.x(6000) and area.right() >= timeline.x(7800)
    assert area.width() < 400  # the cue's columns, not the whole 1000 px
    image = timeline.image()
    assert timeline.colour(image, 6300, y, 1) == START_EDGE  # the preview
    assert timeline.colour(image, 6000, y, 1) != START_EDGE  # not where it was
    QTest.mouseRelease(timeline.canvas, LEFT, NONE, press + QPoint(30, 0))
    assert timeline.document.cue("c").start == 6300
    assert timeline.image() == fresh_image(qtbot, timeline)


def test_tiles_are_drawn_again_when_their_signature_changes_and_the_oldest_go_first() -> None:
    drawn: list[str] = []

    def draw(name: str):  # noqa: ANN202
        def make() -> QImage:
            drawn.append(name)
            return QImage(16, 16, QImage.Format.Format_RGB32)  # 1 KiB

        return make

    cache = TileCache(max_bytes=2048)
    first = cache.get("a", 1, draw("a1"))
    assert cache.get("a", 1, draw("a1 again")) is first
    cache.get("a", 2, draw("a2"))
    cache.get("b", 1, draw("b1"))
    cache.get("a", 2, draw("a2 again"))  # used last: "b" is now the oldest
    cache.get("c", 1, draw("c1"))  # over 2 KiB: "b" goes
    cache.get("a", 2, draw("a2 once more"))
    cache.get("b", 1, draw("b1 again"))
    assert drawn == ["a1", "a2", "b1", "c1", "b1 again"]
