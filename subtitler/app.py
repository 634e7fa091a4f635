"""The desktop app: ``subtitler [VIDEO | PROJECT.subtitler | SUBTITLES]`` opens the editor window."""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

from . import APP_ID, __version__
from .paths import sample_video

__all__ = ["create_application", "main"]


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


def main(argv: list[str] | None = None) -> int:
    """Open the editor on a file, the bundled sample, or restored unsaved work; run until closed."""
    multiprocessing.freeze_support()
    if multiprocessing.get_start_method(allow_none=True) is None:
        # Workers must not inherit Qt's threads through fork.
        multiprocessing.set_start_method("spawn")
    args = list(sys.argv[1:] if argv is None else argv)
    app = create_application(args)
    from .ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    if not window.offer_recovery():
        target = Path(args[0]) if args else sample_video()
        if args or target.is_file():
            window.open_path(target)
    return app.exec()
