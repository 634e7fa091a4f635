"""File ▸ Export Video… in the real window: the cues burned into a copy of the sample, progress and Cancel."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import av
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from subtitler.core.model import Cue, Document, MediaRef
from subtitler.media.ffmpeg import ffmpeg_exe
from subtitler.ui.video_export import VideoExportDialog

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "samples" / "sample.mp4"


def _window_with_video(make_window, tmp_path: Path, loops: int = 0):
    """A window with one cue over a copy of the sample (played ``loops`` more times, for a long export)."""
    video = tmp_path / "media" / "talk.mp4"
    video.parent.mkdir()
    if loops:
        command = [ffmpeg_exe(), "-v", "error", "-stream_loop", str(loops), "-i", str(SAMPLE), "-c", "copy", str(video)]
        subprocess.run(command, check=True)
    else:
        shutil.copy(SAMPLE, video)
    window = make_window()
    cues = [Cue.create(1000, 4240, "Welcome to Subtitler,\nthe offline subtitle editor.")]
    window.controller.replace_document(Document(cues, media=MediaRef(str(video))), media_path=video)
    return window


def _export(window, qtbot, out: Path, speed: str) -> None:
    window.video_export.act_export_video.trigger()
    dialog = next(d for d in window.findChildren(VideoExportDialog) if d.isVisible())
    assert dialog.path().name == "talk-subtitled.mp4"
    dialog.path_edit.setText(str(out))
    dialog.speed_box.setCurrentIndex(dialog.speed_box.findData(speed))
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _bottom_text_pixels(path: Path, at_ms: int) -> int:
    """Pixels of the bottom third much brighter or darker than the sample's at ``at_ms``."""
    frames = []
    for source in (path, SAMPLE):
        with av.open(str(source)) as container:
            frame = next(f for f in container.decode(video=0) if round(f.time * 1000) == at_ms)
            frames.append(frame.to_ndarray(format="gray").astype(np.int16))
    changed = np.abs(frames[0] - frames[1]) > 100
    return int(changed[-changed.shape[0] // 3 :].sum())


def test_export_video_burns_the_cues_with_progress_while_edits_wait(make_window, qtbot, tmp_path: Path) -> None:
    window = _window_with_video(make_window, tmp_path)
    out = tmp_path / "out" / "captioned"
    out.parent.mkdir()
    _export(window, qtbot, out, "veryfast")
    assert window.controller.busy and window.progress_bar.isVisible() and window.cancel_button.isVisible()
    assert "Exporting the video captioned.mp4" in window.controller.refusal()
    qtbot.waitUntil(lambda: window.progress_bar.value() > 0, timeout=30_000)
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=60_000)
    written = out.with_suffix(".mp4")
    assert sorted(p.name for p in out.parent.iterdir()) == ["captioned.mp4"]
    assert _bottom_text_pixels(written, 2000) > 500 and _bottom_text_pixels(written, 6000) == 0
    assert "Exported the video" in window.statusBar().currentMessage()
    assert not window.progress_bar.isVisible()


def test_cancel_stops_the_export_and_leaves_no_file(make_window, qtbot, tmp_path: Path) -> None:
    # Four minutes of video: a fast machine burned the 23 s sample before Cancel was clicked.
    window = _window_with_video(make_window, tmp_path, loops=10)
    out = tmp_path / "out" / "never.mp4"
    out.parent.mkdir()
    _export(window, qtbot, out, "slow")
    thread = window.video_export.thread
    qtbot.waitUntil(lambda: window.progress_bar.value() > 0 and window.cancel_button.isVisible(), timeout=30_000)
    # click() rather than a synthetic mouse event: a button shown a moment ago in the status bar
    # may not have its final geometry yet offscreen, and a press outside it is no click.
    window.cancel_button.click()
    assert thread.wait(30_000)  # the worker itself has ended (its file removed), not only the window's job
    qtbot.waitUntil(lambda: window.video_export.thread is None and not window.controller.busy, timeout=10_000)
    assert list(out.parent.iterdir()) == []
    assert "nothing was written" in window.statusBar().currentMessage()


def test_export_video_needs_a_video_and_cues(make_window, tmp_path: Path) -> None:
    window = make_window()
    window.video_export.act_export_video.trigger()
    assert "Open the video first" in window.statusBar().currentMessage()
    assert not [d for d in window.findChildren(VideoExportDialog) if d.isVisible()]
