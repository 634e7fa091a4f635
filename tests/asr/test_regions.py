"""Speech regions: the energy check finds sound the VAD rejected and ignores steady noise."""

from __future__ import annotations

import numpy as np

from subtitler.asr.regions import (
    SAMPLE_RATE,
    energy_regions,
    merge_regions,
    rescued_regions,
    split_long,
    unheard_regions,
)


def noise(seconds: float, level: float, seed: int = 1) -> np.ndarray:
    return (np.random.default_rng(seed).standard_normal(int(seconds * SAMPLE_RATE)) * level).astype(np.float32)


def test_merge_regions_sorts_and_bridges() -> None:
    assert merge_regions([(50, 60), (0, 10), (8, 20)]) == [(0, 20), (50, 60)]
    assert merge_regions([(0, 10), (15, 20)], bridge=5) == [(0, 20)]


def test_quiet_voice_over_a_noise_floor_is_found() -> None:
    audio = noise(6, 0.002)
    t = np.arange(2 * SAMPLE_RATE) / SAMPLE_RATE
    audio[2 * SAMPLE_RATE : 4 * SAMPLE_RATE] += (0.02 * np.sin(2 * np.pi * 180 * t)).astype(np.float32)
    found = energy_regions(audio)
    assert len(found) == 1
    start, end = found[0]
    assert abs(start / SAMPLE_RATE - 1.5) < 0.1 and abs(end / SAMPLE_RATE - 4.5) < 0.1  # padded 0.5 s


def test_steady_noise_and_digital_silence_give_nothing() -> None:
    assert energy_regions(noise(5, 0.01)) == []
    assert energy_regions(np.zeros(5 * SAMPLE_RATE, dtype=np.float32)) == []


def test_rescue_looks_only_in_long_rejected_stretches() -> None:
    audio = noise(10, 0.001)
    audio[6 * SAMPLE_RATE : 7 * SAMPLE_RATE] += noise(1, 0.05, seed=2)
    speech = [(0, 3 * SAMPLE_RATE)]
    rescued = rescued_regions(audio, speech)
    assert len(rescued) == 1 and 5.4 * SAMPLE_RATE < rescued[0][0] < 6 * SAMPLE_RATE
    assert rescued_regions(audio, [(0, 10 * SAMPLE_RATE)]) == []


def test_long_regions_are_cut_in_a_pause_not_inside_a_word() -> None:
    audio = noise(30, 0.05)
    audio[int(16.0 * SAMPLE_RATE) : int(16.06 * SAMPLE_RATE)] = 0.0  # a plosive's closure: silent, but short
    audio[int(17.4 * SAMPLE_RATE) : int(18.0 * SAMPLE_RATE)] *= 0.05  # a pause between phrases
    pieces = split_long(audio, [(0, 30 * SAMPLE_RATE)], limit=20 * SAMPLE_RATE, search=5 * SAMPLE_RATE)
    assert len(pieces) == 2 and pieces[0][0] == 0 and pieces[-1][1] == 30 * SAMPLE_RATE
    assert pieces[0][1] == pieces[1][0] and 17.4 * SAMPLE_RATE <= pieces[0][1] <= 18.0 * SAMPLE_RATE
    assert split_long(audio, [(0, 100)], limit=200, search=50) == [(0, 100)]


def test_unheard_sound_is_what_no_heard_word_covers() -> None:
    audio = noise(20, 0.0001)
    audio[2 * SAMPLE_RATE : 6 * SAMPLE_RATE] += noise(4, 0.1, seed=2)
    audio[10 * SAMPLE_RATE : 14 * SAMPLE_RATE] += noise(4, 0.1, seed=3)
    speech = [(1 * SAMPLE_RATE, 15 * SAMPLE_RATE)]
    # The first sentence was heard, the second was not: only the second comes back (padded 0.5 s).
    (start, end), = unheard_regions(audio, speech, [(2 * SAMPLE_RATE, 6 * SAMPLE_RATE)])
    assert abs(start / SAMPLE_RATE - 9.5) < 0.1 and abs(end / SAMPLE_RATE - 14.5) < 0.1
    # Everything heard, or only pauses between heard words left: nothing to do again.
    heard_all = [(2 * SAMPLE_RATE, 6 * SAMPLE_RATE), (10 * SAMPLE_RATE, 14 * SAMPLE_RATE)]
    assert unheard_regions(audio, speech, heard_all) == []
    # Nothing heard at all: both sentences.
    assert len(unheard_regions(audio, speech, [])) == 2
