"""A tiny observer list so the Qt-free document can announce changes."""

from __future__ import annotations

from typing import Callable, Generic, ParamSpec

P = ParamSpec("P")


class Signal(Generic[P]):
    """Plain-Python signal: ``connect`` callbacks, ``emit`` calls them in order."""

    def __init__(self) -> None:
        self._slots: list[Callable[P, None]] = []

    def connect(self, slot: Callable[P, None]) -> None:
        self._slots.append(slot)

    def disconnect(self, slot: Callable[P, None]) -> None:
        self._slots.remove(slot)

    def emit(self, *args: P.args, **kwargs: P.kwargs) -> None:
        for slot in list(self._slots):
            slot(*args, **kwargs)
