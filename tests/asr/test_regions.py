"""Speech regions: the energy check finds sound the VAD rejected and ignores steady noise; Silero's
phrases pack into full windows."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from subtitler.asr.engine import _windows
from subtitler.asr.regions import (
    SAMPLE_RATE,
    energy_regions,
    merge_regions,
    phrase_regions,
    rescued_regions,
    speech_regions,
    split_long,
    unheard_regions,
)
from subtitler.media.audio import decode_audio


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


# --- on real audio: Silero's phrases pack into full windows, and the rescue keeps the hoarse voice ---

REPO = Path(__file__).resolve().parents[2]
SPEECH = REPO.parent / "shared" / "data" / "speech"


def _seconds(regions: list[tuple[int, int]]) -> float:
    return sum(e - s for s, e in regions) / SAMPLE_RATE


def test_speech_comes_as_phrases_that_fill_whole_windows() -> None:
    # The sample said eight times over (181 s): Silero's default settings made it one 180 s
    # region, cut into 9 windows of 30 s; its phrases fill 6, as faster-whisper's own packing does.
    audio = np.tile(decode_audio(REPO / "resources" / "samples" / "sample.mp4"), 8)
    regions = speech_regions(audio)
    assert len(regions) > 20 and max(e - s for s, e in regions) <= 30 * SAMPLE_RATE
    assert all(a[1] <= b[0] for a, b in zip(regions, regions[1:]))  # sorted, disjoint
    windows = _windows(regions)
    assert len(windows) == 6 and len(windows) == int(np.ceil(_seconds(regions) / 30))


def test_the_rescue_keeps_the_hoarse_voice_silero_rejects_without_taking_the_whole_file() -> None:
    audio = decode_audio(SPEECH / "michaelandsickmichael.wav")
    hoarse = (int(26.7 * SAMPLE_RATE), int(51.5 * SAMPLE_RATE))  # the speaker with a cold (see the TextGrid)
    phrases, regions = phrase_regions(audio), speech_regions(audio)
    heard = sum(max(0, min(e, hoarse[1]) - max(s, hoarse[0])) for s, e in phrases)
    kept = sum(max(0, min(e, hoarse[1]) - max(s, hoarse[0])) for s, e in regions)
    assert heard < 0.5 * (hoarse[1] - hoarse[0]) < 0.7 * (hoarse[1] - hoarse[0]) < kept
    assert len(regions) > 5 and max(e - s for s, e in regions) <= 30 * SAMPLE_RATE
    assert _seconds(regions) < 0.97 * len(audio) / SAMPLE_RATE
