"""The Transcribe dialog's device choice (CTranslate2's GPU count stubbed: this machine has none) and model folders."""

from __future__ import annotations

import os
from pathlib import Path

import ctranslate2
import pytest
from PySide6.QtWidgets import QMessageBox

from subtitler.ui.transcribe_dialog import TranscribeDialog

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "sample.mp4"
CPU_TYPES = {"int8", "int8_float32", "float32"}
GPU_TYPES = {"int8", "int8_float16", "float16", "float32"}


def machine(monkeypatch: pytest.MonkeyPatch, gpus: int) -> None:
    """CTranslate2 reports ``gpus`` CUDA devices."""
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: gpus)
    monkeypatch.setattr(ctranslate2, "get_supported_compute_types", lambda d: GPU_TYPES if d == "cuda" else CPU_TYPES)


def listed(box) -> list[str]:  # noqa: ANN001
    return [box.itemData(i) for i in range(box.count())]


def test_without_a_gpu_the_dialog_offers_the_cpu_and_says_so(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    machine(monkeypatch, gpus=0)
    dialog = TranscribeDialog(None, "netflix-en")
    qtbot.addWidget(dialog)
    chooser = dialog.device_chooser
    assert not chooser.device_box.model().item(chooser.device_box.findData("cuda")).isEnabled()
    assert listed(chooser.compute_box) == ["auto", "float32", "int8", "int8_float32"]
    batches = 2 if (os.cpu_count() or 2) >= 2 else 1  # a CPU decodes two batches at once when it has two threads
    expected = ("Runs on: CPU, int8 weights; up to 4 windows of 30 s a batch, 2 batches at once" if batches == 2
                else "Runs on: CPU, int8 weights; up to 4 windows of 30 s at once")
    assert chooser.in_use.text() == expected
    chooser.compute_box.setCurrentIndex(chooser.compute_box.findData("float32"))
    assert chooser.chosen().compute_type == "float32" and "CPU, float32 weights" in chooser.in_use.text()


def test_with_a_gpu_auto_uses_it_and_the_cpu_stays_a_choice(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    machine(monkeypatch, gpus=1)
    dialog = TranscribeDialog(None, "netflix-en")
    qtbot.addWidget(dialog)
    chooser = dialog.device_chooser
    assert chooser.device_box.model().item(chooser.device_box.findData("cuda")).isEnabled()
    assert chooser.in_use.text() == "Runs on: GPU (CUDA), float16 weights; up to 8 windows of 30 s at once"
    assert "float16" in listed(chooser.compute_box)
    chooser.device_box.setCurrentIndex(chooser.device_box.findData("cpu"))
    assert "float16" not in listed(chooser.compute_box)
    assert (chooser.device(), chooser.compute_type()) == ("cpu", "auto")
    assert chooser.in_use.text().startswith("Runs on: CPU, int8 weights")


def test_a_remembered_gpu_choice_falls_back_to_automatic_without_a_gpu(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    machine(monkeypatch, gpus=0)
    dialog = TranscribeDialog(None, "netflix-en", device="cuda", compute_type="float16")
    qtbot.addWidget(dialog)
    assert (dialog.device_chooser.device(), dialog.device_chooser.compute_type()) == ("auto", "auto")


def test_a_model_folder_is_listed_and_chosen_only_with_its_model_bin(qtbot, monkeypatch: pytest.MonkeyPatch,
                                                                    tmp_path: Path) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warned.append(text))
    dialog = TranscribeDialog(None, "netflix-en")
    qtbot.addWidget(dialog)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert not dialog.model_folder.add(empty) and "holds no model.bin" in warned[0]
    model = tmp_path / "whisper-small-ct2"
    model.mkdir()
    (model / "model.bin").write_bytes(b"weights")
    assert dialog.model_folder.add(model)
    assert dialog.model_name() == str(model) and dialog.model_box.currentText() == "whisper-small-ct2"


def test_the_run_uses_the_chosen_device_and_the_status_says_which(make_window, qtbot,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    machine(monkeypatch, gpus=0)
    window = make_window()
    assert window.open_path(SAMPLE)
    qtbot.waitUntil(window.player.is_loaded, timeout=15_000)
    window.transcription.start("tiny.en", "en", None, "cpu", "int8_float32")
    options = window.transcription.thread.options
    assert (options.device, options.compute_type) == ("cpu", "int8_float32")
    assert "on CPU, int8_float32 weights" in window.statusBar().currentMessage()
    window.transcription.cancel(wait=True)


def test_a_larger_model_in_the_hub_cache_can_be_chosen(qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    snapshot = tmp_path / "hub" / "models--Systran--faster-whisper-small" / "snapshots" / "abc"
    snapshot.mkdir(parents=True)
    (snapshot / "model.bin").write_bytes(b"weights")
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    dialog = TranscribeDialog(None, "netflix-en")
    qtbot.addWidget(dialog)
    items = dialog.model_box.model()
    assert items.item(dialog.model_box.findData("small")).isEnabled()
    assert not items.item(dialog.model_box.findData("medium")).isEnabled()
