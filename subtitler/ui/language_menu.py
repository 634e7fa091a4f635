"""View ▸ Interface Language: follow the system, or force English or French (applies on restart)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QStatusBar

from .i18n import AVAILABLE_LANGUAGES, LANGUAGE_KEY

__all__ = ["add_language_menu", "LANGUAGE_NAMES"]

LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
"""Each language under its own name (an autonym is never translated: it is how a user finds theirs)."""


def add_language_menu(menu: QMenu, settings: QSettings, status_bar: QStatusBar) -> QMenu:
    """Append the language choice to ``menu``; a choice is saved under ``LANGUAGE_KEY``."""
    menu.addSeparator()
    submenu = menu.addMenu(QCoreApplication.translate("LanguageMenu", "Interface &Language"))
    group = QActionGroup(submenu)
    current = str(settings.value(LANGUAGE_KEY, "") or "")
    choices = [("", QCoreApplication.translate("LanguageMenu", "System Language"))]
    choices += [(code, LANGUAGE_NAMES[code]) for code in AVAILABLE_LANGUAGES]
    for code, label in choices:
        action = submenu.addAction(label)
        action.setCheckable(True)
        action.setChecked(code == current)
        action.setData(code)
        group.addAction(action)

    def choose(action) -> None:  # noqa: ANN001 - QAction from the group's signal
        settings.setValue(LANGUAGE_KEY, action.data())
        settings.sync()
        status_bar.showMessage(
            QCoreApplication.translate("LanguageMenu", "The interface language changes the next time Subtitler starts."),
            10_000,
        )

    group.triggered.connect(choose)
    return submenu
