"""Plain text (.txt): one cue per paragraph, no times, for aligning to the audio later.

Paragraphs are separated by blank lines; the lines of a paragraph stay as the cue's lines.
Loaded cues all start and end at 0. Saving writes each cue's text without tags, one
paragraph per cue: times are not written.
"""

from __future__ import annotations

from ..model import Cue, Document, plain_text
from .base import Parsed, SubtitleFormat, split_lines

__all__ = ["FORMAT", "read_txt", "write_txt"]


def read_txt(text: str) -> Parsed:
    """One timeless cue per paragraph."""
    parsed = Parsed()
    paragraph: list[str] = []
    for line in [*split_lines(text), ""]:
        if line.strip():
            paragraph.append(line.strip())
        elif paragraph:
            parsed.cues.append(Cue.create(0, 0, "\n".join(paragraph)))
            paragraph = []
    return parsed


def write_txt(document: Document) -> str:
    """The cues' plain text, one paragraph each."""
    return "\n\n".join(plain_text(cue.text) for cue in document.cues) + "\n"


FORMAT = SubtitleFormat("Plain text", "Plain text, one cue per paragraph", (".txt",), read_txt, write_txt)
