"""Speech onsets and offsets from the energy envelope, on generated signals with exact edges."""

from __future__ import annotations

import numpy as np

from subtitler.media.speech import analyze_speech

RATE = 16000


def tone(ms: int, freq: float = 220.0, level: float = 0.3) -> np.ndarray:
    t = np.arange(ms * RATE // 1000) / RATE
    # Harmonics and a slow tremolo make it look like a voiced vowel to the envelope.
    voice = np.sin(2 * np.pi * freq * t) + 0.5 * np.sin(2 * np.pi * 2 * freq * t)
    return (level * voice * (0.7 + 0.3 * np.sin(2 * np.pi * 4 * t)) / 1.5).astype(np.float32)


def silence(ms: int) -> np.ndarray:
    return np.zeros(ms * RATE // 1000, np.float32)


def with_noise(samples: np.ndarray, dbfs: float, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return samples + rng.normal(0, 10 ** (dbfs / 20), len(samples)).astype(np.float32)


def test_regions_match_the_known_edges_within_a_few_ms():
    audio = np.concatenate([silence(700), tone(900), silence(250), tone(600, 300), silence(1200), tone(400), silence(500)])
    analysis = analyze_speech(with_noise(audio, -65))
    expected = [(700, 1600), (1850, 2450), (3650, 4050)]
    assert len(analysis.regions) == 3
    for (start, end), (true_start, true_end) in zip(analysis.regions, expected):
        assert abs(start - true_start) <= 5 and abs(end - true_end) <= 5


def test_short_stops_are_bridged_and_clicks_dropped():
    click = np.zeros(RATE // 100, np.float32)
    click[5] = 0.5
    audio = np.concatenate([silence(500), tone(400), silence(15), tone(400), silence(400), click, silence(600)])
    analysis = analyze_speech(audio)
    assert len(analysis.regions) == 1
    assert abs(analysis.regions[0][1] - 1315) <= 5


def test_threshold_follows_a_noisy_floor():
    audio = np.concatenate([silence(800), tone(800, level=0.2), silence(800)])
    analysis = analyze_speech(with_noise(audio, -40))
    assert len(analysis.regions) == 1
    start, end = analysis.regions[0]
    assert abs(start - 800) <= 20 and abs(end - 1600) <= 20
    assert analysis.threshold_db > -40


def test_queries_on_the_analysis():
    audio = np.concatenate([silence(500), tone(500), silence(500), tone(500), silence(300)])
    analysis = analyze_speech(audio)
    assert analysis.is_speech(700) and not analysis.is_speech(1200)
    assert 990 <= analysis.speech_between(0, 2300) <= 1010
    gaps = analysis.silences(900, 1600)
    assert any(abs(a - 1000) <= 5 and abs(b - 1500) <= 5 for a, b in gaps)
    assert analysis.onsets == [r[0] for r in analysis.regions]


def test_silence_only_and_tiny_input():
    assert analyze_speech(silence(1000)).regions == ()
    assert analyze_speech(np.zeros(5, np.float32)).regions == ()
