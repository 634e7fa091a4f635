"""Interface language: Qt translators chosen from the system locale or the user's setting."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from ..paths import resources_dir

__all__ = ["LANGUAGE_KEY", "AVAILABLE_LANGUAGES", "interface_locale", "install_translators"]

LANGUAGE_KEY = "interface/language"
"""Settings key: "" follows the system, otherwise a language code such as "fr"."""
AVAILABLE_LANGUAGES = ("en", "fr")


def interface_locale(settings: QSettings | None = None) -> QLocale:
    """The locale the interface should use: the user's override, else the system's."""
    chosen = str((settings or QSettings()).value(LANGUAGE_KEY, "") or "")
    return QLocale(chosen) if chosen else QLocale.system()


def install_translators(app: QCoreApplication, locale: QLocale) -> list[QTranslator]:
    """Load Subtitler's and Qt's own translations for ``locale``; keep the returned list alive."""
    QLocale.setDefault(locale)
    installed: list[QTranslator] = []
    sources = (
        ("subtitler", str(resources_dir() / "translations")),
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    )
    for name, folder in sources:
        translator = QTranslator(app)
        # English strings are their own translation but for plurals ("1 cue"): subtitler_en
        # serves every language without a translation of its own.
        if translator.load(locale, name, "_", folder) or (
            name == "subtitler" and translator.load(f"{name}_en", folder)
        ):
            app.installTranslator(translator)
            installed.append(translator)
    return installed
