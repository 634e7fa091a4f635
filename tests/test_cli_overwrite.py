"""No CLI command replaces an existing file unless given --force; with it, the previous version is kept as .bak."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from subtitler import __main__ as entry
from subtitler import cli
from subtitler.core.model import Cue, Document, Segment, Transcript, Word
from subtitler.core.project import load_project, save_project

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "resources" / "samples" / "sample.mp4"
HAND_TIMED = "1\n00:00:01,000 --> 00:00:02,500\nHours of careful hand timing.\n"
MESSY = "1\n00:00:01,000 --> 00:00:03,000\nFirst.\n\n2\n00:00:02,000 --> 00:00:04,000\nOverlaps the first.\n"


def _existing(tmp_path: Path, name: str, text: str = HAND_TIMED) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _refused(capsys: pytest.CaptureFixture[str], argv: list[str], kept: Path, before: str = HAND_TIMED) -> str:
    """Run a command that must refuse: non-zero exit, OUT unchanged, no backup, the message on stderr."""
    code = cli.main(argv)
    err = capsys.readouterr().err
    assert code == 2
    assert f"{kept} already exists and was left unchanged; give --force to replace it" in err
    assert kept.read_text(encoding="utf-8") == before
    assert not Path(f"{kept}.bak").exists()
    return err


def _project_with_transcript(path: Path) -> Path:
    words = [Word(1000, 1400, "Welcome"), Word(1450, 1900, "back.")]
    transcript = Transcript("en", (Segment(1000, 1900, "Welcome back.", tuple(words)),), "base")
    save_project(Document(cues=[Cue.create(1000, 1900, "Welcome back.", words)], transcript=transcript), path)
    return path


def test_transcribe_refuses_the_existing_default_srt_before_transcribing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    video = tmp_path / "film.mp4"
    shutil.copy(SAMPLE, video)
    srt = _existing(tmp_path, "film.srt")
    # A model that does not exist: reaching the transcription would fail differently.
    _refused(capsys, ["transcribe", str(video), "--model", "no-such-model"], srt)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["film.mp4", "film.srt"]


def test_transcribe_refuses_an_existing_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _project_with_transcript(tmp_path / "film.subtitler")
    before = project.read_text(encoding="utf-8")
    _refused(capsys, ["transcribe", str(SAMPLE), "-o", str(project), "--model", "no-such-model"], project, before)


@pytest.mark.slow
def test_transcribe_force_replaces_and_keeps_a_backup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    srt = _existing(tmp_path, "out.srt")
    argv = ["transcribe", str(SAMPLE), "-o", str(srt), "--model", "tiny.en", "--language", "en", "--force"]
    assert cli.main(argv) == 0
    assert f"(previous version kept as {srt}.bak)" in capsys.readouterr().out
    assert "waveform" in srt.read_text(encoding="utf-8")
    assert Path(f"{srt}.bak").read_text(encoding="utf-8") == HAND_TIMED


def test_resegment_refuses_an_existing_out_then_force_keeps_a_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _project_with_transcript(tmp_path / "talk.subtitler")
    out = _existing(tmp_path, "talk.srt")
    _refused(capsys, ["resegment", str(source), "-o", str(out), "--no-audio"], out)
    assert cli.main(["resegment", str(source), "-o", str(out), "--no-audio", "--force"]) == 0
    assert "Welcome back." in out.read_text(encoding="utf-8")
    assert Path(f"{out}.bak").read_text(encoding="utf-8") == HAND_TIMED


def test_resegment_onto_its_own_project_needs_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _project_with_transcript(tmp_path / "talk.subtitler")
    before = source.read_text(encoding="utf-8")
    _refused(capsys, ["resegment", str(source), "-o", str(source), "--no-audio"], source, before)
    assert cli.main(["resegment", str(source), "-o", str(source), "--no-audio", "--force"]) == 0
    assert Path(f"{source}.bak").read_text(encoding="utf-8") == before
    assert load_project(source).transcript is not None


def test_fix_in_place_needs_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _existing(tmp_path, "subs.srt", MESSY)
    err = _refused(capsys, ["fix", str(path)], path, MESSY)
    assert "-o OUT" in err and "--dry-run" in err
    assert cli.main(["fix", str(path), "--force"]) == 0
    assert path.read_text(encoding="utf-8") != MESSY
    assert Path(f"{path}.bak").read_text(encoding="utf-8") == MESSY


def test_fix_refuses_an_existing_other_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _existing(tmp_path, "subs.srt", MESSY)
    out = _existing(tmp_path, "fixed.srt")
    _refused(capsys, ["fix", str(path), "-o", str(out)], out)
    assert path.read_text(encoding="utf-8") == MESSY


def test_convert_refuses_an_existing_out_then_force_keeps_a_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _existing(tmp_path, "in.srt", MESSY)
    out = _existing(tmp_path, "out.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nMine\n")
    before = out.read_text(encoding="utf-8")
    _refused(capsys, ["convert", str(source), str(out)], out, before)
    assert cli.main(["convert", str(source), str(out), "--force"]) == 0
    assert "Overlaps the first." in out.read_text(encoding="utf-8")
    assert Path(f"{out}.bak").read_text(encoding="utf-8") == before


def test_a_file_appearing_while_working_is_left_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.srt"
    document = Document(cues=[Cue.create(0, 1000, "New work.")])
    out.write_text(HAND_TIMED, encoding="utf-8")  # created by someone else after the command's first check
    written, backup = cli._write_output(document, out, force=False)
    assert written == tmp_path / "out-2.srt" and backup is None
    assert out.read_text(encoding="utf-8") == HAND_TIMED
    assert "New work." in written.read_text(encoding="utf-8")
    assert "appeared while working" in capsys.readouterr().err


def test_every_writing_command_states_the_policy_in_its_help(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("transcribe", "resegment", "fix", "convert"):
        with pytest.raises(SystemExit):
            cli.main([command, "--help"])
        text = " ".join(capsys.readouterr().out.split())
        assert "--force" in text and "is replaced only with --force (keeping OUT.bak)" in text, command


def test_headless_run_leaves_an_existing_sample_srt_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    srt = _existing(tmp_path, "sample.srt")
    assert entry.main([]) == 2
    assert srt.read_text(encoding="utf-8") == HAND_TIMED
    assert "sample.srt already exists and was left unchanged" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sample.srt"]
