"""Decoding one audio track to 16 kHz mono float32, once, shared by the transcriber and the waveform.

Decoded samples are rounded to the nearest 16-bit step (k / 32768, the scale of faster-whisper's own
decoder). A 16-bit disk copy then holds them exactly at half the size of float32 (230 MB for two
hours rather than 460 MB), so Whisper gets the same input whether or not the audio was cached.
"""

from __future__ import annotations

import logging
import os
import struct
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from subtitler.core.errors import Cancelled, MediaError
from subtitler.media.fingerprint import file_fingerprint, media_cache_dir
from subtitler.media.probe import check_readable, describe, open_media

__all__ = [
    "AUDIO_CACHE_VERSION",
    "SAMPLE_RATE",
    "AudioCache",
    "ChunkSink",
    "clear_audio_cache",
    "decode_audio",
    "load_audio_cached",
]

SAMPLE_RATE = 16000
AUDIO_CACHE_VERSION = 2
"""Format of the disk copies; bump it whenever the decoded samples or the file layout change."""
_INT16_SCALE = np.float32(1 / 32768)  # a power of two: int16 -> float32 -> int16 is exact

log = logging.getLogger(__name__)

Progress = Callable[[float], None]
# (index of the first sample, the new samples): a view valid only during the call, copy it to keep it.
ChunkSink = Callable[[int, np.ndarray], None]

# A guess for streams whose length the container does not state; the buffer grows from there.
_UNKNOWN_LENGTH_S = 600.0
_GROWTH = 1.5
_PROGRESS_STEP = 0.005


def _stream_seconds(stream: object, fallback_ms: int) -> float:
    duration, time_base = getattr(stream, "duration", None), getattr(stream, "time_base", None)
    if duration and time_base:
        return float(duration * time_base)
    return fallback_ms / 1000


def _on_16bit_grid(samples: np.ndarray) -> np.ndarray:
    """Float samples rounded to the nearest 16-bit step (in place), so a 16-bit copy holds them exactly."""
    np.multiply(samples, np.float32(32768), out=samples)
    np.rint(samples, out=samples)
    np.clip(samples, -32768, 32767, out=samples)
    np.multiply(samples, _INT16_SCALE, out=samples)
    return samples


class _Buffer:
    """A float32 array filled in place and grown with realloc, never as a list of chunks."""

    def __init__(self, capacity: int, on_chunk: ChunkSink | None = None) -> None:
        self.data = np.empty(max(capacity, 1), dtype=np.float32)
        self.size = 0
        self._on_chunk = on_chunk

    def _added(self, count: int) -> None:
        start, self.size = self.size, self.size + count
        if self._on_chunk is not None:
            self._on_chunk(start, self.data[start : self.size])

    def _reserve(self, extra: int) -> None:
        needed = self.size + extra
        if needed > len(self.data):
            # ndarray.resize reallocs: large blocks are remapped by the allocator, not copied next to the old.
            self.data.resize(max(needed, int(len(self.data) * _GROWTH)), refcheck=False)

    def append(self, samples: np.ndarray) -> None:
        self._reserve(len(samples))
        self.data[self.size : self.size + len(samples)] = samples
        self._added(len(samples))

    def append_silence(self, count: int) -> None:
        self._reserve(count)
        self.data[self.size : self.size + count] = 0.0
        self._added(count)

    def result(self) -> np.ndarray:
        self.data.resize(self.size, refcheck=False)
        return self.data


class _MonoResampler:
    """Decoded frames in, mono float32 at the target rate out into a _Buffer (16-bit exact), about a second at a time.

    Resampling frame by frame (1024 samples each) spends more time in per-call overhead than in the
    work itself; gathering frames in a FIFO first makes decoding about 1.8x faster here.
    """

    def __init__(self, rate: int, buffer: _Buffer, group_samples: int) -> None:
        import av

        self._av = av
        self._rate = rate
        self._buffer = buffer
        self._group = group_samples
        self._fifo = av.AudioFifo()
        self._resampler: object | None = None

    def push(self, frame: object) -> None:
        frame.pts = None  # type: ignore[attr-defined]  # the FIFO checks timestamp continuity; gaps are not ours to fix
        try:
            self._fifo.write(frame)
        except ValueError:  # the format changed mid-stream (broadcast recordings): start a fresh chain
            self.flush()
            self._fifo.write(frame)
        if self._fifo.samples >= self._group:
            self._resample(self._fifo.read())

    def flush(self) -> None:
        if self._fifo.samples:
            self._resample(self._fifo.read())
        if self._resampler is not None:
            self._take(self._resampler.resample(None))  # type: ignore[attr-defined]
        self._fifo, self._resampler = self._av.AudioFifo(), None

    def _resample(self, frame: object) -> None:
        if self._resampler is None:
            self._resampler = self._av.AudioResampler(format="flt", layout="mono", rate=self._rate)
        self._take(self._resampler.resample(frame))  # type: ignore[attr-defined]

    def _take(self, frames: list) -> None:
        for out in frames:
            self._buffer.append(_on_16bit_grid(out.to_ndarray().reshape(-1)))


def decode_audio(
    path: str | Path,
    track: int | None = None,
    sample_rate: int = SAMPLE_RATE,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    on_chunk: ChunkSink | None = None,
) -> np.ndarray:
    """Decode one audio track (None: the default one) to mono float32 at ``sample_rate``, 16-bit exact.

    Sample 0 is the start of the file: audio that starts late is preceded by silence, so sample
    ``i`` plays at ``i / sample_rate`` seconds in the player. ``progress(fraction)`` is called as
    decoding advances; ``cancel`` is checked before every packet and raises Cancelled.
    ``on_chunk(start, samples)`` sees every sample once, in order, about a second at a time, so a
    waveform can be built while decoding runs.

    Damaged or truncated files: packets that fail to decode are skipped and reading stops where the
    file stops being readable; what decoded up to there is returned (a warning is logged). MediaError
    is raised only when no audio at all could be decoded.
    """
    import av

    p = Path(path).absolute()
    with open_media(p) as container:
        info = describe(p, container)
        stream = container.streams[info.audio_track(track).stream_index]
        known_s = _stream_seconds(stream, info.duration_ms)
        expected = max(1, int((known_s or _UNKNOWN_LENGTH_S) * sample_rate))
        buffer = _Buffer(expected + sample_rate, on_chunk)  # one second spare: stated durations are rounded
        mono = _MonoResampler(sample_rate, buffer, group_samples=stream.sample_rate or sample_rate)
        origin = (container.start_time or 0) / 1_000_000
        started = False
        damaged = 0
        reported = 0.0
        try:
            for packet in container.demux(stream):
                if cancel is not None and cancel.is_set():
                    raise Cancelled(f"Decoding the audio of {p.name} was cancelled.")
                try:
                    frames = packet.decode()
                except av.error.FFmpegError:
                    damaged += 1
                    continue
                for frame in frames:
                    if not started:
                        started = True
                        lead = (frame.time or 0.0) - origin
                        if lead > 0.001:
                            buffer.append_silence(round(lead * sample_rate))
                    mono.push(frame)
                fraction = min(0.99, buffer.size / expected)  # 1.0 only once everything is in
                if progress is not None and fraction - reported >= _PROGRESS_STEP:
                    reported = fraction
                    progress(fraction)
        except av.error.FFmpegError as exc:
            damaged += 1
            log.warning("Reading %s stopped early: %s", p.name, exc)
        try:
            mono.flush()
        except av.error.FFmpegError:
            damaged += 1

    if buffer.size == 0:
        if damaged:
            raise MediaError(f"No audio could be decoded from {p.name}: the file is corrupt or truncated.")
        raise MediaError(f"The audio track of {p.name} holds no sound.")
    if damaged:
        log.warning(
            "%s is damaged: decoded %.1f s of audio, skipped %d unreadable parts.",
            p.name, buffer.size / sample_rate, damaged,
        )  # fmt: skip
    if progress is not None:
        progress(1.0)
    return buffer.result()


# ---------------------------------------------------------------------------------------------------
# Sharing and caching the decoded samples

_MAGIC = b"SUBTAU"
_HEADER = struct.Struct("<6sHQ")  # magic, format version, sample count: a cut-short file is detected, never misread
_CONVERT_BLOCK = 1 << 20  # samples converted per step, so the int16 copy never exists whole


class AudioCache:
    """The decoded samples of the current media file (one entry), shared by every reader.

    The transcriber and the waveform ask for the same file and get the same read-only array; a
    second caller waits for the first decode instead of decoding again. Files of at least
    ``min_disk_seconds`` are also written to the user cache as 16-bit samples (half the size of
    float32, converted block by block so no second full copy is ever in memory), so re-opening a
    long film skips decoding; the newest ``keep_files`` copies are kept. Decoded samples are
    16-bit exact, so those read back from disk are identical to a fresh decode.
    """

    def __init__(self, disk: bool = True, min_disk_seconds: float = 60.0, keep_files: int = 2) -> None:
        self._disk = disk
        self._min_disk_samples = int(min_disk_seconds * SAMPLE_RATE)
        self._keep_files = keep_files
        self._lock = threading.Lock()
        self._key: str | None = None
        self._samples: np.ndarray | None = None
        self._writer: threading.Thread | None = None

    def get(
        self,
        path: str | Path,
        track: int | None = None,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        on_chunk: ChunkSink | None = None,
    ) -> np.ndarray:
        """The 16 kHz mono samples of ``path`` (read-only), decoded at most once while it stays current.

        ``on_chunk`` sees every sample once, in order: while decoding, a second at a time; when the
        samples were already there, all of them in one call.
        """
        p = check_readable(path)
        key = file_fingerprint(p, "audio", AUDIO_CACHE_VERSION, track, SAMPLE_RATE)
        while not self._lock.acquire(timeout=0.1):
            if cancel is not None and cancel.is_set():
                raise Cancelled(f"Loading the audio of {p.name} was cancelled.")
        decoded = False
        try:
            samples = self._samples
            if self._key != key or samples is None:
                self._key, self._samples = None, None  # let the previous film's samples go before decoding
                samples = self._read_disk(key)
                if samples is None:
                    samples = decode_audio(p, track, SAMPLE_RATE, progress, cancel, on_chunk)
                    decoded = True
                    if self._disk and len(samples) >= self._min_disk_samples:
                        self._write_disk_later(key, samples)
                samples.flags.writeable = False
                self._key, self._samples = key, samples
        finally:
            self._lock.release()
        if not decoded:
            if on_chunk is not None:
                on_chunk(0, samples)
            if progress is not None:
                progress(1.0)
        return samples

    def clear(self) -> None:
        """Forget the samples held in memory (the disk copy stays)."""
        with self._lock:
            self._key, self._samples = None, None

    def flush(self) -> None:
        """Wait until a disk copy being written is complete."""
        writer = self._writer
        if writer is not None:
            writer.join()

    def _read_disk(self, key: str) -> np.ndarray | None:
        if not self._disk:
            return None
        file = media_cache_dir("audio") / f"{key}.s16"
        try:
            with open(file, "rb") as fh:
                magic, version, count = _HEADER.unpack(fh.read(_HEADER.size))
                if (magic, version) != (_MAGIC, AUDIO_CACHE_VERSION) or file.stat().st_size != _HEADER.size + 2 * count:
                    raise ValueError("damaged or outdated audio cache file")
                # Read into one small reused block, not a memory map, so the file's pages do not add to RSS.
                samples = np.empty(count, dtype=np.float32)
                block = np.empty(min(count, _CONVERT_BLOCK), dtype="<i2")
                for start in range(0, count, _CONVERT_BLOCK):
                    part = block[: min(_CONVERT_BLOCK, count - start)]
                    if fh.readinto(memoryview(part).cast("B")) != part.nbytes:
                        raise ValueError("audio cache file ended early")
                    np.multiply(part, _INT16_SCALE, out=samples[start : start + len(part)])
        except FileNotFoundError:
            return None
        except (OSError, struct.error, ValueError):
            file.unlink(missing_ok=True)
            return None
        os.utime(file)  # most recently used: kept when older copies are pruned
        return samples

    def _write_disk_later(self, key: str, samples: np.ndarray) -> None:
        self.flush()
        self._writer = threading.Thread(target=self._write_disk, args=(key, samples), name="audio-cache", daemon=True)
        self._writer.start()

    def _write_disk(self, key: str, samples: np.ndarray) -> None:
        folder = media_cache_dir("audio")
        target = folder / f"{key}.s16"
        tmp = folder / f"{key}.s16.tmp-{os.getpid()}-{threading.get_ident()}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as fh:
                fh.write(_HEADER.pack(_MAGIC, AUDIO_CACHE_VERSION, len(samples)))
                for start in range(0, len(samples), _CONVERT_BLOCK):
                    # Exact: decoded samples are whole multiples of the 16-bit step.
                    block = samples[start : start + _CONVERT_BLOCK] * np.float32(32768)
                    fh.write(block.astype("<i2").tobytes())
            os.replace(tmp, target)
            self._prune(folder, keep=target)
        except OSError as exc:
            # A cache that cannot be written only costs speed next time.
            log.info("Audio cache not written: %s", exc)
            tmp.unlink(missing_ok=True)

    def _prune(self, folder: Path, keep: Path) -> None:
        copies = sorted(folder.glob("*.s16"), key=lambda f: f.stat().st_mtime, reverse=True)
        for old in [c for c in copies if c != keep][max(0, self._keep_files - 1) :]:
            old.unlink(missing_ok=True)
        # Left behind by a process that exited mid-write; a day old is surely not being written.
        for stale in folder.glob("*.s16.tmp-*"):
            if time.time() - stale.stat().st_mtime > 86400:
                stale.unlink(missing_ok=True)


_shared = AudioCache()


def load_audio_cached(
    path: str | Path,
    track: int | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    on_chunk: ChunkSink | None = None,
) -> np.ndarray:
    """The 16 kHz mono samples of ``path`` from the process-wide cache (see AudioCache.get)."""
    return _shared.get(path, track, progress, cancel, on_chunk)


def clear_audio_cache() -> None:
    """Release the samples held by load_audio_cached (when the user closes the media)."""
    _shared.clear()
