"""Aligned transcript words -> cues: one speaker per cue, sound events apart, the source kept."""

from __future__ import annotations

from subtitler.core.aligned import (
    cues_from_aligned,
    imported_from_cues,
    resegment_turns,
    source_record,
    transcript_from_aligned,
)
from subtitler.core.model import FLAG_INTERPOLATED, Word
from subtitler.core.presets import get_preset
from subtitler.core.transcript_import import import_text


def _timed(texts: list[str], start: int = 1000, step: int = 300) -> list[Word]:
    return [Word(start + n * step, start + n * step + 250, t) for n, t in enumerate(texts)]


def test_turns_never_share_a_cue_and_carry_their_speaker() -> None:
    imported = import_text("ANN: Hi Bob.\nBOB: Hi Ann.\n[Music]\nANN: Shall we go now?")
    words = _timed([t.text for t in imported.words])
    words[4:] = [w.shifted(4000) for w in words[4:]]  # the music plays for four seconds
    cues = cues_from_aligned(imported, words, get_preset("netflix-en"))
    assert [(c.speaker, c.plain) for c in cues] == [
        ("ANN", "Hi Bob."), ("BOB", "Hi Ann."), ("BOB", "[Music]"), ("ANN", "Shall we go now?")
    ]
    music = cues[2]
    assert FLAG_INTERPOLATED in music.words[0].flags
    assert cues[1].end <= music.start and music.end <= cues[3].start
    transcript = transcript_from_aligned(imported, words, "en", "tiny.en", 10_000)
    assert [s.text for s in transcript.segments] == ["Hi Bob.", "Hi Ann.", "[Music]", "Shall we go now?"]
    record = source_record(imported, punctuation_restored=False, keep_case=False)
    assert record["source"].startswith("ANN: Hi Bob.") and record["speakers"] == ["ANN", "BOB", "ANN"]


def test_resegmenting_keeps_the_turns_and_realigning_reads_the_cues_back() -> None:
    imported = import_text("ANN: Hi Bob. How are you today, after all this time?\nBOB: Fine.\n[Music]\nANN: Good.")
    words = _timed([t.text for t in imported.words])
    record = source_record(imported, False, False, words)
    assert record["segment_speakers"] == ["ANN", "BOB", "BOB", "ANN"]
    transcript = transcript_from_aligned(imported, words, "en", "tiny.en", 10_000)
    tight = get_preset("netflix-en").adjusted(max_chars_per_line=20, max_lines=1)
    cues = resegment_turns(transcript, record, tight, 25.0)
    assert cues is not None and len(cues) > 4
    speakers = [c.speaker for c in cues]
    assert [s for n, s in enumerate(speakers) if n == 0 or s != speakers[n - 1]] == ["ANN", "BOB", "ANN"]
    assert {c.plain for c in cues if c.speaker == "BOB"} == {"Fine.", "[Music]"}
    assert " ".join(c.plain for c in cues if c.speaker == "ANN").replace("\n", " ").startswith("Hi Bob. How are you")
    assert resegment_turns(transcript, {"segment_speakers": ["ANN"]}, tight) is None  # another transcript's record

    again = imported_from_cues(cues)
    assert [t.speaker for t in again.turns] == ["ANN", "BOB", "ANN"]
    assert [t.text for t in again.tokens if t.sound] == ["[Music]"]
    assert [t.text for t in again.words] == [w.text for w in words]
    assert again.text.startswith("ANN: Hi Bob.")
