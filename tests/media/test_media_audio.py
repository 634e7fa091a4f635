"""decode_audio() and the shared AudioCache."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import numpy as np
import pytest

from subtitler.core.errors import Cancelled, MediaError
from subtitler.media import audio as audio_module
from subtitler.media.audio import SAMPLE_RATE, AudioCache, _Buffer, decode_audio, load_audio_cached


def _rms(samples: np.ndarray, start_ms: int, end_ms: int) -> float:
    part = samples[start_ms * SAMPLE_RATE // 1000 : end_ms * SAMPLE_RATE // 1000]
    return float(np.sqrt(np.mean(part.astype(np.float64) ** 2)))


def _dominant_hz(samples: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(samples[: SAMPLE_RATE]))
    return float(np.argmax(spectrum))  # one second of samples: bins are 1 Hz apart


def test_sample_decodes_to_16k_mono_float32(sample_video: Path) -> None:
    samples = decode_audio(sample_video)
    assert samples.dtype == np.float32 and samples.ndim == 1
    assert len(samples) == pytest.approx(22.57 * SAMPLE_RATE, abs=SAMPLE_RATE // 25)
    assert samples.flags.owndata  # no view on an oversized buffer


def test_samples_line_up_with_the_known_speech(sample_video: Path) -> None:
    truth = json.loads((sample_video.parent / "sample.json").read_text())["sample"]["sentences"]
    samples = decode_audio(sample_video)
    assert _rms(samples, 0, truth[0]["start"] - 100) < 0.001
    for sentence in truth:
        assert _rms(samples, sentence["start"], sentence["end"]) > 0.02
    gap = (truth[0]["end"] + 100, truth[1]["start"] - 100)
    assert _rms(samples, *gap) < 0.001


def test_same_samples_as_faster_whisper_decoder(sample_video: Path) -> None:
    from faster_whisper.audio import decode_audio as whisper_decode

    ours, theirs = decode_audio(sample_video), whisper_decode(str(sample_video))
    assert len(ours) == len(theirs)
    assert np.max(np.abs(ours - theirs)) < 1e-3  # theirs goes through 16-bit integers


def test_progress_rises_to_one(sample_video: Path) -> None:
    seen: list[float] = []
    decode_audio(sample_video, progress=seen.append)
    assert len(seen) > 10
    assert seen == sorted(seen) and seen[-1] == 1.0 and seen[0] < 0.1


def test_chunks_cover_every_sample_once_in_order(late_audio: Path) -> None:
    starts: list[int] = []
    pieces: list[np.ndarray] = []

    def on_chunk(start: int, samples: np.ndarray) -> None:
        starts.append(start)
        pieces.append(samples.copy())

    samples = decode_audio(late_audio, on_chunk=on_chunk)
    assert len(pieces) > 2 and starts[0] == 0
    assert starts == list(np.cumsum([0] + [len(p) for p in pieces[:-1]]))
    assert np.array_equal(np.concatenate(pieces), samples)


def test_cancel_before_start(sample_video: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        decode_audio(sample_video, cancel=cancel)


def test_cancel_midway(sample_video: Path) -> None:
    cancel = threading.Event()
    seen: list[float] = []

    def on_progress(fraction: float) -> None:
        seen.append(fraction)
        if fraction > 0.3:
            cancel.set()

    with pytest.raises(Cancelled, match="cancelled"):
        decode_audio(sample_video, progress=on_progress, cancel=cancel)
    assert 0.3 < seen[-1] < 0.4


def test_stereo_track_choice_and_downmix(two_tracks: Path) -> None:
    first, second = decode_audio(two_tracks), decode_audio(two_tracks, track=1)
    assert _dominant_hz(first) == pytest.approx(440, abs=2)
    assert _dominant_hz(second) == pytest.approx(880, abs=2)
    # lavfi tones peak at 1/8: identical channels averaged keep it, summed would double it
    assert 0.11 < np.max(np.abs(first)) < 0.14


def test_other_sample_rate(audio_only: Path) -> None:
    assert len(decode_audio(audio_only, sample_rate=8000)) == pytest.approx(16000, abs=80)


def test_audio_that_starts_late_is_padded_to_file_time(late_audio: Path) -> None:
    samples = decode_audio(late_audio)
    assert _rms(samples, 0, 480) == 0.0
    assert _rms(samples, 520, 1900) > 0.08  # a 1/8-amplitude tone: rms 0.088
    assert len(samples) == pytest.approx(2 * SAMPLE_RATE, abs=SAMPLE_RATE // 50)


def test_file_that_states_no_duration(unknown_length: Path) -> None:
    from subtitler.media.probe import probe

    assert probe(unknown_length).duration_ms == 0
    assert len(decode_audio(unknown_length)) == pytest.approx(3 * SAMPLE_RATE, abs=SAMPLE_RATE // 50)


def test_no_audio_track(video_only: Path) -> None:
    with pytest.raises(MediaError, match="video-only.mp4 has no audio track"):
        decode_audio(video_only)


def test_missing_track(two_tracks: Path) -> None:
    with pytest.raises(MediaError, match="track 6 does not exist"):
        decode_audio(two_tracks, track=5)


def test_truncated_file_returns_what_decodes(truncated_sample: Path, sample_video: Path) -> None:
    full, partial = decode_audio(sample_video), decode_audio(truncated_sample)
    assert SAMPLE_RATE < len(partial) < len(full)
    n = min(len(partial), len(full)) - SAMPLE_RATE  # the last packets before the cut may differ
    assert np.max(np.abs(partial[:n] - full[:n])) < 1e-6


def test_not_media(text_as_mp4: Path) -> None:
    with pytest.raises(MediaError, match="not a video or audio file"):
        decode_audio(text_as_mp4)


def test_odd_path(odd_sample: Path) -> None:
    assert len(decode_audio(odd_sample)) > 20 * SAMPLE_RATE


def test_buffer_grows_in_place_without_losing_samples() -> None:
    buffer = _Buffer(3)
    chunks = [np.arange(i * 1000, (i + 1) * 1000, dtype=np.float32) for i in range(50)]
    for chunk in chunks:
        buffer.append(chunk)
    buffer.append_silence(5)
    result = buffer.result()
    assert len(result) == 50_005
    assert np.array_equal(result[:50_000], np.arange(50_000, dtype=np.float32))
    assert not result[50_000:].any()


def test_cache_shares_one_read_only_array(sample_video: Path, two_tracks: Path) -> None:
    cache = AudioCache(disk=False)
    first = cache.get(sample_video)
    assert cache.get(sample_video) is first
    assert not first.flags.writeable
    other = cache.get(two_tracks)
    assert other is not first and len(other) < len(first)


def test_concurrent_readers_wait_for_one_decode(sample_video: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    real = audio_module.decode_audio

    def counting(*args: object, **kwargs: object) -> np.ndarray:
        calls.append(Path(str(args[0])))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(audio_module, "decode_audio", counting)
    cache = AudioCache(disk=False)
    results: list[np.ndarray] = []
    threads = [threading.Thread(target=lambda: results.append(cache.get(sample_video))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert results[0] is results[1] is results[2]


def test_cached_samples_reach_a_late_chunk_reader_in_one_piece(sample_video: Path) -> None:
    cache = AudioCache(disk=False)
    first = cache.get(sample_video, on_chunk=lambda start, samples: None)
    seen: list[tuple[int, int]] = []
    cache.get(sample_video, on_chunk=lambda start, samples: seen.append((start, len(samples))))
    assert seen == [(0, len(first))]


def test_disk_copy_makes_reopening_skip_decoding(
    sample_video: Path, monkeypatch: pytest.MonkeyPatch, user_cache: Path
) -> None:
    writer = AudioCache(min_disk_seconds=0)
    fresh = writer.get(sample_video)
    writer.flush()
    (stored,) = (user_cache / "audio").glob("*.s16")
    assert stored.stat().st_size == 16 + 2 * len(fresh)  # 16-bit samples after a 16-byte header

    def no_decoding(*args: object, **kwargs: object) -> np.ndarray:
        raise AssertionError("decoded again")

    monkeypatch.setattr(audio_module, "decode_audio", no_decoding)
    reread = AudioCache(min_disk_seconds=0).get(sample_video)
    assert reread.dtype == np.float32
    assert np.array_equal(reread, fresh)  # lossless: Whisper hears the same whether cached or not


def test_damaged_disk_copy_is_ignored(sample_video: Path, user_cache: Path) -> None:
    writer = AudioCache(min_disk_seconds=0)
    fresh = writer.get(sample_video)
    writer.flush()
    (stored,) = (user_cache / "audio").glob("*.s16")
    stored.write_bytes(stored.read_bytes()[:1000])
    assert np.array_equal(AudioCache(min_disk_seconds=0).get(sample_video), fresh)


def test_short_files_stay_off_disk(sample_video: Path, user_cache: Path) -> None:
    cache = AudioCache()  # default: only files of a minute or more are worth a disk copy
    cache.get(sample_video)
    cache.flush()
    assert not list((user_cache / "audio").glob("*.s16"))


def test_disk_copies_are_pruned(sample_video: Path, two_tracks: Path, odd_sample: Path, user_cache: Path) -> None:
    cache = AudioCache(min_disk_seconds=0, keep_files=2)
    for path in (sample_video, two_tracks, odd_sample):
        cache.get(path)
        cache.flush()
    assert len(list((user_cache / "audio").glob("*.s16"))) == 2


def test_load_audio_cached_is_shared(sample_video: Path) -> None:
    assert load_audio_cached(sample_video) is load_audio_cached(str(sample_video))


def test_cache_reports_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MediaError, match="no such file"):
        load_audio_cached(tmp_path / "gone.mp4")
