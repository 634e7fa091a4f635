"""Spotting text Whisper probably made up: repeated lines, looping phrases, stock phrases over silence.

Suspicious words get ``FLAG_HALLUCINATION`` so the editor can point the user at them. Only a
stock phrase with no speech at all under it (Silero VAD) is dropped outright.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from difflib import SequenceMatcher

import numpy as np

from ..core.model import FLAG_HALLUCINATION, Segment, Word

__all__ = [
    "normalize",
    "is_repeat",
    "is_stock_phrase",
    "is_unspoken_stock_phrase",
    "speech_probability",
    "loop_word_indexes",
    "flag_segment",
    "flag_words",
]

_REPEAT_SIMILARITY = 0.9
_MIN_REPEAT_CHARS = 12
_LOOP_MIN_WORDS = 3
_LOOP_MIN_COPIES = 3
_SILENCE_NO_SPEECH = 0.3
_SILENCE_WORD_PROBABILITY = 0.5
_SAMPLE_RATE = 16000
_VAD_FRAME = 512  # Silero's frame at 16 kHz
_VAD_REACH_MS = 250  # word times can be a little off: listen around them too
_VAD_NO_SPEECH = 0.15
"""Silero, started afresh on the span, stayed under 0.06 on silence, noise and a synthetic music bed
here, and reached 0.3-0.9 on the hoarse voice it rejects when run over the whole recording."""

# Lines Whisper is known to invent over silence, music or noise (from its subtitle training data).
_STOCK_PHRASES = {
    "thank you",
    "thank you very much",
    "thanks for watching",
    "thank you for watching",
    "thank you so much for watching",
    "please subscribe",
    "please subscribe to my channel",
    "subtitles by the amara org community",
    "you",
    "bye",
    "merci",
    "merci d avoir regardé cette vidéo",
    "merci d avoir regardé",
    "sous titrage st 501",
    "sous titrage société radio canada",
    "sous titres réalisés para la communauté d amara org",
    "sous titres réalisés par la communauté d amara org",
    "untertitel im auftrag des zdf 2017",
    "untertitel der amara org community",
    "vielen dank",
    "gracias",
    "subtítulos realizados por la comunidad de amara org",
}


def normalize(text: str) -> str:
    """Lower-case letters and digits separated by single spaces (punctuation and case ignored)."""
    text = unicodedata.normalize("NFC", text).lower()
    return " ".join(re.findall(r"\w+", text))


def is_repeat(previous: str, text: str) -> bool:
    """Whether ``text`` repeats ``previous`` (same or nearly the same line)."""
    a, b = normalize(previous), normalize(text)
    if not a or not b or min(len(a), len(b)) < _MIN_REPEAT_CHARS:
        return a == b and bool(a) and len(a.split()) >= 2
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= _REPEAT_SIMILARITY


def is_stock_phrase(text: str) -> bool:
    """Whether ``text`` is one of the lines Whisper typically invents over silence."""
    return normalize(text) in _STOCK_PHRASES


def speech_probability(audio: np.ndarray, start_ms: int, end_ms: int) -> float:
    """Silero VAD's highest speech probability over ``audio`` (16 kHz mono) from start to end (ms)."""
    from faster_whisper.vad import get_vad_model

    first = max(0, start_ms * _SAMPLE_RATE // 1000)
    span = audio[first : max(first, end_ms * _SAMPLE_RATE // 1000)].astype(np.float32)
    if not len(span):
        return 0.0
    span = np.pad(span, (0, -len(span) % _VAD_FRAME))
    return float(np.max(get_vad_model()(span)))


def is_unspoken_stock_phrase(segment: Segment, audio: np.ndarray) -> bool:
    """Whether the segment is a line Whisper invents over music or silence with no speech under it."""
    return is_stock_phrase(segment.text) and (
        speech_probability(audio, segment.start - _VAD_REACH_MS, segment.end + _VAD_REACH_MS) < _VAD_NO_SPEECH
    )


def loop_word_indexes(words: list[str]) -> set[int]:
    """Indexes of words that repeat a phrase of 3+ words already said 2+ times in a row just before."""
    keys = [normalize(w) for w in words]
    flagged: set[int] = set()
    n = len(keys)
    for size in range(_LOOP_MIN_WORDS, n // _LOOP_MIN_COPIES + 1):
        start = 0
        while start + size * _LOOP_MIN_COPIES <= n:
            copies = 1
            while (
                start + (copies + 1) * size <= n
                and keys[start + copies * size : start + (copies + 1) * size] == keys[start : start + size]
            ):
                copies += 1
            if copies >= _LOOP_MIN_COPIES:
                flagged.update(range(start + size, start + copies * size))
                start += copies * size
            else:
                start += 1
    return flagged


def flag_words(words: tuple[Word, ...], indexes: set[int] | None = None) -> tuple[Word, ...]:
    """The words with FLAG_HALLUCINATION added (to all of them, or to those at ``indexes``)."""
    return tuple(
        replace(w, flags=(*w.flags, FLAG_HALLUCINATION))
        if (indexes is None or i in indexes) and FLAG_HALLUCINATION not in w.flags
        else w
        for i, w in enumerate(words)
    )


def flag_segment(segment: Segment, previous: Segment | None = None, no_speech_prob: float = 0.0) -> Segment:
    """The segment with its suspicious words flagged.

    A line repeating the previous segment is flagged whole; so is a stock phrase heard where
    Whisper itself doubted there was speech; inside a segment, a phrase looping three times or
    more keeps its first copy and has the copies flagged.
    """
    words = segment.words
    if not words:
        return segment
    if previous is not None and is_repeat(previous.text, segment.text):
        return replace(segment, words=flag_words(words))
    doubtful = no_speech_prob >= _SILENCE_NO_SPEECH or (
        sum(w.probability for w in words) / len(words) < _SILENCE_WORD_PROBABILITY
    )
    if doubtful and is_stock_phrase(segment.text):
        return replace(segment, words=flag_words(words))
    loops = loop_word_indexes([w.text for w in words])
    return replace(segment, words=flag_words(words, loops)) if loops else segment
