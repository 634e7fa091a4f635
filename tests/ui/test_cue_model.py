"""The cue table model: columns, colours over the preset, unsure words, row signals, selection by id."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt

from subtitler.core.model import Cue, Document, Word
from subtitler.ui.cue_model import CUE_ID_ROLE, LOW_CONFIDENCE_ROLE, Column, CueSelection, CueTableModel


def _doc() -> Document:
    fast = Cue.create(0, 1000, "This line is far too long to read in one second")
    calm = Cue.create(2000, 5000, "Calm pace", (Word(2000, 2500, "Calm", 0.95), Word(2600, 3000, "pace", 0.2)))
    return Document(cues=[fast, calm])


def test_columns_show_number_times_duration_cps_and_text(qapp) -> None:
    model = CueTableModel(_doc())
    assert model.rowCount() == 2 and model.columnCount() == Column.COUNT
    row = [model.index(1, c).data() for c in range(Column.COUNT)]
    assert row == ["2", "0:02.000", "0:05.000", "3.000", "3.0", "", "Calm pace"]
    assert model.headerData(Column.CPS, Qt.Orientation.Horizontal) == "CPS"


def test_reading_speed_over_the_preset_is_coloured_and_explained(qapp) -> None:
    model = CueTableModel(_doc())
    assert model.index(0, Column.CPS).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "20" in model.index(0, Column.CPS).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1, Column.CPS).data(Qt.ItemDataRole.ForegroundRole) is None


def test_unsure_words_are_reported_for_the_text_column(qapp) -> None:
    model = CueTableModel(_doc())
    assert model.index(1, Column.TEXT).data(LOW_CONFIDENCE_ROLE) == [1]
    assert "pace" in model.index(1, Column.TEXT).data(Qt.ItemDataRole.ToolTipRole)


def test_document_mutations_become_row_signals_not_resets(qapp) -> None:
    doc = _doc()
    model = CueTableModel(doc)
    events: list[str] = []
    model.rowsInserted.connect(lambda _p, a, b: events.append(f"ins {a}-{b}"))
    model.rowsRemoved.connect(lambda _p, a, b: events.append(f"rem {a}-{b}"))
    model.dataChanged.connect(lambda a, b, _r=None: events.append(f"chg {a.row()}-{b.row()}"))
    model.modelReset.connect(lambda: events.append("reset"))
    new = Cue.create(1200, 1800, "middle")
    doc.insert_cues(1, [new])
    doc.replace_cue(new.with_(text="changed"))
    doc.remove_cues(0, 1)
    assert "reset" not in events
    assert events[0] == "ins 1-1"
    assert "chg 1-1" in events
    assert "rem 0-0" in events
    assert [model.cue_id_at(r) for r in range(model.rowCount())] == [c.id for c in doc.cues]
    assert model.row_of(new.id) == 0 and model.row_of("missing") == -1
    assert model.index(0, 0).data(CUE_ID_ROLE) == new.id


def test_selection_by_id_round_trips(qapp) -> None:
    doc = _doc()
    model = CueTableModel(doc)
    selection = CueSelection(QItemSelectionModel(model), model)
    selection.select_cue_ids([doc.cues[1].id])
    assert selection.selected_cue_ids() == [doc.cues[1].id]
    assert selection.current_cue() == doc.cues[1]
    selection.select_cue_ids([c.id for c in doc.cues])
    assert [c.id for c in selection.selected_cues()] == [c.id for c in doc.cues]


def test_busy_model_refuses_edits_with_its_reason(qapp) -> None:
    model = CueTableModel(_doc())
    messages: list[str] = []
    model.edit_refused.connect(messages.append)
    assert model.flags(model.index(0, Column.TEXT)) & Qt.ItemFlag.ItemIsEditable
    model.refusal = "Transcribing: edits wait."
    assert not model.flags(model.index(0, Column.TEXT)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, Column.TEXT), "x")
    assert messages == ["Transcribing: edits wait."]
