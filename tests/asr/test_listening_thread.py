"""The audio is decoded in a helper thread while the model loads; when the run gives up, so does the helper."""

from __future__ import annotations

import threading
import time
import wave
from pathlib import Path

import numpy as np
import pytest

from subtitler.asr.engine import TranscribeOptions, transcribe
from subtitler.core.errors import Cancelled, ModelError

MINUTES = 40


@pytest.fixture(scope="module")
def long_recording(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 minutes of faint noise: seconds to decode and many more to search for speech."""
    path = tmp_path_factory.mktemp("long") / "long.wav"
    noise = (np.random.default_rng(3).standard_normal(MINUTES * 60 * 16000) * 300).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(noise.tobytes())
    return path


def _helpers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("subtitler-audio")]


def _gone_within(seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while _helpers() and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _helpers()


def test_a_model_that_fails_to_load_stops_the_decoding(long_recording: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken-model"
    broken.mkdir()
    (broken / "model.bin").write_bytes(b"not weights")
    with pytest.raises(ModelError):
        transcribe(long_recording, TranscribeOptions(model=str(broken), language="en"))
    assert _gone_within(3.0)


def test_cancel_while_decoding_stops_the_helper_too(long_recording: Path) -> None:
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    began = time.monotonic()
    with pytest.raises(Cancelled):
        transcribe(long_recording, TranscribeOptions(model="tiny.en", language="en"), cancel=cancel)
    assert time.monotonic() - began < 8.0 and _gone_within(3.0)
