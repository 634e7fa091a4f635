"""Hallucination flags: repeated lines, loops inside a segment, stock phrases over silence (dropped when
Silero hears no speech under them)."""

from __future__ import annotations

import numpy as np

from benchmarks.speech_references import recording
from subtitler.asr.hallucination import (
    flag_segment,
    is_repeat,
    is_stock_phrase,
    is_unspoken_stock_phrase,
    loop_word_indexes,
)
from subtitler.core.model import FLAG_HALLUCINATION, Segment, Word
from subtitler.media.audio import decode_audio


def seg(text: str, start: int = 0, probability: float = 0.9) -> Segment:
    words = tuple(Word(start + i * 300, start + i * 300 + 250, t, probability) for i, t in enumerate(text.split()))
    return Segment(words[0].start, words[-1].end, text, words)


def flagged(segment: Segment) -> list[bool]:
    return [FLAG_HALLUCINATION in w.flags for w in segment.words]


def test_repeat_detection_ignores_case_and_punctuation() -> None:
    assert is_repeat("I'm going to the store now.", "i'm going to the store now")
    assert is_repeat("I'm going to the store now.", "I'm going to the stores now!")
    assert not is_repeat("I'm going to the store now.", "Then we drove back home.")
    assert not is_repeat("Yes.", "Yes.")  # a short answer said twice is normal speech


def test_repeated_line_is_flagged_whole_and_the_first_is_kept() -> None:
    first = seg("We will meet again tomorrow morning.")
    again = flag_segment(seg("We will meet again tomorrow morning.", 3000), first)
    assert all(flagged(again))
    assert not any(flagged(flag_segment(first)))


def test_stock_phrase_flagged_only_where_whisper_doubted_speech() -> None:
    assert is_stock_phrase("Thanks for watching!")
    assert all(flagged(flag_segment(seg("Thanks for watching!"), None, no_speech_prob=0.7)))
    assert not any(flagged(flag_segment(seg("Thanks for watching!"), None, no_speech_prob=0.01)))


def test_phrase_loop_inside_a_segment_keeps_its_first_copy() -> None:
    words = "so I said I love you I love you I love you I love you".split()
    loops = loop_word_indexes(words)
    assert loops == set(range(6, 15))


def test_real_word_repetition_is_not_a_loop() -> None:
    assert loop_word_indexes("here's some more words words words words um".split()) == set()
    assert not any(flagged(flag_segment(seg("and here's some more words words words words um"))))


def test_stock_phrases_with_no_speech_under_them_are_dropped() -> None:
    speech = decode_audio(recording("jfk.flac").path)
    t = np.arange(4 * 16000) / 16000
    chord = sum(np.sin(2 * np.pi * f * t) for f in (220, 277, 330, 440)) * (0.6 + 0.4 * np.sin(2 * np.pi * 2 * t))
    # 0-11 s a man speaking, 11-14 s silence, 14-18 s a music bed.
    audio = np.concatenate([speech, np.zeros(3 * 16000, np.float32), (0.1 * chord).astype(np.float32)])
    assert is_unspoken_stock_phrase(seg("Thanks for watching!", 14_500), audio)
    assert is_unspoken_stock_phrase(seg("Merci d'avoir regardé cette vidéo !", 11_300), audio)
    assert not is_unspoken_stock_phrase(seg("Thanks for watching!", 2_000), audio)  # someone said it
    assert not is_unspoken_stock_phrase(seg("The music starts now.", 14_500), audio)  # not a stock line
