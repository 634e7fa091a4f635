"""File ▸ Export Subtitles… with word timing: karaoke, word stamps, word JSON and word by word, from the real window."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from subtitler.core import formats
from subtitler.core.formats.words import karaoke_words
from subtitler.core.model import Cue, Document, Word
from subtitler.ui.export_dialog import ExportDialog

WORDS = (Word(1003, 1404, "Hello,"), Word(1404, 1800, "my"), Word(2107, 2500, "dear"), Word(2500, 3003, "friend."))


def _window(make_window):
    window = make_window()
    window.controller.replace_document(Document([Cue.create(1000, 3500, "Hello, my\ndear friend.", WORDS)]))
    return window


def _open_dialog(window, qtbot) -> ExportDialog:
    window.act_export.trigger()
    shown = [d for d in window.findChildren(ExportDialog) if d.isVisible()]
    assert len(shown) == 1
    return shown[0]


def _export(dialog: ExportDialog, qtbot, mode: str, path: Path) -> None:
    dialog.timing_box.setCurrentIndex(dialog.timing_box.findData(mode))
    dialog.path_edit.setText(str(path))
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_karaoke_from_the_export_dialog(make_window, qtbot, tmp_path: Path) -> None:
    window = _window(make_window)
    dialog = _open_dialog(window, qtbot)
    _export(dialog, qtbot, "karaoke-fill", tmp_path / "song")
    out = tmp_path / "song.ass"  # the extension karaoke needs was added
    assert out.is_file() and not dialog.isVisible()
    assert "{\\kf" in out.read_text(encoding="utf-8")
    cue = formats.load(out).document.cues[0]
    assert [w.start for w in karaoke_words(cue)] == [1000, 1400, 2110, 2500]
    # The choice is remembered for the next export.
    again = _open_dialog(window, qtbot)
    assert again.mode() == "karaoke-fill" and again.path().suffix == ".ass"


def test_choosing_a_word_timing_sets_the_extension_it_needs(make_window, qtbot, tmp_path: Path) -> None:
    window = _window(make_window)
    dialog = _open_dialog(window, qtbot)
    dialog.path_edit.setText(str(tmp_path / "out.srt"))
    dialog.timing_box.setCurrentIndex(dialog.timing_box.findData("json"))
    assert dialog.path() == tmp_path / "out.json"
    assert not dialog.words_box.isEnabled()
    dialog.timing_box.setCurrentIndex(dialog.timing_box.findData("per-word"))
    assert dialog.path() == tmp_path / "out.srt" and dialog.words_box.isEnabled()
    # A typed name the format cannot hold is refused in the dialog, which stays open.
    _export(dialog, qtbot, "vtt-timestamps", tmp_path / "out.srt")
    assert dialog.isVisible() and ".vtt" in dialog.error_label.text()
    assert list(tmp_path.iterdir()) == []


def test_json_and_word_by_word_exports(make_window, qtbot, tmp_path: Path) -> None:
    window = _window(make_window)
    _export(_open_dialog(window, qtbot), qtbot, "json", tmp_path / "words.json")
    words = json.loads((tmp_path / "words.json").read_text(encoding="utf-8"))["segments"][0]["words"]
    assert [(w["word"], w["start"], w["end"]) for w in words][2] == (" dear", 2.107, 2.5)
    dialog = _open_dialog(window, qtbot)
    dialog.words_box.setValue(1)
    _export(dialog, qtbot, "per-word", tmp_path / "short.vtt")
    cues = formats.load(tmp_path / "short.vtt").document.cues
    assert [c.text for c in cues] == ["Hello,", "my", "dear", "friend."]
    assert all(a.end <= b.start for a, b in zip(cues, cues[1:]))
    assert window.document.cues[0].text == "Hello, my\ndear friend."  # the document itself is unchanged
    assert "Exported 4 cues" in window.statusBar().currentMessage()


def test_replacing_a_typed_file_is_asked_first(make_window, qtbot, tmp_path: Path) -> None:
    window = _window(make_window)
    out = tmp_path / "keep.srt"
    out.write_text("mine", encoding="utf-8")
    dialog = _open_dialog(window, qtbot)
    asked: list[Path] = []
    dialog.confirm_replace = lambda path: asked.append(path) or False
    _export(dialog, qtbot, "", out)
    assert asked == [out] and dialog.isVisible() and out.read_text(encoding="utf-8") == "mine"
    dialog.confirm_replace = lambda path: True
    _export(dialog, qtbot, "", out)
    assert "Hello, my" in out.read_text(encoding="utf-8")
