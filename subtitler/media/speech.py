"""Where speech starts and stops: a short-window energy envelope on 16 kHz mono samples.

The level (dB RMS of 10 ms windows every 5 ms) is compared with a threshold set from the
file's own noise floor and loudness, so it works on digital silence and on a noisy room alike.
Region edges are then refined to the first/last sample above the threshold, which puts onsets
within a few milliseconds of where the energy really rises. Optionally, Silero VAD (bundled
with faster-whisper) vetoes loud regions that are not speech (music, noise bursts).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from subtitler.core.errors import MediaError

__all__ = ["SpeechAnalysis", "analyze_speech", "analyze_media", "SAMPLE_RATE"]

SAMPLE_RATE = 16000
_FLOOR_DB = -100.0
_CHUNK_HOPS = 1 << 16
"""Hops of samples squared at once: bounds the temporary memory on long files."""


@dataclass(frozen=True)
class SpeechAnalysis:
    """Speech regions (ms, sorted, disjoint) and the level envelope they were found on."""

    regions: tuple[tuple[int, int], ...]
    hop_ms: float = 5.0
    level_db: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32), repr=False)
    threshold_db: float = _FLOOR_DB
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._starts.extend(r[0] for r in self.regions)

    @property
    def onsets(self) -> list[int]:
        """Times (ms) where speech starts after silence."""
        return [r[0] for r in self.regions]

    @property
    def offsets(self) -> list[int]:
        """Times (ms) where speech stops before silence."""
        return [r[1] for r in self.regions]

    def silences(self, start: int, end: int) -> list[tuple[int, int]]:
        """The silences between regions that overlap [start, end] (edges of the file included)."""
        first = max(0, bisect_left(self._starts, start) - 1)
        last = min(len(self.regions), bisect_right(self._starts, end) + 1)
        found: list[tuple[int, int]] = []
        if first == 0 and self.regions and self.regions[0][0] > start:
            found.append((min(start, self.regions[0][0]), self.regions[0][0]))
        for k in range(first, last - 1):
            gap = (self.regions[k][1], self.regions[k + 1][0])
            if gap[1] >= start and gap[0] <= end:
                found.append(gap)
        if last == len(self.regions) and self.regions and self.regions[-1][1] < end:
            found.append((self.regions[-1][1], end))
        return found

    def is_speech(self, ms: int) -> bool:
        """True when ``ms`` falls inside a speech region."""
        k = bisect_right(self._starts, ms) - 1
        return k >= 0 and self.regions[k][0] <= ms < self.regions[k][1]

    def speech_between(self, start: int, end: int) -> int:
        """Milliseconds of speech inside [start, end)."""
        return sum(max(0, min(end, e) - max(start, s)) for s, e in self.regions if s < end and e > start)


def _levels_db(samples: np.ndarray, hop: int) -> np.ndarray:
    """dB RMS of windows two hops long, one per hop."""
    hops = len(samples) // hop
    energy = np.empty(hops, np.float64)
    for first in range(0, hops, _CHUNK_HOPS):
        last = min(hops, first + _CHUNK_HOPS)
        block = samples[first * hop : last * hop].astype(np.float32).reshape(last - first, hop)
        energy[first:last] = np.einsum("ij,ij->i", block, block, dtype=np.float64)
    window = energy.copy()
    window[:-1] += energy[1:]
    rms = np.sqrt(window / (2 * hop))
    return (20 * np.log10(np.maximum(rms, 10 ** (_FLOOR_DB / 20)))).astype(np.float32)


def _threshold(level_db: np.ndarray, margin_db: float, range_db: float) -> float:
    """Above the noise floor by ``margin_db``, and within ``range_db`` of the loud speech."""
    floor = float(np.percentile(level_db, 10))
    loud = float(np.percentile(level_db, 99))
    return max(floor + margin_db, loud - range_db)


def _runs(active: np.ndarray) -> list[tuple[int, int]]:
    """(first, end) index ranges where ``active`` is True."""
    padded = np.concatenate(([False], active, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))


def _refine(samples: np.ndarray, lo: int, hi: int, amplitude: float, first: bool) -> int | None:
    """The first (or last) sample index in [lo, hi) louder than ``amplitude``."""
    lo, hi = max(0, lo), min(len(samples), hi)
    loud = np.flatnonzero(np.abs(samples[lo:hi]) >= amplitude)
    if not len(loud):
        return None
    return lo + int(loud[0] if first else loud[-1])


def _vad_regions(samples: np.ndarray, sample_rate: int) -> list[tuple[int, int]]:
    """Speech regions (ms) from Silero VAD, bundled with faster-whisper."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    stamps = get_speech_timestamps(samples, VadOptions(min_silence_duration_ms=100, speech_pad_ms=200))
    return [(s["start"] * 1000 // sample_rate, s["end"] * 1000 // sample_rate) for s in stamps]


def analyze_speech(
    samples: np.ndarray,
    sample_rate: int = SAMPLE_RATE,
    hop_ms: float = 5.0,
    min_silence_ms: int = 30,
    min_speech_ms: int = 25,
    margin_db: float = 12.0,
    range_db: float = 42.0,
    use_vad: bool = False,
) -> SpeechAnalysis:
    """Speech regions of mono float samples: silences shorter than ``min_silence_ms`` are bridged,
    blips shorter than ``min_speech_ms`` dropped; ``use_vad`` also drops regions Silero VAD hears no speech in."""
    samples = np.asarray(samples)
    if samples.ndim != 1:
        raise MediaError("Speech analysis needs mono samples.")
    hop = max(1, int(round(sample_rate * hop_ms / 1000)))
    if len(samples) < 2 * hop:
        return SpeechAnalysis((), hop_ms)
    level = _levels_db(samples, hop)
    threshold = _threshold(level, margin_db, range_db)
    runs = _runs(level >= threshold)
    bridge = int(np.ceil(min_silence_ms / hop_ms))
    merged: list[list[int]] = []
    for a, b in runs:
        if merged and a - merged[-1][1] < bridge:
            merged[-1][1] = b
        else:
            merged.append([a, b])
    amplitude = 10 ** (threshold / 20)
    regions: list[tuple[int, int]] = []
    min_len = min_speech_ms * sample_rate // 1000
    for a, b in merged:
        # Window k covers samples [k*hop, (k+2)*hop): the sample edges lie inside the edge windows.
        first = _refine(samples, a * hop, (a + 2) * hop, amplitude, True)
        last = _refine(samples, (b - 1) * hop, (b + 1) * hop, amplitude, False)
        start = a * hop if first is None else first
        end = (b + 1) * hop if last is None else last + 1
        if end - start >= min_len:
            regions.append((start * 1000 // sample_rate, -(-end * 1000 // sample_rate)))
    if use_vad and regions:
        voiced = _vad_regions(samples.astype(np.float32, copy=False), sample_rate)
        regions = [r for r in regions if any(s < r[1] and e > r[0] for s, e in voiced)]
    return SpeechAnalysis(tuple(regions), hop_ms, level, threshold)


def analyze_media(path: str | Path, track: int | None = None, use_vad: bool = False) -> SpeechAnalysis:
    """Speech regions of a media file's audio track (None: the default one), decoded once through the shared cache."""
    from subtitler.media.audio import SAMPLE_RATE as DECODE_RATE
    from subtitler.media.audio import load_audio_cached

    samples = load_audio_cached(path, track)
    return analyze_speech(samples, DECODE_RATE, use_vad=use_vad)
