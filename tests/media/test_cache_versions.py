"""Media caches carry the format version that wrote them: another version's cache is never read."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from subtitler.core.errors import MediaError
from subtitler.media import audio, peaks, shots


def _garble_keeping_identity(path: Path) -> None:
    """Make the file unreadable as media while its path, size and mtime (the cache key) stay the same."""
    stat = path.stat()
    path.write_bytes(b"x" * stat.st_size)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


@pytest.fixture
def clip(sample_video: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "clip.mp4"
    shutil.copyfile(sample_video, copy)
    return copy


def test_audio_cached_by_an_older_version_is_not_read(clip: Path, user_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as old:
        old.setattr(audio, "AUDIO_CACHE_VERSION", audio.AUDIO_CACHE_VERSION - 1)
        writer = audio.AudioCache(min_disk_seconds=0)
        writer.get(clip)
        writer.flush()
    assert len(list((user_cache / "audio").glob("*.s16"))) == 1
    _garble_keeping_identity(clip)
    # Read from the old copy, this would succeed; decoded again, the garbled file is refused.
    with pytest.raises(MediaError):
        audio.AudioCache(min_disk_seconds=0).get(clip)


def test_audio_cached_by_this_version_is_read(clip: Path) -> None:
    writer = audio.AudioCache(min_disk_seconds=0)
    fresh = writer.get(clip)
    writer.flush()
    _garble_keeping_identity(clip)
    assert (audio.AudioCache(min_disk_seconds=0).get(clip) == fresh).all()


def test_peaks_cached_by_an_older_version_are_not_read(clip: Path, user_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as old:
        old.setattr(peaks, "PEAKS_CACHE_VERSION", peaks.PEAKS_CACHE_VERSION - 1)
        peaks.load_media_peaks(clip)
    assert len(list((user_cache / "peaks").glob("*.npz"))) == 1
    audio.clear_audio_cache()  # the samples kept in memory are not what is under test
    _garble_keeping_identity(clip)
    with pytest.raises(MediaError):
        peaks.load_media_peaks(clip)


def test_peaks_file_of_another_version_at_the_current_key_is_refused(clip: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = peaks.peaks_cache_file(clip)
    built = peaks.load_media_peaks(clip)
    assert peaks.read_peaks(file) is not None
    with monkeypatch.context() as old:
        old.setattr(peaks, "PEAKS_CACHE_VERSION", peaks.PEAKS_CACHE_VERSION - 1)
        peaks.save_peaks(built, file)
    assert peaks.read_peaks(file) is None


def test_shots_cached_by_an_older_version_are_not_read(
    two_cuts: Path, tmp_path: Path, user_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "cuts.mp4"
    shutil.copyfile(two_cuts, copy)
    with monkeypatch.context() as old:
        old.setattr(shots, "SHOTS_CACHE_VERSION", shots.SHOTS_CACHE_VERSION - 1)
        assert len(shots.detect_shot_changes(copy)) == 2
    assert len(list((user_cache / "shots").glob("*.json"))) == 1
    _garble_keeping_identity(copy)
    with pytest.raises(MediaError):
        shots.detect_shot_changes(copy)


def test_tests_use_a_private_cache_folder(user_cache: Path) -> None:
    from subtitler.paths import user_cache_dir

    assert user_cache_dir() == user_cache
    assert not user_cache.resolve().is_relative_to(Path.home() / ".cache")
