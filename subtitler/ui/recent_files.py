"""File ▸ Open Recent: the ten files opened last, remembered in the settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QMenu, QWidget

__all__ = ["RecentFiles", "MAX_RECENT"]

MAX_RECENT = 10
RECENT_KEY = "files/recent"
LAST_DIR_KEY = "files/last_dir"


class RecentFiles(QObject):
    """The recent files and their menu; choosing one emits ``chosen``."""

    chosen = Signal(str)
    """(path): the user picked this file from the menu."""

    def __init__(self, settings: QSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self.settings = settings
        self.menu = QMenu(self.tr("Open &Recent"), parent)
        self._rebuild()

    def files(self) -> list[str]:
        """Recently opened files, newest first."""
        value = self.settings.value(RECENT_KEY, [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def last_dir(self) -> str:
        """The folder a file was last opened from or saved to (file dialogs start there)."""
        return str(self.settings.value(LAST_DIR_KEY, str(Path.home())))

    def remember(self, path: Path) -> None:
        """Put ``path`` first in the list, and its folder as the last one used."""
        self.settings.setValue(LAST_DIR_KEY, str(path.parent))
        recent = [p for p in self.files() if p != str(path)]
        self.settings.setValue(RECENT_KEY, [str(path), *recent][:MAX_RECENT])
        self._rebuild()

    def _rebuild(self) -> None:
        self.menu.clear()
        files = self.files()
        for n, path in enumerate(files, 1):
            action = self.menu.addAction(f"&{n % 10}  {Path(path).name}")
            action.setToolTip(path)
            action.triggered.connect(lambda _c=False, p=path: self.chosen.emit(p))
        if not files:
            empty = self.menu.addAction(self.tr("No recent files"))
            empty.setEnabled(False)
        else:
            self.menu.addSeparator()
            self.menu.addAction(self.tr("Clear List"), self._clear)

    def _clear(self) -> None:
        self.settings.setValue(RECENT_KEY, [])
        self._rebuild()
