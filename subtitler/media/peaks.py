"""Waveform peaks: a min/max pyramid of the decoded 16 kHz mono samples, for drawing at any zoom.

Level 0 holds the minimum and maximum of every ``BASE_BUCKET`` samples (8 ms) as int16; each
further level merges ``FACTOR`` buckets of the level below. A view picks the coarsest level
whose buckets are still narrower than one pixel and reduces those into one min/max per column,
so drawing costs the same for 5 seconds and 2 hours. Two hours of audio make about 5 MB.

The pyramid is built while the audio decodes (``PeaksBuilder.feed`` is a ``decode_audio``
``on_chunk`` sink), readable from another thread at any moment for the part already built, and
cached on disk per media file so re-opening a film shows its waveform at once.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from subtitler.media.fingerprint import file_fingerprint, media_cache_dir

__all__ = [
    "BASE_BUCKET",
    "FACTOR",
    "LEVELS",
    "PEAKS_CACHE_VERSION",
    "Peaks",
    "PeaksBuilder",
    "build_peaks",
    "save_peaks",
    "read_peaks",
    "peaks_cache_file",
    "load_media_peaks",
]

log = logging.getLogger(__name__)

SAMPLE_RATE = 16000
BASE_BUCKET = 128
"""Samples per level-0 bucket (8 ms at 16 kHz)."""
FACTOR = 4
"""Buckets of one level merged into one bucket of the next."""
LEVELS = 6
"""Level 5 buckets are about 8 s: a 2-hour film is 900 of them."""
_SCALE = 32767.0
_BLOCK = 1 << 20
"""Samples reduced per step when a whole array arrives at once (keeps temporaries small)."""
PEAKS_CACHE_VERSION = 2
"""Format of the cached pyramids; bump it whenever the peaks computed or the file layout change."""


@dataclass(frozen=True, slots=True)
class _Level:
    """One level's arrays (possibly longer than filled) and how many buckets are filled."""

    mins: np.ndarray
    maxs: np.ndarray
    count: int


def _empty_level(capacity: int = 1024) -> _Level:
    return _Level(np.zeros(capacity, np.int16), np.zeros(capacity, np.int16), 0)


class Peaks:
    """A min/max pyramid; safe to read from one thread while a ``PeaksBuilder`` fills it from another."""

    def __init__(self, sample_rate: int = SAMPLE_RATE) -> None:
        self.sample_rate = sample_rate
        self._levels = [_empty_level() for _ in range(LEVELS)]
        self.built_samples = 0
        """Samples reduced into level 0 so far."""
        self.complete = False
        """True once the whole file is in (no more growth)."""
        self.version = 0
        """Incremented at every update, so views know when to redraw."""

    # --- reading ------------------------------------------------------------------------
    @staticmethod
    def bucket_samples(level: int) -> int:
        """How many samples one bucket of ``level`` covers."""
        return BASE_BUCKET * FACTOR**level

    def level(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        """The filled (mins, maxs) int16 arrays of one level (views, do not modify)."""
        lv = self._levels[index]  # one read: arrays and count always belong together
        return lv.mins[: lv.count], lv.maxs[: lv.count]

    @property
    def built_ms(self) -> int:
        """How far (ms) the waveform is available."""
        return self.built_samples * 1000 // self.sample_rate

    @property
    def nbytes(self) -> int:
        """Memory held by the filled part of the pyramid."""
        return sum(2 * lv.count * 2 for lv in self._levels)

    def level_for(self, samples_per_pixel: float) -> int:
        """The coarsest level whose buckets are no wider than a pixel."""
        level = 0
        while level + 1 < LEVELS and self.bucket_samples(level + 1) <= samples_per_pixel:
            level += 1
        return level

    def columns(self, start_ms: float, ms_per_px: float, width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per pixel column from ``start_ms``: (mins, maxs) in -1..1 and a mask of columns with data."""
        width = max(0, int(width))
        samples_per_px = ms_per_px * self.sample_rate / 1000
        level = self.level_for(samples_per_px)
        mins, maxs = self.level(level)
        count = len(mins)
        bucket = self.bucket_samples(level)
        edges = (start_ms + np.arange(width + 1) * ms_per_px) * (self.sample_rate / 1000 / bucket)
        first = np.floor(edges[:-1]).astype(np.int64)
        valid = (first >= 0) & (first < count) & (edges[1:] > 0)
        if count == 0 or not valid.any():
            zero = np.zeros(width, np.float32)
            return zero, zero.copy(), valid
        lo = np.clip(first, 0, count - 1)
        end = int(np.clip(np.ceil(edges[-1]), lo[-1] + 1, count))
        # reduceat reduces [lo[i], lo[i+1]); where a bucket spans several columns it yields that bucket.
        col_min = np.minimum.reduceat(mins[:end], lo).astype(np.float32) / _SCALE
        col_max = np.maximum.reduceat(maxs[:end], lo).astype(np.float32) / _SCALE
        col_min[~valid] = 0.0
        col_max[~valid] = 0.0
        return col_min, col_max, valid

    # --- writing (PeaksBuilder only) -----------------------------------------------------
    def _append(self, index: int, mins: np.ndarray, maxs: np.ndarray) -> None:
        lv = self._levels[index]
        needed = lv.count + len(mins)
        if needed > len(lv.mins):
            # Grow into new arrays and swap them in: a reader may still hold the old ones.
            capacity = max(needed, 2 * len(lv.mins))
            grown_min, grown_max = np.empty(capacity, np.int16), np.empty(capacity, np.int16)
            grown_min[: lv.count] = lv.mins[: lv.count]
            grown_max[: lv.count] = lv.maxs[: lv.count]
            lv = _Level(grown_min, grown_max, lv.count)
        lv.mins[lv.count : needed] = mins
        lv.maxs[lv.count : needed] = maxs
        self._levels[index] = _Level(lv.mins, lv.maxs, needed)

    def _shrink(self) -> None:
        self._levels = [_Level(lv.mins[: lv.count].copy(), lv.maxs[: lv.count].copy(), lv.count) for lv in self._levels]

    @classmethod
    def _from_arrays(cls, sample_rate: int, built_samples: int, arrays: list[tuple[np.ndarray, np.ndarray]]) -> "Peaks":
        peaks = cls(sample_rate)
        peaks._levels = [_Level(mn, mx, len(mn)) for mn, mx in arrays]
        peaks.built_samples = built_samples
        peaks.complete = True
        peaks.version = 1
        return peaks


def _quantize(values: np.ndarray) -> np.ndarray:
    scaled = values * _SCALE
    np.clip(scaled, -_SCALE, _SCALE, out=scaled)
    return scaled.astype(np.int16)


class PeaksBuilder:
    """Fills a ``Peaks`` from samples arriving in order; ``feed`` fits ``decode_audio(on_chunk=...)``."""

    def __init__(self, sample_rate: int = SAMPLE_RATE) -> None:
        self.peaks = Peaks(sample_rate)
        self._carry = np.zeros(0, np.float32)
        self._next = 0
        self._lock = threading.Lock()

    def _restart(self) -> None:
        self.peaks = Peaks(self.peaks.sample_rate)
        self._carry = np.zeros(0, np.float32)
        self._next = 0

    def feed(self, start: int, samples: np.ndarray) -> None:
        """Take the next samples (``start`` is the index of the first one; a restart at 0 starts over)."""
        with self._lock:
            if start == 0 and self._next:
                self._restart()  # a second full delivery (from the audio cache) replaces the first
            if start != self._next:
                raise ValueError(f"peaks expected sample {self._next}, got {start}")
            self._next = start + len(samples)
            for at in range(0, len(samples), _BLOCK):
                self._reduce(samples[at : at + _BLOCK])

    def _reduce(self, block: np.ndarray) -> None:
        if len(self._carry):
            block = np.concatenate((self._carry, block))
        whole = len(block) - len(block) % BASE_BUCKET
        self._carry = np.array(block[whole:], np.float32)
        if whole:
            grid = block[:whole].reshape(-1, BASE_BUCKET)
            self._add(0, _quantize(grid.min(axis=1)), _quantize(grid.max(axis=1)))
            self.peaks.built_samples += whole
            self.peaks.version += 1

    def _add(self, level: int, mins: np.ndarray, maxs: np.ndarray) -> None:
        peaks = self.peaks
        peaks._append(level, mins, maxs)
        if level + 1 >= LEVELS:
            return
        # Merge every complete group of FACTOR buckets not merged yet into the next level.
        done = peaks._levels[level + 1].count * FACTOR
        after = peaks._levels[level].count
        if after - done >= FACTOR:
            whole = (after - done) // FACTOR * FACTOR
            lv_min, lv_max = peaks.level(level)
            group_min = lv_min[done : done + whole].reshape(-1, FACTOR).min(axis=1)
            group_max = lv_max[done : done + whole].reshape(-1, FACTOR).max(axis=1)
            self._add(level + 1, group_min, group_max)

    def finish(self) -> Peaks:
        """Reduce what is left over (a partial last bucket at every level) and mark the peaks complete."""
        with self._lock:
            peaks = self.peaks
            if len(self._carry):
                self._add(0, _quantize(np.array([self._carry.min()])), _quantize(np.array([self._carry.max()])))
                peaks.built_samples += len(self._carry)
                self._carry = np.zeros(0, np.float32)
            for level in range(1, LEVELS):
                below_min, below_max = peaks.level(level - 1)
                done = peaks._levels[level].count * FACTOR
                if done < len(below_min):
                    peaks._append(level, below_min[done:].min(keepdims=True), below_max[done:].max(keepdims=True))
            peaks._shrink()
            peaks.complete = True
            peaks.version += 1
            return peaks


def build_peaks(samples: np.ndarray, sample_rate: int = SAMPLE_RATE) -> Peaks:
    """The complete pyramid of mono float samples in -1..1."""
    builder = PeaksBuilder(sample_rate)
    builder.feed(0, np.asarray(samples, dtype=np.float32))
    return builder.finish()


# ---------------------------------------------------------------------------------------------------
# Disk cache


def peaks_cache_file(media_path: str | Path, track: int | None = None) -> Path:
    """Where the peaks of this media file (as it is now: path, size, mtime) are cached."""
    key = file_fingerprint(media_path, "peaks", PEAKS_CACHE_VERSION, track, SAMPLE_RATE, BASE_BUCKET, FACTOR, LEVELS)
    return media_cache_dir("peaks") / f"{key}.npz"


def save_peaks(peaks: Peaks, file: Path) -> None:
    """Write a complete pyramid atomically (temp file, fsync, rename); failures only cost speed later."""
    arrays: dict[str, np.ndarray] = {
        "meta": np.array([PEAKS_CACHE_VERSION, peaks.sample_rate, BASE_BUCKET, FACTOR, LEVELS, peaks.built_samples], np.int64)
    }
    for i in range(LEVELS):
        arrays[f"min{i}"], arrays[f"max{i}"] = peaks.level(i)
    tmp = file.with_name(f"{file.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            np.savez(fh, **arrays)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, file)
    except OSError as exc:
        log.info("Peaks cache not written: %s", exc)
        tmp.unlink(missing_ok=True)


def read_peaks(file: Path) -> Peaks | None:
    """A cached pyramid, or None when missing, damaged or written with other parameters."""
    try:
        with np.load(file) as data:
            version, rate, base, factor, levels, built = (int(v) for v in data["meta"])
            if (version, base, factor, levels) != (PEAKS_CACHE_VERSION, BASE_BUCKET, FACTOR, LEVELS):
                return None
            arrays = [(data[f"min{i}"].astype(np.int16), data[f"max{i}"].astype(np.int16)) for i in range(LEVELS)]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, EOFError) as exc:
        log.info("Peaks cache %s unreadable (%s); rebuilding", file.name, exc)
        file.unlink(missing_ok=True)
        return None
    if any(len(mn) != len(mx) for mn, mx in arrays):
        return None
    return Peaks._from_arrays(rate, built, arrays)


def load_media_peaks(
    media_path: str | Path,
    track: int | None = None,
    builder: PeaksBuilder | None = None,
    cancel: threading.Event | None = None,
) -> Peaks:
    """The peaks of a media file: from the disk cache, else built while its audio decodes (then cached).

    Pass your own ``builder`` to draw its ``peaks`` while they fill. Decoding goes through the
    shared audio cache, so the transcriber does not decode the same file again.
    """
    from subtitler.media.audio import load_audio_cached

    file = peaks_cache_file(media_path, track)
    cached = read_peaks(file)
    if cached is not None:
        return cached
    builder = builder or PeaksBuilder()
    load_audio_cached(media_path, track, cancel=cancel, on_chunk=builder.feed)
    peaks = builder.finish()
    save_peaks(peaks, file)
    return peaks
