"""The editor's rules preset follows the language: French speech, forced or detected, gets Netflix
French unless a preset is chosen (real base model on the French sample)."""

from __future__ import annotations

from pathlib import Path

import pytest

from subtitler.ui.transcribe_dialog import TranscribeDialog

FRENCH_SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "sample-fr.mp4"


def test_dialog_offers_the_language_preset_unless_another_was_chosen(qtbot) -> None:
    for document_preset in ("netflix-en", "netflix-fr"):
        dialog = TranscribeDialog(None, document_preset, "fr")
        qtbot.addWidget(dialog)
        assert dialog.preset() == "" and dialog.preset_box.currentIndex() == 0
    dialog = TranscribeDialog(None, "bbc", "fr")
    qtbot.addWidget(dialog)
    assert dialog.preset() == "bbc"
    dialog.preset_box.setCurrentIndex(dialog.preset_box.findData("netflix-en"))
    assert dialog.preset() == "netflix-en"


def _transcribe(window, qtbot, language: str, preset: str | None = None) -> None:
    assert window.open_path(FRENCH_SAMPLE)
    qtbot.waitUntil(window.player.is_loaded, timeout=15_000)
    window.transcription.start("base", language, preset)
    qtbot.waitUntil(lambda: not window.transcription.running, timeout=180_000)
    assert window.document.cues and window.document.transcript is not None
    assert window.document.transcript.language == "fr"


@pytest.mark.slow
def test_detected_french_gets_netflix_fr_and_undo_restores_the_preset(make_window, qtbot) -> None:
    window = make_window()
    assert window.document.preset == "netflix-en"
    _transcribe(window, qtbot, language="")
    assert window.document.preset == "netflix-fr"
    assert window.model.preset.max_cps == 17.0  # the table checks reading speed against the French limit
    window.undo_stack.undo()
    assert window.document.preset == "netflix-en"


@pytest.mark.slow
def test_a_chosen_preset_wins_over_the_language(make_window, qtbot) -> None:
    window = make_window()
    _transcribe(window, qtbot, language="fr", preset="bbc")
    assert window.document.preset == "bbc"
