"""Media fixtures built at test time with ffmpeg: damaged, odd and multi-track files, and hard cuts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from subtitler.media.ffmpeg import ffmpeg_exe

FPS = 25
CUTS_MS = (2000, 3600)  # testsrc 2 s, then smptebars 1.6 s, then testsrc2 1.4 s: whole frames at 25 fps


def _ffmpeg(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y", *args], check=True)


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session")
def video_only(media_dir: Path) -> Path:
    """One second of test pattern and no audio track."""
    out = media_dir / "video-only.mp4"
    _ffmpeg("-f", "lavfi", "-i", f"testsrc=size=160x90:rate={FPS}:duration=1", "-pix_fmt", "yuv420p", str(out))
    return out


@pytest.fixture(scope="session")
def audio_only(media_dir: Path) -> Path:
    """Two seconds of a 440 Hz tone in a WAV file: no video."""
    out = media_dir / "tone.wav"
    _ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=22050:duration=2", str(out))
    return out


@pytest.fixture(scope="session")
def two_tracks(media_dir: Path) -> Path:
    """Matroska with video and two stereo 48 kHz tracks: 440 Hz English, 880 Hz French 'Commentary'."""
    out = media_dir / "two-tracks.mkv"
    _ffmpeg(
        "-f", "lavfi", "-i", f"testsrc=size=160x90:rate={FPS}:duration=2",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2",
        "-f", "lavfi", "-i", "sine=frequency=880:sample_rate=48000:duration=2",
        "-map", "0", "-map", "1", "-map", "2", "-ac", "2", "-c:v", "libx264", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-metadata:s:a:0", "language=eng", "-metadata:s:a:1", "language=fre",
        "-metadata:s:a:1", "title=Commentary", str(out),
    )  # fmt: skip
    return out


@pytest.fixture(scope="session")
def late_audio(media_dir: Path) -> Path:
    """Video from 0 s, a tone that only starts at 0.5 s (the audio stream's first timestamp)."""
    out = media_dir / "late-audio.mkv"
    _ffmpeg(
        "-f", "lavfi", "-i", f"testsrc=size=160x90:rate={FPS}:duration=2",
        "-itsoffset", "0.5", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=16000:duration=1.5",
        "-map", "0", "-map", "1", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "flac", str(out),
    )  # fmt: skip
    return out


@pytest.fixture(scope="session")
def two_cuts(media_dir: Path) -> Path:
    """Three different test patterns joined by hard cuts at CUTS_MS, with a tone under them."""
    out = media_dir / "two-cuts.mp4"
    _ffmpeg(
        "-f", "lavfi", "-i", f"testsrc=size=320x180:rate={FPS}:duration=2",
        "-f", "lavfi", "-i", f"smptebars=size=320x180:rate={FPS}:duration=1.6",
        "-f", "lavfi", "-i", f"testsrc2=size=320x180:rate={FPS}:duration=1.4",
        "-f", "lavfi", "-i", "sine=frequency=440:duration=5",
        "-filter_complex", "[0:v][1:v][2:v]concat=n=3:v=1:a=0[v]", "-map", "[v]", "-map", "3:a",
        "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", str(out),
    )  # fmt: skip
    return out


@pytest.fixture(scope="session")
def two_cuts_truth() -> tuple[tuple[int, ...], int]:
    """The cut times (ms) in ``two_cuts`` and its frame rate."""
    return CUTS_MS, FPS


@pytest.fixture(scope="session")
def truncated_sample(media_dir: Path, sample_video: Path) -> Path:
    """The first 60% of the sample's bytes: its index survives, its media data stops early."""
    data = sample_video.read_bytes()
    out = media_dir / "truncated.mp4"
    out.write_bytes(data[: len(data) * 6 // 10])
    return out


@pytest.fixture(scope="session")
def truncated_header(media_dir: Path, sample_video: Path) -> Path:
    """The first 2 KB of the sample: an MP4 that stops inside its own index."""
    out = media_dir / "cut-in-header.mp4"
    out.write_bytes(sample_video.read_bytes()[:2048])
    return out


@pytest.fixture(scope="session")
def text_as_mp4(media_dir: Path) -> Path:
    """A plain text file renamed to .mp4."""
    out = media_dir / "notes.mp4"
    out.write_text("These are my notes, not a video.\n" * 40, encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def odd_dir(media_dir: Path) -> Path:
    """A folder whose name has spaces and non-ASCII characters."""
    folder = media_dir / "my vidéos été 字幕"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def odd_sample(odd_dir: Path, sample_video: Path) -> Path:
    """The sample under a name with a leading dash, spaces and non-ASCII characters."""
    out = odd_dir / "-clip ünïcode ✓.mp4"
    shutil.copyfile(sample_video, out)
    return out


@pytest.fixture(scope="session")
def unknown_length(media_dir: Path) -> Path:
    """Three seconds of Opus in Matroska written as a stream: the file states no duration."""
    out = media_dir / "streamed.mkv"
    with open(out, "wb") as fh:
        subprocess.run(
            [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin", "-f", "lavfi",
             "-i", "sine=frequency=440:duration=3", "-c:a", "libopus", "-f", "matroska", "pipe:1"],
            stdout=fh, check=True,
        )  # fmt: skip
    return out
