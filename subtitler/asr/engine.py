"""The transcription engine: faster-whisper with word timestamps, streamed as events, cancellable.

Audio is decoded once; speech regions come from Silero VAD plus the sound it rejected
(see ``regions``), so no speech is lost to the VAD. The regions are concatenated the way
faster-whisper's own VAD filter does it (same cost as bare faster-whisper), in blocks of
at most five minutes of speech so memory stays flat on a two-hour film, and every word's
time is mapped back to the original timeline.

By default a block is cut into clips of at most 30 s of speech that faster-whisper's batched
pipeline decodes several at a time; it returns one segment per clip, which is cut here into
sentence-like pieces so the editor shows subtitle-sized provisional cues. On a CPU two batches are
decoded at once, each on its share of the threads (see ``device.cpu_decoders``).

Decoding runs in a helper thread; the caller's thread receives segments, emits events and
watches the cancel flag every 0.1 s, so cancel returns within that even while Whisper is
still inside a 30 s window or a batch of them (the helper stops at its next segment; the
process waits for it before exiting).
"""

from __future__ import annotations

import queue
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, TypeVar, Union

import numpy as np

from ..core.errors import Cancelled, ModelError
from ..core.model import Segment, Transcript, Word
from ..core.segment import is_sentence_end
from ..core.stage_times import StageTimes
from .device import all_threads, choose_device
from .fallback import Redecoder
from .hallucination import flag_segment, is_unspoken_stock_phrase
from .in_order import run_in_order
from .models import DEFAULT_MODEL, resolve_model
from .regions import SAMPLE_RATE, Region, energy_regions, merge_regions, speech_regions, split_long, unheard_regions
from .window_encoder import WindowEncodingModel

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

__all__ = [
    "TranscribeOptions",
    "SegmentEvent",
    "ProgressEvent",
    "LanguageEvent",
    "Event",
    "transcribe",
    "load_model",
]

_BLOCK_SPEECH_S = 300.0
_WINDOW_S = 30  # Whisper's window: the batched pipeline transcribes one window per clip
_PIECE_PAUSE_MS = 500
_PIECE_MAX_MS = 10_000
_CUT_SEARCH_S = 10
_POLL_S = 0.1
_SURE_LANGUAGE = 0.8
_LANGUAGE_VOTES = 4
_PHRASE_PAUSE_S = 0.3
_UNSPACED_LANGUAGES = {"zh", "ja", "th", "lo", "km", "my", "yue", "bo"}


@dataclass(frozen=True)
class TranscribeOptions:
    """What to transcribe with and how."""

    model: str = DEFAULT_MODEL
    language: str | None = None
    """ISO code ("en", "fr"); None detects it."""
    task: str = "transcribe"
    """"transcribe", or "translate" (into English)."""
    initial_prompt: str | None = None
    hotwords: str | None = None
    condition_on_previous_text: bool = False
    """Off by default: on, French runs fell into repetition loops and dropped sentences.
    Sequential decoding only: the batched pipeline never conditions on earlier windows."""
    vad: bool = True
    """Skip silence with Silero VAD (sound it rejected is still transcribed)."""
    rescue: bool = True
    """Also transcribe stretches the VAD rejected that carry sound."""
    beam_size: int = 5
    batched: bool = True
    """Decode several 30 s windows at once (faster-whisper's batched pipeline): 1.5-1.9x faster
    here than one window after another at the same recall (benchmarks/batched.py)."""
    batch_size: int | None = None
    """Windows per batch; None: the device's (4 on a CPU, 8 on a GPU; see ``device``)."""
    audio_track: int | None = None
    cpu_threads: int = field(default_factory=all_threads)
    device: str = "auto"
    """"auto" (a CUDA GPU when CTranslate2 sees one, else the CPU), "cpu" or "cuda"."""
    compute_type: str = "auto"
    """"auto" (float16 or int8_float16 on a GPU, int8 on the CPU) or a CTranslate2 compute type."""


@dataclass(frozen=True)
class SegmentEvent:
    """A finished segment with its words, in time order."""

    segment: Segment


@dataclass(frozen=True)
class ProgressEvent:
    """Share of the speech transcribed so far, and the estimated seconds left (None: unknown yet)."""

    fraction: float
    eta_seconds: float | None


@dataclass(frozen=True)
class LanguageEvent:
    """The language being transcribed (detected or forced) and the detector's confidence."""

    language: str
    probability: float


Event = Union[SegmentEvent, ProgressEvent, LanguageEvent]
Source = Union[str, Path, np.ndarray]
T = TypeVar("T")


_MODEL_KEEPER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="subtitler-models")
"""The one thread that loads models; it lives as long as the process. CTranslate2 ran a model 5x
slower once the thread that had loaded it ended: a model loaded by one transcription's thread and
kept for the next would have been."""


@lru_cache(maxsize=2)
def load_model(
    path: str, cpu_threads: int, device: str = "cpu", compute_type: str = "int8", workers: int = 1
) -> "WhisperModel":
    """The Whisper model in ``path`` on ``device`` with ``compute_type`` weights, able to run ``workers``
    calls at once on ``cpu_threads`` threads each (kept loaded for the next run)."""
    return _MODEL_KEEPER.submit(_construct, path, cpu_threads, device, compute_type, workers).result()


def _construct(path: str, cpu_threads: int, device: str, compute_type: str, workers: int) -> "WhisperModel":
    from faster_whisper import WhisperModel

    try:
        return WhisperModel(path, device=device, compute_type=compute_type, cpu_threads=cpu_threads, num_workers=workers)
    except (RuntimeError, OSError, ValueError) as exc:
        raise ModelError(f"The model in {path} could not be loaded: {exc}") from exc


def _listen(
    source: Source, options: TranscribeOptions, stop: threading.Event, times: StageTimes
) -> tuple[np.ndarray, list[Region]]:
    """The source's 16 kHz samples and the regions to transcribe (all of it without VAD); ``stop`` ends it early."""
    with times.stage("decode audio (helper thread)"):
        audio = _load_audio(source, options.audio_track, stop)
    if stop.is_set():
        raise Cancelled("Transcription was cancelled.")
    with times.stage("VAD and speech regions (helper thread)"):
        regions = speech_regions(audio, options.rescue) if options.vad else [(0, len(audio))]
    return audio, regions


def _result(future: "Future[T]", check_cancel: Callable[[], None]) -> T:
    """The future's result, waited for a tenth of a second at a time so a cancel is heard."""
    while True:
        check_cancel()
        try:
            return future.result(timeout=_POLL_S)
        except FutureTimeout:
            continue


def _load_audio(source: Source, track: int | None, cancel: threading.Event | None) -> np.ndarray:
    if isinstance(source, np.ndarray):
        return source.astype(np.float32, copy=False)
    from ..media.audio import load_audio_cached

    return load_audio_cached(source, track, cancel=cancel)


def _blocks(audio: np.ndarray, regions: list[Region], longest_s: float = _BLOCK_SPEECH_S) -> list[list[Region]]:
    """Regions grouped so each group holds at most five minutes of speech (regions longer than
    ``longest_s`` are cut at a quiet moment): faster-whisper computes a block's features at once,
    ~1 MB per second."""
    regions = split_long(audio, regions, int(longest_s * SAMPLE_RATE), _CUT_SEARCH_S * SAMPLE_RATE)
    blocks: list[list[Region]] = []
    current: list[Region] = []
    held = 0
    for start, end in regions:
        if current and held + (end - start) > _BLOCK_SPEECH_S * SAMPLE_RATE:
            blocks.append(current)
            current, held = [], 0
        current.append((start, end))
        held += end - start
    if current:
        blocks.append(current)
    return blocks


def _windows(block: list[Region]) -> list[list[Region]]:
    """The block's regions packed, in order, into groups of at most 30 s of speech (one Whisper window each)."""
    windows: list[list[Region]] = []
    held = 0
    for s, e in block:
        if not windows or held + (e - s) > _WINDOW_S * SAMPLE_RATE:
            windows.append([])
            held = 0
        windows[-1].append((s, e))
        held += e - s
    return windows


def _windowed(audio: np.ndarray, block: list[Region]) -> tuple[np.ndarray, list[dict], list[dict]]:
    """The block's windows one after another, each padded with silence to 30 s; their clips (in
    seconds of that audio) for the batched pipeline; and the chunks mapping it back to the original.

    Padding with silence matters: the pipeline pads a short clip's features with values Whisper
    does not hear as silence, and short French clips came out garbled. Each padding maps to just
    after its window's last region (no word belongs there).
    """
    pieces: list[np.ndarray] = []
    clips: list[dict] = []
    chunks: list[dict] = []
    for n, window in enumerate(_windows(block)):
        pad = _WINDOW_S * SAMPLE_RATE - sum(e - s for s, e in window)
        pieces += [audio[s:e] for s, e in window] + [np.zeros(pad, np.float32)]
        clips.append({"start": n * _WINDOW_S, "end": (n + 1) * _WINDOW_S})
        last = window[-1][1]
        chunks += [{"start": s, "end": e} for s, e in window] + [{"start": last, "end": last + pad}]
    return np.concatenate(pieces), clips, chunks


def _even_batch(windows: int, largest: int, workers: int = 1) -> int:
    """Windows per batch for ``windows`` windows, at most ``largest``, in batches as even as fixed-size
    slices allow and, when ``workers`` decode at once, as many batches as keep every worker busy: 6
    windows go 3 + 3, not 4 + 2 (6% faster on the 181 s sample, 12.0 s against 12.8 s, median of 3)."""
    batches = -(-windows // largest)
    batches = min(windows, -(-batches // workers) * workers)
    return max(1, -(-windows // max(1, batches)))


def _decode_settings(options: TranscribeOptions) -> dict[str, object]:
    """What faster-whisper is told about the speech and the search, on every decoding path."""
    return dict(
        language=options.language,
        task=options.task,
        beam_size=options.beam_size,
        initial_prompt=options.initial_prompt,
        hotwords=options.hotwords,
    )


def _check_model_language(model: "WhisperModel", name: str, options: TranscribeOptions) -> None:
    if options.task not in ("transcribe", "translate"):
        raise ModelError(f"Unknown task '{options.task}': use transcribe or translate.")
    if model.model.is_multilingual:
        if options.language and options.language not in model.supported_languages:
            raise ModelError(f"'{options.language}' is not a language code Whisper knows (use codes like en, fr, de).")
        return
    if options.language not in (None, "en"):
        raise ModelError(f"The model {name} knows only English; choose a multilingual model (base) for '{options.language}'.")
    if options.task == "translate":
        raise ModelError(f"The model {name} knows only English and cannot translate; choose base.")


class _Producer(threading.Thread):
    """Runs faster-whisper over the blocks and queues (kind, payload) items for the caller."""

    def __init__(
        self, model: "WhisperModel", audio: np.ndarray, blocks: list[list[Region]], options: TranscribeOptions,
        redecoder: Redecoder, workers: int,
    ):
        # Not a daemon: interpreter shutdown must wait for it to leave CTranslate2 (it stops at its
        # next segment once ``stop`` is set), or tearing down under native code crashes the process.
        super().__init__(name="subtitler-transcribe", daemon=False)
        self.model, self.audio, self.blocks, self.options = model, audio, blocks, options
        self.redecoder, self.workers = redecoder, workers
        self.items: queue.Queue[tuple[str, object]] = queue.Queue(maxsize=64)
        self.stop = threading.Event()

    def _put(self, item: tuple[str, object]) -> bool:
        while not self.stop.is_set():
            try:
                self.items.put(item, timeout=_POLL_S)
                return True
            except queue.Full:
                continue
        return False

    def run(self) -> None:
        try:
            for block in self.blocks:
                for segment in self._block(block):
                    if not self._put(("segment", segment)):
                        return
            self._put(("done", None))
        except BaseException as exc:  # handed to the caller's thread, which re-raises it
            self._put(("error", exc))

    def _block(self, block: list[Region]) -> Iterator[object]:
        from faster_whisper.transcribe import restore_speech_timestamps

        o = self.options
        settings = dict(_decode_settings(o), word_timestamps=True, vad_filter=False)
        if o.batched:
            audio, clips, chunks = _windowed(self.audio, block)
            size = _even_batch(len(clips), o.batch_size or 1, self.workers)
            batches = [clips[n : n + size] for n in range(0, len(clips), size)]
            decoded = run_in_order(partial(self._batch, audio, settings=settings), batches, self.workers)
            segments = (segment for found in decoded for segment in found)
        else:
            chunks = [{"start": s, "end": e} for s, e in block]
            audio = np.concatenate([self.audio[s:e] for s, e in block])
            segments, _ = self.model.transcribe(
                audio, condition_on_previous_text=o.condition_on_previous_text, **settings
            )
        del audio  # the model keeps its own features (and each batch what it needs): drop this name early
        restored = restore_speech_timestamps(segments, chunks, SAMPLE_RATE)
        if o.batched:
            restored = self.redecoder.checked(restored, self.audio, _windows(block), self.stop)
        for segment in restored:
            if self.stop.is_set():
                return
            yield segment

    def _batch(self, audio: np.ndarray, clips: list[dict], settings: dict[str, object]) -> list[object]:
        """faster-whisper's segments for one batch of clips of ``audio``, decoded together.

        Each batch starts afresh, as if the speech before its first clip ended at that clip's start
        (faster-whisper's rule for the first word after a pause), so batches decoded at once give the
        same words and times however they are shared out."""
        from faster_whisper import BatchedInferencePipeline

        if self.stop.is_set():
            return []
        pipeline = BatchedInferencePipeline(self.model)
        pipeline.last_speech_timestamp = clips[0]["start"]
        segments, _ = pipeline.transcribe(audio, clip_timestamps=clips, batch_size=len(clips), **settings)
        return list(segments)


def _produce(
    model: "WhisperModel", audio: np.ndarray, blocks: list[list[Region]], options: TranscribeOptions,
    redecoder: Redecoder, workers: int, check_cancel: Callable[[], None],
) -> Iterator[object]:
    """faster-whisper's segments for ``blocks``, decoded in a helper thread; cancellable within ~0.1 s."""
    producer = _Producer(model, audio, blocks, options, redecoder, workers)
    producer.start()
    try:
        while True:
            check_cancel()
            try:
                kind, payload = producer.items.get(timeout=_POLL_S)
            except queue.Empty:
                continue
            if kind == "done":
                return
            if kind == "error":
                raise payload  # type: ignore[misc]
            yield payload
    finally:
        producer.stop.set()


def _detect_language(
    model: "WhisperModel", audio: np.ndarray, regions: list[Region], check_cancel: Callable[[], None]
) -> tuple[str, float]:
    """The spoken language: from the first 30 s of speech or, when that guess is unsure, by a vote
    over the longest phrases weighted by their length (short or synthetic speech fooled the
    single guess here: a French voice heard as Hungarian)."""
    window = np.concatenate([audio[s:e] for s, e in regions])[: 30 * SAMPLE_RATE] if regions else audio[:0]
    language, probability, _ = model.detect_language(window)
    if probability >= _SURE_LANGUAGE or not regions:
        return language, float(probability)
    votes: dict[str, float] = {}
    pieces = [piece for s, e in regions for piece in energy_regions(audio, s, e, _PHRASE_PAUSE_S)]
    for start, end in sorted(pieces, key=lambda r: r[0] - r[1])[:_LANGUAGE_VOTES]:
        check_cancel()
        for code, p in model.detect_language(audio[start:end])[2]:
            votes[code] = votes.get(code, 0.0) + p * (end - start)
    if not votes:
        return language, float(probability)
    best = max(votes, key=votes.__getitem__)
    return best, votes[best] / sum(votes.values())


def _to_segment(raw: object, duration_ms: int, floor_ms: int, spaced: bool = True) -> Segment | None:
    """Our Segment from faster-whisper's: int ms, stripped words, times kept in order and in the clip.

    In languages written with spaces, a piece without a leading space ("'est" after "C",
    "-titler" after "Sub") belongs to the word before it and is glued back on.
    """
    words: list[Word] = []
    cursor = floor_ms
    for w in raw.words or ():  # type: ignore[attr-defined]
        text = w.word.strip()
        if not text:
            continue
        start = min(max(int(round(w.start * 1000)), cursor), duration_ms)
        end = min(max(int(round(w.end * 1000)), start), duration_ms)
        probability = round(float(w.probability), 4)
        if spaced and words and not w.word[:1].isspace():
            last = words.pop()
            start, text, probability = last.start, last.text + text, min(last.probability, probability)
        words.append(Word(start, end, text, probability))
        cursor = start
    text = " ".join(w.text for w in words)
    if not words:
        return None
    return Segment(words[0].start, words[-1].end, text, tuple(words))


def _pieces(segment: Segment) -> list[Segment]:
    """The segment cut into sentence-like pieces: after a sentence end, at a pause, and before a
    piece outgrows ten seconds (the batched pipeline gives one segment per 30 s window)."""
    pieces: list[list[Word]] = [[]]
    words = segment.words
    for i, word in enumerate(words):
        current = pieces[-1]
        if current and (word.start - current[-1].end >= _PIECE_PAUSE_MS or word.end - current[0].start > _PIECE_MAX_MS):
            pieces.append(current := [])
        current.append(word)
        if is_sentence_end(word.text, words[i + 1].text if i + 1 < len(words) else None):
            pieces.append([])
    return [Segment(p[0].start, p[-1].end, " ".join(w.text for w in p), tuple(p)) for p in pieces if p]


def _spoken_before(regions: list[Region]) -> Callable[[int], float]:
    """Maps a time (ms) to the seconds of regions before it, for progress."""
    starts = np.array([s for s, _ in regions], dtype=np.int64)
    ends = np.array([e for _, e in regions], dtype=np.int64)
    cumulative = np.concatenate(([0], np.cumsum(ends - starts)))

    def before(ms: int) -> float:
        sample = ms * SAMPLE_RATE // 1000
        i = int(np.searchsorted(starts, sample, side="right"))
        if i == 0:
            return 0.0
        inside = min(sample, int(ends[i - 1])) - int(starts[i - 1])
        return float(cumulative[i - 1] + max(inside, 0)) / SAMPLE_RATE

    return before


def transcribe(
    source: Source,
    options: TranscribeOptions | None = None,
    on_event: Callable[[Event], None] | None = None,
    cancel: threading.Event | None = None,
    times: StageTimes | None = None,
) -> Transcript:
    """Transcribe a media file (or 16 kHz mono samples) into a word-timed Transcript.

    Events stream through ``on_event`` in the caller's thread as segments are found.
    Setting ``cancel`` raises Cancelled within about 0.1 s. ``times`` receives the wall time of
    each stage (decode, model, speech regions, language, passes; encoder and word alignment inside them).
    """
    options = options or TranscribeOptions()
    emit = on_event or (lambda event: None)
    times = times or StageTimes()

    def check_cancel() -> None:
        if cancel is not None and cancel.is_set():
            raise Cancelled("Transcription was cancelled.")

    model_path = resolve_model(options.model)
    device = choose_device(options.device, options.compute_type)
    options = replace(options, batch_size=options.batch_size or device.batch_size)
    workers, threads = device.decoders(options.cpu_threads) if options.batched else (1, options.cpu_threads)
    # The audio is decoded and searched for speech in a helper thread while the model loads: on
    # two cores that hides most of the loading (and of importing faster-whisper).
    stop = threading.Event()  # set when this call gives up (cancelled, or no model): the helper stops too
    listener = ThreadPoolExecutor(max_workers=1, thread_name_prefix="subtitler-audio")
    listening = listener.submit(_listen, source, options, stop, times)
    listener.shutdown(wait=False)  # a cancel or a bad model never waits for the decoding
    try:
        with times.stage("load model"):
            model = load_model(str(model_path), threads, device.device, device.compute_type, workers)
        with times.stage("waiting for decode and VAD"):
            audio, regions = _result(listening, check_cancel)
    except BaseException:
        stop.set()
        raise
    _check_model_language(model, options.model, options)
    duration_ms = int(len(audio) * 1000 // SAMPLE_RATE)
    regions = [(s, e) for s, e in regions if e > s]
    check_cancel()
    total_s = sum(e - s for s, e in regions) / SAMPLE_RATE
    spoken_before = _spoken_before(regions) if regions else (lambda ms: 0.0)

    if options.language or not model.model.is_multilingual:
        language, probability = options.language or "en", 1.0
    elif regions:
        with times.stage("language detection"):
            language, probability = _detect_language(model, audio, regions, check_cancel)
    else:
        language, probability = "", 0.0  # nothing to hear, nothing to detect
    if language:
        emit(LanguageEvent(language, probability))

    options = replace(options, language=language)
    spaced = language not in _UNSPACED_LANGUAGES
    redecoder = Redecoder(str(model_path), threads, _decode_settings(options))
    started = time.monotonic()

    def on_progress(end_ms: int) -> None:
        fraction = min(1.0, spoken_before(end_ms) / total_s) if total_s else 1.0
        elapsed = time.monotonic() - started
        emit(ProgressEvent(fraction, elapsed * (1 - fraction) / fraction if fraction > 0.02 else None))

    def run_pass(pass_regions: list[Region], found: list[Segment], progress: bool) -> None:
        blocks = _blocks(audio, pass_regions, _WINDOW_S if options.batched else _BLOCK_SPEECH_S)
        this_pass: list[Segment] = []
        for raw in _produce(WindowEncodingModel(model, times), audio, blocks, options, redecoder, workers, check_cancel):
            floor = this_pass[-1].words[-1].start if this_pass else 0
            segment = _to_segment(raw, duration_ms, floor, spaced)
            if segment is None:
                continue
            for piece in _pieces(segment) if options.batched else [segment]:
                if is_unspoken_stock_phrase(piece, audio):
                    continue  # "Thanks for watching" over music or silence: nobody said it
                piece = flag_segment(piece, found[-1] if found else None, float(raw.no_speech_prob))  # type: ignore[attr-defined]
                found.append(piece)
                this_pass.append(piece)
                emit(SegmentEvent(piece))
            if progress:
                on_progress(segment.end)

    segments: list[Segment] = []
    with times.stage("first pass"):
        run_pass(regions, segments, progress=True)
    # Whisper sometimes ends a window early and never comes back to the rest of it (whole
    # sentences lost here): transcribe again, once, the sound no word covers.
    heard = [(w.start * SAMPLE_RATE // 1000, w.end * SAMPLE_RATE // 1000) for seg in segments for w in seg.words]
    missed = unheard_regions(audio, merge_regions(regions), heard) if options.vad else []
    if missed:
        with times.stage("second pass"):
            run_pass(missed, segments, progress=False)
        segments.sort(key=lambda seg: seg.start)
    emit(ProgressEvent(1.0, 0.0))
    return Transcript(language, tuple(segments), options.model, duration_ms)
