"""Where Subtitler finds its bundled resources and keeps its per-user data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["resources_dir", "sample_video", "user_data_dir", "user_cache_dir"]


def _root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) if frozen else Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """The ``resources/`` folder (next to the package, or inside a frozen bundle)."""
    return _root() / "resources"


def sample_video() -> Path:
    """The bundled sample video that ``make run`` opens."""
    return resources_dir() / "samples" / "sample.mp4"


def user_data_dir() -> Path:
    """Per-user data (models, settings that are files): $XDG_DATA_HOME/subtitler."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "subtitler"


def user_cache_dir() -> Path:
    """Per-user caches (waveform peaks, shot changes, assembled models): $XDG_CACHE_HOME/subtitler."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "subtitler"
