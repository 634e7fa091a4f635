"""Transcript import: the real transcripts in shared/data/transcripts and the shapes users bring."""

from __future__ import annotations

from pathlib import Path

import pytest

from subtitler.core.errors import FormatError
from subtitler.core.transcript_import import ImportOptions, import_text, import_transcript, is_punctuated

TRANSCRIPTS = Path(__file__).resolve().parents[3] / "shared" / "data" / "transcripts"
PODCAST = TRANSCRIPTS / "podcast_fr_mojibake.txt"
CAPTIONS = TRANSCRIPTS / "autocaptions_fr.txt"

# Words the Latin-10 misreading broke, as they must come back (the lost NBSP after "à" included).
PODCAST_WORDS = [
    "présenté", "préférés", "société", "gérer", "créer", "épisode", "août", "à te lancer",
    "à performer", "succès", "clés à suivre", "différence", "peut-être", "inondé", "intéressants à regarder",
    "d'après moi", "sépare", "passé", "accroître", "Ça, c'est",
]


def test_podcast_comes_out_as_clean_french_with_its_speaker_turn() -> None:
    imported = import_transcript(PODCAST.read_bytes(), PODCAST.name)
    text = " ".join(t.text for t in imported.tokens)
    missing = [w for w in PODCAST_WORDS if w not in text]
    assert not missing
    assert "Ă" not in text and "Ș" not in text
    assert imported.tokens[0].text == "Le"  # the label was glued to the first word
    assert [t.speaker for t in imported.turns] == ["Speaker #0"]
    assert all(t.turn == 0 for t in imported.tokens)
    repair = imported.step("mojibake")
    assert repair is not None and repair.applied and repair.detail == "iso8859_16"
    assert repair.count > 100 and ("prĂ©sentĂ©", "présenté") in repair.examples
    assert imported.text.startswith("Speaker #0: Le Solopreneur Summer vous est présenté")


def test_turning_the_repair_off_keeps_the_text_as_read() -> None:
    imported = import_transcript(PODCAST.read_bytes(), PODCAST.name, ImportOptions(repair=False))
    repair = imported.step("mojibake")
    assert repair is not None and not repair.applied and repair.count > 100
    assert "prĂ©sentĂ©" in [t.text for t in imported.tokens]


def test_auto_captions_lines_joined_sounds_and_fillers_by_option() -> None:
    data = CAPTIONS.read_bytes()
    kept = import_transcript(data, CAPTIONS.name)
    assert kept.tokens[0].sound and kept.tokens[0].text == "[Musique]"
    assert kept.step("lines").applied and kept.step("lines").count > 1000
    assert "\n" not in kept.text
    assert kept.step("sounds").count == 2 and not kept.step("sounds").applied
    assert "euh" in [t.text for t in kept.words]
    assert not is_punctuated(t.text for t in kept.words)

    cleaned = import_transcript(data, CAPTIONS.name, ImportOptions(keep_sounds=False, keep_fillers=False))
    texts = [t.text for t in cleaned.tokens]
    assert "[Musique]" not in texts and "euh" not in texts
    assert cleaned.step("sounds").applied and cleaned.step("fillers").applied
    assert cleaned.step("fillers").count == kept.step("fillers").count
    assert len(cleaned.tokens) == len(kept.tokens) - 2 - kept.step("fillers").count


def test_named_labels_and_dialogue_dashes_are_turns() -> None:
    imported = import_text("ALICE: Bonjour à tous.\nBOB: Salut Alice.\nComment ça va ?\n- Très bien.\n- Tant mieux.")
    assert [t.speaker for t in imported.turns] == ["ALICE", "BOB", "", ""]
    assert [(t.text, t.turn) for t in imported.tokens][:5] == [
        ("Bonjour", 0), ("à", 0), ("tous.", 0), ("Salut", 1), ("Alice.", 1)
    ]
    assert imported.tokens[-1].turn == 3
    assert is_punctuated(t.text for t in imported.words)
    plain = import_text("ALICE: Bonjour.", ImportOptions(speakers=False))
    assert [t.text for t in plain.tokens] == ["ALICE:", "Bonjour."]


def test_parentheses_are_sounds_only_when_they_name_one() -> None:
    imported = import_text("He said (and he meant it) thanks (applause) and left [LAUGHTER]")
    sounds = [t.text for t in imported.tokens if t.sound]
    assert sounds == ["(applause)", "[LAUGHTER]"]
    assert "(and" in [t.text for t in imported.tokens]


def test_srt_times_are_dropped_and_voices_read() -> None:
    srt = "1\n00:00:01,000 --> 00:00:02,000\n<i>Hello there.</i>\n\n2\n00:00:03,000 --> 00:00:04,000\nGeneral Kenobi!\n"
    imported = import_transcript(srt.encode("utf-8"), "x.srt")
    assert [t.text for t in imported.tokens] == ["Hello", "there.", "General", "Kenobi!"]
    assert imported.step("times").count == 2
    vtt = "WEBVTT\n\nNOTE a comment\n\n00:01.000 --> 00:02.000\n<v Ann>Hi Bob.</v>\n\n00:03.000 --> 00:04.000\n<v Bob>Hi Ann.\n"
    imported = import_transcript(vtt.encode("utf-8"), "x.vtt")
    assert [t.text for t in imported.tokens] == ["Hi", "Bob.", "Hi", "Ann."]
    assert [t.speaker for t in imported.turns] == ["Ann", "Bob"]


def test_cp1252_file_is_decoded_and_said_so() -> None:
    imported = import_transcript("Café à Paris".encode("cp1252"), "x.txt")
    assert [t.text for t in imported.tokens] == ["Café", "à", "Paris"]
    assert imported.step("encoding").applied and imported.step("encoding").detail == "cp1252"


def test_binary_data_is_refused_with_a_message() -> None:
    with pytest.raises(FormatError, match="not a text file"):
        import_transcript(b"\x00\x01\x02" * 100, "x.bin")
