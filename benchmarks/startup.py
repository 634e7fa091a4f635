"""Cold start to a visible editor window, measured in fresh subprocesses.

Each run starts a new Python that imports the app, builds the window on the bundled sample
and reports when the window is exposed, plus whether faster-whisper was imported (it must not
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

REPO = Path(__file__).resolve().parent.parent
TARGET_S = 2.0
RUNS = 5

CHILD = r"""
import json, sys, time
t0 = float(sys.argv[1])
from subtitler.app import create_application
app = create_application([])
from PySide6.QtCore import QTimer
from subtitler.paths import sample_video
from subtitler.ui.main_window import MainWindow
window = MainWindow()
window.show()
window.open_path(sample_video())
def report():
    shown = time.time()
    print(json.dumps({"visible_s": shown - t0, "exposed": window.isVisible(),
                      "faster_whisper_loaded": "faster_whisper" in sys.modules,
                      "ctranslate2_loaded": "ctranslate2" in sys.modules}))
    app.quit()
QTimer.singleShot(0, report)
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
        raise SystemExit(f"the child failed:\n{out.stderr[-2000:]}")
    return json.loads(lines[-1])


def main() -> int:
    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    one_run(platform)  # warm the OS file cache once; every measured run is still a fresh process
    runs = [one_run(platform) for _ in range(RUNS)]
    times = [r["visible_s"] for r in runs]
    for n, run in enumerate(runs, 1):
        print(f"run {n}: window visible after {run['visible_s']:.3f} s "
              f"(faster_whisper imported: {run['faster_whisper_loaded']}, ctranslate2: {run['ctranslate2_loaded']})")
    median = statistics.median(times)
    print(f"startup median {median:.3f} s over {RUNS} runs (QT_QPA_PLATFORM={platform}); "
          f"target {TARGET_S:.1f} s; ratio {median / TARGET_S:.2f}")
    heavy = any(r["faster_whisper_loaded"] or r["ctranslate2_loaded"] for r in runs)
    print("faster-whisper at start-up:", "IMPORTED (bad)" if heavy else "not imported (good)")
    return 0 if median <= TARGET_S and not heavy else 1


if __name__ == "__main__":
    sys.exit(main())
