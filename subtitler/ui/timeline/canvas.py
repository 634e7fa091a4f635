"""The timeline canvas: ruler, waveform, speech, shot changes, cue blocks with word ticks; drag-align.

Painting touches only what is visible: the waveform comes from the peaks level that matches the
zoom (rendered into an image with numpy and cached until the view changes), and visible cues are
found by binary search on their start times. A drag previews its result in the view and commits
one undo command on release, after validation.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QUndoStack,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QSizePolicy, QWidget

from ...core import edits
from ...core.errors import SubtitlerError
from ...core.model import Cue
from ...core.snapping import END as SNAP_END
from ...core.snapping import START as SNAP_START
from ...core.snapping import SnapCandidates, SnapTarget, drag_candidates, snap, snap_edges
from ...core.timecode import format_clock
from ...media.peaks import Peaks
from ..commands import apply_edit
from ..cue_model import CueSelection, CueTableModel
from . import drag as dr
from .scale import TimeScale

__all__ = ["TimelineCanvas", "Palette"]

RULER_H = 22
SPEECH_H = 5
EDGE_PX = 5
"""Grab distance of a cue edge, in pixels."""
SNAP_PX = 9
"""Snapping reach, in pixels (so it feels the same at every zoom)."""
DRAG_START_PX = 3
ZOOM_STEP = 1.25


class Palette:
    """Colours of the timeline (dark, like most waveform editors, whatever the desktop theme)."""

    background = QColor("#1b1d22")
    ruler = QColor("#14161a")
    ruler_text = QColor("#a9afbb")
    ruler_tick = QColor("#4b505c")
    grid = QColor(255, 255, 255, 14)
    wave_core = QColor("#7fc3ec")
    wave_edge = QColor("#3a6f9a")
    speech = QColor(110, 205, 140, 22)
    speech_strip = QColor(110, 205, 140, 200)
    shot = QColor("#e0a84a")
    block = QColor(84, 120, 200, 70)
    block_border = QColor(120, 155, 230, 200)
    block_selected = QColor(240, 178, 70, 80)
    block_selected_border = QColor("#f3b648")
    title_bar = QColor(18, 20, 26, 190)
    text = QColor("#eef1f6")
    start_edge = QColor("#6fd38a")
    end_edge = QColor("#ef6b73")
    word_tick = QColor(235, 240, 250, 150)
    word_text = QColor(225, 230, 240, 200)
    unsure_word = QColor("#ffb04a")
    problem = QColor("#ff5468")
    refused = QColor(255, 60, 80, 90)
    playhead = QColor("#ffffff")
    snap = QColor("#ff4fd8")
    region = QColor(255, 255, 255, 28)
    rubber = QColor(255, 255, 255, 40)
    loading = QColor(255, 255, 255, 10)


@dataclass
class _Drag:
    """A drag in progress: what is dragged, from where, and its current preview."""

    kind: str
    press_x: float
    press_ms: float
    ids: list[str] = field(default_factory=list)
    anchor: str = ""
    """The cue under the mouse (MOVE, edges) or the left cue of a BOUNDARY."""
    started: bool = False
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    candidates: SnapCandidates | None = None
    changes: dict[str, Cue] = field(default_factory=dict)
    problem: dr.Problem | None = None
    error: str = ""
    snap_target: SnapTarget | None = None
    just_selected: bool = False
    """The press added the cue to the selection (a Ctrl+click then must not remove it again)."""


class TimelineCanvas(QWidget):
    """The interactive part of the timeline."""

    seek_requested = Signal(int)
    """The user clicked a time (ms) to play from."""
    view_changed = Signal()
    """Zoom or scroll changed (the overview strip follows)."""
    region_changed = Signal()
    retranscribe_requested = Signal(int, int)
    """(start, end) ms: re-transcribe this region (the widget runs it)."""

    def __init__(
        self,
        model: CueTableModel,
        selection: CueSelection,
        undo_stack: QUndoStack,
        status: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.selection = selection
        self.undo_stack = undo_stack
        self._status = status or (lambda message: None)
        self.scale = TimeScale()
        self.peaks: Peaks | None = None
        self.speech_regions: list[tuple[int, int]] = []
        self.shot_changes: list[int] = []
        self.media_duration = 0
        self.position = 0
        self.playing = False
        self.follow_playback = True
        self.ripple = False
        self.snapping = True
        self.region: tuple[int, int] | None = None
        self.problem_ids: set[str] = set()
        self._drag: _Drag | None = None
        self._rubber: tuple[float, float] | None = None
        self._selected: set[str] = set()
        self._starts: list[int] | None = None
        self._max_duration = 0
        self._start_array = np.zeros(0, np.int64)
        self._end_array = np.zeros(0, np.int64)
        self._problem_mask = np.zeros(0, bool)
        self._speech_array = np.zeros((0, 2), np.int64)
        self._wave_key: tuple | None = None
        self._wave_image: QImage | None = None
        self._wave_gain = 1.0
        self._wave_gain_version = -1
        self._colour_rows: np.ndarray | None = None
        self._fitted_once = False
        self._font = QFont(self.font())
        self._font.setPointSizeF(max(7.5, self._font.pointSizeF() * 0.9))
        self._small = QFont(self._font)
        self._small.setPointSizeF(self._font.pointSizeF() * 0.85)
        self._metrics = QFontMetrics(self._font)
        self._small_metrics = QFontMetrics(self._small)
        self._problems_timer = QTimer(self)
        self._problems_timer.setSingleShot(True)
        self._problems_timer.setInterval(250)
        self._problems_timer.timeout.connect(self._recheck_problems)

        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(120)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.dataChanged):
            signal.connect(self._on_model_changed)
        selection.on_change(self._on_selection_changed)
        self._on_model_changed()

    # ------------------------------------------------------------------------------------
    # Data from outside
    @property
    def cues(self) -> list[Cue]:
        """The document's cues (read-only here; edits go through the undo stack)."""
        return self.model.document.cues

    def set_peaks(self, peaks: Peaks | None) -> None:
        """Show this waveform (it may still be filling; call ``peaks_updated`` as it grows)."""
        self.peaks = peaks
        self._wave_key = None
        self._update_duration()
        self.update()

    def peaks_updated(self) -> None:
        """The peaks grew: redraw the waveform."""
        self._wave_key = None
        self._update_duration()
        self.update()

    def set_speech_regions(self, regions: Sequence[tuple[int, int]]) -> None:
        self.speech_regions = sorted((int(s), int(e)) for s, e in regions)
        self._speech_array = np.array(self.speech_regions, np.int64).reshape(-1, 2)
        self.update()

    def set_shot_changes(self, shots: Sequence[int]) -> None:
        self.shot_changes = sorted(int(s) for s in shots)
        self._problems_timer.start()
        self.update()

    def set_media_duration(self, ms: int) -> None:
        self.media_duration = max(0, int(ms))
        self._update_duration()
        self.update()

    def set_position(self, ms: int) -> None:
        """Move the playhead; while playing, the view follows it a page at a time."""
        self.position = int(ms)
        scale = self.scale
        if self.playing and self.follow_playback and self._drag is None:
            if ms > scale.end_ms - 0.05 * scale.visible_ms or ms < scale.start_ms:
                scale.start_ms = ms - 0.1 * scale.visible_ms
                scale.clamp()
                self.view_changed.emit()
        self.update()

    def set_playing(self, playing: bool) -> None:
        self.playing = bool(playing)

    # ------------------------------------------------------------------------------------
    # Cached lookups
    def _on_model_changed(self, *args: object) -> None:
        self._starts = None
        self._problems_timer.start()
        self._update_duration()
        self.update()

    def _on_selection_changed(self) -> None:
        self._selected = set(self.selection.selected_cue_ids())
        self.update()

    def _index(self) -> list[int]:
        if self._starts is None:
            cues = self.cues
            self._starts = [c.start for c in cues]
            self._start_array = np.array(self._starts, np.int64)
            self._end_array = np.fromiter((c.end for c in cues), np.int64, len(cues))
            self._max_duration = int((self._end_array - self._start_array).max(initial=0))
            self._problem_mask = np.fromiter((c.id in self.problem_ids for c in cues), bool, len(cues))
        return self._starts

    def _dense(self, count: int) -> bool:
        """Whether ``count`` items in view are too many to draw one by one (a few pixels each)."""
        return count > self.width() / 8

    def _spans(self, starts: np.ndarray, ends: np.ndarray) -> list[tuple[int, int]]:
        """Pixel column runs [x0, x1) covered by the time intervals (at least one column each)."""
        w = self.width()
        if not len(starts):
            return []
        x0 = np.clip(np.floor((starts - self.scale.start_ms) / self.scale.ms_per_px), 0, w).astype(np.int64)
        x1 = np.clip(np.ceil((ends - self.scale.start_ms) / self.scale.ms_per_px), 0, w).astype(np.int64)
        x1 = np.minimum(np.maximum(x1, x0 + 1), w + 1)
        cover = np.zeros(w + 2, np.int32)
        np.add.at(cover, x0, 1)
        np.add.at(cover, x1, -1)
        on = np.concatenate(([False], np.cumsum(cover)[: w + 1] > 0, [False]))
        edges = np.flatnonzero(on[1:] != on[:-1])
        return list(zip(edges[::2].tolist(), edges[1::2].tolist()))

    def visible_range(self, t0: float, t1: float) -> range:
        """Indices of the cues that may show between t0 and t1 (binary search on starts)."""
        starts = self._index()
        return range(bisect_left(starts, t0 - self._max_duration), bisect_right(starts, t1))

    def _update_duration(self) -> None:
        last_end = max((c.end for c in self.cues[-3:]), default=0)
        peaks_ms = self.peaks.built_ms if self.peaks is not None and self.peaks.complete else 0
        duration = max(self.media_duration, peaks_ms, last_end + 2000, 10_000)
        if duration != self.scale.duration_ms:
            first = not self._fitted_once and self.media_duration > 0
            self.scale.duration_ms = duration
            self.scale.clamp()
            if first:
                self._fitted_once = True
                self.scale.show_range(0, min(duration, 30_000))
            self.view_changed.emit()

    def _recheck_problems(self) -> None:
        from ...core.rules import ERROR, WARNING, check_cues

        findings = check_cues(self.cues, self.model.preset, self.model.fps(), shot_changes=self.shot_changes)
        self.problem_ids = {f.cue_id for f in findings if f.cue_id and f.severity in (ERROR, WARNING)}
        self._starts = None
        self.update()
        self.view_changed.emit()

    # ------------------------------------------------------------------------------------
    # Geometry
    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001
        self.scale.width = max(1, self.width())
        if not self._fitted_once and self.cues:
            self._fitted_once = True
            self.scale.show_range(0, min(self.scale.duration_ms, 30_000))
        self.scale.clamp()
        self._wave_key = None
        self.view_changed.emit()
        super().resizeEvent(event)

    def _lane(self) -> tuple[float, float]:
        """Top and bottom of the band where cue blocks sit."""
        main_h = self.height() - RULER_H
        return RULER_H + round(main_h * 0.30), self.height() - SPEECH_H - 3

    def _x(self, ms: float) -> float:
        return self.scale.x_of(ms)

    # ------------------------------------------------------------------------------------
    # Painting
    def paintEvent(self, event) -> None:  # noqa: N802, ANN001
        p = QPainter(self)
        try:
            self.paint(p)
        finally:
            p.end()

    def paint(self, p: QPainter) -> None:
        """Draw the whole visible timeline with ``p``."""
        w, h = self.width(), self.height()
        p.fillRect(0, 0, w, h, Palette.background)
        t0, t1 = self.scale.start_ms, self.scale.end_ms
        self._paint_speech(p, t0, t1)
        self._paint_wave(p)
        self._paint_region(p)
        self._paint_shots(p, t0, t1)
        self._paint_cues(p, t0, t1)
        self._paint_ruler(p, t0, t1)
        self._paint_overlays(p)

    def _paint_wave(self, p: QPainter) -> None:
        if self.peaks is None:
            return
        w, main_h = self.width(), self.height() - RULER_H
        key = (id(self.peaks), self.peaks.version, self.scale.start_ms, self.scale.ms_per_px, w, main_h)
        if key != self._wave_key:
            self._wave_image = self._render_wave(w, main_h)
            self._wave_key = key
        if self._wave_image is not None:
            p.drawImage(0, RULER_H, self._wave_image)
        if not self.peaks.complete:
            built_x = max(0.0, self._x(self.peaks.built_ms))
            if built_x < w:
                p.fillRect(QRectF(built_x, RULER_H, w - built_x, main_h), Palette.loading)
                p.setPen(Palette.ruler_text)
                p.setFont(self._font)
                p.drawText(QRectF(built_x + 8, RULER_H + 4, 300, 20), Qt.AlignmentFlag.AlignLeft, self.tr("Building waveform…"))

    def _wave_colours(self, h: int) -> np.ndarray:
        """One opaque ARGB colour per row: brighter near the centre line, darker at the peaks."""
        if self._colour_rows is None or len(self._colour_rows) != h:
            mid = (h - 1) / 2
            closeness = (1.0 - np.abs(np.arange(h) - mid) / max(mid, 1.0)) ** 1.5
            core, edge = Palette.wave_core, Palette.wave_edge
            channels = [
                (a + (b - a) * closeness).astype(np.uint32)
                for a, b in ((edge.red(), core.red()), (edge.green(), core.green()), (edge.blue(), core.blue()))
            ]
            self._colour_rows = (np.uint32(0xFF) << 24) | (channels[0] << 16) | (channels[1] << 8) | channels[2]
        return self._colour_rows

    def _gain(self) -> float:
        peaks = self.peaks
        assert peaks is not None
        if self._wave_gain_version != peaks.version:
            mins, maxs = peaks.level(len(peaks._levels) - 1)
            loud = max(int(np.abs(mins).max(initial=0)), int(maxs.max(initial=0))) / 32767
            self._wave_gain = 0.92 / max(loud, 0.05)
            self._wave_gain_version = peaks.version
        return self._wave_gain

    def _render_wave(self, w: int, h: int) -> QImage | None:
        assert self.peaks is not None
        mins, maxs, valid = self.peaks.columns(self.scale.start_ms, self.scale.ms_per_px, w)
        if not valid.any() or h <= 2:
            return None
        mid = (h - 1) / 2
        amp = mid * self._gain()
        top = np.floor(mid - np.clip(maxs, -1, 1) * amp).astype(np.int32)
        bottom = np.ceil(mid - np.clip(mins, -1, 1) * amp).astype(np.int32)
        bottom = np.maximum(bottom, top + 1)
        top[~valid] = h
        rows = np.arange(h, dtype=np.int32)[:, None]
        mask = (rows >= top[None, :]) & (rows <= bottom[None, :])
        pixels = np.where(mask, self._wave_colours(h)[:, None], np.uint32(0))
        image = QImage(pixels.data, w, h, w * 4, QImage.Format.Format_ARGB32_Premultiplied)
        return image.copy()  # own the pixels: the numpy buffer goes away

    def _paint_speech(self, p: QPainter, t0: float, t1: float) -> None:
        if not self.speech_regions:
            return
        h = self.height()
        regions = self._speech_array
        first = max(0, int(np.searchsorted(regions[:, 0], t0)) - 1)
        last = int(np.searchsorted(regions[:, 0], t1, side="right"))
        shown = regions[first:last]
        shown = shown[shown[:, 1] >= t0]
        if self._dense(len(shown)):
            spans = [(float(a), float(b)) for a, b in self._spans(shown[:, 0], shown[:, 1])]
        else:
            spans = [(self._x(a), self._x(b)) for a, b in shown.tolist()]
        for x0, x1 in spans:
            x0, x1 = max(-1.0, x0), min(self.width() + 1.0, x1)
            p.fillRect(QRectF(x0, RULER_H, max(1.0, x1 - x0), h - RULER_H), Palette.speech)
            p.fillRect(QRectF(x0, h - SPEECH_H, max(1.0, x1 - x0), SPEECH_H), Palette.speech_strip)

    def _paint_shots(self, p: QPainter, t0: float, t1: float) -> None:
        first, last = bisect_left(self.shot_changes, t0), bisect_right(self.shot_changes, t1)
        if first >= last:
            return
        if self._dense(last - first):
            # Too many cuts for full-height lines: short marks under the ruler.
            cuts = np.array(self.shot_changes[first:last], np.int64)
            for x0, x1 in self._spans(cuts, cuts):
                p.fillRect(x0, RULER_H, x1 - x0, 6, Palette.shot)
            return
        pen = QPen(Palette.shot, 1.0, Qt.PenStyle.DashLine)
        p.setPen(pen)
        for s in self.shot_changes[first:last]:
            x = round(self._x(s)) + 0.5
            p.drawLine(QPointF(x, RULER_H), QPointF(x, self.height() - SPEECH_H))

    def _paint_region(self, p: QPainter) -> None:
        if self.region is None:
            return
        x0, x1 = self._x(self.region[0]), self._x(self.region[1])
        p.fillRect(QRectF(x0, 0, x1 - x0, self.height()), Palette.region)

    def _shown_cues(self, t0: float, t1: float) -> list[tuple[Cue, bool]]:
        """Visible cues as they look now (a drag's preview replaces the originals), flagged when previewed."""
        cues = self.cues
        changes = self._drag.changes if self._drag is not None else {}
        shown = [(changes.get(cues[i].id, cues[i]), cues[i].id in changes) for i in self.visible_range(t0, t1)]
        if changes:
            # Previewed cues may have moved in from outside the view.
            inside = {c.id for c, _ in shown}
            shown += [(c, True) for c in changes.values() if c.id not in inside and c.end >= t0 and c.start <= t1]
        return [(c, moved) for c, moved in shown if c.end >= t0 and c.start <= t1]

    def _paint_cues(self, p: QPainter, t0: float, t1: float) -> None:
        visible = self.visible_range(t0, t1)
        if self._dense(len(visible)):
            self._paint_dense_cues(p, visible)
            return
        lane_top, lane_bottom = self._lane()
        lane_h = lane_bottom - lane_top
        thin: list[QRectF] = []
        thin_selected: list[QRectF] = []
        thin_problem: list[QRectF] = []
        refused = self._drag is not None and (self._drag.problem is not None or bool(self._drag.error))
        for cue, previewed in self._shown_cues(t0, t1):
            x0, x1 = self._x(cue.start), self._x(cue.end)
            rect = QRectF(x0, lane_top, max(1.0, x1 - x0), lane_h)
            selected = cue.id in self._selected
            if rect.width() < 4:
                (thin_selected if selected else thin_problem if cue.id in self.problem_ids else thin).append(rect)
                continue
            self._paint_block(p, cue, rect, selected, previewed and refused)
        p.setPen(Qt.PenStyle.NoPen)
        for rects, colour in ((thin, Palette.block_border), (thin_problem, Palette.problem), (thin_selected, Palette.block_selected_border)):
            if rects:
                p.setBrush(colour)
                p.drawRects(rects)

    def _paint_dense_cues(self, p: QPainter, visible: range) -> None:
        """Many cues a few pixels wide (a whole film in view): merged runs of columns, in bulk."""
        lane_top, lane_bottom = self._lane()
        lane_h = lane_bottom - lane_top
        lo, hi = visible.start, visible.stop
        starts, ends, problem = self._start_array[lo:hi], self._end_array[lo:hi], self._problem_mask[lo:hi]
        for mask, colour in ((~problem, Palette.block_border), (problem, Palette.problem)):
            for x0, x1 in self._spans(starts[mask], ends[mask]):
                p.fillRect(QRectF(x0, lane_top, x1 - x0, lane_h), colour)
        changes = self._drag.changes if self._drag is not None else {}
        marked = [c for c in self.cues[lo:hi] if c.id in self._selected] if self._selected else []
        for cue in [*marked, *changes.values()]:
            cue = changes.get(cue.id, cue)
            x0 = self._x(cue.start)
            p.fillRect(QRectF(x0, lane_top, max(2.0, self._x(cue.end) - x0), lane_h), Palette.block_selected_border)

    def _paint_block(self, p: QPainter, cue: Cue, rect: QRectF, selected: bool, refused: bool) -> None:
        problem = cue.id in self.problem_ids
        # Square corners: rounded rectangles cost ten times more to draw and show no better here.
        p.fillRect(rect, Palette.refused if refused else Palette.block_selected if selected else Palette.block)
        p.setPen(QPen(Palette.block_selected_border if selected else Palette.block_border, 1.0))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        title_h = self._metrics.height() + 4
        if rect.width() > 16:
            p.fillRect(QRectF(rect.left() + 1, rect.top() + 1, rect.width() - 2, title_h), Palette.title_bar)
        if problem:
            p.fillRect(QRectF(rect.left() + 1, rect.top() + 1, rect.width() - 2, 3), Palette.problem)
        # Edges: green where the cue starts, red where it ends.
        p.setPen(QPen(Palette.start_edge, 2.0))
        p.drawLine(QPointF(rect.left() + 1, rect.top()), QPointF(rect.left() + 1, rect.bottom()))
        p.setPen(QPen(Palette.end_edge, 2.0))
        p.drawLine(QPointF(rect.right() - 1, rect.top()), QPointF(rect.right() - 1, rect.bottom()))
        if rect.width() > 24:
            text = cue.plain.replace("\n", " / ")
            room = int(rect.width() - 10 - (14 if problem else 0))
            p.setFont(self._font)
            p.setPen(Palette.text)
            elided = self._metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
            p.drawText(QRectF(rect.left() + 5, rect.top() + 2, room, title_h), Qt.AlignmentFlag.AlignVCenter, elided)
            if problem:
                p.setPen(Palette.problem)
                p.drawText(QRectF(rect.right() - 16, rect.top() + 2, 12, title_h), Qt.AlignmentFlag.AlignCenter, "!")
        self._paint_words(p, cue, rect, title_h)

    def _paint_words(self, p: QPainter, cue: Cue, rect: QRectF, title_h: float) -> None:
        words = cue.words
        if not words or rect.width() / len(words) < 3:
            return
        bottom = rect.bottom() - 2
        tick_top = bottom - 9
        p.setFont(self._small)
        label_h = self._small_metrics.height()
        t0, t1 = self.scale.start_ms, self.scale.end_ms
        for k, word in enumerate(words):
            if word.end < t0 or word.start > t1:
                continue
            xs, xe = self._x(word.start), self._x(word.end)
            colour = Palette.unsure_word if word.probability < 0.5 else Palette.word_tick
            p.setPen(QPen(colour, 1.0))
            p.drawLine(QPointF(round(xs) + 0.5, tick_top), QPointF(round(xs) + 0.5, bottom))
            # A faint span under the word shows how long it lasts.
            p.fillRect(QRectF(xs, bottom - 2, max(1.0, xe - xs), 2), colour)
            room = (self._x(words[k + 1].start) if k + 1 < len(words) else rect.right()) - xs - 3
            if room > 12 and rect.height() - title_h > label_h + 12:
                label = self._small_metrics.elidedText(word.text, Qt.TextElideMode.ElideRight, int(room))
                p.setPen(Palette.unsure_word if word.probability < 0.5 else Palette.word_text)
                p.drawText(QRectF(xs + 2, tick_top - label_h, room, label_h), Qt.AlignmentFlag.AlignLeft, label)
        last = words[-1].end
        if t0 <= last <= t1:
            p.setPen(QPen(Palette.word_tick, 1.0))
            x = round(self._x(last)) + 0.5
            p.drawLine(QPointF(x, tick_top + 3), QPointF(x, bottom))

    def _paint_ruler(self, p: QPainter, t0: float, t1: float) -> None:
        w = self.width()
        p.fillRect(0, 0, w, RULER_H, Palette.ruler)
        major = _major_step(self.scale.ms_per_px)
        minor = major / (4 if major in (15_000, 60_000, 3_600_000) else 5)
        p.setPen(QPen(Palette.ruler_tick, 1.0))
        first = int(t0 // minor) * minor
        t = first
        while t <= t1:
            x = round(self._x(t)) + 0.5
            is_major = abs(t / major - round(t / major)) < 1e-6
            p.drawLine(QPointF(x, RULER_H - (9 if is_major else 4)), QPointF(x, RULER_H))
            t += minor
        p.setPen(Palette.ruler_text)
        p.setFont(self._small)
        t = int(t0 // major) * major
        while t <= t1 + major:
            x = self._x(t)
            p.drawText(QPointF(x + 3, RULER_H - 9), _ruler_label(int(t), major))
            t += major
        p.setPen(QPen(Palette.ruler_tick, 1.0))
        p.drawLine(QPointF(0, RULER_H - 0.5), QPointF(w, RULER_H - 0.5))

    def _paint_overlays(self, p: QPainter) -> None:
        h = self.height()
        if self._rubber is not None:
            a, b = sorted(self._rubber)
            x0, x1 = self._x(a), self._x(b)
            p.setPen(QPen(QColor(255, 255, 255, 120), 1.0, Qt.PenStyle.DashLine))
            p.setBrush(Palette.rubber)
            p.drawRect(QRectF(x0, RULER_H, x1 - x0, h - RULER_H - 1))
        drag = self._drag
        if drag is not None and drag.snap_target is not None:
            target = drag.snap_target
            x = round(self._x(target.time)) + 0.5
            p.setPen(QPen(Palette.snap, 2.0))
            p.drawLine(QPointF(x, RULER_H), QPointF(x, h))
            label = self._snap_label(target.kind)
            p.setFont(self._small)
            tw = self._small_metrics.horizontalAdvance(label) + 10
            box = QRectF(min(x + 4, self.width() - tw - 2), RULER_H + 3, tw, self._small_metrics.height() + 4)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(Palette.snap)
            p.drawRoundedRect(box, 4, 4)
            p.setPen(QColor("#1b1d22"))
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        x = self._x(self.position)
        if -2 <= x <= self.width() + 2:
            p.setPen(QPen(Palette.playhead, 1.5))
            p.drawLine(QPointF(x, 0), QPointF(x, h))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(Palette.playhead)
            p.drawPolygon([QPointF(x - 5, 0), QPointF(x + 5, 0), QPointF(x, 7)])

    def _snap_label(self, kind: str) -> str:
        return {
            "word": self.tr("word"),
            "speech": self.tr("speech"),
            "frame": self.tr("frame"),
            "gap": self.tr("min. gap"),
            "shot": self.tr("shot change"),
            "playhead": self.tr("playhead"),
        }.get(kind, kind)

    # ------------------------------------------------------------------------------------
    # Hit testing
    def _hit(self, x: float, y: float, alt: bool) -> tuple[str, int] | None:
        """(kind, cue index) under the point: an edge, a shared boundary (with Alt) or a block."""
        lane_top, lane_bottom = self._lane()
        if not lane_top <= y <= lane_bottom:
            return None
        t = self.scale.ms_at(x)
        reach = EDGE_PX * self.scale.ms_per_px
        cues = self.cues
        best: tuple[float, str, int] | None = None
        for i in self.visible_range(t - reach, t + reach):
            cue = cues[i]
            for edge, at in ((dr.START, cue.start), (dr.END, cue.end)):
                d = abs(at - t)
                if d <= reach and (best is None or d < best[0]):
                    best = (d, edge, i)
        if alt:
            pair = self._boundary_near(t, reach)
            if pair is not None:
                return dr.BOUNDARY, pair
        if best is not None and self.scale.x_of(cues[best[2]].end) - self.scale.x_of(cues[best[2]].start) >= 2 * EDGE_PX:
            return best[1], best[2]
        index = dr.cue_index_at(self._index(), cues, t, self._max_duration)
        if index is not None:
            return dr.MOVE, index
        if best is not None:
            return best[1], best[2]
        return None

    def _boundary_near(self, t: float, reach: float) -> int | None:
        """Index of the left cue of two touching cues whose boundary is within reach of ``t``."""
        cues = self.cues
        touching = self.model.preset.chain_gap_ms(self.model.fps())
        for i in self.visible_range(t - reach - touching, t + reach):
            if i + 1 >= len(cues):
                continue
            left, right = cues[i], cues[i + 1]
            if 0 <= right.start - left.end <= touching and left.end - reach <= t <= right.start + reach:
                return i
        return None

    # ------------------------------------------------------------------------------------
    # Mouse
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        x, y = event.position().x(), event.position().y()
        ms = self.scale.ms_at(x)
        mods = event.modifiers()
        if y < RULER_H:
            self._drag = _Drag("seek", x, ms, started=True)
            self._seek(ms)
            return
        hit = self._hit(x, y, bool(mods & Qt.KeyboardModifier.AltModifier))
        if hit is None:
            self._drag = _Drag("rubber", x, ms, modifiers=mods)
            return
        kind, index = hit
        cue = self.cues[index]
        drag = _Drag(kind, x, ms, anchor=cue.id, modifiers=mods)
        if kind == dr.MOVE:
            toggling = bool(mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
            if cue.id not in self._selected:
                ids = [*self.selection.selected_cue_ids(), cue.id] if toggling else [cue.id]
                self._select(ids)
                drag.just_selected = True
            drag.ids = [c.id for c in self.cues if c.id in self._selected] or [cue.id]
        elif kind == dr.BOUNDARY:
            drag.ids = [cue.id, self.cues[index + 1].id]
        else:
            drag.ids = [cue.id]
        self._drag = drag

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        x, y = event.position().x(), event.position().y()
        drag = self._drag
        if drag is None:
            self._update_cursor(x, y, event.modifiers())
            return
        ms = self.scale.ms_at(x)
        if not drag.started and abs(x - drag.press_x) < DRAG_START_PX:
            return
        drag.started = True
        if drag.kind == "seek":
            self._seek(ms)
        elif drag.kind == "rubber":
            self._rubber = (drag.press_ms, ms)
            self.update()
        else:
            snapping = self.snapping and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self._preview(drag, ms, snapping)
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        drag, self._drag = self._drag, None
        if drag is None or event.button() != Qt.MouseButton.LeftButton:
            return
        mods = drag.modifiers
        if drag.kind == "rubber":
            rubber, self._rubber = self._rubber, None
            if drag.started and rubber is not None:
                self._select_region(*sorted(rubber), add=bool(mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)))
            else:
                self.region = None
                self.region_changed.emit()
                self._seek(drag.press_ms)
        elif drag.kind in (dr.MOVE, dr.START, dr.END, dr.BOUNDARY):
            if drag.started:
                self._commit(drag)
            elif drag.kind == dr.MOVE:
                self._click_cue(drag.anchor, mods, drag.just_selected)
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        hit = self._hit(event.position().x(), event.position().y(), False)
        if hit is not None:
            self._seek(self.cues[hit[1]].start)

    def _update_cursor(self, x: float, y: float, mods: Qt.KeyboardModifier) -> None:
        hit = self._hit(x, y, bool(mods & Qt.KeyboardModifier.AltModifier))
        shape = Qt.CursorShape.ArrowCursor
        if hit is not None:
            shape = Qt.CursorShape.OpenHandCursor if hit[0] == dr.MOVE else Qt.CursorShape.SplitHCursor
        self.setCursor(shape)

    def _seek(self, ms: float) -> None:
        ms = int(max(0, min(ms, self.scale.duration_ms)))
        self.position = ms
        self.seek_requested.emit(ms)
        self.update()

    # ------------------------------------------------------------------------------------
    # Selection
    def _select(self, ids: Sequence[str]) -> None:
        self.selection.select_cue_ids(list(ids))
        self._selected = set(self.selection.selected_cue_ids())

    def _click_cue(self, cue_id: str, mods: Qt.KeyboardModifier, just_selected: bool) -> None:
        current = self.selection.selected_cue_ids()
        if mods & Qt.KeyboardModifier.ControlModifier:
            ids = current if just_selected else [i for i in current if i != cue_id]
        elif mods & Qt.KeyboardModifier.ShiftModifier and current:
            order = [c.id for c in self.cues]
            anchor = order.index(current[0])
            here = order.index(cue_id)
            lo, hi = sorted((anchor, here))
            ids = order[lo : hi + 1]
        else:
            ids = [cue_id]
        self._select(ids)

    def _select_region(self, t0: float, t1: float, add: bool) -> None:
        cues = self.cues
        inside = [cues[i].id for i in self.visible_range(t0, t1) if cues[i].end > t0 and cues[i].start < t1]
        ids = [*self.selection.selected_cue_ids(), *inside] if add else inside
        self._select(list(dict.fromkeys(ids)))
        self.region = (int(t0), int(t1))
        self.region_changed.emit()

    # ------------------------------------------------------------------------------------
    # Drag preview and commit
    def _candidates(self, drag: _Drag, moving: Sequence[str]) -> SnapCandidates:
        if drag.candidates is None:
            span = max(self.scale.visible_ms, 30_000)
            window = (int(self.scale.start_ms - span), int(self.scale.end_ms + span))
            drag.candidates = drag_candidates(
                self.cues,
                moving,
                window,
                self.model.preset.min_gap_ms(self.model.fps()),
                speech_regions=self.speech_regions,
                shot_changes=self.shot_changes,
                playhead=self.position,
                fps=self.model.fps(),
            )
        return drag.candidates

    def _preview(self, drag: _Drag, ms: float, snapping: bool) -> None:
        cues = self.cues
        tolerance = SNAP_PX * self.scale.ms_per_px
        delta = round(ms - drag.press_ms)
        drag.snap_target = None
        drag.error = ""
        wanted = set(drag.ids)
        by_id = {c.id: c for c in cues if c.id in wanted}
        try:
            if drag.kind == dr.MOVE:
                moving = [by_id[i] for i in drag.ids if i in by_id]
                if snapping:
                    if drag.candidates is None:
                        self._candidates(drag, list(dr.move_cues(cues, drag.ids, 0, self.ripple)))
                    anchor = by_id[drag.anchor]
                    edges = [(anchor.start + delta, SNAP_START), (anchor.end + delta, SNAP_END)]
                    if len(moving) > 1:
                        edges += [(moving[0].start + delta, SNAP_START), (moving[-1].end + delta, SNAP_END)]
                    adjust, drag.snap_target = snap_edges(edges, self._candidates(drag, []), tolerance)
                    delta += adjust
                drag.changes = dr.move_cues(cues, drag.ids, delta, self.ripple)
            elif drag.kind in (dr.START, dr.END):
                cue = by_id[drag.anchor]
                t = (cue.start if drag.kind == dr.START else cue.end) + delta
                if snapping:
                    if drag.candidates is None:
                        self._candidates(drag, list(dr.move_edge(cues, cue.id, drag.kind, t, self.ripple)))
                    edge = SNAP_START if drag.kind == dr.START else SNAP_END
                    t, drag.snap_target = snap(t, self._candidates(drag, []), tolerance, edge)
                drag.changes = dr.move_edge(cues, cue.id, drag.kind, int(t), self.ripple)
            else:
                left, right = by_id[drag.ids[0]], by_id[drag.ids[1]]
                t = left.end + delta
                if snapping:
                    t, drag.snap_target = snap(t, self._candidates(drag, drag.ids), tolerance, SNAP_END)
                drag.changes = dr.move_shared_boundary(left, right, int(t))
        except SubtitlerError as exc:
            drag.error = str(exc)
            drag.problem = None
            return
        drag.problem = dr.find_problem(dr.apply_changes(cues, drag.changes), drag.changes)

    def _problem_message(self, problem: dr.Problem) -> str:
        if problem.kind == "negative":
            return self.tr("A cue cannot start before 0:00: the move was refused.")
        if problem.kind == "inverted":
            return self.tr("Cue %1 would end before it starts: the move was refused.").replace("%1", str(problem.index + 1))
        return (
            self.tr("Cues %1 and %2 would overlap: the move was refused.")
            .replace("%1", str(problem.index + 1))
            .replace("%2", str((problem.other or 0) + 1))
        )

    def _commit(self, drag: _Drag) -> None:
        if drag.error:
            self._status(drag.error)
            return
        if drag.problem is not None:
            self._status(self._problem_message(drag.problem))
            return
        changes = drag.changes
        old = [c for c in self.cues if c.id in changes and changes[c.id] != c]
        if not old:
            return
        new = [changes[c.id] for c in old]
        label = {
            dr.MOVE: self.tr("Move cues") if len(drag.ids) > 1 else self.tr("Move cue"),
            dr.START: self.tr("Drag start"),
            dr.END: self.tr("Drag end"),
            dr.BOUNDARY: self.tr("Move boundary"),
        }[drag.kind]
        if self.ripple and len(old) > len(drag.ids):
            label = self.tr("%1 (ripple)").replace("%1", label)
        try:
            apply_edit(self.undo_stack, self.model.document, old, new, label,
                       selection=self.selection, select_after=self.selection.selected_cue_ids())  # fmt: skip
        except SubtitlerError as exc:
            self._status(str(exc))
            return
        if drag.snap_target is not None:
            self._status(self.tr("Snapped to %1 at %2").replace("%1", self._snap_label(drag.snap_target.kind))
                         .replace("%2", format_clock(drag.snap_target.time)))  # fmt: skip

    def cancel_drag(self) -> None:
        """Drop the drag in progress; nothing changes."""
        self._drag = None
        self._rubber = None
        self.update()

    # ------------------------------------------------------------------------------------
    # Zoom and scroll
    def zoom(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom by ``factor`` (>1 in) around ``anchor_x`` (default: the playhead when visible, else the centre)."""
        if anchor_x is None:
            px = self._x(self.position)
            anchor_x = px if 0 <= px <= self.width() else self.width() / 2
        self.scale.zoom(factor, anchor_x)
        self._after_view_change()

    def show_range(self, start_ms: float, end_ms: float) -> None:
        """Zoom so that this time range fills the view."""
        self.scale.show_range(start_ms, end_ms)
        self._after_view_change()

    def scroll_to(self, start_ms: float) -> None:
        """Put ``start_ms`` at the left edge."""
        self.scale.start_ms = start_ms
        self.scale.clamp()
        self._after_view_change()

    def _after_view_change(self) -> None:
        self.view_changed.emit()
        self.update()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        delta = event.angleDelta()
        steps = (delta.y() or delta.x()) / 120
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(ZOOM_STEP**steps, event.position().x())
        else:
            self.scale.scroll(-steps * self.width() / 8)
            self._after_view_change()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(ZOOM_STEP * ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom(1 / (ZOOM_STEP * ZOOM_STEP))
        elif key == Qt.Key.Key_0:
            self.show_range(0, self.scale.duration_ms)
        elif key == Qt.Key.Key_Left:
            self.scale.scroll(-self.width() / 8)
            self._after_view_change()
        elif key == Qt.Key.Key_Right:
            self.scale.scroll(self.width() / 8)
            self._after_view_change()
        elif key == Qt.Key.Key_Escape and (self._drag is not None or self._rubber is not None):
            self.cancel_drag()
        else:
            super().keyPressEvent(event)

    # ------------------------------------------------------------------------------------
    # Context actions
    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        self.context_menu(event.pos().x(), event.pos().y()).exec(event.globalPos())

    def context_menu(self, x: float, y: float) -> QMenu:
        """The menu of actions at a point of the canvas (built fresh, for the cue under it)."""
        menu = QMenu(self)
        ms = int(self.scale.ms_at(x))
        index = dr.cue_index_at(self._index(), self.cues, ms, self._max_duration)
        cue = self.cues[index] if index is not None else None
        split = menu.addAction(self.tr("Split here"), lambda: self.split_at(ms))
        split.setEnabled(cue is not None)
        merge = menu.addAction(self.tr("Merge with next"), lambda: self.merge_with_next(ms))
        merge.setEnabled(index is not None and index + 1 < len(self.cues))
        new = menu.addAction(self.tr("New cue over the selected region"), self.new_cue_over_region)
        new.setEnabled(self.region is not None)
        again = menu.addAction(self.tr("Re-transcribe the selected region"), self._request_retranscribe)
        again.setEnabled(self.region is not None)
        menu.addSeparator()
        ripple = menu.addAction(self.tr("Ripple mode"))
        ripple.setCheckable(True)
        ripple.setChecked(self.ripple)
        ripple.toggled.connect(lambda on: setattr(self, "ripple", on))
        snapping = menu.addAction(self.tr("Snapping"))
        snapping.setCheckable(True)
        snapping.setChecked(self.snapping)
        snapping.toggled.connect(lambda on: setattr(self, "snapping", on))
        menu.addAction(self.tr("Zoom to the whole file"), lambda: self.show_range(0, self.scale.duration_ms))
        return menu

    def _push(self, old: list[Cue], new: list[Cue], label: str, select_after: list[str]) -> None:
        try:
            apply_edit(self.undo_stack, self.model.document, old, new, label,
                       selection=self.selection, select_after=select_after)  # fmt: skip
        except SubtitlerError as exc:
            self._status(str(exc))

    def split_at(self, ms: int) -> None:
        """Split the cue under ``ms`` at its word boundary nearest to ``ms``."""
        index = dr.cue_index_at(self._index(), self.cues, ms, self._max_duration)
        if index is None:
            self._status(self.tr("There is no cue here to split."))
            return
        cue = self.cues[index]
        try:
            first, second = edits.split_at_time(cue, ms)
        except SubtitlerError as exc:
            self._status(str(exc))
            return
        self._push([cue], [first, second], self.tr("Split cue"), [second.id])

    def merge_with_next(self, ms: int) -> None:
        """Merge the cue under ``ms`` with the next one."""
        index = dr.cue_index_at(self._index(), self.cues, ms, self._max_duration)
        if index is None or index + 1 >= len(self.cues):
            self._status(self.tr("There is no next cue to merge with."))
            return
        first, second = self.cues[index], self.cues[index + 1]
        try:
            merged = edits.merge(first, second)
        except SubtitlerError as exc:
            self._status(str(exc))
            return
        self._push([first, second], [merged], self.tr("Merge cues"), [merged.id])

    def new_cue_over_region(self) -> None:
        """A new cue spanning the selected region, with the transcript's words that fall inside it."""
        if self.region is None:
            self._status(self.tr("Drag over an empty part of the timeline to select a region first."))
            return
        start, end = self.region
        transcript = self.model.document.transcript
        words = [w for w in (transcript.words if transcript else []) if w.start >= start and w.end <= end]
        from ...core.segment import break_lines

        text = break_lines(words, self.model.preset) if words else ""
        cue = Cue.create(start, end, text, words)
        problem = dr.find_problem(sorted([*self.cues, cue], key=lambda c: c.start), [cue.id])
        if problem is not None:
            self._status(self.tr("The region overlaps a cue: select a free region for a new cue."))
            return
        self._push([], [cue], self.tr("New cue"), [cue.id])

    def _request_retranscribe(self) -> None:
        if self.region is not None:
            self.retranscribe_requested.emit(*self.region)


_STEPS_MS = (
    10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000,
    120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000,
)  # fmt: skip


def _major_step(ms_per_px: float, min_px: float = 90.0) -> int:
    """The ruler's labelled step: the smallest round step at least ``min_px`` wide."""
    for step in _STEPS_MS:
        if step / ms_per_px >= min_px:
            return step
    return _STEPS_MS[-1]


def _ruler_label(ms: int, step: int) -> str:
    """A ruler label as short as the step allows: 1:02:03, 2:03, 2:03.5, 2:03.250."""
    hours, rest = divmod(max(0, ms), 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    head = f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
    if step >= 1000:
        return head
    if step >= 100:
        return f"{head}.{millis // 100}"
    return f"{head}.{millis:03d}"
