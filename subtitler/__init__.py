"""Subtitler: an offline subtitle timing editor that keeps Whisper's word timings."""

__version__ = "0.1.0"
APP_ID = "io.github.subtitler.Subtitler"
