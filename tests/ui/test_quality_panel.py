"""The Quality dock: findings of the open document, kept current, clickable, and Fix Automatically."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from subtitler.core.rules import RULES
from subtitler.ui.quality_panel import RECHECK_DELAY_MS, FindingsModel

# Cue 1: one 58-character line (> 42); cue 2: 26 characters in 1.2 s (21.7 cps > 20);
# cue 3 overlaps cue 4 by 500 ms. All three can be fixed automatically.
SRT = """1
00:00:01,000 --> 00:00:04,000
This line is far too long to fit on one subtitle line here

2
00:00:05,000 --> 00:00:06,200
Read this quickly, please.

3
00:00:08,000 --> 00:00:10,000
This one overlaps.

4
00:00:09,500 --> 00:00:12,000
The next one.
"""


@pytest.fixture
def srt_file(tmp_path: Path) -> Path:
    path = tmp_path / "problems.srt"
    path.write_text(SRT, encoding="utf-8")
    return path


@pytest.fixture
def window(make_window, srt_file: Path, qtbot):
    window = make_window()
    window.quality_dock.show()  # hidden until the user asks for it (View ▸ Quality)
    assert window.open_path(srt_file)
    qtbot.waitUntil(lambda: any(f.rule == "overlap" for f in window.quality_panel.findings), timeout=3000)
    return window


def _rules_by_cue(window) -> set[tuple[str, int | None]]:
    return {(f.rule, None if f.cue_index is None else f.cue_index + 1) for f in window.quality_panel.findings}


def _row_of(panel, rule: str) -> int:
    return next(row for row, f in enumerate(panel.shown_findings()) if f.rule == rule)


def test_findings_name_the_broken_rules_with_their_cue_numbers(window) -> None:
    panel = window.quality_panel
    assert _rules_by_cue(window) == {("cpl", 1), ("cps", 2), ("overlap", 3)}
    row = _row_of(panel, "overlap")
    shown = [panel.proxy.index(row, column).data() for column in range(FindingsModel.COUNT)]
    assert shown[:3] == ["3", "0:08.000", "Overlap"]
    assert "by 500 ms" in shown[3]
    assert panel.summary.text() == "3 problems · cues affected: 3 of 4"
    assert panel.proxy.index(row, FindingsModel.NUMBER).data(Qt.ItemDataRole.DecorationRole) is not None


def test_every_rule_has_a_short_name() -> None:
    assert set(FindingsModel().rule_names()) == set(RULES)


def test_an_edit_is_rechecked_after_a_pause(window, qtbot) -> None:
    panel = window.quality_panel
    first = window.document.cues[0]
    window.selection.select_cue_ids([first.id])
    window.text_panel.setPlainText("This line is short now.")
    assert window.document.cues[0].text == "This line is short now."
    # Typing stays fast: the check waits for a pause instead of running on every keystroke.
    assert ("cpl", 1) in _rules_by_cue(window)
    qtbot.waitUntil(lambda: ("cpl", 1) not in _rules_by_cue(window), timeout=RECHECK_DELAY_MS + 2000)
    assert _rules_by_cue(window) == {("cps", 2), ("overlap", 3)}
    assert panel.summary.text() == "2 problems · cues affected: 2 of 4"


def test_clicking_a_finding_selects_its_cue_and_seeks_to_it(window, qtbot) -> None:
    panel = window.quality_panel
    seeks: list[int] = []
    real_seek = window.seek
    window.seek = lambda ms: (seeks.append(ms), real_seek(ms))  # type: ignore[method-assign]
    index = panel.proxy.index(_row_of(panel, "overlap"), FindingsModel.MESSAGE)
    rect = panel.view.visualRect(index)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    third = window.document.cues[2]
    assert window.selection.selected_cue_ids() == [third.id]
    assert window.text_panel.toPlainText() == "This one overlaps."
    assert seeks == [third.start]

    # The keyboard works too: Enter on a row goes to its cue.
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.proxy.index(_row_of(panel, "cps"), FindingsModel.RULE))
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert window.selection.selected_cue_ids() == [window.document.cues[1].id]


def test_fix_automatically_is_one_undo_step_and_undo_restores_every_cue(window) -> None:
    original = list(window.document.cues)
    steps = window.undo_stack.count()
    window.act_fix.trigger()
    assert window.undo_stack.count() == steps + 1
    fixed = window.document.cues
    assert fixed[0].text == "This line is far too long\nto fit on one subtitle line here"
    assert fixed[1].end > original[1].end  # out-time extended for reading speed
    assert fixed[2].end < fixed[3].start  # no overlap any more
    assert _rules_by_cue(window) == set()
    assert window.statusBar().currentMessage() == "Fixed 4 cues; Undo reverts them."

    window.undo_stack.undo()
    assert window.document.cues == original
    window.undo_stack.redo()
    assert window.document.cues == fixed


def test_fix_automatically_says_when_there_is_nothing_to_fix(window) -> None:
    window.act_fix.trigger()
    steps = window.undo_stack.count()
    window.act_fix.trigger()
    assert window.undo_stack.count() == steps
    assert window.statusBar().currentMessage() == "Nothing to fix automatically."


def test_speech_from_the_timeline_adds_notes_that_the_filter_hides(window, qtbot) -> None:
    panel = window.quality_panel
    assert window.timeline is not None
    window.timeline.canvas.set_speech_regions([(1000, 12000), (20_000, 23_000)])
    window.timeline.analysis_changed.emit()
    qtbot.waitUntil(lambda: ("uncovered-speech", None) in _rules_by_cue(window), timeout=RECHECK_DELAY_MS + 2000)
    assert any(f.rule == "uncovered-speech" for f in panel.shown_findings())
    panel.show_notes.setChecked(False)
    assert [f.rule for f in panel.shown_findings()] == ["cpl", "cps", "overlap"]
    assert ("uncovered-speech", None) in _rules_by_cue(window)  # hidden, not forgotten
    assert window.settings.value("quality/show_notes") == "false"


def test_the_dock_is_in_the_view_menu_and_the_fix_has_its_own_shortcut(window) -> None:
    assert window.quality_dock.toggleViewAction() in window.view_menu.actions()
    assert window.act_fix.shortcut() == QKeySequence("Ctrl+Shift+F")
    same_key = [a for a in window.findChildren(type(window.act_fix)) if a.shortcut() == window.act_fix.shortcut()]
    assert same_key == [window.act_fix]
    assert window.quality_panel.fix_button.defaultAction() is window.act_fix


def test_english_counts_read_naturally_with_the_shipped_plurals(window, qapp) -> None:
    from PySide6.QtCore import QTranslator

    from subtitler.paths import resources_dir

    translator = QTranslator()
    assert translator.load("subtitler_en", str(resources_dir() / "translations"))
    qapp.installTranslator(translator)
    try:
        # Shorter texts fix the line length (cue 1, selected on import) and the reading speed (cue 2).
        window.text_panel.setPlainText("Short.")
        window.selection.select_cue_ids([window.document.cues[1].id])
        window.text_panel.setPlainText("Slow.")
        window.quality_panel.refresh()
        assert window.quality_panel.summary.text() == "1 problem · cues affected: 1 of 4"
    finally:
        qapp.removeTranslator(translator)
