"""From an imported transcript with aligned words to a document: cues per speaker turn, sound events,
and the source kept so the text can be aligned again after an edit.

Each speaker turn is segmented on its own (so no cue ever holds two speakers), the cues carry
their turn's speaker (exported as the ASS Name and a WebVTT ``<v>``), and then the whole list is
timed to the speech and the rules together. A sound event ("[Musique]") becomes a cue of its own
in the silence between its neighbours, its word flagged as not heard.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Iterable, Sequence

from .model import FLAG_INTERPOLATED, Cue, Segment, Transcript, Word, plain_text
from .presets import DEFAULT_FPS, Preset
from .segment import segment_words
from .timing import refine_timing
from .transcript_import import ImportedTranscript, ImportOptions, Token, Turn

__all__ = [
    "cues_from_aligned",
    "resegment_turns",
    "transcript_from_aligned",
    "segment_speakers",
    "imported_from_cues",
    "source_record",
    "SOUND_MAX_MS",
]

SOUND_MAX_MS = 3000
"""A sound event's cue stays up at most this long (the silence it fills may be much longer)."""


def _turn_runs(imported: ImportedTranscript, words: Sequence[Word]) -> list[tuple[int, list[Word]]]:
    """(turn, words) runs in order, sound events given times between their spoken neighbours."""
    spoken = iter(words)
    placed: list[tuple[int, Word, bool]] = []
    pending_sounds: list[tuple[int, str]] = []
    for token in imported.tokens:
        if token.sound:
            pending_sounds.append((token.turn, token.text))
            continue
        word = next(spoken)
        lo = placed[-1][1].end if placed else 0
        for turn, text in pending_sounds:
            end = min(word.start, lo + SOUND_MAX_MS)
            placed.append((turn, Word(lo, max(lo + 1, end), text, 1.0, (FLAG_INTERPOLATED,)), True))
        pending_sounds = []
        placed.append((token.turn, word, False))
    lo = placed[-1][1].end if placed else 0
    for turn, text in pending_sounds:
        placed.append((turn, Word(lo, lo + SOUND_MAX_MS, text, 1.0, (FLAG_INTERPOLATED,)), True))
    runs: list[tuple[int, list[Word]]] = []
    for turn, word, sound in placed:
        if sound or not runs or runs[-1][0] != turn or _is_sound_run(runs[-1][1]):
            runs.append((turn, [word]))
        else:
            runs[-1][1].append(word)
    return runs


def _is_sound_run(words: Sequence[Word]) -> bool:
    return len(words) == 1 and words[0].text[:1] in "[(♪" and FLAG_INTERPOLATED in words[0].flags


def _cut(runs: Iterable[tuple[str, Sequence[Word]]], preset: Preset, fps: float, language: str | None,
         speech: object, shot_changes: Iterable[int]) -> list[Cue]:
    """Cues for (speaker, words) runs: each cut on its own sentences, sound events as they are, all timed."""
    cues: list[Cue] = []
    for speaker, run in runs:
        if _is_sound_run(run):
            cues.append(Cue.create(run[0].start, run[0].end, run[0].text, run, speaker=speaker))
            continue
        for cue in segment_words(list(run), preset, fps=fps, language=language, speech=speech):
            cues.append(cue.with_(speaker=speaker))
    return refine_timing(cues, preset, fps, speech=speech, shot_changes=shot_changes)


def cues_from_aligned(
    imported: ImportedTranscript,
    words: Sequence[Word],
    preset: Preset,
    fps: float = DEFAULT_FPS,
    language: str | None = None,
    speech: object = None,
    shot_changes: Iterable[int] = (),
) -> list[Cue]:
    """Cues for the aligned ``words`` (one per spoken token of ``imported``): each turn cut on its
    own sentences, sound events as their own cues, all timed to the speech and the rules."""
    runs = [(_speaker(imported, turn), run) for turn, run in _turn_runs(imported, words)]
    return _cut(runs, preset, fps, language, speech, shot_changes)


def resegment_turns(
    transcript: Transcript,
    record: object,
    preset: Preset,
    fps: float = DEFAULT_FPS,
    speech: object = None,
    shot_changes: Iterable[int] = (),
) -> list[Cue] | None:
    """An aligned transcript's cues cut again under ``preset``, each speaker turn on its own;
    None when ``record`` (the document's ``transcript_source``) does not describe this transcript."""
    speakers = record.get("segment_speakers") if isinstance(record, dict) else None
    if not isinstance(speakers, list) or len(speakers) != len(transcript.segments):
        return None
    runs = [(str(speaker), segment.words) for speaker, segment in zip(speakers, transcript.segments) if segment.words]
    return _cut(runs, preset, fps, transcript.language or None, speech, shot_changes)


def _speaker(imported: ImportedTranscript, turn: int) -> str:
    return imported.turns[turn].speaker if imported.turns else ""


def segment_speakers(imported: ImportedTranscript, words: Sequence[Word]) -> list[str]:
    """The speaker of each segment ``transcript_from_aligned`` makes, in order."""
    return [_speaker(imported, turn) for turn, _ in _turn_runs(imported, words)]


def imported_from_cues(cues: Sequence[Cue], options: ImportOptions = ImportOptions()) -> ImportedTranscript:
    """The cues' text as a transcript to align again (after edits): their words in order, a turn
    wherever the speaker changes, sound-event cues kept as sound events."""
    tokens: list[Token] = []
    turns: list[Turn] = []
    for cue in cues:
        texts = [w.text for w in cue.words] if cue.words else plain_text(cue.text).split()
        if not texts:
            continue
        if not turns or cue.speaker != turns[-1].speaker:
            turns.append(Turn(cue.speaker))
        sound = len(cue.words) == 1 and _is_sound_run(cue.words)
        tokens += [Token(" ".join(texts), len(turns) - 1, sound=True)] if sound else [Token(t, len(turns) - 1) for t in texts]
    source = ImportedTranscript("", "utf-8", tuple(tokens), tuple(turns), (), options)
    return replace(source, source=source.text)


def transcript_from_aligned(imported: ImportedTranscript, words: Sequence[Word], language: str, model: str,
                            duration: int) -> Transcript:
    """The aligned words as a transcript (one segment per turn), so the cues can be re-segmented."""
    segments = [
        Segment(run[0].start, run[-1].end, " ".join(w.text for w in run), tuple(run))
        for _, run in _turn_runs(imported, words)
    ]
    return Transcript(language, tuple(segments), model, duration)


def source_record(
    imported: ImportedTranscript, punctuation_restored: bool, keep_case: bool, words: Sequence[Word] = ()
) -> dict[str, object]:
    """What the project keeps of the source transcript (document extras): the text as read, the
    clean-up options and what was done, so the text can be aligned again after an edit; with the
    aligned ``words``, the speaker of each transcript segment, so re-segmenting keeps the turns."""
    record: dict[str, object] = {
        "source": imported.source,
        "encoding": imported.encoding,
        "options": asdict(imported.options),
        "steps": [{"name": s.name, "applied": s.applied, "count": s.count, "detail": s.detail} for s in imported.steps],
        "speakers": [t.speaker for t in imported.turns],
        "punctuation_restored": punctuation_restored,
        "keep_case": keep_case,
    }
    if words:
        record["segment_speakers"] = segment_speakers(imported, words)
    return record
