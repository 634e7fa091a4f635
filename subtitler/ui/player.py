"""The video player: QMediaPlayer frames painted in our own widget, with the current cue over them.

``QVideoWidget`` renders nothing offscreen and is blank in ``grab()``, so frames arrive through a
``QVideoSink`` and are painted here; that also lets us draw the subtitle ourselves.
"""

from __future__ import annotations

import bisect
import html
import re
from pathlib import Path

from PySide6.QtCore import Q_ARG, QMetaObject, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter, QTextDocument
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QVideoFrame, QVideoSink
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.model import Cue
from ..core.presets import DEFAULT_FPS
from ..core.timecode import format_with_frames

__all__ = ["VideoView", "Player", "PLAYBACK_RATES", "cue_html"]

PLAYBACK_RATES = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
_TAG_RE = re.compile(r"\{[^}]*\}")
_ALLOWED_TAG_RE = re.compile(r"&lt;(/?)([ibu])&gt;", re.IGNORECASE)


def cue_html(text: str) -> str:
    """Cue text as HTML for painting: ``<i> <b> <u>`` honoured, other markup dropped, lines kept."""
    escaped = html.escape(_TAG_RE.sub("", text).replace("\\N", "\n"), quote=False)
    escaped = _ALLOWED_TAG_RE.sub(lambda m: f"<{m[1]}{m[2].lower()}>", escaped)
    return escaped.replace("\n", "<br>")


class VideoView(QWidget):
    """Paints the latest video frame letterboxed, and the current cue text over it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._frame = QImage()
        self._cue_text = ""
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(640, 360)

    def set_frame(self, frame: QVideoFrame) -> None:
        """Show a new frame (called for each frame the sink delivers)."""
        image = frame.toImage()
        if not image.isNull():
            self._frame = image
            self.update()

    def frame_image(self) -> QImage:
        """The last frame shown (null before the first one)."""
        return self._frame

    def set_cue_text(self, text: str) -> None:
        """The cue text drawn over the video ("" for none)."""
        if text != self._cue_text:
            self._cue_text = text
            self.update()

    def _video_rect(self) -> QRectF:
        if self._frame.isNull():
            return QRectF(self.rect())
        size = self._frame.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (self.width() - size.width()) / 2
        y = (self.height() - size.height()) / 2
        return QRectF(x, y, size.width(), size.height())

    def paintEvent(self, event) -> None:  # noqa: N802, ANN001
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#101010"))
        target = self._video_rect()
        if not self._frame.isNull():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, self._frame)
        if self._cue_text:
            self._paint_cue(painter, target)
        painter.end()

    def _paint_cue(self, painter: QPainter, area: QRectF) -> None:
        doc = QTextDocument()
        font = QFont(self.font())
        font.setPixelSize(max(12, int(area.height() / 16)))
        font.setWeight(QFont.Weight.DemiBold)
        doc.setDefaultFont(font)
        doc.setDocumentMargin(0)
        doc.setTextWidth(area.width() * 0.9)
        doc.setDefaultStyleSheet("body { color: white; }")
        doc.setHtml(f"<div align='center' style='color:white'>{cue_html(self._cue_text)}</div>")
        height = doc.size().height()
        left = area.left() + area.width() * 0.05
        top = area.bottom() - height - area.height() * 0.06
        painter.save()
        painter.translate(left, top)
        # A dark outline keeps the text readable on any picture (like broadcast subtitles).
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        outline = QTextDocument()
        outline.setDefaultFont(font)
        outline.setDocumentMargin(0)
        outline.setTextWidth(doc.textWidth())
        outline.setHtml(f"<div align='center' style='color:black'>{cue_html(self._cue_text)}</div>")
        offset = max(1.0, font.pixelSize() / 14)
        for dx, dy in ((-offset, 0), (offset, 0), (0, -offset), (0, offset)):
            painter.save()
            painter.translate(dx, dy)
            outline.drawContents(painter)
            painter.restore()
        doc.drawContents(painter)
        painter.restore()


class Player(QWidget):
    """Video surface, transport controls and a time display; emits the playhead position in ms."""

    position_changed = Signal(int)
    """The playhead moved (ms): playback, seek or frame step."""
    duration_changed = Signal(int)
    playing_changed = Signal(bool)
    media_loaded = Signal()
    """The media is ready to play and seek."""
    error_occurred = Signal(str)
    """A message for the user (unreadable file, missing codec ...)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fps = DEFAULT_FPS
        self._cues: list[Cue] = []
        self._starts: list[int] = []
        self._stop_at: int | None = None
        self._pending_seek: int | None = None
        self._loaded = False

        self.view = VideoView(self)
        self.sink = QVideoSink(self)
        self.audio = QAudioOutput(self)
        self.media = QMediaPlayer(self)
        self.media.setVideoSink(self.sink)
        self.media.setAudioOutput(self.audio)
        self.sink.videoFrameChanged.connect(self.view.set_frame)
        self.media.positionChanged.connect(self._on_media_position_changed)
        self.media.durationChanged.connect(lambda ms: self.duration_changed.emit(int(ms)))
        self.media.playingChanged.connect(self._on_media_playing_changed)
        self.media.mediaStatusChanged.connect(self._on_media_status_changed)
        self.media.errorOccurred.connect(self._on_media_error)

        self._build_controls()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.view, 1)
        layout.addLayout(self._controls)

    # --- controls ------------------------------------------------------------------------
    def _button(self, text: str, tip: str, slot) -> QToolButton:  # noqa: ANN001
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def _build_controls(self) -> None:
        self._controls = QHBoxLayout()
        self._controls.setContentsMargins(4, 0, 4, 4)
        self.play_button = self._button(self.tr("▶"), self.tr("Play or pause (Space)"), self.toggle_play)
        self.play_button.setMinimumWidth(32)
        controls = [
            self._button(self.tr("−1 s"), self.tr("Back one second"), lambda: self.skip(-1000)),
            self._button(self.tr("◀|"), self.tr("Previous frame"), lambda: self.step_frames(-1)),
            self.play_button,
            self._button(self.tr("|▶"), self.tr("Next frame"), lambda: self.step_frames(1)),
            self._button(self.tr("+1 s"), self.tr("Forward one second"), lambda: self.skip(1000)),
        ]
        for widget in controls:
            self._controls.addWidget(widget)
        self._controls.addSpacing(8)
        self.time_label = QLabel(self)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.time_label.setFont(mono)
        self.time_label.setToolTip(self.tr("Playhead / duration (hours:minutes:seconds:frames)"))
        self._controls.addWidget(self.time_label)
        self._controls.addStretch(1)
        self.rate_box = QComboBox(self)
        self.rate_box.setToolTip(self.tr("Playback speed"))
        for rate in PLAYBACK_RATES:
            self.rate_box.addItem(self.tr("%1×").replace("%1", f"{rate:g}"), rate)
        self.rate_box.setCurrentIndex(PLAYBACK_RATES.index(1.0))
        self.rate_box.currentIndexChanged.connect(lambda i: self.set_rate(PLAYBACK_RATES[i]))
        self._controls.addWidget(self.rate_box)
        self._update_time_label(0)

    # --- media ---------------------------------------------------------------------------
    def load(self, path: str | Path, fps: float | None = None) -> None:
        """Open a media file (loading happens in the background; ``media_loaded`` follows)."""
        self._loaded = False
        self._pending_seek = None
        self.fps = fps if fps and fps > 0 else DEFAULT_FPS
        self._from_event_loop("setSource", Q_ARG(QUrl, QUrl.fromLocalFile(str(Path(path).resolve()))))

    def unload(self) -> None:
        """Stop and forget the media."""
        self._from_event_loop("stop")
        self._from_event_loop("setSource", Q_ARG(QUrl, QUrl()))
        self._loaded = False

    def _from_event_loop(self, slot: str, *args: object) -> None:
        """Call a QMediaPlayer slot from the event loop, in order with the other such calls.

        Changing the source tears down objects in FFmpeg's threads, whose destructors need
        Python's lock; called straight from Python (which holds it) this deadlocked at random.
        From the event loop Qt calls the slot with the lock free.
        """
        QMetaObject.invokeMethod(self.media, slot, Qt.ConnectionType.QueuedConnection, *args)

    def is_loaded(self) -> bool:
        return self._loaded

    def set_cues(self, cues: list[Cue]) -> None:
        """The cues to draw over the video, in document (time) order."""
        self._cues = cues
        self._starts = [c.start for c in cues]
        self._update_overlay(self.position())

    def position(self) -> int:
        """The playhead (ms)."""
        return int(self.media.position())

    def duration(self) -> int:
        return int(self.media.duration())

    def is_playing(self) -> bool:
        return self.media.isPlaying()

    def play(self) -> None:
        self._stop_at = None
        self.media.play()

    def pause(self) -> None:
        self._stop_at = None
        self.media.pause()

    def toggle_play(self) -> None:
        """Play, or pause when playing."""
        if self.media.isPlaying():
            self.pause()
        else:
            self.play()

    def seek(self, ms: int) -> None:
        """Move the playhead (before the media is ready, the seek is done once it is)."""
        ms = max(0, int(ms))
        if self.duration() > 0:
            ms = min(ms, self.duration())
        if not self._loaded:
            self._pending_seek = ms
            return
        self.media.setPosition(ms)
        self._on_media_position_changed(ms)

    def skip(self, delta_ms: int) -> None:
        """Move the playhead by ``delta_ms`` (±1 s buttons)."""
        self.seek(self.position() + delta_ms)

    def step_frames(self, frames: int) -> None:
        """Pause and move by whole frames."""
        self.pause()
        frame_ms = 1000.0 / self.fps
        current_frame = round(self.position() / frame_ms)
        self.seek(int(round((current_frame + frames) * frame_ms)))

    def set_rate(self, rate: float) -> None:
        """Playback speed, 0.5x to 2x."""
        rate = min(2.0, max(0.5, rate))
        self.media.setPlaybackRate(rate)
        if rate in PLAYBACK_RATES and self.rate_box.currentIndex() != PLAYBACK_RATES.index(rate):
            self.rate_box.setCurrentIndex(PLAYBACK_RATES.index(rate))

    def play_range(self, start_ms: int, end_ms: int) -> None:
        """Play from ``start_ms`` and pause at ``end_ms`` (play the current cue, 1 s before/after)."""
        self.seek(start_ms)
        self.media.play()
        self._stop_at = int(end_ms)

    # --- media signals -------------------------------------------------------------------
    def _on_media_position_changed(self, ms: int) -> None:
        ms = int(ms)
        if self._stop_at is not None and ms >= self._stop_at:
            self._stop_at = None
            self.media.pause()
        self._update_time_label(ms)
        self._update_overlay(ms)
        self.position_changed.emit(ms)

    def _on_media_playing_changed(self, playing: bool) -> None:
        self.play_button.setText(self.tr("❚❚") if playing else self.tr("▶"))
        self.playing_changed.emit(playing)

    def _on_media_status_changed(self, status: QMediaPlayer.MediaStatus) -> None:
        if status in (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia) and not self._loaded:
            self._loaded = True
            target = self._pending_seek or 0
            self._pending_seek = None
            # Pausing at the start makes the first frame appear without playing.
            self.media.pause()
            self.media.setPosition(target)
            self._update_time_label(target)
            self.media_loaded.emit()
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self.error_occurred.emit(self.tr("This file cannot be played: %1").replace("%1", self.media.errorString()))

    def _on_media_error(self, error: QMediaPlayer.Error, message: str) -> None:
        if error != QMediaPlayer.Error.NoError:
            self.error_occurred.emit(self.tr("Playback error: %1").replace("%1", message or str(error)))

    def _update_time_label(self, ms: int) -> None:
        total = max(0, self.duration())
        self.time_label.setText(f"{format_with_frames(ms, self.fps)} / {format_with_frames(total, self.fps)}")

    def _update_overlay(self, ms: int) -> None:
        # The latest cue that started and has not ended; a few back in case cues overlap.
        at = bisect.bisect_right(self._starts, ms)
        text = next((c.text for c in reversed(self._cues[max(0, at - 3) : at]) if c.end > ms), "")
        self.view.set_cue_text(text)
