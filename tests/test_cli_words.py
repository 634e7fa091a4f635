"""`--words` on the commands that write subtitles: karaoke, WebVTT word stamps, word JSON, per-word cues."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from subtitler.cli import main
from subtitler.core import formats
from subtitler.core.formats.words import karaoke_words
from subtitler.core.model import Cue, Document, Word
from subtitler.core.project import load_project, save_project

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "resources" / "samples" / "sample.mp4"
WORDS = (Word(1003, 1404, "Hello,"), Word(1404, 1800, "my"), Word(2107, 2500, "dear"), Word(2500, 3003, "friend."))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with one word-timed cue and no media."""
    path = tmp_path / "one.subtitler"
    save_project(Document([Cue.create(1000, 3500, "Hello, my dear friend.", WORDS)]), path)
    return path


def test_karaoke_ass_converts_to_vtt_word_stamps(tmp_path: Path, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ass = tmp_path / "k.ass"
    # fix writes the project's cues (nothing to fix in timing terms is fine) with the karaoke.
    assert main(["fix", str(project), "-o", str(ass), "--words", "karaoke", "--karaoke-fill"]) == 0
    line = ass.read_text(encoding="utf-8").splitlines()[-1]
    assert "{\\kf" in line and karaoke_words(formats.load(ass).document.cues[0])[2].start == 2110
    vtt = tmp_path / "k.vtt"
    assert main(["convert", str(ass), str(vtt), "--words", "vtt-timestamps"]) == 0
    assert "<00:00:01.400>my <00:00:02.110>dear <00:00:02.500>friend." in vtt.read_text(encoding="utf-8")
    assert "wrote 1 cues" in capsys.readouterr().out


def test_per_word_and_json_from_a_project(tmp_path: Path, project: Path) -> None:
    srt = tmp_path / "words.srt"
    assert main(["convert", str(project.with_suffix(".srt")), str(srt)]) == 2  # no such file: clear error
    assert main(["fix", str(project), "-o", str(srt), "--words", "per-word", "1"]) == 0
    assert [c.text for c in formats.load(srt).document.cues] == ["Hello,", "my", "dear", "friend."]
    out = tmp_path / "words.json"
    assert main(["fix", str(project), "-o", str(out), "--words", "json"]) == 0
    segment = json.loads(out.read_text(encoding="utf-8"))["segments"][0]
    assert [(w["word"], w["start"]) for w in segment["words"]][:2] == [(" Hello,", 1.003), (" my", 1.404)]


@pytest.mark.parametrize(
    ("words", "out", "message"),
    [
        (["karaoke"], "x.srt", "karaoke writes .ass or .ssa"),
        (["per-word"], "x.srt", "per-word takes the most words per cue"),
        (["per-word", "0"], "x.srt", "per-word takes the most words per cue"),
        (["json", "2"], "x.json", "json takes no value"),
        (["syllables"], "x.ass", "unknown mode 'syllables'"),
        (["json"], "x.subtitler", "json writes .json"),
    ],
)
def test_bad_words_option_is_refused_before_any_work(
    tmp_path: Path, project: Path, capsys: pytest.CaptureFixture[str], words: list[str], out: str, message: str
) -> None:
    before = sorted(tmp_path.iterdir())
    assert main(["fix", str(project), "-o", str(tmp_path / out), "--words", *words]) == 2
    assert message in capsys.readouterr().err
    assert sorted(tmp_path.iterdir()) == before


def test_existing_output_needs_force_and_keeps_a_backup(tmp_path: Path, project: Path) -> None:
    out = tmp_path / "k.ass"
    out.write_text("mine", encoding="utf-8")
    assert main(["fix", str(project), "-o", str(out), "--words", "karaoke"]) == 2
    assert out.read_text(encoding="utf-8") == "mine"
    assert main(["fix", str(project), "-o", str(out), "--words", "karaoke", "--force"]) == 0
    assert (tmp_path / "k.ass.bak").read_text(encoding="utf-8") == "mine"
    assert "\\k" in out.read_text(encoding="utf-8")


@pytest.mark.slow
def test_transcribe_writes_word_json_and_resegment_karaoke(tmp_path: Path) -> None:
    out = tmp_path / "sample.json"
    assert main(["transcribe", str(SAMPLE), "-o", str(out), "--model", "tiny.en", "--words", "json"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    words = [w for s in data["segments"] for w in s["words"]]
    assert data["language"] == "en" and len(words) >= 40 and "waveform" in " ".join(w["word"] for w in words)
    assert all(0 <= w["probability"] <= 1 and w["start"] <= w["end"] for w in words)
    # Cue edges sit on the frame grid and the speech edges: within a frame or two of their words.
    assert all(abs(s["start"] - s["words"][0]["start"]) <= 0.1 and s["words"][-1]["end"] <= s["end"] for s in data["segments"])

    project = tmp_path / "sample.subtitler"
    assert main(["transcribe", str(SAMPLE), "-o", str(project), "--model", "tiny.en"]) == 0
    karaoke = tmp_path / "sample.ass"
    assert main(["resegment", str(project), "-o", str(karaoke), "--no-audio", "--words", "karaoke"]) == 0
    cues = formats.load(karaoke).document.cues
    spoken = [w for c in load_project(project).cues for w in c.words]
    read = [w for c in cues for w in karaoke_words(c)]
    assert [w.text for w in read] == [w.text for w in spoken]
    for cue in cues:
        lengths = [int(n) for n in re.findall(r"\\k(\d+)", formats.ass.cue_to_ass_text(cue.text))]
        assert sum(lengths) == (cue.end - cue.start) // 10
