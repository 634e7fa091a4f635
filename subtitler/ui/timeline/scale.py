"""The mapping between time (ms) and pixels of the timeline, with zoom limits."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["TimeScale", "MIN_MS_PER_PX"]

MIN_MS_PER_PX = 0.5
"""Deepest zoom: half a millisecond per pixel (a 25 fps frame is 80 px wide)."""


@dataclass
class TimeScale:
    """``start_ms`` at x = 0, ``ms_per_px`` per pixel, over a file of ``duration_ms``."""

    start_ms: float = 0.0
    ms_per_px: float = 10.0
    width: int = 1
    duration_ms: int = 60_000

    @property
    def end_ms(self) -> float:
        """The time at the right edge."""
        return self.start_ms + self.width * self.ms_per_px

    @property
    def visible_ms(self) -> float:
        return self.width * self.ms_per_px

    def x_of(self, ms: float) -> float:
        """The x coordinate of time ``ms``."""
        return (ms - self.start_ms) / self.ms_per_px

    def ms_at(self, x: float) -> float:
        """The time at x coordinate ``x``."""
        return self.start_ms + x * self.ms_per_px

    def max_ms_per_px(self) -> float:
        """Widest zoom: the whole file fits."""
        return max(MIN_MS_PER_PX, self.duration_ms / max(1, self.width))

    def clamp(self) -> None:
        """Keep the zoom within its limits and the view inside the file."""
        self.ms_per_px = min(max(self.ms_per_px, MIN_MS_PER_PX), self.max_ms_per_px())
        self.start_ms = min(max(0.0, self.start_ms), max(0.0, self.duration_ms - self.visible_ms))

    def zoom(self, factor: float, anchor_x: float) -> None:
        """Zoom by ``factor`` (>1 zooms in) keeping the time under ``anchor_x`` in place."""
        anchor_ms = self.ms_at(anchor_x)
        self.ms_per_px /= factor
        self.ms_per_px = min(max(self.ms_per_px, MIN_MS_PER_PX), self.max_ms_per_px())
        self.start_ms = anchor_ms - anchor_x * self.ms_per_px
        self.clamp()

    def show_range(self, start_ms: float, end_ms: float) -> None:
        """Zoom and scroll so that [start_ms, end_ms] fills the width."""
        self.ms_per_px = max(1.0, end_ms - start_ms) / max(1, self.width)
        self.start_ms = start_ms
        self.clamp()

    def scroll(self, dx: float) -> None:
        """Scroll by ``dx`` pixels (positive: later)."""
        self.start_ms += dx * self.ms_per_px
        self.clamp()
