"""Models load in one thread that outlives every transcription: CTranslate2 ran a model 5x slower
once the thread that had loaded it ended (a model kept from one editor transcription to the next)."""

from __future__ import annotations

import threading

import faster_whisper
import pytest

from subtitler.asr import engine
from subtitler.asr.models import resolve_model


def test_a_model_is_loaded_by_a_thread_that_outlives_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded_in: list[threading.Thread] = []

    class Spy(faster_whisper.WhisperModel):
        def __init__(self, *args: object, **kwargs: object) -> None:
            loaded_in.append(threading.current_thread())
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(faster_whisper, "WhisperModel", Spy)
    engine.load_model.cache_clear()
    try:
        caller = threading.Thread(target=engine.load_model, args=(str(resolve_model("tiny.en")), 2))
        caller.start()
        caller.join()
        assert loaded_in and loaded_in[0] is not caller and loaded_in[0].is_alive()
    finally:
        engine.load_model.cache_clear()  # no spy left in the cache

