"""Undo commands: exact undo/redo, merging of typing and nudges, selection restored, model in step."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QUndoStack

from subtitler.core.model import Cue, Document, Word
from subtitler.ui.commands import (
    BULK_THRESHOLD,
    ChangeCuesCommand,
    apply_edit,
    nudge_merge_key,
    replace_all,
    text_merge_key,
)
from subtitler.ui.cue_model import Column, CueSelection, CueTableModel


def _doc(n: int = 4) -> Document:
    cues = [
        Cue.create(i * 2000, i * 2000 + 1500, f"cue {i}", (Word(i * 2000, i * 2000 + 500, "cue"), Word(i * 2000 + 600, i * 2000 + 1500, str(i))))
        for i in range(n)
    ]
    return Document(cues=cues)


def _setup(n: int = 4):
    doc = _doc(n)
    stack = QUndoStack()
    model = CueTableModel(doc, stack)
    selection = CueSelection(QItemSelectionModel(model), model)
    return doc, stack, model, selection


def _texts(model: CueTableModel) -> list[str]:
    return [model.index(r, Column.TEXT).data() for r in range(model.rowCount())]


def test_typing_in_one_cue_merges_into_one_step(qapp) -> None:
    doc, stack, model, _ = _setup()
    cue = doc.cues[1]
    for text in ("cue 1a", "cue 1ab", "cue 1abc"):
        current = doc.cue(cue.id)
        apply_edit(stack, doc, [current], [current.with_(text=text)], "Edit text", merge_key=text_merge_key(cue.id))
    assert stack.count() == 1
    assert doc.cues[1].text == "cue 1abc"
    stack.undo()
    assert doc.cues[1].text == "cue 1"
    stack.redo()
    assert doc.cues[1].text == "cue 1abc"


def test_typing_in_another_cue_does_not_merge(qapp) -> None:
    doc, stack, model, _ = _setup()
    a, b = doc.cues[0], doc.cues[1]
    apply_edit(stack, doc, [a], [a.with_(text="x")], "Edit text", merge_key=text_merge_key(a.id))
    apply_edit(stack, doc, [b], [b.with_(text="y")], "Edit text", merge_key=text_merge_key(b.id))
    assert stack.count() == 2


def test_nudges_of_the_same_edge_merge_and_other_edges_do_not(qapp) -> None:
    doc, stack, model, _ = _setup()
    cue = doc.cues[2]
    for _ in range(3):
        current = doc.cue(cue.id)
        apply_edit(stack, doc, [current], [current.with_(start=current.start + 40)], "Nudge", merge_key=nudge_merge_key("start", [cue.id]))
    assert stack.count() == 1
    assert doc.cues[2].start == cue.start + 120
    current = doc.cue(cue.id)
    apply_edit(stack, doc, [current], [current.with_(end=current.end + 40)], "Nudge", merge_key=nudge_merge_key("end", [cue.id]))
    assert stack.count() == 2
    stack.undo()
    stack.undo()
    assert doc.cues[2] == cue


def test_nudging_back_to_the_start_makes_the_step_obsolete(qapp) -> None:
    doc, stack, model, _ = _setup()
    cue = doc.cues[0]
    key = nudge_merge_key("end", [cue.id])
    apply_edit(stack, doc, [cue], [cue.with_(end=cue.end + 100)], "Nudge", merge_key=key)
    moved = doc.cues[0]
    apply_edit(stack, doc, [moved], [moved.with_(end=cue.end)], "Nudge", merge_key=key)
    assert stack.count() == 0
    assert doc.cues[0] == cue


def test_commands_without_merge_key_never_merge(qapp) -> None:
    doc, stack, model, _ = _setup()
    cue = doc.cues[0]
    first = ChangeCuesCommand(doc, [cue], [cue.with_(text="a")], "x")
    assert first.id() == -1
    stack.push(first)
    current = doc.cues[0]
    stack.push(ChangeCuesCommand(doc, [current], [current.with_(text="b")], "x"))
    assert stack.count() == 2


def test_split_like_change_inserts_a_row_and_undo_removes_it(qapp) -> None:
    doc, stack, model, selection = _setup()
    cue = doc.cues[1]
    first = cue.with_(end=2500, text="cue", words=cue.words[:1])
    second = Cue.create(2600, 3500, "1", cue.words[1:])
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    selection.select_cue_ids([cue.id])
    apply_edit(stack, doc, [cue], [first, second], "Split", selection=selection)
    assert inserted == [(2, 2)]
    assert resets == []
    assert _texts(model) == ["cue 0", "cue", "1", "cue 2", "cue 3"]
    assert selection.selected_cue_ids() == [first.id, second.id]
    stack.undo()
    assert _texts(model) == ["cue 0", "cue 1", "cue 2", "cue 3"]
    assert doc.cues[1] == cue
    assert selection.selected_cue_ids() == [cue.id]
    stack.redo()
    assert [c.id for c in doc.cues][1:3] == [first.id, second.id]


def test_merge_like_change_and_delete_restore_positions(qapp) -> None:
    doc, stack, model, selection = _setup()
    a, b = doc.cues[1], doc.cues[2]
    merged = a.with_(end=b.end, text=a.text + " " + b.text, words=a.words + b.words)
    apply_edit(stack, doc, [a, b], [merged], "Merge", selection=selection)
    assert _texts(model) == ["cue 0", "cue 1 cue 2", "cue 3"]
    first, last = doc.cues[0], doc.cues[2]
    apply_edit(stack, doc, [first, last], [], "Delete", selection=selection)
    assert _texts(model) == ["cue 1 cue 2"]
    stack.undo()
    assert _texts(model) == ["cue 0", "cue 1 cue 2", "cue 3"]
    stack.undo()
    assert _texts(model) == ["cue 0", "cue 1", "cue 2", "cue 3"]
    assert model.rowCount() == 4


def test_large_edit_is_one_step_and_exact(qapp) -> None:
    doc, stack, model, _ = _setup(BULK_THRESHOLD + 10)
    before = list(doc.cues)
    shifted = [c.with_(start=c.start + 100, end=c.end + 100) for c in before[5:]]
    removed = before[:5]
    apply_edit(stack, doc, removed + before[5:], shifted, "Shift")
    assert stack.count() == 1
    assert doc.cues == shifted
    stack.undo()
    assert doc.cues == before
    assert model.rowCount() == len(before)


def test_replace_all_keeps_the_old_cues_and_transcript_for_undo(qapp) -> None:
    doc, stack, model, selection = _setup()
    before = list(doc.cues)
    new = [Cue.create(0, 1000, "only")]
    replace_all(stack, doc, new, "Re-segment", selection=selection)
    assert _texts(model) == ["only"]
    assert selection.selected_cue_ids() == [new[0].id]
    stack.undo()
    assert doc.cues == before


def test_invalid_edit_is_refused_and_pushes_nothing(qapp) -> None:
    from subtitler.core.errors import EditError

    doc, stack, model, _ = _setup()
    cue = doc.cues[0]
    try:
        apply_edit(stack, doc, [cue], [cue.with_(end=cue.start - 1)], "Bad")
    except EditError as exc:
        assert "end" in str(exc)
    else:
        raise AssertionError("an inverted cue was accepted")
    assert stack.count() == 0
