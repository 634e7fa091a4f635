"""The Models dialog: installed models with size, languages and checksum state; add from a folder or
from the Hugging Face cache, verify, remove; the Transcribe dialog links to it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from subtitler.paths import user_data_dir
from subtitler.ui.models_dialog import ModelsDialog


def _model_folder(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "model.bin").write_bytes(b"\0" * 1000)
    (folder / "config.json").write_text("{}", encoding="utf-8")
    (folder / "tokenizer.json").write_text("{}", encoding="utf-8")
    return folder


def _rows(dialog: ModelsDialog) -> dict[str, list[str]]:
    table = dialog.table
    return {table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, 5)] for r in range(table.rowCount())}


def test_the_window_lists_the_models_with_languages_size_and_checksum(make_window, qtbot) -> None:
    window = make_window()
    seen: dict = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ModelsDialog)
        seen["rows"] = _rows(dialog)
        dialog.select("tiny.en")
        dialog.verify_button.click()
        qtbot.waitUntil(lambda: dialog.status.text() == "tiny.en: verified", timeout=20_000)
        seen["after"] = _rows(dialog)["tiny.en"][2]
        dialog.accept()

    QTimer.singleShot(0, look)
    window.act_models.trigger()
    rows = seen["rows"]
    assert rows["tiny.en"][:2] == ["English only", "76 MB"]
    assert rows["base"][0] == "99 languages" and rows["base"][1] == "145 MB"
    assert rows["small"][2] == "not installed" and "subtitler models pull small" in rows["small"][3]
    assert seen["after"] == "verified"


def test_add_from_a_folder_verify_and_remove(qtbot, tmp_path: Path) -> None:
    dialog = ModelsDialog()
    qtbot.addWidget(dialog)
    source = _model_folder(tmp_path / "whisper-ct2")
    dialog.choose_folder = lambda: source  # type: ignore[method-assign]
    dialog.ask_name = lambda suggested: "mine" if suggested == "whisper-ct2" else ""  # type: ignore[method-assign]
    dialog.add_folder_button.click()
    target = user_data_dir() / "models" / "mine"
    assert (target / "model.bin").is_file()
    assert _rows(dialog)["mine"][0] == "99 languages" and dialog.selected().name == "mine"
    assert dialog.status.text() == "Added mine."

    dialog.verify_button.click()
    qtbot.waitUntil(lambda: dialog.status.text() == "mine: no checksum known", timeout=5000)

    assert dialog.remove_button.isEnabled()
    dialog.confirm_remove = lambda name: name == "mine"  # type: ignore[method-assign]
    dialog.remove_button.click()
    assert not target.exists() and "mine" not in _rows(dialog)
    dialog.select("tiny.en")
    assert not dialog.remove_button.isEnabled()  # a bundled model stays


def test_a_model_in_the_hugging_face_cache_can_be_added(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hub = tmp_path / "hub"
    snapshot = _model_folder(hub / "models--Systran--faster-whisper-tiny" / "snapshots" / "abc123")
    monkeypatch.setenv("HF_HUB_CACHE", str(hub))
    dialog = ModelsDialog()
    qtbot.addWidget(dialog)
    rows = _rows(dialog)
    assert rows["Systran/faster-whisper-tiny"][2] == "not added"
    assert str(snapshot) in rows["Systran/faster-whisper-tiny"][3]
    dialog.ask_name = lambda suggested: suggested  # type: ignore[method-assign]
    dialog.select("Systran/faster-whisper-tiny")
    dialog.add_cached_button.click()
    assert dialog.status.text() == "Added tiny."
    rows = _rows(dialog)
    assert "tiny" in rows and "Systran/faster-whisper-tiny" not in rows


def test_the_transcribe_dialog_points_to_the_models(qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from subtitler.ui.transcribe_dialog import TranscribeDialog

    dialog = TranscribeDialog(None, "netflix-en", settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(dialog)
    assert "Greyed-out models are not installed: Models… says how to get them." in dialog.model_info.text()
    small = dialog.model_box.findData("small")
    assert small >= 0 and not dialog.model_box.model().item(small).isEnabled()

    def close_models() -> None:
        models = QApplication.activeModalWidget()
        assert isinstance(models, ModelsDialog)
        models.accept()

    QTimer.singleShot(0, close_models)
    dialog.models_button.click()
    assert dialog.model_box.count() > 2 and dialog.model_name() == "base"
