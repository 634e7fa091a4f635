"""`subtitler resegment`: a project's raw transcript cut again under other rules."""

from __future__ import annotations

from subtitler.cli import main
from subtitler.core.model import Cue, Document, Segment, Transcript, Word
from subtitler.core.project import load_project, save_project


def _project(tmp_path):
    text = (
        "Welcome back. When the storm finally reached the small fishing village on the coast, "
        "everyone had already left their houses and gone up to the old church on the hill."
    )
    words, t = [], 1000
    for token in text.split():
        words.append(Word(t, t + 50 * len(token), token))
        t += 50 * len(token) + 40
    transcript = Transcript("en", (Segment(words[0].start, words[-1].end, text, tuple(words)),), "base")
    one_cue = Cue.create(words[0].start, words[-1].end, text, words)
    path = tmp_path / "talk.subtitler"
    save_project(Document(cues=[one_cue], transcript=transcript), path)
    return path


def test_resegment_writes_sentence_cues_within_the_preset(tmp_path, capsys):
    source = _project(tmp_path)
    out = tmp_path / "out.subtitler"
    assert main(["resegment", str(source), "--preset", "bbc", "-o", str(out)]) == 0
    document = load_project(out)
    assert document.preset == "bbc"
    assert document.cues[0].text == "Welcome back."
    assert len(document.cues) >= 3
    for cue in document.cues:
        assert all(len(line) <= 37 for line in cue.text.split("\n"))
        assert cue.start % 40 == 0 and cue.end % 40 == 0
    assert document.transcript == load_project(source).transcript
    assert len(load_project(source).cues) == 1  # IN untouched
    assert "wrote" in capsys.readouterr().out


def test_resegment_limit_flags_and_subtitle_output(tmp_path):
    source = _project(tmp_path)
    out = tmp_path / "out.srt"
    assert main(["resegment", str(source), "--max-chars", "20", "-o", str(out)]) == 0
    lines = [line for line in out.read_text(encoding="utf-8").splitlines() if line and not line[0].isdigit()]
    assert lines and all(len(line) <= 20 for line in lines)


def test_resegment_refuses_a_file_without_transcript(tmp_path, capsys):
    srt = tmp_path / "a.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:02,000\nHi\n", encoding="utf-8")
    assert main(["resegment", str(srt), "-o", str(tmp_path / "b.srt")]) == 2
    assert "not a .subtitler project" in capsys.readouterr().err
    bare = tmp_path / "bare.subtitler"
    save_project(Document(cues=[]), bare)
    assert main(["resegment", str(bare), "-o", str(tmp_path / "b.srt")]) == 2
    assert "no transcript" in capsys.readouterr().err
    assert not (tmp_path / "b.srt").exists()
