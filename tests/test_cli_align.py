"""`subtitler align`: a real recording and its text, through the real model, into a project and a VTT."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from subtitler.core.project import load_project

REPO = Path(__file__).resolve().parents[1]
SPEECH = REPO.parent / "shared" / "data" / "speech"
pytestmark = pytest.mark.slow


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "subtitler", "align", *args], capture_output=True, text=True, cwd=REPO)


def test_align_writes_every_word_with_restored_sentences_and_refuses_to_overwrite(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from speech_references import reference_words

    words = [w for _, _, w in reference_words(SPEECH / "acoustic_corpus.TextGrid")]
    transcript = tmp_path / "corpus.txt"
    transcript.write_text("MICHAEL: " + " ".join(words[:26]) + "\n" + " ".join(words[26:]) + "\n", encoding="utf-8")
    project = tmp_path / "out.subtitler"
    done = _run(str(SPEECH / "acoustic_corpus.wav"), str(transcript), "-o", str(project), "--model", "tiny.en")
    assert done.returncode == 0, done.stderr
    assert "restored" in done.stderr and "read 1 speaker turns (MICHAEL)" in done.stderr
    document = load_project(project)
    aligned = [w for c in document.cues for w in c.words]
    assert [w.text.strip(".,?!").lower() for w in aligned] == words
    assert all(c.speaker == "MICHAEL" for c in document.cues)
    assert document.cues[0].plain.startswith("This is the acoustic corpus.")
    source = document.extras["transcript_source"]
    assert source["punctuation_restored"] is True and source["source"].startswith("MICHAEL: this is")
    assert document.transcript is not None and len(document.transcript.words) == len(words)

    again = _run(str(SPEECH / "acoustic_corpus.wav"), str(transcript), "-o", str(project), "--model", "tiny.en")
    assert again.returncode == 2 and "already exists" in again.stderr

    vtt = tmp_path / "out.vtt"
    done = _run(str(SPEECH / "acoustic_corpus.wav"), str(transcript), "-o", str(vtt), "--model", "tiny.en", "--keep-case")
    assert done.returncode == 0, done.stderr
    text = vtt.read_text(encoding="utf-8")
    assert "<v MICHAEL>this is the acoustic corpus." in text
