"""The Transcribe dialog's choices about Whisper itself: where it runs, and a model from a folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from ..asr.device import Device, all_threads, choose_device, cuda_device_count, supported_compute_types
from ..core.errors import ModelError

__all__ = ["DeviceChooser", "ModelFolderButton", "describe_device"]

# The values behind the choices (CTranslate2's names), not text anyone reads.
_AUTO, _CPU, _CUDA = "auto", "cpu", "cuda"


def describe_device(device: Device) -> str:
    """What a transcription runs on, for people: "CPU, int8 weights"."""
    where = "GPU (CUDA)" if device.device == "cuda" else "CPU"
    return QCoreApplication.translate("DeviceChooser", "%1, %2 weights").replace(
        "%1", QCoreApplication.translate("DeviceChooser", where)).replace("%2", device.compute_type)


class DeviceChooser(QWidget):
    """Device and compute type (each "auto" by default), and what that choice runs on here."""

    def __init__(self, parent: QWidget | None, device: str = "auto", compute_type: str = "auto") -> None:
        super().__init__(parent)
        self.device_box = QComboBox(self)
        self.device_box.addItem(self.tr("Automatic"), _AUTO)
        self.device_box.addItem(self.tr("CPU"), _CPU)
        self.device_box.addItem(self.tr("GPU (CUDA)"), _CUDA)
        self._gpus = cuda_device_count()
        if not self._gpus:
            self.device_box.model().item(2).setEnabled(False)
            self.device_box.setItemData(2, self.tr("No CUDA GPU is visible here."), Qt.ItemDataRole.ToolTipRole)
        self.device_box.setCurrentIndex(max(0, self.device_box.findData(device if self._gpus or device != "cuda" else "auto")))
        self.compute_box = QComboBox(self)
        self.in_use = QLabel(self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.device_box, 1)
        row.addWidget(self.compute_box, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.in_use)
        self._fill_compute_types(compute_type)
        self.device_box.currentIndexChanged.connect(lambda: self._fill_compute_types(self.compute_type()))
        self.compute_box.currentIndexChanged.connect(self._show_in_use)

    def device(self) -> str:
        """"auto", "cpu" or "cuda"."""
        return str(self.device_box.currentData())

    def compute_type(self) -> str:
        """"auto" or a CTranslate2 compute type the device can use."""
        return str(self.compute_box.currentData() or "auto")

    def chosen(self) -> Device:
        """What the current choice resolves to on this machine."""
        return choose_device(self.device(), self.compute_type())

    def _fill_compute_types(self, keep: str) -> None:
        kind = "cuda" if self.device() == "cuda" or (self.device() == "auto" and self._gpus) else "cpu"
        self.compute_box.blockSignals(True)
        self.compute_box.clear()
        self.compute_box.addItem(self.tr("Automatic"), _AUTO)
        for name in sorted(supported_compute_types(kind)):
            self.compute_box.addItem(name, name)
        self.compute_box.setCurrentIndex(max(0, self.compute_box.findData(keep)))
        self.compute_box.blockSignals(False)
        self._show_in_use()

    def _show_in_use(self) -> None:
        try:
            device = self.chosen()
        except ModelError as exc:
            self.in_use.setText(str(exc))
            return
        batches, _ = device.decoders(all_threads())
        text = (self.tr("Runs on: %1; up to %2 windows of 30 s a batch, %3 batches at once") if batches > 1
                else self.tr("Runs on: %1; up to %2 windows of 30 s at once"))
        self.in_use.setText(
            text.replace("%1", describe_device(device)).replace("%2", str(device.batch_size)).replace("%3", str(batches))
        )


class ModelFolderButton(QPushButton):
    """Adds a model folder (a CTranslate2 Whisper model, with its model.bin) to a model list and selects it."""

    def __init__(self, parent: QWidget | None, models: QComboBox) -> None:
        super().__init__(self.tr("Folder…"), parent)
        self.models = models
        self.setToolTip(self.tr("Use a model from a folder (a CTranslate2 Whisper model with its model.bin)"))
        self.clicked.connect(self._on_clicked)

    def _on_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Model folder"))
        if folder:
            self.add(Path(folder))

    def add(self, folder: Path) -> bool:
        """List ``folder`` as a model and select it; False (and a message) when it holds no model.bin."""
        if not (folder / "model.bin").is_file():
            QMessageBox.warning(self, self.tr("Not a model folder"),
                                self.tr("%1 holds no model.bin: choose the folder of a CTranslate2 Whisper model.")
                                .replace("%1", str(folder)))
            return False
        index = self.models.findData(str(folder))
        if index < 0:
            self.models.addItem(folder.name, str(folder))
            index = self.models.count() - 1
        self.models.setCurrentIndex(index)
        return True
