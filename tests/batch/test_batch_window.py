"""Subtitles ▸ Transcribe Several Files… in the real editor window, with the real tiny.en model."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog

from subtitler.batch.work import RECORDS

pytestmark = pytest.mark.slow
GOOD = ["intro", "outro", "season2/ep1", "season2/ep2", "season2/ep3"]


@pytest.fixture
def window(qtbot, tmp_path: Path):
    from subtitler.ui.main_window import MainWindow

    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    return window


def _open_queue(window, qtbot, monkeypatch, library: Path, outdir: Path):
    action = next(a for a in window.menuBar().actions() if a.text() == "&Subtitles").menu().actions()
    next(a for a in action if a.text() == "Transcribe &Several Files…").trigger()
    queue = window.batch.batch_window
    assert queue is not None and queue.isVisible()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(library))
    qtbot.mouseClick(queue.add_folder_button, Qt.MouseButton.LeftButton)
    queue.model_box.setCurrentIndex(queue.model_box.findData("tiny.en"))
    queue.outdir_edit.setText(str(outdir))
    return queue


def _states(queue) -> dict[str, str]:
    return {queue.table.item(row, 0).text(): queue.state(row) for row in range(queue.table.rowCount())}


def test_queue_transcribes_every_file_and_shows_each_ones_state(window, qtbot, monkeypatch, library: Path, tmp_path: Path) -> None:
    out = tmp_path / "subs"
    queue = _open_queue(window, qtbot, monkeypatch, library, out)
    assert set(_states(queue).values()) == {"Waiting"} and len(_states(queue)) == 6
    qtbot.mouseClick(queue.start_button, Qt.MouseButton.LeftButton)
    assert not queue.start_button.isEnabled() and queue.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: any(s.startswith("Transcribing") or s == "Done" for s in _states(queue).values()), timeout=60_000)
    assert not window.controller.busy  # the open document stays editable meanwhile
    qtbot.waitUntil(lambda: queue.thread is None, timeout=120_000)
    states = _states(queue)
    assert [states[name] for name in GOOD] == ["Done"] * 5
    assert states["season2/broken"].startswith("Failed: broken.mp4")
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.srt")) == [f"{n}.srt" for n in GOOD]
    assert queue.status_label.text() == "Finished: 5 done, 1 failed."
    assert queue.progress.value() == 1000
    # The same options again: everything done is skipped.
    qtbot.mouseClick(queue.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: queue.thread is None, timeout=120_000)
    assert [_states(queue)[name] for name in GOOD] == ["Skipped: done before with these options"] * 5


def test_cancel_stops_the_queue_and_leaves_no_partial_files(window, qtbot, monkeypatch, library: Path, tmp_path: Path) -> None:
    out = tmp_path / "subs"
    queue = _open_queue(window, qtbot, monkeypatch, library, out)
    qtbot.mouseClick(queue.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(s.startswith("Transcribing") for s in _states(queue).values()), timeout=60_000)
    qtbot.mouseClick(queue.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: queue.thread is None, timeout=60_000)
    states = list(_states(queue).values())
    assert "Cancelled" in states and states.count("Done") < 5
    finished = {p.stem for p in (out / RECORDS).rglob("*.json")} if (out / RECORDS).exists() else set()
    written = {p.stem for p in out.rglob("*.srt")}
    assert written == finished  # only whole files: each has its record, nothing half-written
    assert not [p for p in out.rglob("*") if p.name.startswith(".") and p.is_file()]
