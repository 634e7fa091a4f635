"""File ▸ Import Transcript… and Re-align in the real window, with the real tiny.en model on a real recording:
the clean-up shown and undone step by step, alignment as a busy job with progress and cancel, speakers in
the table and on the timeline, unheard words in the Quality list, one undo step, re-align after an edit."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication

from subtitler.core.errors import EditError
from subtitler.core.model import FLAG_INTERPOLATED, FLAG_UNHEARD, Cue, Word
from subtitler.ui.align_dialog import SOURCE_KEY, TranscriptImportDialog
from subtitler.ui.cue_model import Column

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from speech_references import SPEECH_DIR, reference_words  # noqa: E402

pytestmark = pytest.mark.slow
CORPUS = SPEECH_DIR / "acoustic_corpus.wav"
STRAY = "zebras juggle quantum marmalade beneath seventeen purple lighthouses tonight".split()


@pytest.fixture(scope="module")
def words() -> list[str]:
    return [w for _, _, w in reference_words(SPEECH_DIR / "acoustic_corpus.TextGrid")]


def _transcript(tmp_path: Path, words: list[str]) -> Path:
    """Two labelled turns, captions broken every few words, a sound tag, and text no one says."""
    first = [" ".join(words[n : min(n + 6, 26)]) for n in range(0, 26, 6)]
    text = "MICHAEL: " + "\n".join(first) + "\n[Music]\nANN: " + " ".join(STRAY + words[26:]) + "\n"
    path = tmp_path / "corpus.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _answer_dialog(qtbot, seen: dict[str, object]) -> None:
    """Untick and tick back a clean-up step, choose tiny.en, then press Align."""

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, TranscriptImportDialog)
        seen["preview"] = dialog.preview.toPlainText()
        seen["lines"] = dialog.step_labels["lines"].text()
        seen["speakers"] = dialog.step_labels["speakers"].text()
        dialog.step_boxes["speakers"].setChecked(False)
        seen["without_speakers"] = dialog.preview.toPlainText()
        seen["turns_without"] = [t.speaker for t in dialog.imported.turns]
        dialog.step_boxes["speakers"].setChecked(True)
        seen["turns"] = [t.speaker for t in dialog.imported.turns]
        dialog.model_box.setCurrentIndex(dialog.model_box.findData("tiny.en"))
        dialog.language_box.setCurrentIndex(dialog.language_box.findData("en"))
        assert dialog.keep_case.isEnabled()  # no punctuation: capitals will be restored
        dialog.align_button.click()

    QTimer.singleShot(0, drive)


def test_import_transcript_aligns_with_speakers_and_undoes_in_one_step(make_window, qtbot, tmp_path: Path, words) -> None:
    window = make_window()
    assert window.open_path(CORPUS)
    path = _transcript(tmp_path, words)
    seen: dict[str, object] = {}
    _answer_dialog(qtbot, seen)
    window.alignment.import_file(path)

    assert str(seen["preview"]).startswith("MICHAEL: this is the acoustic corpus")
    assert "[Music]" in str(seen["preview"]) and "ANN: zebras" in str(seen["preview"])
    assert "5 line breaks joined" in str(seen["lines"]) and "ANN" in str(seen["speakers"])
    assert seen["turns_without"] == [""] and "MICHAEL: this" in str(seen["without_speakers"])
    assert seen["turns"] == ["MICHAEL", "ANN"]

    # A busy job: edits are refused with the reason, progress shows, then the result lands.
    assert window.controller.busy and window.progress_bar.isVisibleTo(window)
    assert "Aligning the transcript" in window.model.refusal
    with pytest.raises(EditError):
        window.undo_stack.undo()
    qtbot.waitUntil(lambda: not window.alignment.running, timeout=240_000)
    assert not window.controller.busy

    cues = window.document.cues
    given = words[:26] + STRAY + words[26:]
    spoken = [w for c in cues if c.speaker != "" and c.plain != "[Music]" for w in c.words]
    assert [w.text.strip(".,?!").lower() for w in spoken] == given
    heard = [w.start for w in spoken if FLAG_UNHEARD not in w.flags]
    assert heard == sorted(heard)
    assert {c.speaker for c in cues} == {"MICHAEL", "ANN"}
    assert cues[0].plain.startswith("This is the acoustic corpus")  # restored capital and sentence end
    music = [c for c in cues if c.plain == "[Music]"]
    assert len(music) == 1
    first_ann = next(n for n, c in enumerate(cues) if c.speaker == "ANN")
    assert all(c.speaker == "MICHAEL" for c in cues[:first_ann] if c.plain != "[Music]")

    # Who speaks is in the table; the words no one says are in the Quality list.
    assert not window.table.isColumnHidden(Column.SPEAKER)
    assert window.model.index(0, Column.SPEAKER).data() == "MICHAEL"
    unheard = [w.text for c in cues for w in c.words if FLAG_UNHEARD in w.flags]
    assert len(set(unheard) & set(STRAY)) >= len(STRAY) // 2
    assert window.quality_dock.isVisible()
    window.quality_panel.refresh()
    listed = [f for f in window.quality_panel.shown_findings() if f.rule == "unheard"]
    assert any(w in f.message for f in listed for w in STRAY)
    assert window.quality_panel.model.index(0, 0).isValid()

    record = window.document.extras[SOURCE_KEY]
    assert record["source"].startswith("MICHAEL: this is") and record["punctuation_restored"] is True
    assert record["segment_speakers"][0] == "MICHAEL"

    # One undo step takes the cues, the transcript and the source away; redo brings them back.
    assert window.undo_stack.undoText() == "Import transcript corpus.txt"
    window.undo_stack.undo()
    assert window.document.cues == [] and SOURCE_KEY not in window.document.extras
    assert window.table.isColumnHidden(Column.SPEAKER)
    window.undo_stack.redo()
    assert len(window.document.cues) == len(cues) and SOURCE_KEY in window.document.extras


def test_realign_after_an_edit_times_the_new_word_and_cancel_keeps_the_cues(make_window, qtbot, tmp_path: Path, words) -> None:
    window = make_window()
    assert window.open_path(CORPUS)
    seen: dict[str, object] = {}
    _answer_dialog(qtbot, seen)
    assert words[7] == "pretty"
    window.alignment.import_file(_transcript(tmp_path, words[:7] + words[8:]))  # the transcript missed a word
    qtbot.waitUntil(lambda: not window.alignment.running, timeout=240_000)
    first = window.document.cues[0]
    assert "talking fast" in first.text
    assert window.model.setData(window.model.index(0, Column.TEXT), first.text.replace("talking fast", "talking pretty fast"))
    guessed = next(w for w in window.document.cues[0].words if w.text == "pretty")
    assert FLAG_INTERPOLATED in guessed.flags  # typed: its time is a guess until re-aligned

    # Cancel: the cues stay as they were and the document is free again.
    before = list(window.document.cues)
    window.alignment.act_realign.trigger()
    assert window.controller.busy
    window.cancel_button.click()
    assert not window.controller.busy and window.document.cues == before

    window.alignment.act_realign.trigger()
    qtbot.waitUntil(lambda: not window.alignment.running, timeout=240_000)
    assert window.undo_stack.undoText() == "Re-align to audio"
    cue = next(c for c in window.document.cues if any(w.text == "pretty" for w in c.words))
    word = next(w for w in cue.words if w.text == "pretty")
    assert not word.flags and cue.speaker == "MICHAEL"
    reference = reference_words(SPEECH_DIR / "acoustic_corpus.TextGrid")
    assert abs(word.start - reference[7][0] * 1000) < 150
    assert [w.text for c in window.document.cues for w in c.words] == [w.text for c in before for w in c.words]
    assert window.document.extras[SOURCE_KEY]["source"].startswith("MICHAEL: This is the acoustic corpus. I'm talking pretty fast")


def test_timeline_blocks_name_their_speaker(qapp) -> None:
    from subtitler.ui.timeline.painting import CuePainter, Palette
    from subtitler.ui.timeline.scale import TimeScale

    def title_colours(cue: Cue) -> set[int]:
        image = QImage(400, 80, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("black"))
        painter = QPainter(image)
        CuePainter(QFont()).paint_blocks(painter, TimeScale(0, 10.0, 400), (0.0, 80.0), [cue], set(), set())
        painter.end()
        return {image.pixelColor(x, y).rgb() for x in range(4, 300) for y in range(2, 20)}

    words = (Word(0, 1000, "Hello"), Word(1000, 2000, "there."))
    named = title_colours(Cue.create(0, 3000, "Hello there.", words, speaker="ANN"))
    plain = title_colours(Cue.create(0, 3000, "Hello there.", words))
    assert any(_near(QColor.fromRgb(c), Palette.speaker) for c in named)
    assert not any(_near(QColor.fromRgb(c), Palette.speaker) for c in plain)


def _near(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 40
