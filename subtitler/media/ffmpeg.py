"""Locating the ffmpeg program and passing it file paths safely."""

from __future__ import annotations

import shutil
from functools import lru_cache
from pathlib import Path

from subtitler.core.errors import MediaError

__all__ = ["ffmpeg_exe", "input_url"]


@lru_cache(maxsize=1)
def ffmpeg_exe() -> str:
    """Path of the ffmpeg program: the system one on PATH, else the one inside imageio-ffmpeg."""
    system = shutil.which("ffmpeg")
    if system:
        return system
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError) as exc:
        raise MediaError(
            "ffmpeg was not found: install ffmpeg or the imageio-ffmpeg package to detect shot changes."
        ) from exc


def input_url(path: str | Path) -> str:
    """An ffmpeg input argument for a local file that no name can turn into an option or a protocol."""
    # "file:" + an absolute path: "-clip.mp4" is not read as an option and "a:b.mp4" not as protocol "a".
    return "file:" + str(Path(path).absolute())
