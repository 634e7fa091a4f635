"""Batched decoding: clips packed into Whisper windows, long segments cut into sentence-like pieces,
and cancel while a batch is still computing (real tiny.en model)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest
from faster_whisper.vad import SpeechTimestampsMap

from subtitler.asr.engine import LanguageEvent, SegmentEvent, TranscribeOptions, _pieces, _windowed, _windows, transcribe
from subtitler.asr.regions import SAMPLE_RATE
from subtitler.core.errors import Cancelled
from subtitler.core.model import Segment, Word
from subtitler.media.audio import decode_audio

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "sample.mp4"


def segment(*words: tuple[int, int, str]) -> Segment:
    ws = tuple(Word(a, b, t, 0.9) for a, b, t in words)
    return Segment(ws[0].start, ws[-1].end, " ".join(w.text for w in ws), ws)


def test_windows_pack_regions_into_30_seconds_of_speech() -> None:
    s = SAMPLE_RATE
    block = [(0, 10 * s), (20 * s, 35 * s), (40 * s, 50 * s), (60 * s, 90 * s), (100 * s, 101 * s)]
    # 10 s + 15 s fit one window, + 10 s would not; a 30 s region fills one alone
    assert _windows(block) == [block[:2], block[2:3], block[3:4], block[4:]]
    assert _windows([]) == []


def test_windowed_audio_is_padded_with_silence_and_maps_back_to_the_original() -> None:
    s = SAMPLE_RATE
    audio = np.arange(1, 120 * s + 1, dtype=np.float32)  # every sample tells where it came from
    block = [(2 * s, 12 * s), (20 * s, 35 * s), (40 * s, 50 * s)]
    windowed, clips, chunks = _windowed(audio, block)
    assert clips == [{"start": 0, "end": 30}, {"start": 30, "end": 60}]
    assert len(windowed) == 60 * s
    assert np.array_equal(windowed[: 10 * s], audio[2 * s : 12 * s])
    assert np.array_equal(windowed[10 * s : 25 * s], audio[20 * s : 35 * s])
    assert not windowed[25 * s : 30 * s].any()  # silence up to the window's end
    assert np.array_equal(windowed[30 * s : 40 * s], audio[40 * s : 50 * s])
    times = SpeechTimestampsMap(chunks, SAMPLE_RATE)
    for concatenated, original in ((1.0, 3.0), (12.0, 22.0), (31.5, 41.5), (39.0, 49.0)):
        assert times.get_original_time(concatenated) == original


def test_pieces_cut_after_sentence_ends_but_not_after_abbreviations() -> None:
    pieces = _pieces(segment((0, 300, "Hello"), (300, 600, "Mr."), (600, 900, "Jones."), (900, 1200, "How"),
                             (1200, 1500, "are"), (1500, 1800, "you?"), (1800, 2100, "Fine.")))
    assert [p.text for p in pieces] == ["Hello Mr. Jones.", "How are you?", "Fine."]
    assert [(p.start, p.end) for p in pieces] == [(0, 900), (900, 1800), (1800, 2100)]


def test_pieces_cut_at_pauses_and_before_ten_seconds() -> None:
    paused = _pieces(segment((0, 400, "and"), (400, 800, "then"), (1300, 1600, "later"), (1600, 1900, "on")))
    assert [p.text for p in paused] == ["and then", "later on"]
    endless = segment(*[(i * 500, i * 500 + 450, f"w{i}") for i in range(45)])
    pieces = _pieces(endless)
    assert all(p.end - p.start <= 10_000 for p in pieces) and len(pieces) == 3
    assert [w for p in pieces for w in p.words] == list(endless.words)


@pytest.mark.slow
def test_cancel_returns_within_a_second_while_a_batch_is_computing() -> None:
    audio = np.tile(decode_audio(SAMPLE), 8)  # three minutes: six windows in one batch
    cancel = threading.Event()
    cancelled_at: list[float] = []
    segments: list[object] = []

    def on_event(event: object) -> None:
        if isinstance(event, LanguageEvent):  # the batch starts right after this

            def stop() -> None:
                cancelled_at.append(time.monotonic())
                cancel.set()

            threading.Timer(0.5, stop).start()
        elif isinstance(event, SegmentEvent):
            segments.append(event)

    options = TranscribeOptions(model="tiny.en", language="en", batched=True, batch_size=8)
    with pytest.raises(Cancelled):
        transcribe(audio, options, on_event, cancel)
    assert cancelled_at and time.monotonic() - cancelled_at[0] < 1.0
    assert segments == []  # the batch was still computing when the caller left
