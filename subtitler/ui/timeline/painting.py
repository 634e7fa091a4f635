"""Drawing the timeline's layers for any stretch of time: the background with speech and waveform,
shot changes, cue blocks with their words, and the ruler.

Every function draws what a ``TimeScale`` covers, so the canvas can draw one tile of a layer once
and reuse it, or draw a layer live over the whole view. Vertical positions are the canvas's.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen

from ...core.model import Cue
from ...media.peaks import Peaks
from .scale import TimeScale

__all__ = [
    "RULER_H",
    "SPEECH_H",
    "Palette",
    "is_dense",
    "covered_columns",
    "column_spans",
    "render_background",
    "paint_shots",
    "CuePainter",
    "paint_ruler",
]

RULER_H = 22
SPEECH_H = 5


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
    speaker = QColor("#8fd8ff")
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


def is_dense(count: int, view: TimeScale) -> bool:
    """Whether ``count`` items in view are too many to draw one by one (a few pixels each).

    Only the columns inside the file count: the last tile of a file is mostly past its end.
    """
    inside = (view.duration_ms - view.start_ms) / view.ms_per_px
    return count > min(view.width, max(1.0, inside)) / 8


def covered_columns(view: TimeScale, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Which of the view's pixel columns the time intervals cover (at least one column each)."""
    w = view.width
    if not len(starts):
        return np.zeros(w, bool)
    x0 = np.floor((starts - view.start_ms) / view.ms_per_px)
    x1 = np.maximum(np.ceil((ends - view.start_ms) / view.ms_per_px), x0 + 1)
    inside = (x1 > 0) & (x0 < w)  # an interval outside the view covers none of its columns
    x0 = np.clip(x0[inside], 0, w).astype(np.int64)
    x1 = np.clip(x1[inside], 0, w).astype(np.int64)
    depth = np.cumsum(np.bincount(x0, minlength=w + 1) - np.bincount(x1, minlength=w + 1))
    return depth[:w] > 0


def column_spans(view: TimeScale, starts: np.ndarray, ends: np.ndarray) -> list[tuple[int, int]]:
    """Pixel column runs [x0, x1) within the view covered by the time intervals (at least one column each)."""
    on = np.concatenate(([False], covered_columns(view, starts, ends), [False]))
    edges = np.flatnonzero(on[1:] != on[:-1])
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))


# ---------------------------------------------------------------------------------------------
# Background: speech regions and waveform, computed with numpy into an opaque image


def _premultiplied(colour: QColor) -> int:
    """The pixel Qt stores for ``colour`` painted over nothing (premultiplied ARGB)."""
    image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.fillRect(QRectF(0, 0, 1, 1), colour)
    p.end()
    return int(np.frombuffer(image.constBits(), np.uint32, 1)[0])


def _painted(*colours: QColor) -> int:
    """The opaque pixel Qt makes by filling these colours one over the other (its own rounding)."""
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    image.fill(colours[0])
    p = QPainter(image)
    for colour in colours[1:]:
        p.fillRect(QRectF(0, 0, 1, 1), colour)
    p.end()
    return image.pixel(0, 0) & 0xFFFFFFFF


@lru_cache(maxsize=1)
def _dense_pixels() -> tuple[int, int]:
    """Premultiplied pixels of dense cues: plain, and with a problem."""
    return _premultiplied(Palette.block_border), _premultiplied(Palette.problem)


@lru_cache(maxsize=1)
def _background_pixels() -> tuple[int, int, int]:
    """Background, background under speech, the speech strip (drawn over the speech tint)."""
    bg, tint, strip = Palette.background, Palette.speech, Palette.speech_strip
    return _painted(bg), _painted(bg, tint), _painted(bg, tint, strip)


@lru_cache(maxsize=4)
def _wave_colours(h: int) -> np.ndarray:
    """One opaque ARGB colour per row: brighter near the centre line, darker at the peaks."""
    mid = (h - 1) / 2
    closeness = (1.0 - np.abs(np.arange(h) - mid) / max(mid, 1.0)) ** 1.5
    core, edge = Palette.wave_core, Palette.wave_edge
    channels = [
        (a + (b - a) * closeness).astype(np.uint32)
        for a, b in ((edge.red(), core.red()), (edge.green(), core.green()), (edge.blue(), core.blue()))
    ]
    return (np.uint32(0xFF) << 24) | (channels[0] << 16) | (channels[1] << 8) | channels[2]


def _speech_columns(view: TimeScale, regions: np.ndarray) -> np.ndarray:
    """Which pixel columns speech regions cover (the columns Qt fills for each region's rectangle)."""
    w = view.width
    covered = np.zeros(w, bool)
    if not len(regions):
        return covered
    t0, t1 = view.start_ms, view.end_ms
    first = max(0, int(np.searchsorted(regions[:, 0], t0)) - 1)
    last = int(np.searchsorted(regions[:, 0], t1, side="right"))
    shown = regions[first:last]
    shown = shown[shown[:, 1] >= t0]
    if is_dense(len(shown), view):
        return covered_columns(view, shown[:, 0], shown[:, 1])
    for a, b in shown.tolist():
        x0, x1 = max(-1.0, view.x_of(a)), min(w + 1.0, view.x_of(b))
        x1 = x0 + max(1.0, x1 - x0)
        covered[max(0, int(np.floor(x0 + 0.5))) : max(0, int(np.floor(x1 + 0.5)))] = True
    return covered


def render_background(view: TimeScale, height: int, regions: np.ndarray, peaks: Peaks | None, gain: float) -> QImage:
    """The stretch ``view`` shows, ``height`` px tall: background, speech regions (tint and bottom strip), waveform."""
    w = view.width
    bg, tint, strip = _background_pixels()
    speech = _speech_columns(view, regions)
    pixels = np.empty((height, w), np.uint32)
    pixels[:] = np.where(speech, np.uint32(tint), np.uint32(bg))
    pixels[max(0, height - SPEECH_H) :] = np.where(speech, np.uint32(strip), np.uint32(bg))
    if peaks is not None and height > 2:
        # One column more than shown, so the last one reduces up to where the next begins, as in a wider view.
        mins, maxs, valid = (a[:w] for a in peaks.columns(view.start_ms, view.ms_per_px, w + 1))
        if valid.any():
            mid = (height - 1) / 2
            amp = mid * gain
            top = np.floor(mid - maxs * amp)
            bottom = np.maximum(np.ceil(mid - mins * amp), top + 1)
            top[~valid] = height
            # Rows fit 16 bits (half the memory to sweep) once the ends are clipped to the tile.
            top, bottom = np.clip(top, -1, height).astype(np.int16), np.clip(bottom, -1, height).astype(np.int16)
            rows = np.arange(height, dtype=np.int16)[:, None]
            mask = (rows >= top) & (rows <= bottom)
            pixels = np.where(mask, _wave_colours(height)[:, None], pixels)
    image = QImage(pixels.data, w, height, w * 4, QImage.Format.Format_RGB32)
    return image.copy()  # own the pixels: the numpy buffer goes away


# ---------------------------------------------------------------------------------------------
# Shot changes, cue blocks and words


def paint_shots(p: QPainter, view: TimeScale, shots: Sequence[int], height: int) -> None:
    """Shot changes in view: dashed lines, or short marks under the ruler where there are too many."""
    first, last = bisect_left(shots, view.start_ms), bisect_right(shots, view.end_ms)
    if first >= last:
        return
    if is_dense(last - first, view):
        cuts = np.array(shots[first:last], np.int64)
        for x0, x1 in column_spans(view, cuts, cuts):
            p.fillRect(x0, RULER_H, x1 - x0, 6, Palette.shot)
        return
    p.setPen(QPen(Palette.shot, 1.0, Qt.PenStyle.DashLine))
    for s in shots[first:last]:
        x = round(view.x_of(s)) + 0.5
        p.drawLine(QPointF(x, RULER_H), QPointF(x, height - SPEECH_H))


class CuePainter:
    """Draws cue blocks with their titles and word ticks, or merged runs where cues are a few pixels wide."""

    def __init__(self, font: QFont) -> None:
        self.font = QFont(font)
        self.font.setPointSizeF(max(7.5, self.font.pointSizeF() * 0.9))
        self.small = QFont(self.font)
        self.small.setPointSizeF(self.font.pointSizeF() * 0.85)
        self.metrics = QFontMetrics(self.font)
        self.small_metrics = QFontMetrics(self.small)

    def paint_blocks(
        self,
        p: QPainter,
        view: TimeScale,
        lane: tuple[float, float],
        cues: Iterable[Cue],
        selected: set[str],
        problems: set[str],
        refused: bool = False,
    ) -> None:
        """One block per cue; blocks under 4 px become thin bars, drawn together."""
        lane_top, lane_bottom = lane
        lane_h = lane_bottom - lane_top
        thin: list[QRectF] = []
        thin_selected: list[QRectF] = []
        thin_problem: list[QRectF] = []
        for cue in cues:
            x0, x1 = view.x_of(cue.start), view.x_of(cue.end)
            rect = QRectF(x0, lane_top, max(1.0, x1 - x0), lane_h)
            is_selected = cue.id in selected
            if rect.width() < 4:
                (thin_selected if is_selected else thin_problem if cue.id in problems else thin).append(rect)
                continue
            self._paint_block(p, view, cue, rect, is_selected, cue.id in problems, refused)
        p.setPen(Qt.PenStyle.NoPen)
        for rects, colour in ((thin, Palette.block_border), (thin_problem, Palette.problem), (thin_selected, Palette.block_selected_border)):
            if rects:
                p.setBrush(colour)
                p.drawRects(rects)

    def paint_dense(
        self,
        p: QPainter,
        view: TimeScale,
        lane: tuple[float, float],
        starts: np.ndarray,
        ends: np.ndarray,
        problem: np.ndarray,
    ) -> None:
        """Many cues a few pixels wide (a whole film in view): the columns they cover, as one image.

        Hundreds of narrow translucent rectangles cost Qt far more than one image made with numpy.
        """
        lane_top, lane_bottom = int(lane[0]), int(lane[1])
        if lane_bottom <= lane_top:
            return
        border, problem_mark = _dense_pixels()
        columns = np.zeros(view.width, np.uint32)
        columns[covered_columns(view, starts[~problem], ends[~problem])] = border
        columns[covered_columns(view, starts[problem], ends[problem])] = problem_mark
        band = np.ascontiguousarray(np.broadcast_to(columns, (lane_bottom - lane_top, view.width)))
        image = QImage(band.data, view.width, lane_bottom - lane_top, view.width * 4, QImage.Format.Format_ARGB32_Premultiplied)
        p.drawImage(0, lane_top, image)  # drawn before ``band`` goes away

    def paint_marks(self, p: QPainter, view: TimeScale, lane: tuple[float, float], cues: Iterable[Cue]) -> None:
        """Selected or dragged cues among dense ones: a bar at least 2 px wide each."""
        lane_top, lane_bottom = lane
        for cue in cues:
            x0 = view.x_of(cue.start)
            p.fillRect(QRectF(x0, lane_top, max(2.0, view.x_of(cue.end) - x0), lane_bottom - lane_top), Palette.block_selected_border)

    def _paint_block(self, p: QPainter, view: TimeScale, cue: Cue, rect: QRectF, selected: bool, problem: bool, refused: bool) -> None:
        # Square corners: rounded rectangles cost ten times more to draw and show no better here.
        p.fillRect(rect, Palette.refused if refused else Palette.block_selected if selected else Palette.block)
        # The border's top and bottom rows: its sides lie under the edge lines drawn next, and a
        # stroked outline costs as much as the rest of the block.
        border = Palette.block_selected_border if selected else Palette.block_border
        p.fillRect(QRectF(rect.left(), rect.top(), rect.width(), 1), border)
        p.fillRect(QRectF(rect.left(), rect.bottom() - 1, rect.width(), 1), border)
        title_h = self.metrics.height() + 4
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
            left = rect.left() + 5
            p.setFont(self.font)
            if cue.speaker:  # who speaks, in its own colour before the text
                name = self.metrics.elidedText(cue.speaker + ":", Qt.TextElideMode.ElideRight, room)
                p.setPen(Palette.speaker)
                p.drawText(QRectF(left, rect.top() + 2, room, title_h), Qt.AlignmentFlag.AlignVCenter, name)
                used = self.metrics.horizontalAdvance(name + " ")
                left, room = left + used, room - used
            p.setPen(Palette.text)
            elided = self.metrics.elidedText(text, Qt.TextElideMode.ElideRight, room) if room > 0 else ""
            p.drawText(QRectF(left, rect.top() + 2, max(0, room), title_h), Qt.AlignmentFlag.AlignVCenter, elided)
            if problem:
                p.setPen(Palette.problem)
                p.drawText(QRectF(rect.right() - 16, rect.top() + 2, 12, title_h), Qt.AlignmentFlag.AlignCenter, "!")
        self._paint_words(p, view, cue, rect, title_h)

    def _paint_words(self, p: QPainter, view: TimeScale, cue: Cue, rect: QRectF, title_h: float) -> None:
        words = cue.words
        if not words or rect.width() / len(words) < 3:
            return
        bottom = rect.bottom() - 2
        tick_top = bottom - 9
        p.setFont(self.small)
        label_h = self.small_metrics.height()
        margin = 3 * view.ms_per_px  # a tick or label may reach in from just outside the view
        t0, t1 = view.start_ms - margin, view.end_ms + margin
        for k, word in enumerate(words):
            reach = words[k + 1].start if k + 1 < len(words) else cue.end  # where its label may run to
            if max(word.end, reach) < t0 or word.start > t1:
                continue
            xs, xe = view.x_of(word.start), view.x_of(word.end)
            colour = Palette.unsure_word if word.probability < 0.5 else Palette.word_tick
            p.setPen(QPen(colour, 1.0))
            p.drawLine(QPointF(round(xs) + 0.5, tick_top), QPointF(round(xs) + 0.5, bottom))
            # A faint span under the word shows how long it lasts.
            p.fillRect(QRectF(xs, bottom - 2, max(1.0, xe - xs), 2), colour)
            room = (view.x_of(words[k + 1].start) if k + 1 < len(words) else rect.right()) - xs - 3
            if room > 12 and rect.height() - title_h > label_h + 12:
                label = self.small_metrics.elidedText(word.text, Qt.TextElideMode.ElideRight, int(room))
                p.setPen(Palette.unsure_word if word.probability < 0.5 else Palette.word_text)
                p.drawText(QRectF(xs + 2, tick_top - label_h, room, label_h), Qt.AlignmentFlag.AlignLeft, label)
        last = words[-1].end
        if t0 <= last <= t1:
            p.setPen(QPen(Palette.word_tick, 1.0))
            x = round(view.x_of(last)) + 0.5
            p.drawLine(QPointF(x, tick_top + 3), QPointF(x, bottom))


# ---------------------------------------------------------------------------------------------
# Ruler

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


def paint_ruler(p: QPainter, view: TimeScale, font: QFont) -> None:
    """Ticks and time labels along the top; labels start at their tick and run to the right."""
    t0, t1 = view.start_ms, view.end_ms
    p.fillRect(QRectF(0, 0, view.width, RULER_H), Palette.ruler)
    major = _major_step(view.ms_per_px)
    minor = major / (4 if major in (15_000, 60_000, 3_600_000) else 5)
    p.setPen(QPen(Palette.ruler_tick, 1.0))
    t = int(t0 // minor) * minor
    while t <= t1:
        x = round(view.x_of(t)) + 0.5
        is_major = abs(t / major - round(t / major)) < 1e-6
        p.drawLine(QPointF(x, RULER_H - (9 if is_major else 4)), QPointF(x, RULER_H - 1))
        t += minor
    p.setPen(Palette.ruler_text)
    p.setFont(font)
    t = int(t0 // major) * major
    while t <= t1 + major:
        p.drawText(QPointF(view.x_of(t) + 3, RULER_H - 9), _ruler_label(int(t), major))
        t += major
    p.setPen(QPen(Palette.ruler_tick, 1.0))
    p.drawLine(QPointF(0, RULER_H - 0.5), QPointF(view.width, RULER_H - 0.5))
