"""detect_shot_changes(): hard cuts found to the frame, cached per file, cancellable."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from subtitler.core.errors import Cancelled, MediaError
from subtitler.media.shots import detect_shot_changes


def test_finds_both_cuts_within_one_frame(two_cuts: Path, two_cuts_truth: tuple[tuple[int, ...], int]) -> None:
    cuts, fps = two_cuts_truth
    shots = detect_shot_changes(two_cuts)
    assert len(shots) == len(cuts)
    for found, true in zip(shots, cuts):
        assert abs(found - true) <= 1000 / fps


def test_steady_picture_has_no_cuts(sample_video: Path) -> None:
    assert detect_shot_changes(sample_video) == []


def test_no_video_no_cuts(audio_only: Path) -> None:
    assert detect_shot_changes(audio_only) == []


def test_odd_path_reaches_ffmpeg_as_a_file(two_cuts: Path, odd_dir: Path) -> None:
    odd = odd_dir / "-cuts été ✓.mp4"
    shutil.copyfile(two_cuts, odd)
    assert len(detect_shot_changes(odd)) == 2


def test_cached_per_file_and_threshold(two_cuts: Path, tmp_path: Path, user_cache: Path) -> None:
    copy = tmp_path / "cuts.mp4"
    shutil.copyfile(two_cuts, copy)
    first = detect_shot_changes(copy)
    assert len(list((user_cache / "shots").glob("*.json"))) == 1
    detect_shot_changes(copy, threshold=0.5)
    assert len(list((user_cache / "shots").glob("*.json"))) == 2
    # Cached: the file's content no longer matters while path, size and mtime are unchanged.
    stat = copy.stat()
    copy.write_bytes(b"x" * stat.st_size)
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert detect_shot_changes(copy) == first
    # A changed file (new mtime) is analysed again, and this content is no video.
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    with pytest.raises(MediaError, match="not a video or audio file"):
        detect_shot_changes(copy)


def test_progress_ends_at_one(two_cuts: Path) -> None:
    seen: list[float] = []
    detect_shot_changes(two_cuts, progress=seen.append)
    assert seen[-1] == 1.0 and seen == sorted(seen)


def test_cancel_kills_ffmpeg_and_caches_nothing(two_cuts: Path, user_cache: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        detect_shot_changes(two_cuts, cancel=cancel)
    assert not list((user_cache / "shots").glob("*"))


def test_threshold_out_of_range(two_cuts: Path) -> None:
    with pytest.raises(MediaError, match="between 0 and 1"):
        detect_shot_changes(two_cuts, threshold=1.5)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MediaError, match="no such file"):
        detect_shot_changes(tmp_path / "gone.mp4")
