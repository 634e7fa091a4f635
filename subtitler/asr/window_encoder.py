"""Whisper's encoder fed one 30 s window at a time on a CPU."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .timed_model import ENCODER, TimedModel

if TYPE_CHECKING:
    import ctranslate2
    from faster_whisper import WhisperModel

__all__ = ["WindowEncodingModel", "encode_each"]


def encode_each(model: "WhisperModel", features: np.ndarray) -> list[np.ndarray]:
    """The encoder output (1 x frames x width) of each window of a batch of features, encoded one
    window at a time.

    On a CPU thread that is as fast as the whole batch at once (three windows of base: 2.98 s
    against 3.07 s, median of 3), and the encoder's working memory is one window's: its
    self-attention takes about 72 MB a window for base, so two batches of three encoded side by
    side had lifted a 1-hour transcription's peak by some 430 MB."""
    return [np.asarray(model.encode(window[np.newaxis])) for window in features]


class WindowEncodingModel(TimedModel):
    """A TimedModel whose encoder takes a batch one window at a time when it runs on a CPU."""

    def encode(self, features: np.ndarray) -> "ctranslate2.StorageView":
        """The batch's encoder output, as ``WhisperModel.encode`` gives it."""
        import ctranslate2

        model = self._model
        with self._times.stage(ENCODER):
            if model.model.device != "cpu" or features.ndim == 2 or len(features) == 1:
                return model.encode(features)
            return ctranslate2.StorageView.from_array(np.concatenate(encode_each(model, features)))
