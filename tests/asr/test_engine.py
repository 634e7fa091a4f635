"""The engine with the real bundled models on the project's own sample videos."""

from __future__ import annotations

import json
import re
import subprocess
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from subtitler.asr.engine import LanguageEvent, ProgressEvent, SegmentEvent, TranscribeOptions, transcribe
from subtitler.core.errors import Cancelled, MediaError, ModelError
from subtitler.media.audio import decode_audio

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "resources" / "samples"
TRUTH = json.loads((SAMPLES / "sample.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=[True, False], ids=["batched", "sequential"])
def english_run(request: pytest.FixtureRequest) -> tuple[object, list[object]]:
    events: list[object] = []
    options = TranscribeOptions(model="tiny.en", batched=request.param)
    transcript = transcribe(SAMPLES / "sample.mp4", options, events.append)
    return transcript, events


def test_tiny_en_words_in_order_inside_the_clip(english_run: tuple[object, list[object]]) -> None:
    transcript, _ = english_run
    words = transcript.words
    assert len(words) >= 40
    assert transcript.language == "en" and transcript.model == "tiny.en"
    duration = TRUTH["sample"]["duration"]
    assert all(0 <= w.start <= w.end <= duration for w in words)
    assert all(a.start <= b.start for a, b in zip(words, words[1:]))
    assert all(w.text == w.text.strip() and w.text for w in words)
    heard = {w.text.strip(".,!?").lower() for w in words}
    assert {"welcome", "listens", "video", "word", "waveform", "timing", "export"} <= heard


def test_words_fall_in_their_true_sentences(english_run: tuple[object, list[object]]) -> None:
    transcript, _ = english_run
    sentences = TRUTH["sample"]["sentences"]
    for sentence in sentences:
        inside = [w for w in transcript.words if sentence["start"] - 500 <= w.start <= sentence["end"] + 500]
        assert len(inside) >= len(sentence["text"].split()) - 3


def test_segments_are_sentence_sized(english_run: tuple[object, list[object]]) -> None:
    transcript, _ = english_run
    # batched decoding gives one segment per 30 s window: it must come out cut into sentences
    assert len(transcript.segments) >= len(TRUTH["sample"]["sentences"])
    assert all(s.end - s.start <= 10_000 and s.words for s in transcript.segments)
    assert sum(s.text.endswith((".", "?", "!")) for s in transcript.segments) >= 4


def test_events_stream_segments_progress_and_language(english_run: tuple[object, list[object]]) -> None:
    transcript, events = english_run
    assert isinstance(events[0], LanguageEvent) and events[0].language == "en"
    segments = [e.segment for e in events if isinstance(e, SegmentEvent)]
    assert tuple(segments) == transcript.segments
    fractions = [e.fraction for e in events if isinstance(e, ProgressEvent)]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    # the first segment arrives long before the end: cues can be shown while decoding
    assert events.index(next(e for e in events if isinstance(e, SegmentEvent))) < len(events) // 2


def test_base_detects_french() -> None:
    languages: list[str] = []
    transcript = transcribe(
        SAMPLES / "sample-fr.mp4",
        TranscribeOptions(model="base"),
        lambda e: languages.append(e.language) if isinstance(e, LanguageEvent) else None,
    )
    assert transcript.language == "fr" and languages == ["fr"]
    assert len(transcript.words) >= 10
    heard = {piece for w in transcript.words for piece in re.split(r"[-'’]", w.text.strip(".,!?").lower())}
    assert len(heard & {"logiciel", "connexion", "internet", "vous", "pouvez", "texte", "minutage"}) >= 4


def test_forced_language_is_used() -> None:
    transcript = transcribe(SAMPLES / "sample-fr.mp4", TranscribeOptions(model="base", language="fr"))
    assert transcript.language == "fr"
    assert all(a.start <= b.start for a, b in zip(transcript.words, transcript.words[1:]))
    assert transcript.words[0].start >= 500  # speech starts at 1.0 s


def test_english_only_model_refuses_french() -> None:
    with pytest.raises(ModelError, match="only English"):
        transcribe(SAMPLES / "sample-fr.mp4", TranscribeOptions(model="tiny.en", language="fr"))


def test_cancel_stops_within_a_second_sequential() -> None:
    audio = np.tile(decode_audio(SAMPLES / "sample.mp4"), 4)
    cancel = threading.Event()
    seen: list[float] = []

    def on_event(event: object) -> None:
        if isinstance(event, SegmentEvent) and not cancel.is_set():
            cancel.set()
            seen.append(time.monotonic())

    started = time.monotonic()
    with pytest.raises(Cancelled):
        transcribe(audio, TranscribeOptions(model="base", language="en", batched=False), on_event, cancel)
    stopped = time.monotonic()
    assert seen and stopped - seen[0] < 1.0
    assert stopped - started < 15


def test_missing_model_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="Unknown model 'nope'"):
        transcribe(SAMPLES / "sample.mp4", TranscribeOptions(model="nope"))


def test_file_without_audio(tmp_path: Path) -> None:
    import imageio_ffmpeg

    silent = tmp_path / "no audio.mp4"
    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(SAMPLES / "sample.mp4"), "-t", "1", "-an",
         "-c:v", "copy", str(silent)],
        check=True,
    )
    with pytest.raises(MediaError, match="no audio track"):
        transcribe(silent, TranscribeOptions(model="tiny.en"))


def test_corrupt_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 40)
    with pytest.raises(MediaError):
        transcribe(broken, TranscribeOptions(model="tiny.en"))
