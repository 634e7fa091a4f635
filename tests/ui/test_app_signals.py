"""The desktop app as a process: SIGTERM (logout, ``kill``) leaves a recovery file and a clean exit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from subtitler.core.project import find_recoveries, open_project


def _catches(pid: int, signum: int) -> bool:
    """Whether the process has a handler for ``signum`` (Linux: the SigCgt mask of /proc/PID/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) >> (signum - 1) & 1)
    return False


def test_sigterm_writes_a_recovery_and_exits_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    subtitles = tmp_path / "work.srt"
    subtitles.write_text("1\n00:00:01,000 --> 00:00:02,500\nUnsaved at logout.\n", encoding="utf-8")
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    app = subprocess.Popen([sys.executable, "-m", "subtitler", str(subtitles)], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not _catches(app.pid, signal.SIGTERM):
            assert app.poll() is None, app.communicate()[1]
            assert time.monotonic() < deadline, "the app never installed its SIGTERM handler"
            time.sleep(0.05)
        app.send_signal(signal.SIGTERM)
        _out, err = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == 0, err
    (recovery,) = find_recoveries()  # offered at the next start: its editor is gone
    assert recovery.source == subtitles and recovery.cue_count == 1
    assert [c.text for c in open_project(recovery.path).document.cues] == ["Unsaved at logout."]
