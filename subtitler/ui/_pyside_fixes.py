"""Work around a reference-counting bug of PySide6 6.12.0 on CPython 3.11 that crashes the app.

With PySide6 6.12.0 on CPython before 3.12, every call of a C++ method returning ``void``
returns ``None`` without taking a reference to it, and ``SignalInstance.emit()`` does the same
with ``True``. Each call removes a reference from the singleton; ``None`` starts with a few
thousand, ``True`` with a few hundred, so after seconds to minutes of use (every repaint and
playhead update calls such methods) CPython aborts with "none_dealloc: deallocating None" or
"bool_dealloc". PySide6 6.11.3, and CPython 3.12+ (where these singletons are immortal), are
not affected. When the leak is detected, the singletons get enough spare references to outlive
any session: what CPython 3.12 does by design.
"""

from __future__ import annotations

import ctypes
import sys

__all__ = ["leaking_singletons", "protect_singletons"]

_SPARE_REFERENCES = 1 << 40
"""About a trillion leaked references: more than any session makes."""
_PROBES = 8


def leaking_singletons() -> list[object]:
    """The singletons (None, True) that calls into this PySide6 lose references to."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    found: list[object] = []
    for singleton, call in ((None, lambda: probe.setObjectName("probe")), (True, probe.ping.emit)):
        before = sys.getrefcount(singleton)
        for _ in range(_PROBES):
            call()
        if sys.getrefcount(singleton) - before <= -_PROBES:
            found.append(singleton)
    return found


def protect_singletons() -> list[object]:
    """Give the leaking singletons spare references; return the ones that needed them."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return []  # immortal singletons, or a debug build whose object header differs
    leaking = leaking_singletons()
    for singleton in leaking:
        # ob_refcnt is the first field of every object in release builds of CPython 3.11 and older.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _SPARE_REFERENCES
    return leaking
