"""Peaks pyramid: exact min/max per bucket and level, progressive reading, disk cache round trip."""

import numpy as np

from subtitler.media.peaks import (
    BASE_BUCKET,
    FACTOR,
    LEVELS,
    PeaksBuilder,
    build_peaks,
    load_media_peaks,
    peaks_cache_file,
    read_peaks,
    save_peaks,
)


def _signal(seconds: float) -> np.ndarray:
    rng = np.random.default_rng(7)
    n = int(seconds * 16000) + 37  # not a multiple of any bucket
    envelope = np.abs(np.sin(np.arange(n) / 16000 * 3.0)).astype(np.float32)
    return (rng.uniform(-1, 1, n).astype(np.float32) * envelope).astype(np.float32)


def test_levels_hold_the_min_and_max_of_their_buckets() -> None:
    x = _signal(20)
    peaks = build_peaks(x)
    for level in range(LEVELS):
        size = BASE_BUCKET * FACTOR**level
        mins, maxs = peaks.level(level)
        assert len(mins) == -(-len(x) // size)
        for k in (0, len(mins) // 2, len(mins) - 1):
            part = x[k * size : (k + 1) * size]
            assert abs(mins[k] / 32767 - part.min()) < 1e-4
            assert abs(maxs[k] / 32767 - part.max()) < 1e-4
    assert peaks.complete and peaks.built_samples == len(x)


def test_chunked_feeding_equals_one_shot_and_is_readable_midway() -> None:
    x = _signal(12)
    builder = PeaksBuilder()
    at = 0
    for size in (1000, 16000, 5, 70000, 333):
        builder.feed(at, x[at : at + size])
        at += size
    midway_ms = builder.peaks.built_ms
    mins, maxs, valid = builder.peaks.columns(0, 10, 300)
    assert 0 < midway_ms < 12000
    assert valid[: midway_ms // 10 - 1].all() and not valid[midway_ms // 10 + 1 :].any()
    builder.feed(at, x[at:])
    whole = build_peaks(x)
    done = builder.finish()
    for level in range(LEVELS):
        assert np.array_equal(done.level(level)[0], whole.level(level)[0])
        assert np.array_equal(done.level(level)[1], whole.level(level)[1])


def test_columns_cover_the_view_at_every_zoom() -> None:
    x = np.zeros(16000 * 10, np.float32)
    x[16000 * 5] = 0.5  # one click at 5 s
    peaks = build_peaks(x)
    for ms_per_px in (1.0, 10.0, 100.0):
        mins, maxs, valid = peaks.columns(0, ms_per_px, int(10000 / ms_per_px))
        column = int(5000 / ms_per_px)
        assert valid.all()
        assert maxs[column] > 0.49 and maxs[: column - 1].max() == 0 and mins.min() == 0
    assert peaks.level_for(100 * 16) > peaks.level_for(1 * 16)


def test_disk_round_trip_and_damaged_file(tmp_path) -> None:
    peaks = build_peaks(_signal(3))
    file = tmp_path / "p.npz"
    save_peaks(peaks, file)
    again = read_peaks(file)
    assert again is not None and again.built_samples == peaks.built_samples
    assert np.array_equal(again.level(2)[1], peaks.level(2)[1])
    file.write_bytes(b"not a zip")
    assert read_peaks(file) is None and not file.exists()


def test_media_peaks_are_built_from_the_sample_then_cached(sample_video) -> None:
    assert not peaks_cache_file(sample_video).exists()
    builder = PeaksBuilder()
    peaks = load_media_peaks(sample_video, builder=builder)
    assert peaks is builder.peaks and peaks.complete and 15000 < peaks.built_ms < 30000
    assert peaks.level(0)[1].max() > 1000  # speech is there
    assert peaks_cache_file(sample_video).exists()
    cached = load_media_peaks(sample_video)
    assert np.array_equal(cached.level(0)[0], peaks.level(0)[0])
