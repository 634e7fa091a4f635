"""Forced alignment: every word of the user's own text timed to the audio, none lost, added or moved.

The audio is cut into windows of at most 30 s of contiguous sound, cut where two speech regions
meet (Silero VAD plus rescued sound, as for transcription). Each window is encoded once by
Whisper and the encoder output serves twice:

1. a beam search without timestamps (as in batched transcription, 3 wide) gives Whisper's own
   punctuated hypothesis of the window; a word diff of the hypotheses against the user's words
   says which words each window holds (pending windows are diffed together, so words at a
   window edge go where the speech is; words between two anchors, across a window Whisper
   misheard too, are shared in proportion to the words it heard there);
2. the window's words, as tokens, are aligned to the same encoder output by Whisper's
   cross-attention DTW (CTranslate2's ``align``, as faster-whisper does for its own words), with
   the attention of every head of the decoder's last half (``ALIGNMENT_HEADS``), which was
   measured steadier than the few heads a model names (benchmarks/align.py).

Long pauses are left out of what the DTW sees, except in sound Silero rejected but the region
rescue kept (hoarse speech). Cross-attention spreads a word over the silence next to it, so word
edges are then moved out of the pauses Silero VAD hears inside the window (a word astride one
goes after it when Whisper's hypothesis opened a sentence with it, before when it ended one,
else to the side with more speech), and fitted to the pauses the loudness shows: a word astride
one goes to the side with more of its sound, and speech no word covers next to a pause (up to
0.5 s) goes to the word beside it. A filler Whisper did not write ("um") is moved onto the sound
no word covers beside it. A word of three letters or fewer right after another starts at most
0.25 s before its end (the DTW hands it the tail of a drawn-out word). A word that cannot be
placed (text with no audio: no window, no hypothesis match and next to no time from the DTW, or
past the decoder's length) is spread evenly over the time between its placed neighbours and
flagged ``FLAG_UNHEARD`` (with ``FLAG_INTERPOLATED``).

Windows are encoded and decoded four at a time (in batches as even as that allows), and on a CPU
two batches at once, as for transcription; encoder outputs are kept for at most ``_MAX_PENDING``
windows beside the batches being decoded, so memory stays flat on a long film. The work runs in a
helper thread; cancel returns within 0.1 s, progress is reported per window.
"""

from __future__ import annotations

import json
import queue
import re
import struct
import threading
import time
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

import numpy as np

from ..core.errors import Cancelled, ModelError
from ..core.model import FLAG_INTERPOLATED, FLAG_UNHEARD, Word
from ..core.textdiff import normalize, spread_words
from ..core.transcript_import import FILLERS
from .device import all_threads, cpu_decoders
from .engine import (
    _MODEL_KEEPER, Event, LanguageEvent, ProgressEvent, Source, _construct, _detect_language, _even_batch, _load_audio,
)
from .in_order import run_in_order
from .models import DEFAULT_MODEL, resolve_model
from .regions import SAMPLE_RATE, Region, rescued_regions, speech_regions, split_long
from .window_encoder import encode_each

if TYPE_CHECKING:
    from faster_whisper import WhisperModel
    from faster_whisper.tokenizer import Tokenizer

__all__ = ["AlignOptions", "Alignment", "align", "ALIGNMENT_HEADS"]

ALIGNMENT_HEADS = "last-half"
"""Cross-attention heads the DTW averages: "model" (the few the model's config names),
"last-half" (every head of the decoder's last half) or "all"."""

_WINDOW_S = 30
_EDGE_PAD_S = 0.3  # sound kept around each speech region so no onset is clipped
_MAX_PENDING = 8  # windows whose encoder output waits for the diff to settle
_BATCH = 4  # windows encoded and decoded at once, as for transcription on a CPU
_BEAM = 3  # greedy put more sentence ends in the wrong place; 5 (as transcription) took longer than transcribing
_MAX_TOKENS = 440  # the decoder holds 448 positions, the start sequence and end included
_FRAME_S = 0.02  # one encoder frame
_VAD_HOP = 512
_PAUSE_PROB = 0.35  # below this Silero hears no speech
_SPEECH_PROB = 0.5
_MIN_PAUSE_S = 0.096  # three VAD frames
_MIN_WORD_MS = 20
_CUT_PAUSE_MS = 200  # pauses this long are left out of what the DTW sees
_CUT_MARGIN_MS = 60  # silence kept at each side of a pause left out
_UNPLACED_MS = 30  # an unmatched word the DTW gives less than this was not heard
_MIN_ANCHOR_CHARS = 5  # a run of matched words shorter than this (letters) is not trusted as an anchor
_LOOP_RATIO = 2.4
_RETRY_TEMPERATURES = (0.4, 0.8)
_POLL_S = 0.1
_ENERGY_HOP_MS = 10
_ENERGY_PAUSE_MS = 150  # longer than the closure of a stop consonant
_ENERGY_SPLIT = 0.3  # loud: above this share of the way from the window's floor to its speech level
_FILLER_MS = 150  # loud sound no word covers that a filler beside it can be
_UNCOVERED_LOUD = 0.6  # share of loud frames that makes uncovered sound part of the next word
_UNCOVERED_MAX_MS = 500  # longer uncovered sound is something else (a laugh, another voice), not a word's edge
_SHORT_WORD_LETTERS = 3
_SHORT_WORD_MAX_MS = 250  # a short word right after another rarely takes longer; its DTW span often does


@dataclass(frozen=True)
class AlignOptions:
    """What to align with."""

    model: str = DEFAULT_MODEL
    language: str | None = None
    """ISO code; None detects it from the audio."""
    audio_track: int | None = None
    heads: str = ALIGNMENT_HEADS
    cpu_threads: int = field(default_factory=all_threads)
    """As for transcription: every core (two batches at once, see ``cpu_decoders``)."""


@dataclass(frozen=True)
class Alignment:
    """The user's words with times, and Whisper's own punctuated hypothesis of the same audio."""

    words: tuple[Word, ...]
    """One per given word, in order, with the given text."""
    hypothesis: tuple[Word, ...]
    """Whisper's words (times approximate: shared out over each window)."""
    matches: tuple[int | None, ...]
    """For each given word, the index of the hypothesis word it matched (None: no match)."""
    language: str
    duration: int
    model: str = ""


@dataclass
class _Window:
    """A stretch of audio being aligned: its span (samples), encoder output and hypothesis."""

    start: int
    end: int
    encoded: np.ndarray | None = None
    """The encoder output (1 x frames x width), until the window's words are timed."""
    frames: int = 0
    hypothesis: list[Word] = field(default_factory=list)
    probabilities: np.ndarray = field(default_factory=lambda: np.zeros(0))
    """Silero's speech probability per 32 ms of the window."""
    kept: list[tuple[int, int]] = field(default_factory=list)
    """The spans (ms, absolute) of the window that were encoded, long pauses left out."""

    def to_time(self, encoded_ms: int, is_end: bool) -> int:
        """The absolute time (ms) of a time in the encoded audio (the kept spans one after another)."""
        done = 0
        for n, (a, b) in enumerate(self.kept):
            length = b - a
            inside = encoded_ms < done + length if not is_end else encoded_ms <= done + length
            if inside or n == len(self.kept) - 1:
                return min(b, a + max(0, encoded_ms - done))
            done += length
        return self.start * 1000 // SAMPLE_RATE


def _windows(audio: np.ndarray, regions: list[Region]) -> list[tuple[int, int]]:
    """Contiguous stretches of at most 30 s covering every region (padded), cut between regions.

    Padding stops at the neighbouring region, so a cut between two close regions falls at
    their boundary (a pause), never inside the next one's speech."""
    limit = _WINDOW_S * SAMPLE_RATE
    pad = int(_EDGE_PAD_S * SAMPLE_RATE)
    ends = [0] + [e for _, e in regions]
    starts = [s for s, _ in regions] + [len(audio)]
    padded = [(max(0, min(s, max(s - pad, ends[n]))), min(len(audio), max(e, min(e + pad, starts[n + 1]))))
              for n, (s, e) in enumerate(regions)]
    spans = split_long(audio, padded, limit, 10 * SAMPLE_RATE)
    windows: list[list[int]] = []
    for s, e in spans:
        if windows and e - windows[-1][0] <= limit and s <= windows[-1][1] + limit:
            windows[-1][1] = max(windows[-1][1], e)
        else:
            windows.append([max(s, windows[-1][1]) if windows else s, e])
    return [(s, e) for s, e in windows if e > s]


def _decoder_heads(model_bin: bytes) -> list[list[int]] | None:
    """(layer, head) for every head of the decoder's layers, read from CTranslate2's variable names
    and the embedding's width (Whisper's heads are 64 wide); None when the file says otherwise."""
    layers = {int(n) for n in re.findall(rb"decoder/layer_(\d+)/", model_bin)}
    found = re.search(rb"decoder/embeddings/weight\x00", model_bin)
    if not layers or found is None or model_bin[found.end()] != 2:
        return None
    _, width = struct.unpack("<2I", model_bin[found.end() + 1 : found.end() + 9])
    return [[layer, head] for layer in range(max(layers) + 1) for head in range(width // 64)]


@lru_cache(maxsize=2)
def _load_aligner(path: str, cpu_threads: int, heads: str) -> "WhisperModel":
    """The model whose DTW averages the cross-attention heads ``heads`` (kept loaded), able to decode
    as many batches at once as the CPU's threads allow (``cpu_decoders``). Runs on the thread that
    loads every model (see ``engine._MODEL_KEEPER``)."""
    from faster_whisper import WhisperModel

    folder = Path(path)
    workers, threads = cpu_decoders(cpu_threads)
    if heads == "model":
        return _construct(path, threads, "cpu", "int8", workers)
    try:
        files = {name: (folder / name).read_bytes() for name in ("model.bin", "config.json", "vocabulary.txt",
                                                                 "tokenizer.json") if (folder / name).exists()}
        every = _decoder_heads(files["model.bin"])
        if every is None:
            return _construct(path, threads, "cpu", "int8", workers)
        layers = max(layer for layer, _ in every) + 1
        config = json.loads(files.get("config.json", b"{}"))
        config["alignment_heads"] = [h for h in every if heads == "all" or h[0] >= layers // 2]
        files["config.json"] = json.dumps(config).encode("utf-8")
        return WhisperModel(path, device="cpu", compute_type="int8", cpu_threads=threads, num_workers=workers, files=files)
    except (RuntimeError, OSError, ValueError, KeyError) as exc:
        raise ModelError(f"The model in {path} could not be loaded for alignment: {exc}") from exc


def _tokenizer(model: "WhisperModel", language: str) -> "Tokenizer":
    from faster_whisper.tokenizer import Tokenizer

    multilingual = model.model.is_multilingual
    return Tokenizer(model.hf_tokenizer, multilingual, task="transcribe", language=language if multilingual else "en")


def _encode(model: "WhisperModel", windows: Sequence[np.ndarray]) -> list[tuple[np.ndarray, int]]:
    """The encoder output of each of a batch of up to 30 s of samples (one window at a time, see
    ``encode_each``), and how many mel frames hold real audio."""
    features, frames = [], []
    for samples in windows:
        mel = model.feature_extractor(samples)[:, : _WINDOW_S * 100]
        frames.append(mel.shape[-1])
        features.append(np.pad(mel, ((0, 0), (0, _WINDOW_S * 100 - mel.shape[-1]))))
    return [(np.ascontiguousarray(encoded), n) for encoded, n in zip(encode_each(model, np.stack(features)), frames)]


def _storage(encoded: object) -> object:
    """CTranslate2's view of an encoder output kept as an array (shared, not copied)."""
    import ctranslate2

    return ctranslate2.StorageView.from_array(encoded)


def _looped(text: str) -> bool:
    data = text.encode("utf-8")
    return len(data) > 40 and len(data) / len(zlib.compress(data)) > _LOOP_RATIO


def _prompt(tokenizer: "Tokenizer") -> list[int]:
    """Start of transcript, language, task, no timestamps."""
    return [*tokenizer.sot_sequence, tokenizer.no_timestamps]


def _decode(model: "WhisperModel", tokenizer: "Tokenizer", windows: Sequence[_Window]) -> list[list[int]]:
    """Whisper's tokens for each window of a batch (one beam search for the batch)."""
    batch = _storage(np.concatenate([w.encoded for w in windows]))
    results = model.model.generate(batch, [_prompt(tokenizer)] * len(windows), max_length=448, suppress_blank=True,
                                   suppress_tokens=[-1], beam_size=_BEAM)
    return [r.sequences_ids[0] for r in results]


def _hypothesis(model: "WhisperModel", tokenizer: "Tokenizer", window: _Window, tokens: list[int]) -> list[Word]:
    """Whisper's own words for the window from its ``tokens`` (sampled again if they loop),
    times shared out by characters over the window."""
    import ctranslate2

    for n, temperature in enumerate(_RETRY_TEMPERATURES, 1):
        if not _looped(tokenizer.decode([t for t in tokens if t < tokenizer.eot])):
            break
        ctranslate2.set_random_seed(n)  # retries are reproducible
        result = model.model.generate(
            _storage(window.encoded), [_prompt(tokenizer)], max_length=448, suppress_blank=True,
            suppress_tokens=[-1], beam_size=1, sampling_topk=0, sampling_temperature=temperature,
        )
        tokens = result[0].sequences_ids[0]
    texts = tokenizer.decode([t for t in tokens if t < tokenizer.eot]).split()
    span_ms = sum(b - a for a, b in window.kept)
    # Shared out in the encoded audio, then put back on the file's clock (pauses included).
    return [Word(window.to_time(w.start, False), window.to_time(w.end, True), w.text)
            for w in spread_words(texts, 0, span_ms, flagged=False)]


@lru_cache(maxsize=1)
def _vad() -> Callable[[np.ndarray], np.ndarray]:
    from faster_whisper.vad import get_vad_model

    return get_vad_model()  # type: ignore[no-any-return]


def _speech_probabilities(samples: np.ndarray) -> np.ndarray:
    """Silero VAD's speech probability for every 32 ms of the samples."""
    padded = np.pad(samples, (0, (-len(samples)) % _VAD_HOP))
    return np.asarray(_vad()(padded)).ravel()


def _with_rescued(probabilities: np.ndarray, start: int, rescued: list[Region]) -> np.ndarray:
    """Silero's probabilities for a window starting at sample ``start``, with rescued sound counted as speech."""
    out = probabilities.copy()
    for s, e in rescued:
        a, b = max(0, (s - start) // _VAD_HOP), max(0, -(-(e - start) // _VAD_HOP))
        out[a:b] = np.maximum(out[a:b], _SPEECH_PROB)
    return out


def _pauses(probabilities: np.ndarray, offset_ms: int) -> list[tuple[int, int]]:
    """Stretches where Silero hears no speech, as (start ms, end ms)."""
    quiet = np.concatenate(([False], probabilities < _PAUSE_PROB, [False]))
    edges = np.flatnonzero(np.diff(quiet.astype(np.int8)))
    hop_ms = _VAD_HOP * 1000 / SAMPLE_RATE
    found = []
    for first, last in zip(edges[::2], edges[1::2]):
        if (last - first) * hop_ms / 1000 >= _MIN_PAUSE_S:
            found.append((offset_ms + int(first * hop_ms), offset_ms + int(last * hop_ms)))
    return found


def _kept_spans(probabilities: np.ndarray, start_ms: int, end_ms: int) -> list[tuple[int, int]]:
    """The window without its long pauses (a margin kept at each edge): silence the DTW could hand to a word."""
    kept: list[tuple[int, int]] = []
    cursor = start_ms
    for p0, p1 in _pauses(probabilities, start_ms):
        if p1 - p0 >= _CUT_PAUSE_MS + 2 * _CUT_MARGIN_MS:
            if p0 + _CUT_MARGIN_MS > cursor:
                kept.append((cursor, p0 + _CUT_MARGIN_MS))
            cursor = p1 - _CUT_MARGIN_MS
    if end_ms > cursor:
        kept.append((cursor, end_ms))
    return kept or [(start_ms, end_ms)]


def _out_of_pauses(times: list[list[int]], pauses: list[tuple[int, int]], speech: Callable[[int, int], float],
                   side: Callable[[int], bool | None]) -> None:
    """Word edges moved out of the pauses they cover: the DTW hands silence to a neighbour word.
    A word Whisper opened a sentence with starts after the longest pause inside it (and ends
    before any later one), one it ended a sentence on ends before it (and starts after any
    earlier one): ``side`` says True, False; otherwise a word astride a pause goes to the side
    with more speech."""
    decided: dict[int, bool] = {}
    for k, span in enumerate(times):
        after = side(k)
        inside = [(p0, p1) for p0, p1 in pauses if span[0] < p0 and p1 < span[1]]
        if after is None or not inside:
            continue
        p0, p1 = max(inside, key=lambda pause: pause[1] - pause[0])
        if after and span[1] - p1 >= _MIN_WORD_MS:
            span[0], decided[k] = p1, after
        elif not after and p0 - span[0] >= _MIN_WORD_MS:
            span[1], decided[k] = p0, after
    for p0, p1 in pauses:
        for k, span in enumerate(times):
            start, end = span
            if end <= p0 or start >= p1:
                continue
            if start < p0 and end > p1:  # the pause is inside
                keep_after = not decided[k] if k in decided else speech(p1, end) >= speech(start, p0)
            else:
                keep_after = start >= p0
            if keep_after and end - p1 >= _MIN_WORD_MS:
                span[0] = max(start, p1)
            elif not keep_after and p0 - start >= _MIN_WORD_MS:
                span[1] = min(end, p0)


def _trailing_end(text: str) -> bool:
    return text.rstrip("\"'»”)").endswith((".", "?", "!", "…"))


def _pause_side(hypothesis: Sequence[Word], match: int) -> bool | None:
    """Which side of a pause inside it the word Whisper heard as ``hypothesis[match]`` goes to:
    after (True) when Whisper opened a sentence or a clause with it ("icônes, [pause] sauf que"),
    before (False) when it ended a sentence on it; None when Whisper's punctuation does not say."""
    following = hypothesis[match + 1].text if match + 1 < len(hypothesis) else ""
    if _trailing_end(hypothesis[match].text) or (not normalize(following) and _trailing_end(following)):
        return False  # French puts "?" apart: "téléphone ?"
    opens = match and hypothesis[match - 1].text.rstrip("\"'»”)").endswith((".", "?", "!", "…", ",", ";", ":"))
    return True if opens else None


def _energy_db(samples: np.ndarray) -> np.ndarray:
    """Loudness (dB) of every 10 ms of the samples, over 20 ms frames."""
    hop = SAMPLE_RATE * _ENERGY_HOP_MS // 1000
    padded = np.pad(samples.astype(np.float32), (0, hop + (-len(samples)) % hop))
    frames = np.lib.stride_tricks.sliding_window_view(padded, 2 * hop)[::hop]
    return 10 * np.log10(np.mean(frames * frames, axis=1) + 1e-10)


def _quiet_runs(db: np.ndarray, offset_ms: int) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Pauses by loudness: runs of at least ``_ENERGY_PAUSE_MS`` well under the window's speech level
    (between its floor and its loud part), as (start ms, end ms); and which frames are loud."""
    floor, loud = np.percentile(db, 10), np.percentile(db, 95)
    loud_frames = db > floor + max(6.0, _ENERGY_SPLIT * (loud - floor))
    quiet = np.concatenate(([False], ~loud_frames, [False]))
    edges = np.flatnonzero(np.diff(quiet.astype(np.int8)))
    runs = [(offset_ms + int(a) * _ENERGY_HOP_MS, offset_ms + int(b) * _ENERGY_HOP_MS)
            for a, b in zip(edges[::2], edges[1::2]) if (b - a) * _ENERGY_HOP_MS >= _ENERGY_PAUSE_MS]
    return runs, loud_frames


def _fit_to_pauses(times: list[list[int]], pauses: list[tuple[int, int]], loud: Callable[[int, int], float]) -> None:
    """Word edges fitted to the pauses the loudness shows: a word astride a pause goes to the side
    with more of its sound, edges inside a pause move to its ends, a word wholly inside one moves
    onto the sound no word covers beside it, and the first word after a pause (the last before
    it) takes the speech no word covers up to the pause."""
    for p0, p1 in pauses:
        for k, span in enumerate(times):
            start, end = span
            if end <= p0 or start >= p1:
                continue
            if start < p0 and end > p1:
                after = loud(p1, end) * (end - p1) >= loud(start, p0) * (p0 - start)
                if after:
                    span[0] = p1
                    if k and times[k - 1][1] <= start + 1 and loud(times[k - 1][1], p0) >= _UNCOVERED_LOUD:
                        times[k - 1][1] = p0  # the speech the word left goes back to the word before
                else:
                    span[1] = p0
                    if k + 1 < len(times) and times[k + 1][0] >= end - 1 and loud(p1, times[k + 1][0]) >= _UNCOVERED_LOUD:
                        times[k + 1][0] = p1
            elif start >= p0 and end - p1 >= _MIN_WORD_MS:
                span[0] = p1
            elif start < p0 and p0 - start >= _MIN_WORD_MS:
                span[1] = p0
            elif start >= p0 and end <= p1:  # wholly in the pause: onto the sound no word covers beside it
                after_end = times[k + 1][0] if k + 1 < len(times) else p1
                before_start = times[k - 1][1] if k else p0
                sound_after = loud(p1, after_end) * (after_end - p1)
                sound_before = loud(before_start, p0) * (p0 - before_start)
                if max(sound_after, sound_before) >= _MIN_WORD_MS:
                    span[0], span[1] = (p1, after_end) if sound_after >= sound_before else (before_start, p0)
        following = next((k for k, (start, _) in enumerate(times) if start >= p1), None)
        if following is not None and (following == 0 or times[following - 1][1] <= p1):
            uncovered = times[following][0] - p1
            if _ENERGY_HOP_MS < uncovered <= _UNCOVERED_MAX_MS and loud(p1, times[following][0]) >= _UNCOVERED_LOUD:
                times[following][0] = p1
        before = next((k for k in range(len(times) - 1, -1, -1) if times[k][1] <= p0), None)
        if before is not None and (before == len(times) - 1 or times[before + 1][0] >= p0):
            uncovered = p0 - times[before][1]
            if _ENERGY_HOP_MS < uncovered <= _UNCOVERED_MAX_MS and loud(times[before][1], p0) >= _UNCOVERED_LOUD:
                times[before][1] = p0


def _fillers_to_sound(times: list[list[int]], fillers: Sequence[int], loud_frames: np.ndarray, offset_ms: int) -> None:
    """Fillers Whisper did not hear ("um") moved onto the sound no word covers beside them: its
    attention cannot find a hesitation, but a hesitation is a sound of its own between words."""
    for k in fillers:
        after = times[k + 1][0] if k + 1 < len(times) else times[k][1]
        gaps = [(times[k - 1][1] if k else offset_ms, times[k][0]), (times[k][1], after)]
        best: tuple[int, int, int] | None = None
        for lo, hi in gaps:
            a, b = max(0, (lo - offset_ms) // _ENERGY_HOP_MS), max(0, (hi - offset_ms) // _ENERGY_HOP_MS)
            sounding = np.flatnonzero(loud_frames[a:b])
            if len(sounding) * _ENERGY_HOP_MS >= _FILLER_MS and (best is None or len(sounding) > best[0]):
                best = (len(sounding), offset_ms + (a + int(sounding[0])) * _ENERGY_HOP_MS,
                        offset_ms + (a + int(sounding[-1]) + 1) * _ENERGY_HOP_MS)
        if best is not None:
            times[k] = [best[1], best[2]]


def _short_words_after_long(times: list[list[int]], texts: Sequence[str]) -> None:
    """A word of at most three letters ("and", "i'm") that follows another without a pause starts at
    most ``_SHORT_WORD_MAX_MS`` before its end: the DTW hands a drawn-out word's tail ("slooow",
    "corpuuus") to the short word after it, which then starts early; the tail goes back to the
    word before. (Four letters took in drawn-out words themselves: "slow".)"""
    for k in range(1, len(times)):
        start, end = times[k]
        letters = sum(c.isalpha() for c in texts[k])
        if letters <= _SHORT_WORD_LETTERS and end - start > _SHORT_WORD_MAX_MS and times[k - 1][1] >= start:
            times[k][0] = times[k - 1][1] = end - _SHORT_WORD_MAX_MS


def _dtw_times(
    model: "WhisperModel", tokenizer: "Tokenizer", window: _Window, texts: Sequence[str]
) -> tuple[list[list[int]], list[float], int]:
    """[start, end] ms and probability of the first words of ``texts`` in the window, and how many
    fit (the decoder holds 448 tokens)."""
    per_word = [tokenizer.encode(" " + text) or [tokenizer.eot] for text in texts]
    count, total = 0, 0
    for ids in per_word:
        if total + len(ids) > _MAX_TOKENS:
            break
        count, total = count + 1, total + len(ids)
    if count == 0:
        return [], [], 0
    flat = [t for ids in per_word[:count] for t in ids]
    # The start sequence ends with <|notimestamps|>, as in Whisper's own alignment: text tokens
    # then follow it directly, as in training without timestamps.
    result = model.model.align(
        _storage(window.encoded), _prompt(tokenizer), [flat], window.frames,
        median_filter_width=7,
    )[0]
    path = np.array(result.alignments, dtype=np.int64).reshape(-1, 2)
    jumps = np.concatenate(([True], np.diff(path[:, 0]) != 0))
    jump_ms = (path[jumps, 1] * _FRAME_S * 1000).astype(np.int64)
    if len(jump_ms) < len(flat) + 1:
        jump_ms = np.concatenate((jump_ms, np.full(len(flat) + 1 - len(jump_ms), window.frames * 10)))
    probs = np.asarray(result.text_token_probs, dtype=np.float64)
    times, probabilities = [], []
    first = 0
    for ids in per_word[:count]:
        last = first + len(ids)
        times.append([window.to_time(int(jump_ms[first]), False), window.to_time(int(jump_ms[last]), True)])
        probabilities.append(float(np.mean(probs[first:last])) if last <= len(probs) else 0.0)
        first = last
    return times, probabilities, count


class _Aligner:
    """Assigns the user's words to windows by diffing hypotheses, then times them window by window."""

    def __init__(self, model: "WhisperModel", tokenizer: "Tokenizer", audio: np.ndarray, texts: Sequence[str]):
        self.model, self.tokenizer, self.audio, self.texts = model, tokenizer, audio, list(texts)
        self.keys = [normalize(t) for t in texts]
        self.cursor = 0
        self.hypothesis: list[Word] = []
        self.matches: list[int | None] = [None] * len(texts)
        self.placed: list[Word | None] = [None] * len(texts)

    def assign(self, pending: list[_Window], final: bool) -> list[tuple[_Window, int, int]]:
        """(window, first word, end word) for every pending window that can be settled now."""
        hyp_base = len(self.hypothesis) - sum(len(w.hypothesis) for w in pending)
        bounds = np.cumsum([0] + [len(w.hypothesis) for w in pending])  # window n: hyp [bounds[n], bounds[n+1])
        heard_words = [h for w in pending for h in w.hypothesis]
        hyp_keys = [normalize(h.text) for h in heard_words]
        lookahead = len(self.keys) if final else self.cursor + 2 * len(hyp_keys) + 50
        matcher = SequenceMatcher(None, hyp_keys, self.keys[self.cursor : lookahead], autojunk=False)
        # (hyp index, user index) of the matches, pending-relative and absolute; a few short
        # words matching alone ("de la") are chance in a stretch Whisper misheard, not anchors.
        pairs = [(b.a + d, self.cursor + b.b + d) for b in matcher.get_matching_blocks()
                 if len("".join(hyp_keys[b.a : b.a + b.size])) >= _MIN_ANCHOR_CHARS for d in range(b.size)]
        windows = [int(np.searchsorted(bounds, i, side="right")) - 1 for i, _ in pairs]
        settle = len(pending) if final else (windows[-1] if windows else 0)
        if not final and len(pending) > _MAX_PENDING:
            settle = max(settle, len(pending) - _MAX_PENDING)
        settled: list[tuple[_Window, int, int]] = []
        for n in range(settle):
            boundary = int(bounds[n + 1])  # the first hypothesis word after window n
            k = int(np.searchsorted([i for i, _ in pairs], boundary))  # the first anchor after window n
            last_i, last_j = pairs[k - 1] if k else (-1, self.cursor - 1)
            if final and n == len(pending) - 1:
                end = len(self.texts)
            elif k == len(pairs):
                end = last_j + 1  # the words after the last anchor wait for the next window's hypothesis
            else:
                # User words between two anchors, shared out in proportion to the hypothesis words
                # Whisper heard between them without matching them, on each side of the window edge
                # (windows with no anchor in between get their share too).
                first_i, first_j = pairs[k]
                gap, heard = first_j - last_j - 1, first_i - last_i - 1
                if heard:
                    share = round(gap * (boundary - last_i - 1) / heard)
                else:  # nothing heard there: after a sentence end, the words open the next one ("um, so")
                    last_heard = heard_words[last_i].text if last_i >= 0 else "."
                    share = 0 if _trailing_end(last_heard) else gap
                end = last_j + 1 + share
            end = max(end, self.cursor)
            for i, j in pairs[:k]:
                if self.matches[j] is None and j < end:
                    self.matches[j] = hyp_base + i
            settled.append((pending[n], self.cursor, end))
            self.cursor = end
        return settled

    def time(self, window: _Window, first: int, end: int) -> None:
        """Times for words[first:end] in the window (unplaced ones are left for interpolation)."""
        if end <= first:
            return
        texts = self.texts[first:end]
        times, probabilities, count = _dtw_times(self.model, self.tokenizer, window, texts)
        offset_ms = window.start * 1000 // SAMPLE_RATE
        probs = window.probabilities
        hop_ms = _VAD_HOP * 1000 / SAMPLE_RATE

        def speech(lo: int, hi: int) -> float:
            a, b = int((lo - offset_ms) / hop_ms), int((hi - offset_ms) / hop_ms)
            return float(np.sum(probs[max(0, a) : max(0, b)] >= _SPEECH_PROB))

        def side(k: int) -> bool | None:
            match = self.matches[first + k]
            return None if match is None else _pause_side(self.hypothesis, match)

        _out_of_pauses(times, _pauses(probs, offset_ms), speech, side)
        db = _energy_db(self.audio[window.start : window.end])
        quiet, loud_frames = _quiet_runs(db, offset_ms)

        def loud(lo: int, hi: int) -> float:
            a, b = max(0, (lo - offset_ms) // _ENERGY_HOP_MS), max(0, (hi - offset_ms) // _ENERGY_HOP_MS)
            return float(np.mean(loud_frames[a:b])) if b > a else 0.0

        fillers = [k for k in range(count) if self.matches[first + k] is None and normalize(texts[k]) in FILLERS]
        _fillers_to_sound(times, fillers, loud_frames, offset_ms)
        _fit_to_pauses(times, quiet, loud)
        _short_words_after_long(times, texts[:count])
        for k in range(count):
            j = first + k
            start, stop = times[k]
            if self.matches[j] is None and stop - start < _UNPLACED_MS:
                continue  # next to no time and Whisper did not hear it: text with no audio
            self.placed[j] = Word(start, max(stop, start + 1), self.texts[j], round(probabilities[k], 4))
        window.encoded = None  # done with it: free the memory

    def words(self, duration_ms: int) -> list[Word]:
        """Every word: the placed ones, and the rest spread between their placed neighbours, flagged."""
        out: list[Word] = []
        j = 0
        while j < len(self.texts):
            placed = self.placed[j]
            if placed is not None:
                lo = out[-1].end if out else 0
                out.append(placed if placed.start >= lo else Word(lo, max(lo + 1, placed.end), placed.text,
                                                                    placed.probability))
                j += 1
                continue
            k = j
            while k < len(self.texts) and self.placed[k] is None:
                k += 1
            lo = out[-1].end if out else 0
            following = self.placed[k] if k < len(self.texts) else None
            hi = following.start if following is not None else duration_ms
            out += [replace(w, flags=(FLAG_INTERPOLATED, FLAG_UNHEARD)) for w in spread_words(self.texts[j:k], lo, max(lo, hi))]
            j = k
        return out


def align(
    source: Source,
    texts: Sequence[str],
    options: AlignOptions | None = None,
    on_event: Callable[[Event], None] | None = None,
    cancel: threading.Event | None = None,
) -> Alignment:
    """Time every word in ``texts`` to the audio of ``source`` (a media file or 16 kHz samples).

    Events (LanguageEvent, ProgressEvent) stream through ``on_event`` in the caller's thread;
    setting ``cancel`` raises Cancelled within about 0.1 s.
    """
    options = options or AlignOptions()
    emit = on_event or (lambda event: None)
    events: queue.Queue[tuple[str, object]] = queue.Queue()
    stop = threading.Event()

    def check() -> None:
        if stop.is_set():
            raise Cancelled("Alignment was cancelled.")

    def work() -> None:
        try:
            events.put(("done", _align(source, list(texts), options, lambda e: events.put(("event", e)), check)))
        except BaseException as exc:  # handed to the caller's thread, which re-raises it
            events.put(("error", exc))

    worker = threading.Thread(target=work, name="subtitler-align", daemon=False)
    worker.start()
    while True:
        if cancel is not None and cancel.is_set():
            stop.set()
            raise Cancelled("Alignment was cancelled.")
        try:
            kind, payload = events.get(timeout=_POLL_S)
        except queue.Empty:
            continue
        if kind == "event":
            emit(payload)  # type: ignore[arg-type]
        elif kind == "error":
            raise payload  # type: ignore[misc]
        else:
            return payload  # type: ignore[return-value]


def _align(
    source: Source, texts: list[str], options: AlignOptions, emit: Callable[[Event], None], check: Callable[[], None]
) -> Alignment:
    model_path = str(resolve_model(options.model))
    # The model loads while the audio is decoded and searched for speech, as for transcription.
    loading = _MODEL_KEEPER.submit(_load_aligner, model_path, options.cpu_threads, options.heads)
    audio = _load_audio(source, options.audio_track, None)
    check()
    duration_ms = int(len(audio) * 1000 // SAMPLE_RATE)
    phrases = speech_regions(audio, rescue=False)
    # Sound Silero rejected (hoarse or whispered speech) is speech here too: never cut out of the DTW's view.
    rescued = [(s, e) for s, e in rescued_regions(audio, phrases) if e > s]
    regions = sorted([(s, e) for s, e in phrases if e > s] + split_long(audio, rescued, _WINDOW_S * SAMPLE_RATE,
                                                                         10 * SAMPLE_RATE))
    check()
    model = loading.result()
    if options.language or not model.model.is_multilingual:
        language = options.language or "en"
        if not model.model.is_multilingual and language != "en":
            raise ModelError(f"The model {options.model} knows only English; choose a multilingual model (base) for '{language}'.")
    elif regions:
        language, probability = _detect_language(model, audio, regions, check)
        emit(LanguageEvent(language, probability))
    else:
        language = "en"
    tokenizer = _tokenizer(model, language)
    aligner = _Aligner(model, tokenizer, audio, texts)
    spans = _windows(audio, regions)
    workers, _ = cpu_decoders(options.cpu_threads)
    batch = _even_batch(len(spans), _BATCH, workers)

    def heard(batch_spans: list[tuple[int, int]]) -> list[tuple[_Window, list[int]]]:
        """A batch's windows encoded, with Whisper's tokens for each."""
        check()
        windows = [_Window(start, end) for start, end in batch_spans]
        for window in windows:
            window.probabilities = _with_rescued(_speech_probabilities(audio[window.start : window.end]), window.start, rescued)
            window.kept = _kept_spans(window.probabilities, window.start * 1000 // SAMPLE_RATE, window.end * 1000 // SAMPLE_RATE)
        kept_audio = [np.concatenate([audio[a * SAMPLE_RATE // 1000 : e * SAMPLE_RATE // 1000] for a, e in w.kept])
                      for w in windows]
        for window, (encoded, frames) in zip(windows, _encode(model, kept_audio)):
            window.encoded, window.frames = encoded, frames
        check()
        return list(zip(windows, _decode(model, tokenizer, windows)))

    pending: list[_Window] = []
    started = time.monotonic()
    batches = [spans[b : b + batch] for b in range(0, len(spans), batch)]
    decoded = (pair for found in run_in_order(heard, batches, workers) for pair in found)
    # Settled windows are timed beside the decoding and beside each other (each times its own words),
    # so the last batch's windows are not timed one after another on one core.
    timing = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="subtitler-dtw")
    timed: list[Future[None]] = []
    try:
        for n, (window, tokens) in enumerate(decoded):
            check()
            window.hypothesis = _hypothesis(model, tokenizer, window, tokens)
            aligner.hypothesis += window.hypothesis
            pending.append(window)
            final = n == len(spans) - 1
            for settled, first, stop in aligner.assign(pending, final):
                timed.append(timing.submit(aligner.time, settled, first, stop))
                pending.remove(settled)
            fraction = (n + 1) / len(spans)
            elapsed = time.monotonic() - started
            emit(ProgressEvent(fraction, elapsed * (1 - fraction) / fraction))
        for future in timed:
            check()
            future.result()
    finally:
        timing.shutdown(wait=True, cancel_futures=True)
    emit(ProgressEvent(1.0, 0.0))
    words = aligner.words(duration_ms)
    return Alignment(tuple(words), tuple(aligner.hypothesis), tuple(aligner.matches), language, duration_ms, options.model)
