"""The same command gives byte-identical subtitles whether the decoded audio came from the disk cache or not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import imageio_ffmpeg
import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "samples" / "sample.mp4"

pytestmark = pytest.mark.slow


def _transcribe(video: Path, out: Path) -> None:
    """One `subtitler transcribe` in its own process: nothing is shared with the other run but the disk cache."""
    done = subprocess.run(
        [sys.executable, "-m", "subtitler", "transcribe", str(video), "-o", str(out),
         "--model", "tiny.en", "--language", "en"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_cold_and_warm_audio_cache_give_identical_subtitles(tmp_path: Path, user_cache: Path) -> None:
    # Four plays of the sample (90 s): long enough for its decoded audio to be kept on disk.
    video = tmp_path / "talk.mp4"
    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-stream_loop", "3", "-i", str(SAMPLE), "-c", "copy", str(video)],
        check=True,
    )
    cold, warm = tmp_path / "cold.srt", tmp_path / "warm.srt"
    _transcribe(video, cold)
    assert len(list((user_cache / "audio").glob("*.s16"))) == 1  # so the second run reads the disk copy
    _transcribe(video, warm)
    assert "waveform" in cold.read_text(encoding="utf-8")
    assert warm.read_bytes() == cold.read_bytes()
