"""probe(): what a file holds, and a clear message for every file that cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from subtitler.core.errors import MediaError
from subtitler.media.probe import probe


def test_sample_video_facts(sample_video: Path) -> None:
    info = probe(sample_video)
    assert info.has_video and info.has_audio
    assert (info.width, info.height) == (640, 360)
    assert info.fps == pytest.approx(25.0)
    assert 22_000 <= info.duration_ms <= 23_000
    assert "mp4" in info.format_name
    (track,) = info.audio_tracks
    assert (track.index, track.codec, track.channels, track.sample_rate) == (0, "aac", 1, 44100)
    assert track.language is None  # "und" means unknown
    assert info.audio_track() == track


def test_tracks_with_language_and_title(two_tracks: Path) -> None:
    info = probe(two_tracks)
    assert "matroska" in info.format_name
    assert [t.language for t in info.audio_tracks] == ["eng", "fre"]
    assert [t.title for t in info.audio_tracks] == [None, "Commentary"]
    assert all(t.channels == 2 and t.sample_rate == 48000 for t in info.audio_tracks)
    assert info.audio_track(1).stream_index == 2
    assert "Commentary" in info.audio_track(1).label()
    with pytest.raises(MediaError, match="track 3 does not exist"):
        info.audio_track(2)


def test_audio_only_file_has_no_picture(audio_only: Path) -> None:
    info = probe(audio_only)
    assert not info.has_video
    assert (info.width, info.height, info.fps, info.video_stream_index) == (None, None, None, None)
    assert info.duration_ms == pytest.approx(2000, abs=30)


def test_video_without_audio_is_described_then_refused_for_audio(video_only: Path) -> None:
    info = probe(video_only)
    assert info.has_video and not info.has_audio
    with pytest.raises(MediaError, match="video-only.mp4 has no audio track"):
        info.audio_track()


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MediaError, match="nothing-here.mp4: no such file"):
        probe(tmp_path / "nothing-here.mp4")


def test_folder(tmp_path: Path) -> None:
    folder = tmp_path / "film.mp4"
    folder.mkdir()
    with pytest.raises(MediaError, match="is a folder"):
        probe(folder)


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.mkv"
    empty.touch()
    with pytest.raises(MediaError, match="is empty"):
        probe(empty)


def test_text_file_renamed_mp4(text_as_mp4: Path) -> None:
    with pytest.raises(MediaError, match="notes.mp4 is not a video or audio file"):
        probe(text_as_mp4)


def test_mp4_cut_inside_its_header(truncated_header: Path) -> None:
    with pytest.raises(MediaError, match="looks like MP4/MOV media .* corrupt or truncated"):
        probe(truncated_header)


def test_truncated_media_data_still_probes(truncated_sample: Path) -> None:
    assert probe(truncated_sample).has_audio


def test_odd_path_with_dash_spaces_and_unicode(odd_sample: Path) -> None:
    assert odd_sample.name.startswith("-") and " " in str(odd_sample)
    assert probe(odd_sample).duration_ms > 20_000


def test_relative_path_with_leading_dash(odd_sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(odd_sample.parent)
    info = probe(odd_sample.name)
    assert info.path == odd_sample
