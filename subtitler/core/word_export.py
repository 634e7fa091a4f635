"""What the word layer turns into on export: karaoke, word time stamps, word JSON, or word-by-word cues.

``WordExport`` names the choice (the CLI's ``--words``, the Export dialog's "Word timing");
``export_document`` makes the document to write. Word-by-word cues (1 to N words each, for
vertical video) are cut from each cue's words by the segmenter with a cap on the words per
cue, so they break where a subtitler would, then timed under the preset's rules like any cue.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from .errors import FormatError
from . import formats
from .formats import markup
from .formats.atomic import write_atomic
from .formats.words import cue_words, karaoke_text, stamped_text, with_cues, words_json
from .model import Cue, Document, Word
from .presets import DEFAULT_FPS, Preset
from .segment import segment_words
from .textdiff import estimate_words, retime_words
from .timing import refine_timing

__all__ = ["MODES", "WordExport", "export_document", "per_word_cues", "save_subtitles", "JSON_EXTENSION"]

MODES = ("karaoke", "vtt-timestamps", "json", "per-word")
JSON_EXTENSION = ".json"
_EXTENSIONS = {"karaoke": (".ass", ".ssa"), "vtt-timestamps": (".vtt",), "json": (JSON_EXTENSION,)}


@dataclass(frozen=True, slots=True)
class WordExport:
    """One way of exporting the word layer: ``mode`` from ``MODES``; ``max_words`` for per-word,
    ``fill`` for karaoke (``\\kf``, a sweep across each word, instead of ``\\k``)."""

    mode: str
    max_words: int = 1
    fill: bool = False

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise FormatError(f"unknown word export '{self.mode}' (known: {', '.join(MODES)})")
        if self.max_words < 1:
            raise FormatError("per-word needs at least 1 word per cue")

    def extensions(self) -> tuple[str, ...]:
        """The file extensions this export can be written to (empty: any subtitle format or a project)."""
        return _EXTENSIONS.get(self.mode, ())

    def check_target(self, path: str | Path) -> None:
        """FormatError when ``path``'s extension cannot hold this export."""
        wanted = self.extensions()
        suffix = Path(path).suffix.lower()
        if wanted and suffix not in wanted:
            raise FormatError(
                f"--words {self.mode} writes {' or '.join(wanted)} files: '{Path(path).name}' is not one"
            )
        if not wanted and suffix == JSON_EXTENSION:
            raise FormatError(f"--words {self.mode} writes subtitles, not JSON: give OUT a subtitle extension")


def _cue_layer(cue: Cue) -> list[Word]:
    """The cue's words as its text reads now (edits keep their times); estimated when it has none."""
    words = cue_words(cue)
    if words:
        return list(retime_words(cue.text, words, cue.start, cue.end))
    return list(estimate_words(cue.text, cue.start, cue.end))


def per_word_cues(
    cues: Sequence[Cue],
    preset: Preset,
    max_words: int,
    fps: float = DEFAULT_FPS,
    speech: object = None,
    language: str | None = None,
) -> list[Cue]:
    """Cues of 1 to ``max_words`` words cut from each cue's words, timed to the rules (and the speech).

    A cue's speaker, style, format fields and placement go to each of its pieces."""
    pieces: list[Cue] = []
    for cue in cues:
        words = _cue_layer(cue)
        if not words:
            continue
        an = markup.alignment(cue.text)
        place = f"{{\\an{an}}}" if an is not None else ""
        for piece in segment_words(words, preset, fps, language, speech, max_words=max_words):
            pieces.append(piece.with_(text=place + piece.text, style=cue.style, speaker=cue.speaker, fields=cue.fields))
    return refine_timing(pieces, preset, fps, speech=speech)


def export_document(
    document: Document,
    export: WordExport,
    preset: Preset,
    fps: float = DEFAULT_FPS,
    speech: object = None,
) -> Document:
    """A copy of the document whose cues carry the export (JSON is written from the document as it is)."""
    cues: Iterable[Cue] = document.cues
    if export.mode == "karaoke":
        cues = [cue.with_(text=karaoke_text(cue, export.fill)) for cue in cues]
    elif export.mode == "vtt-timestamps":
        cues = [cue.with_(text=stamped_text(cue)) for cue in cues]
    elif export.mode == "per-word":
        language = document.transcript.language if document.transcript else None
        cues = per_word_cues(document.cues, preset, export.max_words, fps, speech, language or None)
    return with_cues(document, list(cues))


def save_subtitles(document: Document, path: str | Path, fps: float | None = None) -> None:
    """Write the document atomically: faster-whisper's word JSON for ``.json``, else the format the extension names."""
    path = Path(path)
    if path.suffix.lower() == JSON_EXTENSION:
        write_atomic(path, words_json(document).encode("utf-8"))
    else:
        formats.save(document, path, fps=fps)
