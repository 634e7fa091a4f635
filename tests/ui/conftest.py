"""A real editor window per test, with its own settings file and scripted answers to prompts."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox


@pytest.fixture
def make_window(qtbot, tmp_path: Path) -> Callable[..., "MainWindow"]:  # noqa: F821
    """Build MainWindows sharing one settings file; prompts answer "Discard" unless a test says otherwise,
    and questions a test does not expect fail it."""
    from subtitler.ui.main_window import MainWindow

    settings_path = tmp_path / "settings.ini"

    def make(answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Discard, restore: bool = True) -> MainWindow:
        window = MainWindow(QSettings(str(settings_path), QSettings.Format.IniFormat))
        window.ask = lambda *_args: answer  # type: ignore[method-assign]
        window.ask_restore = lambda *_args: restore  # type: ignore[method-assign]
        window.ask_attach = _unexpected("attach or open as new")  # type: ignore[method-assign]
        window.choose_project_path = _unexpected("where to save")  # type: ignore[method-assign]
        window.review_changes = lambda _title, changes: list(changes)  # type: ignore[method-assign] - Apply All
        qtbot.addWidget(window)
        window.show()
        return window

    return make


def _unexpected(question: str) -> Callable[..., object]:
    """A prompt the test did not expect: fail at once rather than hang on a modal dialog offscreen."""

    def ask(*_args: object) -> object:
        raise AssertionError(f"unexpected question: {question}")

    return ask
