"""`subtitler transcribe` and `subtitler models` from the command line."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from subtitler.cli import main
from subtitler.core.project import load_project

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "samples" / "sample.mp4"

pytestmark = pytest.mark.slow


def test_transcribe_to_project_keeps_the_word_layer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.subtitler"
    assert main(["transcribe", str(SAMPLE), "-o", str(out), "--model", "tiny.en", "--preset", "bbc"]) == 0
    document = load_project(out)
    assert document.transcript is not None and len(document.transcript.words) >= 40
    assert document.cues and all(cue.words for cue in document.cues)
    assert sum(len(c.words) for c in document.cues) == len(document.transcript.words)
    assert document.preset == "bbc"
    assert "wrote" in capsys.readouterr().out


def test_default_output_is_an_srt_next_to_the_video(tmp_path: Path) -> None:
    video = tmp_path / "my clip -1.mp4"
    shutil.copy(SAMPLE, video)
    assert main(["transcribe", str(video), "--model", "tiny.en", "--language", "en"]) == 0
    text = (tmp_path / "my clip -1.srt").read_text(encoding="utf-8")
    assert text.startswith("1\n00:00:0") and "waveform" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my clip -1.mp4", "my clip -1.srt"]


def test_bad_model_and_bad_format_exit_2_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transcribe", str(SAMPLE), "-o", str(tmp_path / "x.srt"), "--model", "nope"]) == 2
    assert "Unknown model 'nope'" in capsys.readouterr().err
    assert main(["transcribe", str(SAMPLE), "-o", str(tmp_path / "x.docx")]) == 2
    assert list(tmp_path.iterdir()) == []


def test_interrupt_leaves_no_output(tmp_path: Path) -> None:
    import imageio_ffmpeg

    long_video = tmp_path / "long.mp4"
    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-stream_loop", "5", "-i", str(SAMPLE), "-c", "copy",
         str(long_video)],
        check=True,
    )
    out = tmp_path / "long.srt"
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "subtitler", "transcribe", str(long_video), "-o", str(out), "--model", "base",
         "--language", "en"],
        stderr=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True,
    )
    time.sleep(4.0)  # past start-up and model loading, inside decoding
    assert proc.poll() is None
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=10)
    assert time.monotonic() - sent < 1.5
    assert proc.returncode == 130 and "interrupted" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["long.mp4"]


def test_models_lists_and_prepares(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models"]) == 0
    listing = capsys.readouterr().out
    assert "tiny.en\tinstalled\t76 MB" in listing and "base (default)\tinstalled\t145 MB" in listing
    assert main(["models", "prepare"]) == 0
    assert capsys.readouterr().out.count("ready:") == 2
