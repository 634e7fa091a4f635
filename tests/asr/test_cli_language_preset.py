"""`subtitler transcribe` picks the rules preset from the language when none is given (real base model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from subtitler.cli import main
from subtitler.core.presets import preset_for_language
from subtitler.core.project import load_project

FRENCH_SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "sample-fr.mp4"


def test_french_gets_netflix_fr_and_other_languages_the_default() -> None:
    assert preset_for_language("fr") == "netflix-fr"
    assert preset_for_language("FR") == "netflix-fr"
    assert preset_for_language("en") == preset_for_language("de") == preset_for_language(None) == "netflix-en"


@pytest.mark.slow
@pytest.mark.parametrize("language", [["--language", "fr"], []], ids=["forced", "detected"])
def test_french_speech_gets_the_french_preset(
    language: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "fr.subtitler"
    assert main(["transcribe", str(FRENCH_SAMPLE), "-o", str(out), "--model", "base", *language]) == 0
    document = load_project(out)
    assert document.transcript is not None and document.transcript.language == "fr"
    assert document.preset == "netflix-fr"
    assert "netflix-fr" in capsys.readouterr().out


@pytest.mark.slow
def test_a_given_preset_wins_over_the_language(tmp_path: Path) -> None:
    out = tmp_path / "fr.subtitler"
    assert main(["transcribe", str(FRENCH_SAMPLE), "-o", str(out), "--model", "base", "--language", "fr",
                 "--preset", "netflix-en"]) == 0
    assert load_project(out).preset == "netflix-en"
