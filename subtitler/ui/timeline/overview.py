"""The overview strip: the whole file at a glance, with cue density, problems, the view and the playhead.

The file's picture (waveform, density, problem marks) is drawn once and kept until the peaks, the
cues, the problems or the size change; each paint draws it, then the view and the playhead.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QWidget

from .canvas import Palette, TimelineCanvas

__all__ = ["OverviewStrip"]

_DENSITY_H = 6


class OverviewStrip(QWidget):
    """Click or drag to move the timeline's view there."""

    def __init__(self, canvas: TimelineCanvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.setFixedHeight(28)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("The whole file: blue shows where cues are, red marks cues with problems; click to go there"))
        canvas.view_changed.connect(self.update)
        self._picture: QImage | None = None
        self._picture_signature: tuple | None = None

    def _ms_per_px(self) -> float:
        return self.canvas.scale.duration_ms / max(1, self.width())

    def paintEvent(self, event) -> None:  # noqa: N802, ANN001
        p = QPainter(self)
        try:
            self._paint(p)
        finally:
            p.end()

    def _paint(self, p: QPainter) -> None:
        w, h = self.width(), self.height()
        ms_per_px = self._ms_per_px()
        p.drawImage(0, 0, self._file_picture())
        scale = self.canvas.scale
        x0, x1 = scale.start_ms / ms_per_px, scale.end_ms / ms_per_px
        p.setPen(QPen(QColor(255, 255, 255, 200), 1.0))
        p.setBrush(QColor(255, 255, 255, 26))
        p.drawRect(QRectF(x0, 0.5, max(3.0, x1 - x0), h - 1.5))
        x = self.canvas.position / ms_per_px
        p.setPen(QPen(Palette.playhead, 1.0))
        p.drawLine(QPointF(x, 0), QPointF(x, h))

    def _file_picture(self) -> QImage:
        """The whole file's waveform, cue density and problem marks, drawn again only when they change."""
        canvas = self.canvas
        peaks = canvas.peaks
        signature = (self.width(), self.height(), canvas.scale.duration_ms, peaks,
                     peaks.version if peaks is not None else -1, tuple(canvas.cues), frozenset(canvas.problem_ids))  # fmt: skip
        if self._picture is None or signature != self._picture_signature:
            self._picture = QImage(max(1, self.width()), max(1, self.height()), QImage.Format.Format_RGB32)
            p = QPainter(self._picture)
            try:
                self._paint_file(p)
            finally:
                p.end()
            self._picture_signature = signature
        return self._picture

    def _paint_file(self, p: QPainter) -> None:
        w, h = self.width(), self.height()
        ms_per_px = self._ms_per_px()
        p.fillRect(0, 0, w, h, Palette.ruler)
        wave_h = h - _DENSITY_H - 2
        peaks = self.canvas.peaks
        if peaks is not None:
            mins, maxs, valid = peaks.columns(0, ms_per_px, w)
            mid = wave_h / 2
            gain = 0.9 / max(0.05, float(np.abs(np.concatenate((mins, maxs))).max(initial=0)))
            p.setPen(QPen(QColor(127, 195, 236, 120), 1.0))
            xs = np.flatnonzero(valid)
            tops, bottoms = mid - maxs * gain * mid, mid - mins * gain * mid
            p.drawLines([QLineF(x + 0.5, tops[x], x + 0.5, max(bottoms[x], tops[x] + 1)) for x in xs])
        cues = self.canvas.cues
        if cues:
            starts = np.fromiter((c.start for c in cues), np.float64, len(cues)) / ms_per_px
            ends = np.fromiter((c.end for c in cues), np.float64, len(cues)) / ms_per_px
            coverage = np.zeros(w + 1)
            np.add.at(coverage, np.clip(starts.astype(int), 0, w), 1)
            np.add.at(coverage, np.clip(ends.astype(int) + 1, 0, w), -1)
            density = np.cumsum(coverage)[:w]
            top = h - _DENSITY_H
            colour = QColor(Palette.block_border)
            for x in np.flatnonzero(density > 0):
                colour.setAlpha(int(min(255, 90 + 50 * density[x])))
                p.fillRect(QRectF(x, top, 1, _DENSITY_H), colour)
            problems = self.canvas.problem_ids
            if problems:
                p.setPen(QPen(Palette.problem, 2.0))
                for cue in cues:
                    if cue.id in problems:
                        x = cue.start / ms_per_px
                        p.drawLine(QPointF(x, 0), QPointF(x, 5))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._centre_at(event.position().x())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._centre_at(event.position().x())

    def _centre_at(self, x: float) -> None:
        scale = self.canvas.scale
        self.canvas.scroll_to(x * self._ms_per_px() - scale.visible_ms / 2)
