"""The encoder fed one window at a time on a CPU: the same output as the whole batch, one window's memory (real tiny.en)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from faster_whisper import WhisperModel

from subtitler.asr.engine import TranscribeOptions, load_model, transcribe
from subtitler.asr.models import resolve_model
from subtitler.asr.window_encoder import encode_each
from subtitler.media.audio import decode_audio

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "sample.mp4"


def test_each_window_encodes_as_in_the_batch() -> None:
    model = load_model(str(resolve_model("tiny.en")), 1)
    audio = decode_audio(SAMPLE)
    features = np.stack([model.feature_extractor(part)[:, :3000] for part in (audio, audio[::-1].copy())])
    together = np.asarray(model.encode(features))
    each = encode_each(model, features)
    assert [e.shape for e in each] == [(1, *together.shape[1:])] * 2
    assert np.allclose(np.concatenate(each), together, atol=1e-3)


def test_transcription_never_encodes_more_than_one_window_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real = WhisperModel.encode

    def spy(self: WhisperModel, features: np.ndarray) -> object:
        seen.append(1 if features.ndim == 2 else len(features))
        return real(self, features)

    monkeypatch.setattr(WhisperModel, "encode", spy)
    audio = np.tile(decode_audio(SAMPLE), 8)  # 6 windows: two batches of three
    transcript = transcribe(audio, TranscribeOptions(model="tiny.en", language="en", cpu_threads=1))
    assert len(transcript.words) > 300
    assert len(seen) >= 6 and max(seen) == 1
