"""A second, sequential decode for batched windows that looped or came out garbled.

faster-whisper's batched pipeline decodes each 30 s window once, at temperature 0, with none of
Whisper's checks: a window that loops stays looped. Here each window's result is checked the way
Whisper checks its own (gzip compression ratio, average log-probability) plus a plain search for a
phrase said over and over; a window that fails is decoded again by ``WhisperModel.transcribe`` on
that window's speech alone, climbing Whisper's temperature ladder until a result passes the same
checks, and its words are mapped back to the original timeline.

Sampling at a higher temperature draws from CTranslate2's random generator, which lives in the
model's worker thread and is seeded once, when that thread first samples: a later
``set_random_seed`` does not reach it. So re-decodes run on a model instance of their own, loaded
after setting the seed, which makes the same input with the same settings give the same words.
"""

from __future__ import annotations

import logging
import threading
import zlib
from itertools import groupby
from typing import TYPE_CHECKING, Iterable, Iterator

import numpy as np

from .hallucination import normalize
from .regions import SAMPLE_RATE, Region

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

_log = logging.getLogger(__name__)

__all__ = ["compression_ratio", "has_repeated_run", "is_looping", "is_suspect_window", "Redecoder"]

COMPRESSION_LIMIT = 2.4
"""Whisper's own threshold: text that gzip shrinks more than this is repetitive."""
LOGPROB_FLOOR = -1.0
"""Whisper's own threshold for a decode it does not trust."""
RUN_MAX_WORDS = 4
RUN_COPIES = 3
RUN_MIN_WORDS = 8
SEED = 20240611
TEMPERATURES = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
"""Whisper's fallback ladder."""
TOKENS_PER_SECOND = 8
"""Ample for fast speech (about 5 tokens a second here): a looping attempt stops there instead of at
448 tokens, and a cut-off decode is not lost, as the sequential decoder goes on from its last timestamp."""
_FRAMES_PER_SECOND = 100  # faster-whisper's ``seek`` counts 10 ms feature frames
_WINDOW_S = 30
_SPARE_TOKENS = 32
_MAX_TOKENS = 220  # Whisper's 448 minus room for the longest prompt it allows (223 + its start tokens)


def compression_ratio(text: str) -> float:
    """How much zlib shrinks the text's UTF-8 bytes (Whisper's repetition measure)."""
    data = text.encode("utf-8")
    return len(data) / len(zlib.compress(data)) if data else 0.0


def has_repeated_run(words: list[str]) -> bool:
    """Whether a phrase of 1 to 4 words is said three times or more in a row, over eight words or
    more: a looping decoder runs on, while people say "no, no, no" or "words words words words"."""
    keys = [k for k in (normalize(w) for w in words) if k]
    for size in range(1, RUN_MAX_WORDS + 1):
        copies = max(RUN_COPIES, -(-RUN_MIN_WORDS // size))
        for start in range(len(keys) - size * copies + 1):
            phrase = keys[start : start + size]
            if all(keys[start + n * size : start + (n + 1) * size] == phrase for n in range(1, copies)):
                return True
    return False


def is_looping(text: str) -> bool:
    """Whether the text repeats itself the way a looping decoder does."""
    return compression_ratio(text.strip()) > COMPRESSION_LIMIT or has_repeated_run(text.split())


def is_suspect_window(text: str, avg_logprob: float) -> bool:
    """Whether a window's decode looks looped or garbled enough to decode it again."""
    return avg_logprob < LOGPROB_FLOOR or is_looping(text)


def _text_and_logprob(segments: list[object]) -> tuple[str, float]:
    """The segments' text and their average token log-probability."""
    text = "".join(s.text for s in segments)  # type: ignore[attr-defined]
    tokens = sum(len(s.tokens) for s in segments) or 1  # type: ignore[attr-defined]
    return text, sum(s.avg_logprob * len(s.tokens) for s in segments) / tokens  # type: ignore[attr-defined]


class Redecoder:
    """Decodes windows again on the sequential path, on a seeded model instance of its own."""

    def __init__(
        self, model_path: str, cpu_threads: int, settings: dict[str, object], temperatures: tuple[float, ...] = TEMPERATURES
    ) -> None:
        self.model_path, self.cpu_threads, self.settings = model_path, cpu_threads, settings
        self.temperatures = temperatures
        self._model: WhisperModel | None = None
        self.redecoded = 0
        """How many windows were decoded again (for benchmarks and tests)."""

    def _seeded_model(self) -> "WhisperModel":
        if self._model is None:
            import ctranslate2
            from faster_whisper import WhisperModel

            ctranslate2.set_random_seed(SEED)  # read by the new instance's worker thread when it first samples
            self._model = WhisperModel(self.model_path, device="cpu", compute_type="int8", cpu_threads=self.cpu_threads)
        return self._model

    def decode(self, audio: np.ndarray, window: list[Region], stop: threading.Event | None = None) -> list[object]:
        """faster-whisper segments for the window's speech on the original timeline: the first
        temperature whose result neither loops nor is improbable, else the least bad result
        (nothing once ``stop`` is set)."""
        from faster_whisper.transcribe import restore_speech_timestamps

        speech = np.concatenate([audio[s:e] for s, e in window])
        tokens = min(_MAX_TOKENS, _SPARE_TOKENS + int(TOKENS_PER_SECOND * len(speech) / SAMPLE_RATE))
        self.redecoded += 1
        # Whisper's own ladder retries one 30 s window at a time and checks only the compression
        # ratio, which a capped looping attempt can pass: here the whole window is checked.
        attempts: list[tuple[bool, float, list[object]]] = []
        for temperature in self.temperatures:
            if stop is not None and stop.is_set():
                return []
            segments, _ = self._seeded_model().transcribe(
                speech, temperature=temperature, condition_on_previous_text=False, vad_filter=False,
                word_timestamps=True, max_new_tokens=tokens, **self.settings,
            )
            found = list(segments)
            text, logprob = _text_and_logprob(found)
            _log.debug("re-decode at %.1f: log-prob %.2f, %s: %r", temperature, logprob,
                       "loops" if is_looping(text) else "no loop", text[:80])
            if not found or not is_suspect_window(text, logprob):
                break
            attempts.append((is_looping(text), -logprob, found))
        else:
            found = min(attempts, key=lambda a: a[:2])[2]
        chunks = [{"start": s, "end": e} for s, e in window]
        return list(restore_speech_timestamps(found, chunks, SAMPLE_RATE))

    def checked(
        self, segments: Iterable[object], audio: np.ndarray, windows: list[list[Region]], stop: threading.Event | None = None
    ) -> Iterator[object]:
        """The batched pipeline's segments, window by window, with suspect windows decoded again.

        ``windows`` are the regions of each 30 s clip the pipeline decoded, in order.
        """
        for seek, group in groupby(segments, key=lambda s: s.seek):  # type: ignore[attr-defined]
            window_segments = list(group)
            text, logprob = _text_and_logprob(window_segments)
            if is_suspect_window(text, logprob):
                yield from self.decode(audio, windows[seek // (_WINDOW_S * _FRAMES_PER_SECOND)], stop)
            else:
                yield from window_segments
