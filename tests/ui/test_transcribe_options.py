"""The Transcribe dialog, complete: task, every Whisper language with search, folded advanced options
(prompt, hotwords, VAD, audio track), choices remembered, the language and the speed reported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from subtitler.media.probe import AudioTrack
from subtitler.ui.language_names import WHISPER_LANGUAGES, language_name
from subtitler.ui.transcribe_dialog import TranscribeDialog
from subtitler.ui.transcribe_options import EngineChoices

TRACKS = (
    AudioTrack(0, 1, "aac", 2, 48000, "eng", None, True),
    AudioTrack(1, 2, "ac3", 6, 48000, "fre", "Version française", False),
)


def test_every_whisper_language_by_name_with_search(qtbot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    dialog = TranscribeDialog(None, "netflix-en", "", tracks=TRACKS, settings=settings)
    qtbot.addWidget(dialog)
    box = dialog.language_box
    assert box.count() == len(WHISPER_LANGUAGES) + 1 == 101
    assert box.findText("German (de)") >= 0 and box.findText("Cantonese (yue)") >= 0
    box.lineEdit().setText("cantonese")
    box.lineEdit().editingFinished.emit()
    assert dialog.language() == "yue"
    box.lineEdit().setText("Fren")
    box.lineEdit().editingFinished.emit()
    assert dialog.language() == "fr"
    assert language_name("de", QLocale(QLocale.Language.French)) == "Allemand"

    # The advanced options are folded until asked for; the file's tracks are listed with language and title.
    assert not dialog.advanced.body.isVisibleTo(dialog)
    dialog.advanced.toggle.click()
    assert dialog.advanced.body.isVisibleTo(dialog)
    tracks = [dialog.advanced.track_box.itemText(i) for i in range(dialog.advanced.track_box.count())]
    assert tracks == ["Track 1 · English · aac 2 ch", "Track 2 · French · Version française · ac3 6 ch"]


def test_the_window_transcribes_with_every_option_and_remembers_them(make_window, sample_video: Path, qtbot) -> None:
    window = make_window()
    assert window.open_path(sample_video)
    qtbot.waitUntil(window.player.is_loaded, timeout=10_000)
    seen: dict = {}

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, TranscribeDialog)
        seen["summary"] = dialog.model_info.text()
        dialog.model_box.setCurrentIndex(dialog.model_box.findData("tiny.en"))
        assert not dialog.task_box.isEnabled()  # an English-only model cannot translate
        dialog.advanced.toggle.click()
        dialog.advanced.prompt_edit.setText("A short demonstration.")
        dialog.advanced.hotwords_edit.setText("Subtitler")
        dialog.advanced.vad_box.setChecked(False)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, choose)
    window.act_transcribe.trigger()
    assert window.controller.busy
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=120_000)
    assert window.document.cues and window.undo_stack.count() == 1
    assert window.transcription.detected_language.startswith("Language: English (")
    assert "speed on this computer known after the first run" in seen["summary"]

    settings = window.settings
    remembered = EngineChoices.remembered(settings)
    assert (remembered.initial_prompt, remembered.hotwords, remembered.vad) == ("A short demonstration.", "Subtitler", False)
    assert float(settings.value("transcribe/speed/tiny.en")) > 1

    def look_and_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        seen["again"] = (dialog.model_name(), dialog.advanced.hotwords_edit.text(), dialog.advanced.vad_box.isChecked(),
                         dialog.advanced.body.isVisibleTo(dialog), dialog.model_info.text())
        dialog.reject()

    QTimer.singleShot(0, look_and_cancel)
    window.act_transcribe.trigger()
    model, hotwords, vad, unfolded, summary = seen["again"]
    assert (model, hotwords, vad, unfolded) == ("tiny.en", "Subtitler", False, True)
    assert "× real time on this computer" in summary


def test_the_dialog_opens_tall_enough_for_every_row(qtbot) -> None:
    # Its wrapped labels made it open too short: the Device row's boxes were squashed.
    dialog = TranscribeDialog(None, "netflix-en")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.height() >= dialog.sizeHint().height()
    box = dialog.device_chooser.device_box
    assert box.height() >= box.sizeHint().height()
