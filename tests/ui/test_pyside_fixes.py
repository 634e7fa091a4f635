"""Calls into PySide6 must not wear out the None and True singletons (PySide6 6.12.0 on CPython 3.11)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import subtitler.ui  # noqa: F401 - importing the UI package applies the workaround
from subtitler.ui._pyside_fixes import protect_singletons


class _Ticker(QObject):
    tick = Signal(int)


def test_many_emits_and_void_calls_leave_the_singletons_alive(qapp) -> None:
    ticker = _Ticker()
    seen: list[int] = []
    ticker.tick.connect(seen.append)
    for n in range(50_000):  # about half an hour of playhead updates and repaints
        ticker.tick.emit(n)
        ticker.setObjectName("ticker")
    assert len(seen) == 50_000
    assert sys.getrefcount(True) > 100_000
    assert sys.getrefcount(None) > 100_000


def test_the_workaround_is_applied_only_where_needed(qapp) -> None:
    before = sys.getrefcount(None), sys.getrefcount(True)
    protected = protect_singletons()
    after = sys.getrefcount(None), sys.getrefcount(True)
    assert (after[0] - before[0] > 1_000_000) == (None in protected)
    assert (after[1] - before[1] > 1_000_000) == (True in protected)
