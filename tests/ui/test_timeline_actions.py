"""Timeline beyond dragging: re-transcribing a region, following playback, problem marks, splicing."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSettings
from PySide6.QtGui import QUndoStack

from subtitler.core.model import Cue, Document, Word
from subtitler.ui.cue_model import CueSelection, CueTableModel
from subtitler.ui.timeline import TimelineWidget
from subtitler.ui.timeline.splice import splice_region


def _widget(qtbot, document: Document) -> tuple[TimelineWidget, QUndoStack]:  # noqa: ANN001
    stack = QUndoStack()
    model = CueTableModel(document, stack)
    selection = CueSelection(QItemSelectionModel(model), model)
    widget = TimelineWidget(model, selection, stack)
    qtbot.addWidget(widget)
    widget.resize(1000, 240)
    widget.show()
    return widget, stack


def test_splice_keeps_cues_outside_the_region_and_never_overlaps() -> None:
    keep_a = Cue("a", 0, 1000, "edited by hand")
    doomed = Cue("b", 1200, 2000, "old")
    keep_c = Cue("c", 2500, 3000, "also kept")
    fresh = [Cue("n1", 900, 1600, "new one"), Cue("n2", 1700, 2700, "new two")]
    removed, added = splice_region([keep_a, doomed, keep_c], 1100, 2400, fresh)
    assert removed == [doomed]
    assert [(c.id, c.start, c.end) for c in added] == [("n1", 1000, 1600), ("n2", 1700, 2500)]


def test_view_follows_the_playhead_only_while_playing(qtbot) -> None:  # noqa: ANN001
    widget, _ = _widget(qtbot, Document(cues=[Cue("a", 0, 1000, "x")]))
    canvas = widget.canvas
    canvas.set_media_duration(120_000)
    canvas.show_range(0, 10_000)
    widget.set_position(30_000)
    assert canvas.scale.start_ms == 0
    widget.set_playing(True)
    widget.set_position(30_000)
    assert canvas.scale.start_ms <= 30_000 <= canvas.scale.end_ms
    widget.act_follow.trigger()  # off
    widget.set_position(90_000)
    assert not canvas.scale.start_ms <= 90_000 <= canvas.scale.end_ms


def test_cues_over_the_limits_are_marked(qtbot) -> None:  # noqa: ANN001
    fast = Cue("fast", 0, 500, "Far too many characters for half a second")
    fine = Cue("fine", 2000, 4500, "Fine.")
    widget, _ = _widget(qtbot, Document(cues=[fast, fine]))
    qtbot.waitUntil(lambda: "fast" in widget.canvas.problem_ids, timeout=3000)
    assert "fine" not in widget.canvas.problem_ids


def test_retranscribe_region_splices_fresh_words_as_one_step(qtbot, sample_video) -> None:  # noqa: ANN001
    QSettings().setValue("transcribe/model", "tiny.en")
    outside = Cue("keep", 14_000, 16_000, "my own edit", (Word(14_000, 16_000, "edit"),))
    wrong = Cue("wrong", 4_900, 8_700, "garbage text")
    widget, stack = _widget(qtbot, Document(cues=[wrong, outside]))
    widget.set_media(sample_video)
    widget.retranscribe(4_800, 8_800)
    qtbot.waitUntil(lambda: stack.count() == 1, timeout=60_000)
    cues = widget.canvas.cues
    assert outside in cues and all(c.id != "wrong" for c in cues)
    fresh = [c for c in cues if c.id != "keep"]
    text = " ".join(c.plain for c in fresh).lower()
    assert "listens" in text and "video" in text
    assert all(4_800 <= w.start and w.end <= 8_900 for c in fresh for w in c.words)
    stack.undo()
    assert widget.canvas.cues == [wrong, outside]


def test_a_half_built_waveform_shows_the_part_already_there(qtbot) -> None:  # noqa: ANN001
    import numpy as np

    from subtitler.media.peaks import PeaksBuilder

    widget, _ = _widget(qtbot, Document())
    canvas = widget.canvas
    canvas.set_media_duration(10_000)
    canvas.show_range(0, 10_000)
    builder = PeaksBuilder()
    loud = (np.random.default_rng(2).uniform(-0.8, 0.8, 16000 * 10)).astype(np.float32)
    builder.feed(0, loud[: 16000 * 4])  # 4 of 10 seconds decoded so far
    widget.set_peaks(builder.peaks)
    image = canvas.grab().toImage()
    y = (canvas.height() + 22) // 2 - 20  # just above the centre line of the waveform
    assert image.pixelColor(round(canvas.scale.x_of(2000)), y).blue() > 120  # waveform drawn
    assert image.pixelColor(round(canvas.scale.x_of(7000)), y).blue() < 60  # not decoded yet
    builder.feed(16000 * 4, loud[16000 * 4 :])
    canvas.peaks_updated()
    image = canvas.grab().toImage()
    assert image.pixelColor(round(canvas.scale.x_of(7000)), y).blue() > 120
