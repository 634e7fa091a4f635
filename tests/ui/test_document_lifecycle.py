"""The document's lifecycle in the real window: attaching media keeps the work, recovery files belong
to one running editor, and nothing edits the document while a transcription or a load runs."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from subtitler.core.project import find_recoveries, load_project, open_project, recovery_dir

SRT = """1
00:00:01,000 --> 00:00:03,000
Hello there, friend.

2
00:00:04,000 --> 00:00:06,500
How are you today?

3
00:00:07,000 --> 00:00:09,000
Fine, thanks.
"""


@pytest.fixture
def srt_file(tmp_path: Path) -> Path:
    path = tmp_path / "cues.srt"
    path.write_text(SRT, encoding="utf-8")
    return path


@pytest.fixture
def other_video(tmp_path: Path, sample_video: Path) -> Path:
    """A second video file (the sample under another name)."""
    path = tmp_path / "other.mp4"
    shutil.copy(sample_video, path)
    return path


def _texts(window) -> list[str]:  # noqa: ANN001
    return [c.text for c in window.document.cues]


def _edit_first_cue(window, text: str) -> None:  # noqa: ANN001
    window.selection.select_cue_ids([window.document.cues[0].id])
    window.text_panel.selectAll()
    window.text_panel.insertPlainText(text)


def _status(window) -> str:  # noqa: ANN001
    return window.statusBar().currentMessage()


def _recovery_texts() -> list[list[str]]:
    return [[c.text for c in open_project(p).document.cues] for p in sorted(recovery_dir().glob("*.subtitler"))]


def _on_first_draft_cue(window, qtbot, action) -> dict:  # noqa: ANN001
    """Run ``action`` once, as the first streamed cue arrives (the transcription is mid-run)."""
    seen: dict = {}

    def first(_segment: object) -> None:
        if not seen:
            seen["running"] = window.transcription.running
            seen.update(action() or {})

    window.transcription.thread.segment_found.connect(first)
    qtbot.waitUntil(lambda: bool(seen), timeout=120_000)
    return seen


# --- 1. attaching a video keeps the edits -----------------------------------------------------


def test_open_video_after_import_keeps_edits(make_window, srt_file: Path, sample_video: Path, qtbot) -> None:  # noqa: ANN001
    window = make_window(answer=QMessageBox.StandardButton.Cancel)
    assert window.open_path(srt_file)
    _edit_first_cue(window, "Edited by hand")
    steps = window.undo_stack.count()
    assert window.open_path(sample_video)
    assert _texts(window)[0] == "Edited by hand" and len(window.document.cues) == 3
    assert window.undo_stack.count() == steps  # the history survives
    assert window.document.media is not None and Path(window.document.media.path) == sample_video.absolute()
    assert window.media_path == sample_video.absolute()
    assert window.isWindowModified() and "sample.mp4" in window.windowTitle()
    assert not window.close()  # unsaved work: the close asks, and Cancel keeps it open
    window.undo_stack.undo()
    assert _texts(window)[0] == "Hello there, friend."
    assert window.document.media is not None  # undoing an edit does not detach the video
    window.ask = lambda *_a: QMessageBox.StandardButton.Discard


# --- 2. autosave during a transcription ---------------------------------------------------------


def test_autosave_during_transcription_keeps_the_users_cues(make_window, srt_file: Path, sample_video: Path, qtbot) -> None:  # noqa: ANN001
    window = make_window()
    assert window.open_path(sample_video) and window.open_path(srt_file)
    _edit_first_cue(window, "My own words")
    mine = _texts(window)
    window.transcription.start("tiny.en", "en")
    seen = _on_first_draft_cue(window, qtbot, lambda: {"drafts": _texts(window), "autosaved": window.autosave(),
                                                       "recovered": _recovery_texts()})
    assert seen["running"] and seen["drafts"] != mine
    assert seen["recovered"] == [mine]  # the user's state, written before the run replaced the cues
    assert _recovery_texts() == [mine]
    qtbot.waitUntil(lambda: not window.transcription.running, timeout=120_000)


# --- 4. recovery files belong to one running editor -----------------------------------------------


def test_a_second_window_never_offers_or_deletes_a_live_recovery(make_window, srt_file: Path) -> None:  # noqa: ANN001
    first = make_window()
    first.open_path(srt_file)
    _edit_first_cue(first, "Live work")
    written = first.autosave()
    assert written is not None and written.is_file()
    asked: list[tuple] = []
    second = make_window(restore=False)
    second.ask_restore = lambda *args: asked.append(args) or False
    assert not second.offer_recovery()
    assert asked == [] and written.is_file()
    assert _recovery_texts() == [_texts(first)]


def test_declined_recovery_is_set_aside_not_deleted(make_window, srt_file: Path) -> None:  # noqa: ANN001
    from subtitler.core.project import discarded_dir

    crashed = make_window()
    crashed.open_path(srt_file)
    _edit_first_cue(crashed, "Kept somewhere")
    crashed.controller.leave_recovery()  # what a kill leaves behind: its recovery file, its lock free
    (recovery,) = find_recoveries()
    declined = make_window(restore=False)
    assert not declined.offer_recovery()
    assert not recovery.path.exists() and find_recoveries() == []
    kept = discarded_dir() / date.today().isoformat() / recovery.path.name
    assert [c.text for c in open_project(kept).document.cues][0] == "Kept somewhere"


def test_recovery_is_offered_beside_the_file_asked_for(make_window, srt_file: Path, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    from subtitler.app import open_startup_files

    crashed = make_window()
    crashed.open_path(srt_file)
    _edit_first_cue(crashed, "Untitled work")
    crashed.controller.leave_recovery()
    asked_file = tmp_path / "asked.srt"
    asked_file.write_text("1\n00:00:01,000 --> 00:00:02,000\nAsked for.\n", encoding="utf-8")
    window = make_window()
    titles: list[str] = []
    window.ask_restore = lambda *_a: titles.append(window.windowTitle()) or True
    before = set(QApplication.topLevelWidgets())
    open_startup_files(window, [str(asked_file)])
    assert titles and "asked.srt" in titles[0]  # the file is open while the question is asked
    assert _texts(window) == ["Asked for."] and "asked.srt" in window.windowTitle()
    (beside,) = [w for w in QApplication.topLevelWidgets() if w not in before and w.isVisible()]
    qtbot.addWidget(beside)
    assert _texts(beside)[0] == "Untitled work" and beside.isWindowModified()
    beside.ask = lambda *_a: QMessageBox.StandardButton.Discard


def test_restoring_the_file_asked_for_keeps_it_open(make_window, srt_file: Path, tmp_path: Path) -> None:  # noqa: ANN001
    from subtitler.app import open_startup_files

    project = tmp_path / "film.subtitler"
    crashed = make_window()
    crashed.open_path(srt_file)
    assert crashed.save_project_to(project)
    _edit_first_cue(crashed, "Edited after saving")
    crashed.controller.leave_recovery()
    window = make_window()
    before = set(QApplication.topLevelWidgets())
    open_startup_files(window, [str(project)])
    assert set(QApplication.topLevelWidgets()) == before  # restored in place, no other window
    assert window.project_path == project.absolute() and "film.subtitler" in window.windowTitle()
    assert _texts(window)[0] == "Edited after saving" and window.isWindowModified()
    assert load_project(project).cues[0].text == "Hello there, friend."  # the file itself is untouched


# --- 5. nothing edits the document while it is busy -----------------------------------------------


def test_edits_are_refused_while_transcribing_and_undo_stays_consistent(make_window, srt_file: Path, sample_video: Path, qtbot) -> None:  # noqa: ANN001
    from subtitler.ui.cue_model import Column

    window = make_window()
    assert window.open_path(sample_video) and window.open_path(srt_file)
    imported = _texts(window)
    window.transcription.start("tiny.en", "en")

    def try_everything() -> dict:
        refused: dict[str, tuple[int, str]] = {}
        draft = window.document.cues[0]

        def attempt(name: str, action) -> None:  # noqa: ANN001
            window.statusBar().clearMessage()
            action()
            refused[name] = (window.undo_stack.count(), _status(window))

        canvas = window.timeline.canvas
        attempt("timeline split", lambda: canvas.split_at((draft.start + draft.end) // 2))
        attempt("timeline merge", lambda: canvas.merge_with_next(draft.start + 1))
        attempt("table", lambda: window.model.setData(window.model.index(0, Column.TEXT), "typed"))
        window.selection.select_cue_ids([draft.id])
        attempt("delete key", window.act_delete.trigger)
        attempt("undo", window.act_undo.trigger)
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(srt_file))])
        drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        attempt("drop", lambda: window.dropEvent(drop))
        recent = next(a for a in window.recent_menu.actions() if srt_file.name in a.text())
        attempt("open recent", recent.trigger)
        return {"refused": refused, "cues": window.document.cues[:], "draft": draft}

    seen = _on_first_draft_cue(window, qtbot, try_everything)
    assert seen["running"]
    for name, (count, message) in seen["refused"].items():
        assert count == 1, f"{name} changed the undo history mid-run"
        assert "transcri" in message.lower(), f"{name} was not refused with a message: {message!r}"
    assert seen["draft"] in seen["cues"]
    qtbot.waitUntil(lambda: not window.transcription.running, timeout=120_000)
    assert window.undo_stack.count() == 2  # import, transcription
    window.undo_stack.undo()
    assert _texts(window) == imported
    window.undo_stack.undo()
    assert window.document.cues == []
    window.undo_stack.redo()
    window.undo_stack.redo()
    assert len(window.document.cues) >= 3 and window.document.transcript is not None


# --- 6. a worker's result lands only in its own document ------------------------------------------


def test_region_retranscription_never_lands_in_another_document(make_window, srt_file: Path, sample_video: Path, other_video: Path, qtbot) -> None:  # noqa: ANN001
    from PySide6.QtCore import QSettings

    QSettings().setValue("transcribe/model", "tiny.en")
    window = make_window()
    assert window.open_path(sample_video) and window.open_path(srt_file)
    window.timeline.canvas.retranscribe_requested.emit(800, 9_000)
    worker = window.timeline._transcription
    assert worker is not None and worker.isRunning()
    assert not window.open_path(other_video)  # busy: refused, with a message
    assert "transcri" in _status(window).lower()
    window.cancel_button.click()  # the user stops the region run, then opens the other video
    window.ask_attach = lambda *_a: "new"
    assert window.open_path(other_video)
    assert window.media_path == other_video.absolute()
    qtbot.waitUntil(lambda: worker.isFinished(), timeout=60_000)
    qtbot.wait(50)  # let any late signal of the worker arrive
    assert window.document.cues == [] and window.undo_stack.count() == 0


# --- 7. "open the video to attach it" -----------------------------------------------------------


def test_opening_the_missing_video_attaches_it_to_the_project(make_window, srt_file: Path, sample_video: Path, tmp_path: Path) -> None:  # noqa: ANN001
    video = tmp_path / "film.mp4"
    shutil.copy(sample_video, video)
    project = tmp_path / "film.subtitler"
    first = make_window()
    first.open_path(video)
    first.open_path(srt_file)
    assert first.save_project_to(project)
    moved = tmp_path / "moved" / "film.mp4"
    moved.parent.mkdir()
    video.rename(moved)
    window = make_window()
    assert window.open_path(project)
    assert "not found" in window.last_error
    assert window.open_path(moved)
    assert len(window.document.cues) == 3 and window.project_path == project.absolute()
    assert window.media_path == moved.absolute() and window.isWindowModified()
    assert window.save_project_to(project)
    assert Path(load_project(project).media.path) == moved.absolute()


def test_opening_another_video_over_subtitles_asks_attach_or_new(make_window, srt_file: Path, sample_video: Path, other_video: Path) -> None:  # noqa: ANN001
    window = make_window()
    window.open_path(sample_video)
    window.open_path(srt_file)
    choices: list[str] = []
    window.ask_attach = lambda *_a: choices.append("asked") or "attach"
    assert window.open_path(other_video)
    assert choices == ["asked"] and len(window.document.cues) == 3
    assert window.media_path == other_video.absolute()
    save_prompts: list[str] = []
    window.ask = lambda title, *_a: save_prompts.append(title) or QMessageBox.StandardButton.Discard
    window.ask_attach = lambda *_a: "new"
    assert window.open_path(sample_video)
    assert save_prompts and window.document.cues == [] and window.media_path == sample_video.absolute()
    assert window.undo_stack.count() == 0 and not window.isWindowModified()


# --- 8. closing asks before it stops a transcription -----------------------------------------------


def test_close_then_cancel_keeps_the_transcription_running(make_window, srt_file: Path, sample_video: Path, qtbot) -> None:  # noqa: ANN001
    window = make_window(answer=QMessageBox.StandardButton.Cancel)
    assert window.open_path(sample_video) and window.open_path(srt_file)
    window.transcription.start("tiny.en", "en")
    thread = window.transcription.thread
    seen = _on_first_draft_cue(window, qtbot, lambda: {"closed": window.close(), "still": window.transcription.running})
    assert seen["closed"] is False and seen["still"] and window.isVisible()
    window.ask = lambda *_a: QMessageBox.StandardButton.Discard
    assert window.close()
    qtbot.waitUntil(thread.isFinished, timeout=20_000)
    assert not window.transcription.running
