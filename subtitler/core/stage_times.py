"""Wall time per named stage of a run, for `subtitler transcribe --profile` and the benchmarks."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from functools import wraps
from typing import Callable, Iterator, TypeVar

__all__ = ["StageTimes"]

F = TypeVar("F", bound=Callable[..., object])


class StageTimes:
    """Seconds spent in each named stage, in the order the stages were first seen (thread-safe)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._lock = threading.Lock()

    def add(self, name: str, seconds: float) -> None:
        """Count ``seconds`` more for ``name``."""
        with self._lock:
            self.seconds[name] = self.seconds.get(name, 0.0) + seconds

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the body of a ``with`` block as ``name``."""
        began = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - began)

    def wrap(self, name: str, func: F) -> F:
        """``func``, with the time of each call counted as ``name``."""

        @wraps(func)
        def timed(*args: object, **kwargs: object) -> object:
            with self.stage(name):
                return func(*args, **kwargs)

        return timed  # type: ignore[return-value]

    def lines(self) -> list[str]:
        """One ``profile: <stage> <seconds> s`` line per stage, in first-seen order."""
        with self._lock:
            items = list(self.seconds.items())
        width = max((len(name) for name, _ in items), default=0)
        return [f"profile: {name:<{width}} {seconds:8.3f} s" for name, seconds in items]
