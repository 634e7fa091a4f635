"""A transcript the user already has, aligned to a media file and cut into cues: the one pipeline
behind ``subtitler align`` and File ▸ Import Transcript….

The words are aligned (``asr.align``); text without punctuation gets its sentence ends and
capitals from Whisper's hypothesis (``core.sentences``); each speaker turn is cut into cues on
its own and timed to the speech (``core.aligned``). What the project keeps of the source comes
with the result, so the text can be aligned again after an edit.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..core.aligned import cues_from_aligned, source_record, transcript_from_aligned
from ..core.errors import SubtitlerError
from ..core.model import FLAG_UNHEARD, Cue, Transcript
from ..core.presets import DEFAULT_FPS, DEFAULT_PRESET, PRESETS, Preset, get_preset
from ..core.sentences import restore_sentences
from ..core.transcript_import import ImportedTranscript, is_punctuated
from .align import AlignOptions, align
from .engine import Event

__all__ = ["AlignedTranscript", "align_transcript", "language_preset"]


@dataclass(frozen=True)
class AlignedTranscript:
    """Cues made from an aligned transcript, and what the document keeps beside them."""

    cues: list[Cue]
    transcript: Transcript
    """The aligned words, one segment per speaker turn (for re-segmenting)."""
    record: dict[str, object]
    """The source transcript and its clean-up (``core.aligned.source_record``), for the document's extras."""
    preset: Preset
    language: str
    speech: object | None
    """The speech analysis of the audio, None when it failed."""
    unheard: int
    """Words the audio did not place: timed between their neighbours and flagged."""
    punctuation_restored: bool


def language_preset(language: str) -> str:
    """The Netflix preset of the language when there is one, else the default."""
    name = f"netflix-{language}"
    return name if name in PRESETS else DEFAULT_PRESET


def align_transcript(
    media: str | Path,
    imported: ImportedTranscript,
    options: AlignOptions,
    preset: Preset | Callable[[str], Preset] | None = None,
    fps: float = DEFAULT_FPS,
    keep_case: bool = False,
    on_event: Callable[[Event], None] | None = None,
    cancel: threading.Event | None = None,
) -> AlignedTranscript:
    """Align ``imported`` to ``media`` and cut it into cues under ``preset`` (a function of the
    language spoken, or None for the language's own preset).

    Raises Cancelled when ``cancel`` is set, SubtitlerError (a message for the user) on failure.
    """
    from ..media.speech import analyze_media

    texts = [t.text for t in imported.words]
    if not texts:
        raise SubtitlerError("The transcript holds no words to align.")
    result = align(media, texts, options, on_event, cancel)
    words = list(result.words)
    restored = not is_punctuated(texts)
    if restored:
        words = restore_sentences(words, result.hypothesis, result.matches, keep_case=keep_case)
    if not isinstance(preset, Preset):
        preset = (preset or (lambda language: get_preset(language_preset(language))))(result.language)
    try:
        speech: object | None = analyze_media(media, options.audio_track)
    except SubtitlerError:
        speech = None  # the cues then follow the word times alone
    cues = cues_from_aligned(imported, words, preset, fps, result.language, speech)
    transcript = transcript_from_aligned(imported, words, result.language, result.model, result.duration)
    record = source_record(imported, restored, keep_case, words)
    unheard = sum(1 for w in result.words if FLAG_UNHEARD in w.flags)
    return AlignedTranscript(cues, transcript, record, preset, result.language, speech, unheard, restored)
