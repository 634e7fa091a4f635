"""`subtitler transcribe --profile`: where the time goes, stage by stage (real tiny.en model)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from subtitler.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "sample.mp4"
WHISPER_STAGES = ("first pass", "features (log-mel)", "encoder", "word alignment")
OTHER_STAGES = ("load model", "decode audio (helper thread)", "VAD and speech regions (helper thread)",
                "waiting for decode and VAD", "speech analysis for timing", "segmentation and refinement", "write output")


def test_profile_prints_every_stage_and_they_add_up(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    began = time.monotonic()
    assert main(["transcribe", str(SAMPLE), "--model", "tiny.en", "--language", "en", "--profile",
                 "-o", str(tmp_path / "out.srt")]) == 0
    wall = time.monotonic() - began
    found = {name: float(s) for name, s in re.findall(r"^profile: (.+?)\s+([\d.]+) s$", capsys.readouterr().err, re.M)}
    assert set(WHISPER_STAGES + OTHER_STAGES) <= set(found), found
    assert all(found[stage] > 0 for stage in WHISPER_STAGES)
    assert found["encoder"] + found["word alignment"] + found["features (log-mel)"] < found["first pass"]
    in_this_thread = ("load model", "waiting for decode and VAD", "first pass", "speech analysis for timing",
                      "segmentation and refinement", "write output")
    assert sum(found[stage] for stage in in_this_thread) < wall


def test_no_profile_without_the_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transcribe", str(SAMPLE), "--model", "tiny.en", "--language", "en", "-o", str(tmp_path / "o.srt")]) == 0
    assert "profile:" not in capsys.readouterr().err
