"""Aligned transcript words -> cues: one speaker per cue, sound events apart, the source kept."""

from __future__ import annotations

from subtitler.core.aligned import cues_from_aligned, source_record, transcript_from_aligned
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
