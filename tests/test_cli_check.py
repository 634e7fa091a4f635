"""`subtitler check`: one line per problem, a summary, and exit codes 0 / 1 / 2."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from subtitler import cli
from subtitler.core.model import Cue, Document, MediaRef, Word
from subtitler.core.project import save_project

CLEAN_SRT = """1
00:00:01,000 --> 00:00:03,000
Hello there.

2
00:00:03,080 --> 00:00:05,000
General Kenobi!
"""

BAD_SRT = """1
00:00:01,000 --> 00:00:02,600
This line is far too long to be read comfortably.

2
00:00:02,640 --> 00:00:04,000
Short.

3
00:00:09.000 --> 00:00:10,000
Short.
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    code = cli.main(["check", *argv])
    out = capsys.readouterr()
    return code, out.out.splitlines(), out.err


def write(tmp_path: Path, text: str, name: str = "subs.srt") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_clean_file_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, _ = run(capsys, str(write(tmp_path, CLEAN_SRT)))
    assert code == 0
    assert lines == ["no problems in 2 cues; preset netflix-en at 25 fps"]


def test_problems_one_line_each_with_cue_time_rule_and_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines, _ = run(capsys, str(write(tmp_path, BAD_SRT)), "--preset", "netflix-fr")
    assert code == 1
    assert lines[0] == "line 10 parse: '.' instead of ',' in times"
    assert lines[1:] == [
        '#1 00:00:01,000 cpl: line 1 has 49 characters > 42: "This line is far too long to be read comfortably."',
        "#1 00:00:01,000 cps: CPS 30.6 > 17",
        "#1 00:00:01,000 gap: gap 1 frame < 2 frames before #2",
        "#3 00:00:09,000 repeat: same text as the previous cue (#2)",
        "4 problems in 2 of 3 cues (cpl 1, cps 1, gap 1, repeat 1); 1 file problem; preset netflix-fr at 25 fps",
    ]


def test_limits_are_adjustable_by_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(write(tmp_path, BAD_SRT))
    code, lines, _ = run(capsys, path, "--max-chars", "60", "--max-cps", "31", "--min-gap", "1", "--ignore", "repeat")
    assert code == 1  # the parsing problem remains
    assert lines == [lines[0], "no problems in 3 cues; 1 file problem; preset netflix-en at 25 fps"]
    code, lines, _ = run(capsys, path, "--fps", "50", "--max-chars", "60", "--max-cps", "31")
    assert "gap" not in " ".join(lines)  # 40 ms is 2 frames at 50 fps


def test_project_uses_its_own_preset_limits_and_frame_rate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    words = (Word(1000, 1500, "Hello", 0.95), Word(1500, 2000, "wrold", 0.2))
    doc = Document(
        [Cue.create(1000, 2000, "Hello wrold", words), Cue.create(2067, 4000, "Next one.")],
        media=MediaRef(str(tmp_path / "gone.mp4"), fps=30.0),
        preset="bbc",
        preset_limits={"max_chars_per_line": 10},
    )
    path = tmp_path / "film.subtitler"
    save_project(doc, path)
    code, lines, err = run(capsys, str(path))
    assert code == 1
    assert lines == [
        '#1 00:00:01,000 cpl: line 1 has 11 characters > 10: "Hello wrold"',
        '#1 00:00:01,000 low-confidence: low-confidence words: "wrold" (0.20)',
        "2 problems in 1 of 2 cues (cpl 1, low-confidence 1); preset bbc at 30 fps",
    ]
    assert "media not found" in err
    code, lines, _ = run(capsys, str(path), "--preset", "netflix-en", "--ignore", "low-confidence")
    assert code == 0 and lines == ["no problems in 2 cues; preset netflix-en at 30 fps"]


@pytest.mark.parametrize(
    ("name", "content"),
    [("missing.srt", None), ("binary.srt", b"\x00\x01\x02\xff" * 100), ("bad.subtitler", b"{not json")],
)
def test_unreadable_input_exits_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes | None
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, lines, err = run(capsys, str(path))
    assert code == 2 and lines == []
    assert err.startswith("subtitler check: ") and "Traceback" not in err


def test_bad_flags_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(write(tmp_path, CLEAN_SRT))
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["check", path, "--max-cps", "0"])
    assert exit_info.value.code == 2
    assert "must be above zero" in capsys.readouterr().err
    code, _, err = run(capsys, path, "--ignore", "cps,nonsense")
    assert code == 2 and "unknown rule(s) for --ignore: nonsense" in err
    code, _, err = run(capsys, path, "--shots")
    assert code == 2 and "--shots needs the video" in err


def test_shot_changes_detected_in_the_video(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from subtitler.media.ffmpeg import ffmpeg_exe

    video = tmp_path / "cut.mp4"  # one hard cut at 1.2 s (30 frames at 25 fps)
    subprocess.run(
        [ffmpeg_exe(), "-loglevel", "error", "-nostdin", "-y",
         "-f", "lavfi", "-i", "testsrc=size=160x90:rate=25:duration=1.2",
         "-f", "lavfi", "-i", "smptebars=size=160x90:rate=25:duration=1.2",
         "-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0[v]", "-map", "[v]",
         "-c:v", "libx264", "-pix_fmt", "yuv420p", str(video)],
        check=True,
    )  # fmt: skip
    srt = "1\n00:00:00,100 --> 00:00:02,000\nAcross the cut.\n\n2\n00:00:10,000 --> 00:00:11,000\nLater.\n"
    code, lines, _ = run(capsys, str(write(tmp_path, srt)), "--media", str(video), "--shots")
    assert code == 1
    assert lines == [
        "#1 00:00:00,100 shot-change: straddles a shot change at 0:01.200 (20 frames before the end)",
        "1 problem in 1 of 2 cues (shot-change 1); preset netflix-en at 25 fps",
    ]
