"""Cold start to the first paint of the editor window, measured in fresh subprocesses.

Each run starts a new Python that imports the app, builds the window on the bundled sample and
reports when its first frame is painted: the moment the event loop comes back after the first
paint event of the main window or a widget in it (Qt paints a whole frame in one pass, so by then
every widget has painted once). It also reports whether faster-whisper was imported (it must not
be: it loads only when transcription starts). Prints every run, the median and the target.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import result  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
TARGET_S = 2.0
RUNS = 5

CHILD = r"""
import json, sys, time
t0 = float(sys.argv[1])
from subtitler.app import create_application
app = create_application([])
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget
from subtitler.paths import sample_video
from subtitler.ui.main_window import MainWindow
window = MainWindow()
painted = []

def report():
    print(json.dumps({"painted_s": time.time() - t0, "first_painted": painted[0],
                      "faster_whisper_loaded": "faster_whisper" in sys.modules,
                      "ctranslate2_loaded": "ctranslate2" in sys.modules}))
    app.quit()

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if not painted and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) and watched.window() is window:
            painted.append(type(watched).__name__)
            QTimer.singleShot(0, report)  # runs once the whole frame is painted
        return False

watcher = FirstPaint()
app.installEventFilter(watcher)
window.show()
window.open_path(sample_video())
QTimer.singleShot(30_000, app.quit)  # never painted: no figure
app.exec()
"""


def one_run(platform: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM=platform)
    env.setdefault("QT_LOGGING_RULES", "qt.multimedia.symbolsresolver.warning=false;qt.multimedia.ffmpeg.info=false")
    # A throwaway settings/recovery home so no restore prompt blocks the run.
    home = tempfile.mkdtemp(prefix="subtitler-startup-")
    env["XDG_CONFIG_HOME"] = os.path.join(home, "config")
    env["XDG_DATA_HOME"] = os.path.join(home, "data")
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, repr(start)], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"the child failed or never painted its window:\n{out.stderr[-2000:]}")
    return json.loads(lines[-1])


def main() -> int:
    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    one_run(platform)  # warm the OS file cache once; every measured run is still a fresh process
    runs = [one_run(platform) for _ in range(RUNS)]
    times = [r["painted_s"] for r in runs]
    for n, run in enumerate(runs, 1):
        print(f"run {n}: first frame painted after {run['painted_s']:.3f} s (first paint event: {run['first_painted']}; "
              f"faster_whisper imported: {run['faster_whisper_loaded']}, ctranslate2: {run['ctranslate2_loaded']})")
    median = statistics.median(times)
    print(f"startup to first paint: median {median:.3f} s over {RUNS} runs (QT_QPA_PLATFORM={platform}); "
          f"target {TARGET_S:.1f} s; ratio {median / TARGET_S:.2f}")
    heavy = any(r["faster_whisper_loaded"] or r["ctranslate2_loaded"] for r in runs)
    print("faster-whisper at start-up:", "IMPORTED (bad)" if heavy else "not imported (good)")
    result("startup to first paint (median)", f"{median:.3f} s", f"<= {TARGET_S:.1f} s", median <= TARGET_S)
    result("faster-whisper imported at startup", "yes" if heavy else "no", "no", not heavy)
    return 0 if median <= TARGET_S and not heavy else 1


if __name__ == "__main__":
    sys.exit(main())
