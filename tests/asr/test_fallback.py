"""Batched windows that loop are decoded again, reproducibly (real models, real recordings)."""

from __future__ import annotations

import numpy as np
import pytest
from faster_whisper.transcribe import Segment as WhisperSegment
from faster_whisper.transcribe import get_compression_ratio

from benchmarks.speech_references import recording, recordings, repetition_loops, word_error_rate
from subtitler.asr.engine import TranscribeOptions, load_model, transcribe
from subtitler.asr.fallback import Redecoder, compression_ratio, is_looping, is_suspect_window
from subtitler.asr.models import resolve_model
from subtitler.asr.regions import SAMPLE_RATE
from subtitler.media.audio import decode_audio

S = SAMPLE_RATE
ENGLISH = dict(language="en", task="transcribe", beam_size=5, initial_prompt=None, hotwords=None)

# Windows the base model really wrote on synthetic French speech (batched, then sequential at 0.4).
LOOPED = [
    " nous sommes arrêtés," * 30,
    " Il y a beaucoup d'hommes et de tels d'hommes et de tels d'hommes et de tels d'hommes et de tels d'hommes"
    " et de tels d'hommes et de tels d'hommes",
    " pour qu'il n'a même jamais vu de telle même d'art, l'épendant ou des mamacres, l'épendant ou des mamacres,"
    " l'épendant ou des mamacres, l'épendant ou des mamacres,",
    " de la même chose, qui est la même chose de la même chose de la même chose de la",
]


@pytest.mark.parametrize("text", LOOPED, ids=range(len(LOOPED)))
def test_real_looped_output_is_caught(text: str) -> None:
    assert is_looping(text) and is_suspect_window(text, -0.3)


def test_real_speech_and_its_repetitions_are_left_alone() -> None:
    texts = [r.text for r in recordings()] + [
        "And here's some more words words words words words, and that should be all.",
        "No, no, no. Thank you, thank you, thank you!",
    ]
    assert all(not is_looping(text) and not is_suspect_window(text, -0.4) for text in texts)
    assert is_suspect_window(recording("jfk.flac").text, -1.4)  # improbable: decoded again all the same


def test_compression_ratio_is_whispers() -> None:
    for text in [*LOOPED, recording("smartphone_fr.mp3").text, "Bonjour."]:
        assert compression_ratio(text) == pytest.approx(get_compression_ratio(text))
    assert compression_ratio(LOOPED[0]) > 2.4 > compression_ratio(recording("smartphone_fr.mp3").text)


def _batched_window(text: str, seek: int) -> WhisperSegment:
    """One window as the batched pipeline returns it (here: the looped text the base model wrote)."""
    return WhisperSegment(id=1, seek=seek, start=0.0, end=10.0, text=text, tokens=list(range(len(text) // 4)),
                          avg_logprob=-0.2, compression_ratio=get_compression_ratio(text), no_speech_prob=0.01,
                          words=None, temperature=0.0)  # fmt: skip


def test_a_looping_window_is_decoded_again_on_the_original_timeline() -> None:
    jfk = decode_audio(recording("jfk.flac").path)
    # The speech of one window comes from two stretches of the timeline, 3 s apart: "And so my
    # fellow Americans, ask not" (0-3.9 s of jfk.flac) at 2 s, the rest at 8.9 s.
    timeline = np.concatenate([np.zeros(2 * S, np.float32), jfk[: int(3.9 * S)], np.zeros(3 * S, np.float32),
                               jfk[int(3.9 * S) :]])  # fmt: skip
    looped_window = [(2 * S, int(5.9 * S)), (int(8.9 * S), len(timeline))]
    healthy_window = [(0, S)]
    healthy = _batched_window(" Hello.", seek=3000)
    redecoder = Redecoder(str(resolve_model("tiny.en")), 2, ENGLISH)

    out = list(redecoder.checked([_batched_window(LOOPED[0], seek=0), healthy], timeline, [looped_window, healthy_window]))

    assert redecoder.redecoded == 1 and out[-1] is healthy
    redecoded = out[:-1]
    assert word_error_rate(recording("jfk.flac").text, " ".join(s.text for s in redecoded)) <= 0.1
    words = [w for s in redecoded for w in s.words]
    americans = next(w for w in words if "Americans" in w.word)
    assert 2 + 1.3 <= americans.start <= 2 + 2.3  # "Americans" is said about 1.8 s into jfk.flac
    assert not any(5.9 < (w.start + w.end) / 2 < 8.9 for w in words)  # nothing in the gap between the stretches
    assert any(w.start >= 8.9 and "country" in w.word for w in words)


def test_redecoding_at_a_sampling_temperature_is_reproducible() -> None:
    # The hoarse half of michaelandsickmichael.wav, where sampling at 1.0 varies from draw to draw.
    audio = decode_audio(recording("michaelandsickmichael.wav").path)
    window = [(38 * S, 45 * S), (46 * S, 52 * S)]
    path = str(resolve_model("tiny.en"))

    def words(redecoder: Redecoder) -> list[tuple[float, float, str]]:
        return [(w.start, w.end, w.word) for s in redecoder.decode(audio, window) for w in s.words]

    first = Redecoder(path, 2, ENGLISH, temperatures=(1.0,))
    draws = words(first)
    assert len(draws) >= 20
    assert words(Redecoder(path, 2, ENGLISH, temperatures=(1.0,))) == draws
    # The same model instance drawing again does vary: it is the fresh seeded instance that repeats.
    assert words(first) != draws


def _plain(audio: np.ndarray, model: str, language: str) -> str:
    """Plain sequential faster-whisper, as the issue measures it."""
    segments, _ = load_model(str(resolve_model(model)), 2).transcribe(
        audio, language=language, beam_size=5, vad_filter=True, word_timestamps=True
    )
    return " ".join(s.text for s in segments)


@pytest.mark.parametrize(
    ("name", "model", "seconds"),
    [("acoustic_corpus.wav", "tiny.en", None), ("smartphone_fr.mp3", "base", 48.9)],
    ids=["acoustic_corpus", "smartphone_fr-first-49s"],
)
def test_default_path_keeps_plain_decodings_word_error_rate_without_loops(name: str, model: str, seconds: float | None) -> None:
    spoken = recording(name)
    audio = decode_audio(spoken.path)
    if seconds is not None:  # the conversation up to a sentence end, to keep the test short
        audio = audio[: int(seconds * S)]
    reference = " ".join(s.text for s in spoken.sentences if seconds is None or s.end <= seconds)
    ours = transcribe(audio, TranscribeOptions(model=model, language=spoken.language))
    text = " ".join(s.text for s in ours.segments)
    assert repetition_loops(reference, text) == 0, text
    assert word_error_rate(reference, text) <= word_error_rate(reference, _plain(audio, model, spoken.language)) + 0.02
