"""The editor window driven like a user: open, import, edit, undo, save, export, recover, close."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from subtitler.core.project import find_recoveries, load_project

SRT = """1
00:00:01,000 --> 00:00:03,000
Hello there, friend.

2
00:00:04,000 --> 00:00:06,500
<i>How are you today?</i>

3
00:00:07,000 --> 00:00:09,000
Fine, thanks.
"""


@pytest.fixture
def srt_file(tmp_path: Path) -> Path:
    path = tmp_path / "cues.srt"
    path.write_text(SRT, encoding="utf-8")
    return path


def _texts(window) -> list[str]:
    return [c.text for c in window.document.cues]


def test_open_video_then_import_subtitles_is_one_undo_step(make_window, sample_video: Path, srt_file: Path, qtbot) -> None:
    window = make_window()
    assert window.open_path(sample_video)
    assert "sample.mp4" in window.windowTitle()
    assert not window.isWindowModified()
    qtbot.waitUntil(window.player.is_loaded, timeout=10_000)
    assert window.open_path(srt_file)
    assert _texts(window) == ["Hello there, friend.", "<i>How are you today?</i>", "Fine, thanks."]
    assert window.document.media is not None  # the video stays attached
    assert window.undo_stack.count() == 1
    assert window.isWindowModified()
    window.undo_stack.undo()
    assert window.document.cues == []
    assert not window.isWindowModified()


def test_typing_in_the_text_panel_is_one_step_and_undo_restores_selection(make_window, srt_file: Path) -> None:
    window = make_window()
    window.open_path(srt_file)
    second = window.document.cues[1]
    window.selection.select_cue_ids([second.id])
    assert window.text_panel.toPlainText() == second.text
    window.text_panel.setFocus()
    window.text_panel.moveCursor(window.text_panel.textCursor().MoveOperation.End)
    before = window.undo_stack.count()
    for ch in " Good":
        window.text_panel.insertPlainText(ch)
    assert window.document.cues[1].text == "<i>How are you today?</i> Good"
    assert window.undo_stack.count() == before + 1
    window.selection.select_cue_ids([window.document.cues[0].id])
    window.undo_stack.undo()
    assert window.document.cues[1].text == second.text
    assert window.selection.selected_cue_ids() == [second.id]


def test_inline_time_edit_goes_through_undo(make_window, srt_file: Path) -> None:
    from subtitler.ui.cue_model import Column

    window = make_window()
    window.open_path(srt_file)
    index = window.model.index(0, Column.END)
    assert window.model.setData(index, "0:03.500")
    assert window.document.cues[0].end == 3500
    assert not window.model.setData(index, "not a time")
    window.undo_stack.undo()
    assert window.document.cues[0].end == 3000


def test_editing_commands_from_the_menu(make_window, srt_file: Path) -> None:
    window = make_window()
    window.open_path(srt_file)
    first, second, third = window.document.cues
    window.selection.select_cue_ids([first.id])
    window.act_merge.trigger()
    assert _texts(window)[0] == "Hello there, friend. <i>How are you today?</i>"
    assert len(window.document.cues) == 2
    window.act_undo.trigger()
    assert len(window.document.cues) == 3
    window.selection.select_cue_ids([third.id])
    window.act_delete.trigger()
    assert len(window.document.cues) == 2
    window.act_undo.trigger()
    window.selection.select_cue_ids([second.id])
    before = window.undo_stack.index()
    for _ in range(3):
        window.nudge_actions[1].trigger()  # start one frame later, three times
    assert window.document.cues[1].start == 4120
    assert window.undo_stack.index() == before + 1
    window.act_undo.trigger()
    assert window.document.cues[1].start == 4000


def test_every_menu_command_shows_a_shortcut(make_window) -> None:
    window = make_window()
    missing = []
    for menu in window.menuBar().findChildren(QMenu):
        if menu in (window.recent_menu, window.view_menu):
            continue
        for action in menu.actions():
            if action.isSeparator() or action.menu() or action.isCheckable():
                continue  # submenus and choices (interface language) are not commands
            if action.shortcut().isEmpty() and action is not window.act_about:
                missing.append(action.text())
    assert missing == []
    assert window.act_undo.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)


def test_save_project_clears_the_modified_marker_and_keeps_words(make_window, srt_file: Path, tmp_path: Path) -> None:
    window = make_window()
    window.open_path(srt_file)
    assert window.isWindowModified()
    target = tmp_path / "work.subtitler"
    assert window.save_project_to(target)
    assert not window.isWindowModified()
    assert "work.subtitler" in window.windowTitle()
    assert [c.text for c in load_project(target).cues] == _texts(window)
    other = make_window()
    assert other.open_path(target)
    assert _texts(other) == _texts(window)


def test_export_srt_writes_the_cues(make_window, srt_file: Path, tmp_path: Path) -> None:
    window = make_window()
    window.open_path(srt_file)
    out = tmp_path / "out.srt"
    assert window.export_to(out)
    text = out.read_text(encoding="utf-8")
    assert "00:00:04,000 --> 00:00:06,500" in text and "Fine, thanks." in text


def test_failures_are_messages_and_lose_nothing(make_window, srt_file: Path, tmp_path: Path) -> None:
    window = make_window()
    window.open_path(srt_file)
    cues = list(window.document.cues)
    assert not window.open_path(tmp_path / "missing.mp4")
    assert "missing.mp4" in window.last_error
    bad = tmp_path / "broken.subtitler"
    bad.write_text("{not json", encoding="utf-8")
    assert not window.open_path(bad)
    assert "damaged" in window.last_error or "not a Subtitler project" in window.last_error
    # A folder that cannot be written to (a file stands where the folder should be; root ignores chmod).
    not_a_folder = srt_file / "out"
    window.last_error = ""
    assert not window.export_to(not_a_folder / "out.srt")
    assert "out.srt" in window.last_error or "directory" in window.last_error
    assert not window.save_project_to(not_a_folder / "p.subtitler")
    assert "not saved" in window.last_error
    assert window.document.cues == cues
    assert window.isWindowModified()


def test_close_with_unsaved_changes_can_be_cancelled(make_window, srt_file: Path) -> None:
    window = make_window(answer=QMessageBox.StandardButton.Cancel)
    window.open_path(srt_file)
    assert not window.close()
    assert window.isVisible()
    window.ask = lambda *_a: QMessageBox.StandardButton.Discard
    assert window.close()


def test_autosave_and_recovery_after_a_kill(make_window, srt_file: Path) -> None:
    window = make_window()
    window.open_path(srt_file)
    first = window.document.cues[0]
    window.selection.select_cue_ids([first.id])
    window.text_panel.selectAll()
    window.text_panel.insertPlainText("Edited before the crash")
    assert window.autosave() is not None
    assert find_recoveries() == []  # its window still runs: nothing to offer yet
    window.controller.leave_recovery()  # what a kill leaves: the recovery file, its lock free
    assert len(find_recoveries()) == 1
    restored = make_window()
    assert restored.offer_recovery() is restored
    assert restored.document.cues[0].text == "Edited before the crash"
    assert len(restored.document.cues) == 3
    assert restored.isWindowModified()
    assert find_recoveries() == []  # the restoring window's own recovery file holds it now
    restored.controller.leave_recovery()
    assert [r.cue_count for r in find_recoveries()] == [3]


def test_saving_or_discarding_removes_the_own_recovery_file(make_window, srt_file: Path, tmp_path: Path) -> None:
    from subtitler.core.project import recovery_dir

    window = make_window()
    window.open_path(srt_file)
    assert window.autosave() is not None
    assert window.save_project_to(tmp_path / "saved.subtitler")
    assert list(recovery_dir().glob("*.subtitler")) == []
    window.undo_stack.undo()
    assert window.autosave() is not None
    assert window.close()  # answered "Discard"
    assert list(recovery_dir().iterdir()) == []  # the file and the window's lock are gone


def test_layout_and_recent_files_are_remembered(make_window, srt_file: Path, qtbot) -> None:
    window = make_window()
    window.open_path(srt_file)
    window.resize(780, 620)  # fits the offscreen platform's 800x800 screen, so geometry is kept as is
    qtbot.waitUntil(lambda: window.width() == 780)
    window.splitter.setSizes([300, 480])
    sizes = window.splitter.sizes()
    window.save_layout()
    again = make_window()
    qtbot.waitUntil(lambda: again.splitter.sizes() == sizes, timeout=3000)
    assert again.recent.files()[0] == str(srt_file.absolute())
    assert any(srt_file.name in a.text() for a in again.recent_menu.actions())


def test_dropping_a_file_opens_it(make_window, srt_file: Path) -> None:
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(srt_file))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert len(window.document.cues) == 3


def test_window_screenshot(make_window, sample_video: Path, srt_file: Path, qtbot, tmp_path: Path) -> None:
    window = make_window()
    window.resize(1280, 800)
    window.open_path(sample_video)
    window.open_path(srt_file)
    qtbot.waitUntil(lambda: not window.player.view.frame_image().isNull(), timeout=10_000)
    window.seek(4500)
    qtbot.waitUntil(lambda: window.player.view._cue_text != "", timeout=5000)
    image = window.grab()
    assert image.width() >= 1000
    assert image.save(str(tmp_path / "window.png"))


def test_import_offers_the_encoding_repair(make_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from subtitler.ui import dialogs

    path = tmp_path / "mangled.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nCafé crème, déjà vu.\n", encoding="utf-8")
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-8").decode("cp1252").encode("utf-8"))
    offered: list[str] = []

    def accept(_parent, name, suggestion) -> bool:
        offered.append(name)
        return True

    monkeypatch.setattr(dialogs, "ask_repair", accept)
    window = make_window()
    assert window.open_path(path)
    assert offered == ["mangled.srt"]
    assert window.document.cues[0].text == "Café crème, déjà vu."


def test_keys_in_the_text_panel_type_and_ctrl_z_undoes_through_the_window(make_window, srt_file: Path, qtbot) -> None:
    window = make_window()
    window.open_path(srt_file)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    first = window.document.cues[0]
    window.selection.select_cue_ids([first.id])
    window.text_panel.setFocus()
    window.text_panel.moveCursor(window.text_panel.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.text_panel, " yes")  # the space types, it does not start playback
    assert window.document.cues[0].text == first.text + " yes"
    assert not window.player.is_playing()
    qtbot.keyClick(window.text_panel, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.cues[0].text == first.text
    assert window.text_panel.toPlainText() == first.text


def _worded_window(make_window):
    from subtitler.core.model import Cue, Document, Word

    def cue(start: int, words: str) -> Cue:
        ws = tuple(Word(start + i * 400, start + i * 400 + 300, w) for i, w in enumerate(words.split()))
        return Cue.create(ws[0].start, ws[-1].end, words, ws)

    window = make_window()
    document = Document(cues=[cue(1000, "one two three"), cue(3000, "four five six"), cue(6000, "seven eight")])
    window.controller.replace_document(document)
    return window


def test_word_moves_insert_set_times_and_shift(make_window) -> None:
    window = _worded_window(make_window)
    first, second, third = window.document.cues
    window.selection.select_cue_ids([second.id])
    window.act_first_word.trigger()
    assert [c.text for c in window.document.cues][:2] == ["one two three four", "five six"]
    assert window.document.cues[0].end == second.words[0].end  # the word brought its time
    window.act_undo.trigger()
    window.selection.select_cue_ids([second.id])
    window.act_last_word.trigger()
    assert [c.text for c in window.document.cues][1:] == ["four five", "six seven eight"]
    window.act_undo.trigger()
    assert window.document.cues == [first, second, third]

    window.selection.select_cue_ids([second.id])
    window.editor.shift(500, following=True)
    assert [c.start for c in window.document.cues] == [first.start, second.start + 500, third.start + 500]
    assert window.document.cues[2].words[0].start == third.words[0].start + 500
    window.act_undo.trigger()
    window._run(lambda: window.editor.shift(-10_000, following=False))
    assert "before 0" in window.statusBar().currentMessage()
    assert window.document.cues == [first, second, third]


def test_current_cue_follows_playback_and_double_click_seeks(make_window, sample_video: Path, srt_file: Path, qtbot) -> None:
    from subtitler.ui.cue_model import Column

    window = make_window()
    window.open_path(sample_video)
    window.open_path(srt_file)
    qtbot.waitUntil(window.player.is_loaded, timeout=10_000)
    second = window.document.cues[1]
    index = window.model.index(1, Column.START)
    window.table.doubleClicked.emit(index)
    qtbot.waitUntil(lambda: abs(window.player.position() - second.start) <= 40, timeout=5000)
    window.selection.select_cue_ids([window.document.cues[0].id])
    window.player.play_range(3800, 4600)
    qtbot.waitUntil(lambda: window.selection.selected_cue_ids() == [second.id], timeout=10_000)
    qtbot.waitUntil(lambda: not window.player.is_playing(), timeout=5000)

    # Timing from the playhead: set the end, insert a cue in a gap, refuse one over a cue.
    window.seek(6000)
    window.act_set_end.trigger()
    assert window.document.cues[1].end == 6000
    window.seek(9500)
    window.act_insert.trigger()
    inserted = window.document.cues[3]
    assert (inserted.start, inserted.text) == (9500, "")
    count = len(window.document.cues)
    window.seek(1500)
    window.act_insert.trigger()
    assert len(window.document.cues) == count
    assert "already" in window.statusBar().currentMessage()
