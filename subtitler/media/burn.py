"""Subtitles burned into a copy of a video: ffmpeg's libass ``subtitles`` filter, the audio copied as it is.

The command is built with ffmpeg-python and run by the ffmpeg program ``ffmpeg.ffmpeg_exe``
finds. The picture is re-encoded with x264 (CRF 20, preset "medium", yuv420p: plays
everywhere, looks like the source); every audio track is copied, not re-encoded. ffmpeg
writes to a hidden file beside OUT that is renamed over it only when complete, so a cancel, a
failure or a full disk never leaves a partial video. Progress comes from ``-progress``.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..core.burn_style import BurnStyle, burn_script
from ..core.errors import Cancelled, MediaError
from ..core.model import Document
from .ffmpeg import ffmpeg_exe, input_url
from .probe import probe

__all__ = ["BurnOptions", "burn_subtitles", "VIDEO_OUTPUTS"]

VIDEO_OUTPUTS = (".mp4", ".mkv", ".mov", ".m4v")
"""Containers a burned video can be written to (H.264 with the source's audio)."""
_SPEEDS = ("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow")


@dataclass(frozen=True, slots=True)
class BurnOptions:
    """How to encode the burned video."""

    style: BurnStyle = BurnStyle()
    quality: int = 20
    """x264's CRF: 18 is visually lossless, 23 x264's default, higher is smaller."""
    speed: str = "medium"
    """x264's preset: faster makes bigger files for the same quality."""

    def __post_init__(self) -> None:
        if not 0 <= self.quality <= 51:
            raise MediaError(f"quality must be from 0 (best) to 51, not {self.quality}")
        if self.speed not in _SPEEDS:
            raise MediaError(f"speed must be one of {', '.join(_SPEEDS)}, not {self.speed!r}")


def _command(video: Path, script: Path, fonts: Path | None, part: Path, options: BurnOptions) -> list[str]:
    import ffmpeg  # ffmpeg-python: builds the filter graph and escapes the script's path in it

    source = ffmpeg.input(input_url(video))
    arguments = {"filename": str(script)}
    if fonts is not None:
        arguments["fontsdir"] = str(fonts)
    picture = source.video.filter("subtitles", **arguments)
    output = ffmpeg.output(
        picture, source["a?"], str(part),
        vcodec="libx264", crf=options.quality, preset=options.speed, pix_fmt="yuv420p",
        acodec="copy", movflags="+faststart", map_metadata=0,
    )  # fmt: skip
    output = output.global_args("-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-progress", "pipe:1")
    return output.compile(cmd=ffmpeg_exe(), overwrite_output=True)


def _part_path(output: Path) -> Path:
    """A hidden file beside ``output`` with its extension (ffmpeg picks the container from it)."""
    return output.with_name(f".{output.stem}.{uuid.uuid4().hex[:8]}.part{output.suffix}")


def burn_subtitles(
    video: str | Path,
    document: Document,
    output: str | Path,
    options: BurnOptions = BurnOptions(),
    on_progress: Callable[[float, float | None], None] | None = None,
    cancel: threading.Event | None = None,
    fonts: Path | None = None,
    backup: Path | None = None,
) -> Path:
    """Write ``output``: ``video`` with the document's cues drawn in. Returns ``output``.

    ``on_progress(fraction, seconds left or None)``; setting ``cancel`` stops ffmpeg at once and
    raises Cancelled, leaving nothing at ``output``. An existing ``output`` is replaced (callers ask
    first), after being moved to ``backup`` when given. ``fonts``: a folder of extra fonts for libass.
    """
    video, output = Path(video), Path(output)
    if output.suffix.lower() not in VIDEO_OUTPUTS:
        raise MediaError(f"'{output.name}': a burned video is written as {', '.join(VIDEO_OUTPUTS)}")
    if output.resolve() == video.resolve():
        raise MediaError(f"the output {output} would overwrite the video")
    info = probe(video)
    if not info.has_video or not info.width or not info.height:
        raise MediaError(f"{video.name} has no picture to draw subtitles on")
    part = _part_path(output)
    with tempfile.TemporaryDirectory(prefix="subtitler-burn-") as folder:
        script = Path(folder) / "subtitles.ass"
        script.write_text(burn_script(document, info.width, info.height, options.style), encoding="utf-8")
        try:
            _run(_command(video, script, fonts, part, options), info.duration_ms, on_progress, cancel, video.name)
            if backup is not None and output.exists():
                os.replace(output, backup)
            os.replace(part, output)
        finally:
            part.unlink(missing_ok=True)
    return output


def _run(
    command: list[str],
    duration_ms: int,
    on_progress: Callable[[float, float | None], None] | None,
    cancel: threading.Event | None,
    name: str,
) -> None:
    """Run ffmpeg, reporting its ``-progress`` lines; Cancelled or MediaError when it does not finish."""
    proc = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, encoding="utf-8", errors="replace",
    )  # fmt: skip
    errors: deque[str] = deque(maxlen=6)
    # stderr drains in its own thread so ffmpeg never blocks on a full pipe.
    drain = threading.Thread(target=lambda: errors.extend(line.strip() for line in proc.stderr), daemon=True)  # type: ignore[union-attr]
    drain.start()
    if cancel is not None:
        threading.Thread(target=_kill_on_cancel, args=(proc, cancel), name="burn-cancel", daemon=True).start()
    started = time.monotonic()
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            key, _, value = line.strip().partition("=")
            if key == "out_time_us" and value.isdigit() and duration_ms > 0 and on_progress is not None:
                fraction = min(1.0, int(value) / 1000 / duration_ms)
                elapsed = time.monotonic() - started
                on_progress(fraction, elapsed * (1 - fraction) / fraction if fraction > 0.02 else None)
        code = proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        drain.join(timeout=5)
        proc.stdout.close()
    if cancel is not None and cancel.is_set():
        raise Cancelled(f"Burning subtitles into {name} was cancelled.")
    if code != 0:
        reason = " / ".join(e for e in errors if e) or f"ffmpeg exit {code}"
        if "codec not currently supported in container" in reason or "Could not find tag for codec" in reason:
            reason += " (the audio cannot be copied into this container: try .mkv)"
        raise MediaError(f"The subtitles could not be burned into {name}: {reason}")
    if on_progress is not None:
        on_progress(1.0, 0.0)


def _kill_on_cancel(proc: subprocess.Popen, cancel: threading.Event) -> None:
    """Stop ffmpeg as soon as the user cancels, even while it prints nothing."""
    while proc.poll() is None:
        if cancel.wait(0.1):
            proc.kill()
            return
