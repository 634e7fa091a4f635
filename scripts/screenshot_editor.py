"""Render the editor window on the bundled sample, transcribed with tiny.en, to a PNG.

Usage: python scripts/screenshot_editor.py [OUT.png]   (default docs/screenshots/editor.png)
The picture is the app's own rendering (``QWidget.grab``), so it works offscreen.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.symbolsresolver.warning=false;qt.multimedia.ffmpeg.info=false")

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshots" / "editor.png"
    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from subtitler.app import create_application
    from subtitler.paths import sample_video
    from subtitler.ui.main_window import MainWindow

    app = create_application([])

    def wait_for(condition, timeout_ms: int) -> bool:  # noqa: ANN001
        waited = 0
        while not condition() and waited < timeout_ms:
            loop = QEventLoop()
            QTimer.singleShot(50, loop.quit)
            loop.exec()
            waited += 50
        return bool(condition())

    settings_file = Path(tempfile.mkdtemp(prefix="subtitler-shot-")) / "settings.ini"
    window = MainWindow(QSettings(str(settings_file), QSettings.Format.IniFormat))
    window.resize(1280, 860)
    window.show()
    if not window.open_path(sample_video()) or not wait_for(window.player.is_loaded, 15_000):
        print("cannot open the sample video", file=sys.stderr)
        return 1
    window.transcription.start("tiny.en", "en", "netflix-en")
    if not wait_for(lambda: not window.transcription.running, 180_000) or not window.document.cues:
        print("the transcription did not produce cues", file=sys.stderr)
        return 1
    cue = window.document.cues[min(1, len(window.document.cues) - 1)]
    window.selection.select_cue_ids([cue.id])
    window.seek((cue.start + cue.end) // 2)
    wait_for(lambda: window.player.view._cue_text != "", 5000)
    wait_for(lambda: False, 600)  # let the frame for the new position arrive
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out)):
        print(f"cannot write {out}", file=sys.stderr)
        return 1
    print(f"wrote {out} ({len(window.document.cues)} cues)")
    window.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
