"""The desktop app: ``subtitler [VIDEO | PROJECT.subtitler | SUBTITLES]`` opens the editor window."""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from . import APP_ID, __version__
from .paths import sample_video

if TYPE_CHECKING:
    from .ui.main_window import MainWindow

__all__ = ["create_application", "main", "open_startup_files"]


def create_application(argv: list[str] | None = None):  # noqa: ANN201 - QApplication, imported lazily
    """The QApplication with Subtitler's names, icon and interface translations installed."""
    os.environ.setdefault(
        "QT_LOGGING_RULES", "qt.multimedia.symbolsresolver.warning=false;qt.multimedia.ffmpeg.info=false"
    )
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    from .paths import resources_dir
    from .ui.i18n import install_translators, interface_locale

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "subtitler", *(argv or [])])
    app.setOrganizationName("Subtitler")
    app.setOrganizationDomain("subtitler.github.io")
    app.setApplicationName("Subtitler")
    app.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(APP_ID)
    icon = resources_dir() / "icons" / f"{APP_ID}.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    app._subtitler_translators = install_translators(app, interface_locale())  # type: ignore[attr-defined]
    return app


def open_startup_files(window: "MainWindow", args: list[str]) -> None:
    """Open the file asked for, then offer left-over work beside it; with no file, restored work or the sample."""
    if args:
        window.open_path(Path(args[0]))
        window.offer_recovery()
    elif window.offer_recovery() is None and sample_video().is_file():
        window.open_path(sample_video())


def end_windows_on_sigterm(app: object, end_windows: Callable[[], None]) -> None:
    """On SIGTERM (logout, ``kill``) call ``end_windows`` from the Qt event loop.

    Python runs signal handlers only between bytecodes, which an idle Qt event loop never executes,
    so the signal also writes its number to a socket that a ``QSocketNotifier`` watches.
    """
    from PySide6.QtCore import QSocketNotifier

    receiver, sender = socket.socketpair()
    receiver.setblocking(False)
    sender.setblocking(False)
    signal.set_wakeup_fd(sender.fileno(), warn_on_full_buffer=False)
    signal.signal(signal.SIGTERM, lambda _signum, _frame: None)  # the byte on the socket does the work
    notifier = QSocketNotifier(receiver.fileno(), QSocketNotifier.Type.Read)

    def on_wake_up() -> None:
        try:
            numbers = receiver.recv(64)
        except BlockingIOError:
            return
        if signal.SIGTERM in numbers:
            end_windows()

    notifier.activated.connect(on_wake_up)
    app._subtitler_sigterm = (receiver, sender, notifier)  # type: ignore[attr-defined]  # alive with the app


def main(argv: list[str] | None = None) -> int:
    """Open the editor on a file, the bundled sample, or restored unsaved work; run until closed."""
    multiprocessing.freeze_support()
    if multiprocessing.get_start_method(allow_none=True) is None:
        # Workers must not inherit Qt's threads through fork.
        multiprocessing.set_start_method("spawn")
    args = list(sys.argv[1:] if argv is None else argv)
    app = create_application(args)
    from PySide6.QtWidgets import QApplication

    from .ui.main_window import MainWindow

    def end_windows() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                widget.end_session()

    end_windows_on_sigterm(app, end_windows)
    window = MainWindow()
    window.show()
    open_startup_files(window, args)
    return app.exec()
