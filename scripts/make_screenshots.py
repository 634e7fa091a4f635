"""Render the README's screenshots with the app itself, on the bundled sample and tiny.en.

Usage: python scripts/make_screenshots.py [OUT_DIR]   (default docs/screenshots)

Writes open.png (the sample just opened), transcribe-dialog.png (its advanced options open),
transcribing.png (cues streaming in while the rest decodes, on the sample looped to three minutes), editor.png (the
transcribed sample with a cue selected), export.png (the File menu), quality.png (the Quality dock open),
find-replace.png (Find & Replace over the editor), spell-check.png (a misspelled word's menu in the text panel),
preview.png (Re-segment's changes with their reasons) and models.png (the Models dialog). The pictures are the
widgets' own rendering (``QWidget.grab``), so this works offscreen; on a desktop or under Xvfb
(``QT_QPA_PLATFORM=xcb xvfb-run -a python scripts/make_screenshots.py``) the fonts and style are a real
window's. The timeline close-up comes from ``benchmarks/timeline.py --screenshot``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QEventLoop, QPoint, QSettings, QTimer  # noqa: E402
from PySide6.QtGui import QPainter, QPixmap  # noqa: E402

SIZE = (1280, 860)


def wait_for(condition: Callable[[], object], timeout_ms: int) -> bool:
    """Run the event loop until ``condition()`` holds or the time is up."""
    waited = 0
    while not condition() and waited < timeout_ms:
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        waited += 50
    return bool(condition())


def save(pixmap: QPixmap, path: Path) -> None:
    """Write one PNG or stop with a message."""
    if not pixmap.save(str(path)):
        sys.exit(f"cannot write {path}")
    print(f"wrote {path} ({pixmap.width()}x{pixmap.height()})")


def with_menu(window, menu_index: int) -> QPixmap:  # noqa: ANN001
    """The window with one of its menu bar's menus drawn open below its title."""
    bar = window.menuBar()
    action = bar.actions()[menu_index]
    menu = action.menu()
    corner = bar.mapTo(window, bar.actionGeometry(action).bottomLeft())
    menu.popup(window.mapToGlobal(corner))
    wait_for(lambda: False, 200)
    picture = window.grab()
    painter = QPainter(picture)
    painter.drawPixmap(corner + QPoint(0, 1), menu.grab())
    painter.end()
    menu.hide()
    return picture


def with_popup(window, popup, at: QPoint) -> QPixmap:  # noqa: ANN001
    """The window with ``popup`` (a menu or a dialog) drawn over it at ``at``, window coordinates."""
    picture = window.grab()
    painter = QPainter(picture)
    painter.drawPixmap(at, popup.grab())
    painter.end()
    return picture


def editing_shots(window, out: Path) -> None:  # noqa: ANN001
    """Find & Replace, a spell-check menu, the Re-segment preview and the Models dialog."""
    from subtitler.core import edits
    from subtitler.core.presets import get_preset
    from subtitler.core.preview import resegment_preview
    from subtitler.ui.commands import apply_edit
    from subtitler.ui.models_dialog import ModelsDialog
    from subtitler.ui.preview_dialog import ChangePreviewDialog
    from subtitler.ui.workers import make_cues

    cues = window.document.cues
    word = max((w.text.strip(".,?!") for c in cues for w in c.words), key=len)
    dialog = window.find_replace
    dialog.show_for(replacing=True)
    dialog.find_edit.setText(word)
    dialog.replace_edit.setText(word.upper())
    dialog.find()
    wait_for(lambda: False, 300)
    save(with_popup(window, dialog, QPoint(window.width() - dialog.width() - 40, 120)), out / "find-replace.png")
    dialog.close()

    # A typo in the current cue, and the menu a right-click on it opens.
    cue = window.selection.current_cue()
    target = next(w.text for w in cue.words if len(w.text.strip(".,?!")) > 3).strip(".,?!")
    typo = target[0] + target[2] + target[1] + target[3:]
    apply_edit(window.undo_stack, window.document, [cue], [edits.edit_text(cue, cue.text.replace(target, typo, 1))],
               "typo", selection=window.selection)
    wait_for(lambda: window.spelling.speller is not None, 10_000)
    panel = window.text_panel
    cursor = panel.textCursor()
    cursor.setPosition(panel.toPlainText().index(typo) + 1)
    point = panel.cursorRect(cursor).bottomLeft()
    menu = panel.context_menu_at(point)
    menu.popup(panel.mapToGlobal(point))
    wait_for(lambda: False, 300)
    save(with_popup(window, menu, panel.mapTo(window, point)), out / "spell-check.png")
    menu.hide()
    window.undo_stack.undo()

    # The transcribed cues already keep the rules; re-cut under the BBC's (37 characters a line, 17 cps), they change.
    bbc = get_preset("bbc")
    recut = make_cues(window.document.transcript, bbc, window.fps(), window.speech)
    preview = ChangePreviewDialog(window, window.tr("Re-segment"), resegment_preview(window.document.cues, recut, bbc, window.fps()))
    preview.show()
    wait_for(lambda: False, 300)
    save(preview.grab(), out / "preview.png")
    preview.close()

    models = ModelsDialog(window)
    models.show()
    wait_for(lambda: False, 300)
    save(models.grab(), out / "models.png")
    models.close()


def looped_sample(folder: Path, times: int) -> Path:
    """The bundled sample played ``times`` times in a row (stream copy)."""
    import imageio_ffmpeg

    from subtitler.paths import sample_video

    target = folder / "sample-looped.mp4"
    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-stream_loop", str(times - 1),
         "-i", str(sample_video()), "-c", "copy", str(target)],
        check=True,
    )
    return target


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    from subtitler.app import create_application
    from subtitler.paths import sample_video
    from subtitler.ui.main_window import MainWindow
    from subtitler.ui.transcribe_dialog import TranscribeDialog, audio_tracks

    app = create_application([])
    settings_file = Path(tempfile.mkdtemp(prefix="subtitler-shots-")) / "settings.ini"
    window = MainWindow(QSettings(str(settings_file), QSettings.Format.IniFormat))
    window.resize(*SIZE)
    window.show()
    if not window.open_path(sample_video()) or not wait_for(window.player.is_loaded, 15_000):
        sys.exit("cannot open the sample video")
    window.seek(2500)
    wait_for(lambda: False, 600)  # let the frame for the new position arrive
    save(window.grab(), out / "open.png")

    dialog = TranscribeDialog(window, "netflix-en", "en", tracks=audio_tracks(sample_video()))
    dialog.show()
    dialog.advanced.toggle.setChecked(True)
    wait_for(lambda: False, 200)
    save(dialog.grab(), out / "transcribe-dialog.png")
    dialog.close()

    # Streaming shows on a longer file: the sample is one 30 s window, decoded at once.
    window.open_path(looped_sample(Path(tempfile.mkdtemp(prefix="subtitler-shots-")), 8))
    wait_for(window.player.is_loaded, 15_000)
    window.transcription.start("tiny.en", "en", "netflix-en")
    if not wait_for(lambda: len(window.document.cues) >= 12 or not window.transcription.running, 120_000):
        sys.exit("no cue arrived while transcribing")
    save(window.grab(), out / "transcribing.png")
    window.transcription.cancel(wait=True)
    window.undo_stack.setClean()
    window.open_path(sample_video())
    wait_for(window.player.is_loaded, 15_000)
    window.transcription.start("tiny.en", "en", "netflix-en")
    if not wait_for(lambda: not window.transcription.running, 180_000) or not window.document.cues:
        sys.exit("the transcription did not produce cues")

    cue = window.document.cues[min(1, len(window.document.cues) - 1)]
    window.selection.select_cue_ids([cue.id])
    window.seek((cue.start + cue.end) // 2)
    wait_for(lambda: window.player.view._cue_text != "", 5000)
    wait_for(lambda: False, 600)
    save(window.grab(), out / "editor.png")
    save(with_menu(window, 0), out / "export.png")
    window.quality_dock.show()
    wait_for(lambda: window.quality_panel.findings, 3000)
    save(window.grab(), out / "quality.png")
    window.quality_dock.hide()
    editing_shots(window, out)

    window.undo_stack.setClean()
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
