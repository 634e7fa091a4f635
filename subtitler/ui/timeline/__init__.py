"""The waveform timeline: cue blocks with word ticks over the audio, aligned by dragging."""

from .canvas import TimelineCanvas
from .widget import TimelineWidget

__all__ = ["TimelineWidget", "TimelineCanvas"]
