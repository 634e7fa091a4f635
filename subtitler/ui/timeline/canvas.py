"""The timeline canvas: ruler, waveform, speech, shot changes, cue blocks with word ticks; drag-align.

Painting touches only what is visible and draws only what changed: the background (speech and the
waveform from the peaks level that matches the zoom), the cue blocks and the ruler are cached as
tiles per zoom (``tiles``), so scrolling draws only the columns that come into view; the playhead,
a drag's preview and the rubber band are drawn live over them, and only the columns they cover are
repainted. Visible cues are found by binary search on their start times. A drag previews its
result in the view and commits one undo command on release, after validation.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
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
from .painting import RULER_H, SPEECH_H, CuePainter, Palette, is_dense, paint_ruler, paint_shots, render_background
from .scale import TimeScale
from .tiles import TILE_W, TileCache, tile_indices, tile_view

__all__ = ["TimelineCanvas", "Palette"]

EDGE_PX = 5
"""Grab distance of a cue edge, in pixels."""
SNAP_PX = 9
"""Snapping reach, in pixels (so it feels the same at every zoom)."""
DRAG_START_PX = 3
ZOOM_STEP = 1.25
_TILE_MARGIN_PX = 3
_STOP = QColor("#e5484d")
"""The bar and label where a dragged block stopped against a neighbour."""
"""How far past its times a cue's drawing reaches (edges, thin bars, marks), in pixels."""


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
    stop: dr.Stop | None = None
    """Where the drag stopped against a neighbour (at the minimum gap) or at 0:00."""
    just_selected: bool = False
    """The press added the cue to the selection (a Ctrl+click then must not remove it again)."""
    origin_span: tuple[int, int] | None = None
    """Where the changed cues were (ms): the tiles leave them out while the drag lasts."""
    painted_span: tuple[float, float] | None = None
    """The columns the preview covered when last painted."""


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
        self._wave_gain = 1.0
        self._wave_gain_version = -1
        self._fitted_once = False
        self._cue_painter = CuePainter(self.font())
        # Versions of what tiles are drawn from (a tile drawn from an older one is drawn again).
        self._peaks_serial = 0
        self._speech_version = 0
        self._shots_version = 0
        self._problems_version = 0
        # About a dozen views' worth of a 1600 x 250 px timeline, at any zoom.
        self._background_tiles = TileCache(24 << 20)
        self._cue_tiles = TileCache(24 << 20)
        self._ruler_tiles = TileCache(4 << 20)
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
        self._peaks_serial += 1
        self._wave_gain_version = -1
        self._background_tiles.clear()  # drawn from the previous peaks
        self._update_duration()
        self.update()

    def peaks_updated(self) -> None:
        """The peaks grew: redraw the waveform."""
        self._update_duration()
        self.update()

    def set_speech_regions(self, regions: Sequence[tuple[int, int]]) -> None:
        self.speech_regions = sorted((int(s), int(e)) for s, e in regions)
        self._speech_array = np.array(self.speech_regions, np.int64).reshape(-1, 2)
        self._speech_version += 1
        self.update()

    def set_shot_changes(self, shots: Sequence[int]) -> None:
        self.shot_changes = sorted(int(s) for s in shots)
        self._shots_version += 1
        self._problems_timer.start()
        self.update()

    def set_media_duration(self, ms: int) -> None:
        self.media_duration = max(0, int(ms))
        self._update_duration()
        self.update()

    def set_position(self, ms: int) -> None:
        """Move the playhead; while playing, the view follows it a page at a time."""
        old, self.position = self.position, int(ms)
        scale = self.scale
        if self.playing and self.follow_playback and self._drag is None:
            if ms > scale.end_ms - 0.05 * scale.visible_ms or ms < scale.start_ms:
                scale.start_ms = ms - 0.1 * scale.visible_ms
                scale.clamp()
                self.view_changed.emit()
                self.update()
                return
        self._update_playhead(old)

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
        problem_ids = {f.cue_id for f in findings if f.cue_id and f.severity in (ERROR, WARNING)}
        if problem_ids != self.problem_ids:
            self._problems_version += 1
        self.problem_ids = problem_ids
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
        self.view_changed.emit()
        super().resizeEvent(event)

    def _lane(self) -> tuple[float, float]:
        """Top and bottom of the band where cue blocks sit."""
        main_h = self.height() - RULER_H
        return RULER_H + round(main_h * 0.30), self.height() - SPEECH_H - 3

    def _x(self, ms: float) -> float:
        return self.scale.x_of(ms)

    # ------------------------------------------------------------------------------------
    # Painting: cached tiles for what stays put between frames (background, speech and waveform;
    # shot changes and cue blocks; the ruler), drawn live for what moves (the playhead, a drag's
    # preview, the rubber band, the snap marker).
    def paintEvent(self, event) -> None:  # noqa: N802, ANN001
        p = QPainter(self)
        try:
            self.paint(p, event.rect())
        finally:
            p.end()

    def _paint_view(self) -> tuple[TimeScale, int]:
        """The view as drawn, and its first column counted in whole-file columns.

        Tiles sit on whole pixel columns, so the view is drawn from the nearest whole column
        (less than half a pixel from ``scale.start_ms``); live layers use the same view to line up.
        """
        mpp = self.scale.ms_per_px
        origin = round(self.scale.start_ms / mpp)
        return TimeScale(origin * mpp, mpp, max(1, self.width()), self.scale.duration_ms), origin

    def paint(self, p: QPainter, rect: QRect | None = None) -> None:
        """Draw the timeline within ``rect`` (default: all of it) with ``p``."""
        rect = self.rect() if rect is None else rect
        view, origin = self._paint_view()
        tiles = tile_indices(origin + rect.left(), origin + rect.right() + 1)
        main_h = self.height() - RULER_H
        if main_h > 0:
            for k in tiles:
                p.drawImage(k * TILE_W - origin, RULER_H, self._background_tile(k, main_h))
        self._paint_loading(p, view)
        self._paint_region(p, view)
        if main_h > 0:
            for k in tiles:
                p.drawImage(k * TILE_W - origin, RULER_H, self._cue_tile(k, main_h))
        self._paint_preview(p, view)
        for k in tiles:
            p.drawImage(k * TILE_W - origin, 0, self._ruler_tile(k))
        self._paint_overlays(p, view)

    def _background_tile(self, k: int, height: int) -> QImage:
        """Tile ``k`` of the background: speech regions and waveform (opaque)."""
        mpp, peaks = self.scale.ms_per_px, self.peaks
        signature = (self._peaks_serial, peaks.version if peaks is not None else -1, self._speech_version)
        view = tile_view(k, mpp, self.scale.duration_ms)
        gain = self._gain() if peaks is not None else 1.0
        return self._background_tiles.get(
            (mpp, k, height), signature, lambda: render_background(view, height, self._speech_array, peaks, gain)
        )

    def _cue_tile(self, k: int, height: int) -> QImage:
        """Tile ``k`` of shot changes and cue blocks (transparent), drawn again when a cue in it, the
        selection or the dragged cues among them, the problems or the shot changes differ."""
        mpp = self.scale.ms_per_px
        view = tile_view(k, mpp, self.scale.duration_ms)
        margin = _TILE_MARGIN_PX * mpp  # a block's edges, thin bars and marks reach a little past its times
        shown = self.visible_range(view.start_ms - margin, view.end_ms + margin)
        cues = tuple(self.cues[shown.start : shown.stop])
        hidden = set(self._drag.changes) if self._drag is not None else set()
        signature = (
            cues,
            tuple(c.id for c in cues if c.id in self._selected) if self._selected else (),
            tuple(c.id for c in cues if c.id in hidden) if hidden else (),
            self._problems_version,
            self._shots_version,
        )
        return self._cue_tiles.get((mpp, k, height), signature, lambda: self._draw_cue_tile(view, shown, hidden, height))

    def _draw_cue_tile(self, view: TimeScale, shown: range, hidden: set[str], height: int) -> QImage:
        """Shot changes and cue blocks over a transparent tile; cues being dragged are left out (drawn live)."""
        image = QImage(view.width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        p = QPainter(image)
        try:
            p.translate(0, -RULER_H)
            paint_shots(p, view, self.shot_changes, self.height())
            lane = self._lane()
            lo, hi = shown.start, shown.stop
            painter = self._cue_painter
            if is_dense(hi - lo, view):
                painter.paint_dense(p, view, lane, self._start_array[lo:hi], self._end_array[lo:hi], self._problem_mask[lo:hi])
                if self._selected:
                    marked = [c for c in self.cues[lo:hi] if c.id in self._selected and c.id not in hidden]
                    painter.paint_marks(p, view, lane, marked)
            else:
                margin = _TILE_MARGIN_PX * view.ms_per_px
                t0, t1 = view.start_ms - margin, view.end_ms + margin
                cues = [c for c in self.cues[lo:hi] if c.id not in hidden and c.end >= t0 and c.start <= t1]
                painter.paint_blocks(p, view, lane, cues, self._selected, self.problem_ids)
        finally:
            p.end()
        return image

    def _ruler_tile(self, k: int) -> QImage:
        """Tile ``k`` of the ruler (it depends on the zoom only)."""
        mpp = self.scale.ms_per_px
        view = tile_view(k, mpp, self.scale.duration_ms)
        return self._ruler_tiles.get((mpp, k), None, lambda: self._draw_ruler_tile(view))

    def _draw_ruler_tile(self, view: TimeScale) -> QImage:
        image = QImage(view.width, RULER_H, QImage.Format.Format_RGB32)
        p = QPainter(image)
        try:
            paint_ruler(p, view, self._cue_painter.small)
        finally:
            p.end()
        return image

    def _gain(self) -> float:
        peaks = self.peaks
        assert peaks is not None
        if self._wave_gain_version != peaks.version:
            mins, maxs = peaks.level(len(peaks._levels) - 1)
            loud = max(int(np.abs(mins).max(initial=0)), int(maxs.max(initial=0))) / 32767
            self._wave_gain = 0.92 / max(loud, 0.05)
            self._wave_gain_version = peaks.version
        return self._wave_gain

    def _paint_loading(self, p: QPainter, view: TimeScale) -> None:
        """Veil the part of the file whose waveform is not built yet."""
        if self.peaks is None or self.peaks.complete:
            return
        w, h = self.width(), self.height()
        built_x = max(0.0, view.x_of(self.peaks.built_ms))
        if built_x < w:
            p.fillRect(QRectF(built_x, RULER_H, w - built_x, h - RULER_H), Palette.loading)
            p.setPen(Palette.ruler_text)
            p.setFont(self._cue_painter.font)
            p.drawText(QRectF(built_x + 8, RULER_H + 4, 300, 20), Qt.AlignmentFlag.AlignLeft, self.tr("Building waveform…"))

    def _paint_region(self, p: QPainter, view: TimeScale) -> None:
        if self.region is None:
            return
        x0, x1 = view.x_of(self.region[0]), view.x_of(self.region[1])
        p.fillRect(QRectF(x0, 0, x1 - x0, self.height()), Palette.region)

    def _paint_preview(self, p: QPainter, view: TimeScale) -> None:
        """The cues a drag is changing, where they would go (red when the drag would be refused)."""
        drag = self._drag
        if drag is None or not drag.changes:
            return
        t0, t1 = view.start_ms, view.end_ms
        moved = [c for c in drag.changes.values() if c.end >= t0 and c.start <= t1]
        lane = self._lane()
        if is_dense(len(self.visible_range(t0, t1)), view):
            self._cue_painter.paint_marks(p, view, lane, moved)
        else:
            refused = drag.problem is not None or bool(drag.error)
            self._cue_painter.paint_blocks(p, view, lane, moved, self._selected, self.problem_ids, refused)

    def _paint_overlays(self, p: QPainter, view: TimeScale) -> None:
        h = self.height()
        if self._rubber is not None:
            a, b = sorted(self._rubber)
            x0, x1 = view.x_of(a), view.x_of(b)
            p.setPen(QPen(QColor(255, 255, 255, 120), 1.0, Qt.PenStyle.DashLine))
            p.setBrush(Palette.rubber)
            p.drawRect(QRectF(x0, RULER_H, x1 - x0, h - RULER_H - 1))
        drag = self._drag
        if drag is not None and drag.snap_target is not None:
            target = drag.snap_target
            x = round(view.x_of(target.time)) + 0.5
            p.setPen(QPen(Palette.snap, 2.0))
            p.drawLine(QPointF(x, RULER_H), QPointF(x, h))
            label = self._snap_label(target.kind)
            small, metrics = self._cue_painter.small, self._cue_painter.small_metrics
            p.setFont(small)
            tw = metrics.horizontalAdvance(label) + 10
            box = QRectF(min(x + 4, self.width() - tw - 2), RULER_H + 3, tw, metrics.height() + 4)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(Palette.snap)
            p.drawRoundedRect(box, 4, 4)
            p.setPen(QColor("#1b1d22"))
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        if drag is not None and drag.stop is not None:
            self._paint_stop(p, view, drag.stop)
        x = view.x_of(self.position)
        if -2 <= x <= self.width() + 2:
            p.setPen(QPen(Palette.playhead, 1.5))
            p.drawLine(QPointF(x, 0), QPointF(x, h))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(Palette.playhead)
            p.drawPolygon([QPointF(x - 5, 0), QPointF(x + 5, 0), QPointF(x, 7)])

    def _paint_stop(self, p: QPainter, view: TimeScale, stop: dr.Stop) -> None:
        """A bar where the dragged block stopped, with what stopped it."""
        x = round(view.x_of(stop.time)) + 0.5
        p.setPen(QPen(_STOP, 3.0))
        p.drawLine(QPointF(x, RULER_H), QPointF(x, self.height()))
        label = self._stop_label(stop)
        small, metrics = self._cue_painter.small, self._cue_painter.small_metrics
        p.setFont(small)
        tw = metrics.horizontalAdvance(label) + 10
        box = QRectF(max(2.0, min(x - tw / 2, self.width() - tw - 2)), self.height() - metrics.height() - 10, tw, metrics.height() + 4)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(_STOP)
        p.drawRoundedRect(box, 4, 4)
        p.setPen(QColor("#ffffff"))
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, label)

    def _stop_label(self, stop: dr.Stop) -> str:
        if stop.neighbour is None:
            return self.tr("stop: 0:00")
        return self.tr("stop: min. gap to cue %1").replace("%1", str(stop.neighbour + 1))

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
    # Repainting only what moved
    def _update_columns(self, x0: float, x1: float) -> None:
        """Repaint the full-height strip between x0 and x1 (widget pixels), with a little room for pens."""
        left = max(0, int(np.floor(x0)) - 3)
        right = min(self.width(), int(np.ceil(x1)) + 4)
        if left < right:
            self.update(QRect(left, 0, right - left, self.height()))

    def _update_playhead(self, old_ms: int) -> None:
        """The playhead moved from ``old_ms``: repaint where it was and where it is."""
        view = self._paint_view()[0]
        for ms in (old_ms, self.position):
            x = view.x_of(ms)
            self._update_columns(x - 6, x + 6)  # its triangle is 10 px wide

    def _preview_columns(self) -> tuple[float, float] | None:
        """The columns a drag's preview paints: the changed cues where they were and where they go,
        and the snap marker with its label."""
        drag = self._drag
        if drag is None:
            return None
        view = self._paint_view()[0]
        xs: list[float] = []
        if drag.changes:
            if drag.origin_span is None:
                originals = [c for c in self.cues if c.id in drag.changes]
                drag.origin_span = (min(c.start for c in originals), max(c.end for c in originals))
            xs += [view.x_of(t) for t in drag.origin_span]
            xs += [view.x_of(t) for c in drag.changes.values() for t in (c.start, c.end)]
        if drag.snap_target is not None:
            x = view.x_of(drag.snap_target.time)
            label_w = self._cue_painter.small_metrics.horizontalAdvance(self._snap_label(drag.snap_target.kind)) + 10
            xs += [x, x + 4 + label_w, min(x + 4, self.width() - label_w - 2)]
        if drag.stop is not None:
            x = view.x_of(drag.stop.time)
            half = (self._cue_painter.small_metrics.horizontalAdvance(self._stop_label(drag.stop)) + 10) / 2 + 4
            xs += [x - half, x + half]
        return (min(xs), max(xs)) if xs else None

    def _update_preview(self, drag: _Drag) -> None:
        """Repaint what the drag preview covered last time and what it covers now."""
        now = self._preview_columns()
        for span in (drag.painted_span, now):
            if span is not None:
                self._update_columns(*span)
        drag.painted_span = now

    def _update_rubber(self, old: tuple[float, float] | None) -> None:
        """Repaint where the rubber band was and where it is."""
        view = self._paint_view()[0]
        for band in (old, self._rubber):
            if band is not None:
                a, b = sorted(band)
                self._update_columns(view.x_of(a), view.x_of(b))

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
        if not drag.started and drag.kind in (dr.MOVE, dr.START, dr.END, dr.BOUNDARY) and self.model.edits_refused():
            self._drag = None  # busy: the drag would be refused, so it does not even preview
            return
        drag.started = True
        if drag.kind == "seek":
            self._seek(ms)
        elif drag.kind == "rubber":
            old, self._rubber = self._rubber, (drag.press_ms, ms)
            self._update_rubber(old)
        else:
            snapping = self.snapping and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self._preview(drag, ms, snapping)
            self._update_preview(drag)

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
        old, self.position = self.position, ms
        self.seek_requested.emit(ms)
        self._update_playhead(old)

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
        drag.stop = None
        drag.error = ""
        gap = self.model.preset.min_gap_ms(self.model.fps())
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
                delta, drag.stop = dr.clamp_move(cues, drag.ids, delta, gap, self.ripple)
                drag.changes = dr.move_cues(cues, drag.ids, delta, self.ripple)
            elif drag.kind in (dr.START, dr.END):
                cue = by_id[drag.anchor]
                t = (cue.start if drag.kind == dr.START else cue.end) + delta
                if snapping:
                    if drag.candidates is None:
                        self._candidates(drag, list(dr.move_edge(cues, cue.id, drag.kind, t, self.ripple)))
                    edge = SNAP_START if drag.kind == dr.START else SNAP_END
                    t, drag.snap_target = snap(t, self._candidates(drag, []), tolerance, edge)
                t, drag.stop = dr.clamp_edge(cues, cue.id, drag.kind, int(t), gap, self.ripple)
                drag.changes = dr.move_edge(cues, cue.id, drag.kind, t, self.ripple)
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
        if drag.stop is not None:
            drag.snap_target = None  # the neighbour decided where it goes, not the snap
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
        if drag.stop is not None:
            if drag.stop.neighbour is None:
                self._status(self.tr("Stopped at 0:00."))
            else:
                self._status(self.tr("Stopped at the minimum gap from cue %1 (%2 ms).")
                             .replace("%1", str(drag.stop.neighbour + 1)).replace("%2", str(self.model.preset.min_gap_ms(self.model.fps()))))  # fmt: skip
        elif drag.snap_target is not None:
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
        if self.model.edits_refused():
            return
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
        if self.model.edits_refused():
            return
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
        if self.model.edits_refused():
            return
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

