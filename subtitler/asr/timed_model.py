"""A WhisperModel seen through a stopwatch: its encoder, word alignment and features report their time."""

from __future__ import annotations

import inspect
import types
from typing import TYPE_CHECKING

from ..core.stage_times import StageTimes

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

__all__ = ["ENCODER", "FEATURES", "WORD_ALIGNMENT", "TimedModel"]

ENCODER = "encoder"
WORD_ALIGNMENT = "word alignment"
FEATURES = "features (log-mel)"
_TIMED_METHODS = {"encode": ENCODER, "add_word_timestamps": WORD_ALIGNMENT}


class TimedModel:
    """Stands in for a WhisperModel; the model's own methods run bound to this view, so the calls
    they make on ``self`` (encode, add_word_timestamps, feature_extractor) are timed too."""

    def __init__(self, model: "WhisperModel", times: StageTimes) -> None:
        self._model = model
        self._times = times

    def __getattr__(self, name: str) -> object:
        member = inspect.getattr_static(type(self._model), name, None)
        if inspect.isfunction(member):
            bound = types.MethodType(member, self)
            return self._times.wrap(_TIMED_METHODS[name], bound) if name in _TIMED_METHODS else bound
        value = getattr(self._model, name)
        return self._times.wrap(FEATURES, value) if name == "feature_extractor" else value
