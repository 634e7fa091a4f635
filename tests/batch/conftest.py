"""A small library to transcribe: five short clips of the sample in two folders, and one corrupt file."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from subtitler.media.ffmpeg import ffmpeg_exe

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "sample.mp4"
CLIPS = {"intro.mp4": 0.5, "season2/ep1.mp4": 4.5, "season2/ep2.mkv": 9.0, "season2/ep3.MP4": 12.5, "outro.m4v": 17.0}
"""Each clip's start in the sample (s); every clip is 5 s long, one sentence or so."""


@pytest.fixture(scope="session")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The library folder: CLIPS, a corrupt ``season2/broken.mp4``, and files a batch must ignore."""
    root = tmp_path_factory.mktemp("library")
    for name, start in CLIPS.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [ffmpeg_exe(), "-v", "error", "-ss", str(start), "-t", "5", "-i", str(SAMPLE), "-vf", "scale=160:-2",
             "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", str(target)],
            check=True,
        )  # fmt: skip
    (root / "season2" / "broken.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 40)
    (root / "notes.txt").write_text("not media", encoding="utf-8")
    (root / ".cache").mkdir()
    (root / ".cache" / "hidden.mp4").write_bytes(b"hidden")
    return root
