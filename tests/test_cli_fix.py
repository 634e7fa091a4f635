"""`subtitler fix`: fixes written in place (with --force) with a backup, one line per change, what is left listed;
and `subtitler check --media` reporting speech-aware findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from subtitler import cli
from subtitler.core.model import Cue, Document
from subtitler.core.project import load_project, save_project

MESSY_SRT = """1
00:00:01,000 --> 00:00:03,200
This line is far too long to be read comfortably by anyone.

2
00:00:03,000 --> 00:00:05,000
It overlaps the first one.

3
00:00:05,320 --> 00:00:07,000
Gap of eight frames before me.

4
00:00:07,040 --> 00:00:09,000
One frame before me.
"""

FIXED_SRT = """1
00:00:01,000 --> 00:00:02,920
This line is far too long
to be read comfortably by anyone.

2
00:00:03,000 --> 00:00:05,240
It overlaps the first one.

3
00:00:05,320 --> 00:00:06,960
Gap of eight frames before me.

4
00:00:07,040 --> 00:00:09,000
One frame before me.
"""


def run(capsys: pytest.CaptureFixture[str], command: str, *argv: str) -> tuple[int, list[str], str]:
    code = cli.main([command, *argv])
    out = capsys.readouterr()
    return code, out.out.splitlines(), out.err


def write(tmp_path: Path, text: str, name: str = "subs.srt") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_fix_rewrites_the_file_keeps_a_backup_and_reports_each_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, MESSY_SRT)
    code, lines, _ = run(capsys, "fix", str(path), "--force")
    assert code == 0
    assert lines == [
        '#1 "This line is far too long to be read comfortably by anyone." -> '
        '"This line is far too long / to be read comfortably by anyone." (line 1 has 59 characters > 42; re-broken)',
        "#1 out 00:00:03,200 -> 00:00:02,920 (overlapped #2 by 200 ms; ends 2 frames before it)",
        "#2 gap 8 frames -> 2 frames (chaining)",
        "#3 gap 1 frame -> 2 frames (minimum gap)",
        f"4 changes in 3 of 4 cues (cpl 1, overlap 1, chain 1, gap 1); wrote {path} (previous version kept as {path}.bak)",
        "not fixed: #1 00:00:01,000 cps: CPS 30.2 > 20",
        "left: 1 problem in 1 of 4 cues (cps 1); preset netflix-en at 25 fps",
    ]
    assert path.read_text("utf-8") == FIXED_SRT
    assert Path(f"{path}.bak").read_text("utf-8") == MESSY_SRT
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    code, lines, _ = run(capsys, "fix", str(path), "--force")  # nothing left to do: nothing rewritten
    assert code == 0 and lines[0] == "nothing to fix in 4 cues"


def test_fix_to_another_file_and_dry_run_leave_the_input_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, MESSY_SRT)
    out = tmp_path / "fixed.vtt"
    code, lines, _ = run(capsys, "fix", str(path), "-o", str(out))
    assert code == 0 and f"wrote {out}" in lines[4]
    assert "00:00:02.920" in out.read_text("utf-8")
    assert path.read_text("utf-8") == MESSY_SRT and not Path(f"{path}.bak").exists()
    code, lines, _ = run(capsys, "fix", str(path), "--dry-run", "--max-cps", "40")
    assert code == 0
    assert lines[4] == "4 changes in 3 of 4 cues (cpl 1, overlap 1, chain 1, gap 1); dry run, nothing written"
    assert lines[5] == "left: no problems in 4 cues; preset netflix-en at 25 fps"
    assert path.read_text("utf-8") == MESSY_SRT and not Path(f"{path}.bak").exists()


def test_fix_a_project_under_its_preset(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = Document([Cue.create(1000, 3000, "Quoi ? Vraiment ?"), Cue.create(3200, 5000, "Oui.")], preset="netflix-fr")
    path = tmp_path / "film.subtitler"
    save_project(doc, path)
    code, lines, _ = run(capsys, "fix", str(path), "--force")
    assert code == 0
    assert lines[0] == '#1 "Quoi ? Vraiment ?" -> "Quoi␣? Vraiment␣?" (French typography: no-break space before ? ! : ; and inside « »)'
    assert lines[1] == "#1 gap 5 frames -> 2 frames (chaining)"
    fixed = load_project(path).cues
    assert fixed[0].text == "Quoi\u00a0? Vraiment\u00a0?" and fixed[0].end == 3120
    assert [c.id for c in fixed] == [c.id for c in doc.cues]
    assert (tmp_path / "film.subtitler.bak").exists()


def test_fix_bad_input_is_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, MESSY_SRT)
    code, _, err = run(capsys, "fix", str(path), "-o", str(tmp_path / "out.doc"))
    assert code == 2 and "not a subtitle format" in err
    code, _, err = run(capsys, "fix", str(tmp_path / "missing.srt"))
    assert code == 2 and "missing.srt" in err
    assert path.read_text("utf-8") == MESSY_SRT


def test_check_with_media_reports_a_cue_over_silence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample_video: Path
) -> None:
    # The sample's speech starts at 1.0 s: the first cue sits over silence.
    srt = (
        "1\n00:00:00,000 --> 00:00:00,840\nShh.\n\n"
        "2\n00:00:01,000 --> 00:00:04,240\nWelcome to Subtitler,\nthe offline subtitle editor.\n"
    )
    path = write(tmp_path, srt)
    code, lines, _ = run(capsys, "check", str(path), "--ignore", "chain,uncovered-speech")
    assert code == 0  # without the audio, nothing to say
    code, lines, _ = run(capsys, "check", str(path), "--media", str(sample_video), "--ignore", "chain,uncovered-speech")
    assert code == 1
    assert lines == [
        "#1 00:00:00,000 no-speech: no speech under this cue",
        "1 problem in 1 of 2 cues (no-speech 1); preset netflix-en at 25 fps",
    ]
    code, lines, _ = run(capsys, "check", str(path), "--media", str(sample_video), "--ignore", "chain")
    assert any(" uncovered-speech: speech with no cue: 0:05" in line for line in lines)
