"""Subtitle files in and out: a registry of formats keyed by file extension.

``load(path)`` refuses bad files at once with a ``FormatError`` (missing, folder, too large,
empty, binary, unknown extension), decodes the text (BOM, else UTF-8, cp1252, latin-1),
parses it leniently and returns the document with every problem found (1-based source line
numbers) and, when the text looks mangled by a wrong decoding, a repair suggestion.
``save(document, path)`` writes UTF-8 atomically. Loaded cues have no words: the word layer
lives in project files only.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

from ..errors import FormatError
from ..model import Document
from . import ass, srt, txt, vtt
from .atomic import write_atomic
from .base import Problem, SubtitleFormat
from .encoding import MAX_FILE_BYTES, decode, read_limited
from .mojibake import RepairSuggestion, plan_repair, repair_text, suggest_repair

__all__ = [
    "FORMATS",
    "MAX_FILE_BYTES",
    "LoadResult",
    "Problem",
    "RepairSuggestion",
    "SubtitleFormat",
    "dialog_filter",
    "extensions",
    "format_for",
    "load",
    "repair_mojibake",
    "repair_text",
    "save",
]

FORMATS: tuple[SubtitleFormat, ...] = (srt.FORMAT, ass.FORMAT_ASS, ass.FORMAT_SSA, vtt.FORMAT, txt.FORMAT)
"""Every supported format; the first is the default for new files."""

_BY_EXTENSION = {ext: fmt for fmt in FORMATS for ext in fmt.extensions}


@dataclass(slots=True)
class LoadResult:
    """A loaded document with what was found on the way."""

    document: Document
    problems: list[Problem] = field(default_factory=list)
    encoding: str = "utf-8"
    mojibake: RepairSuggestion | None = None
    """Mangled text found (and applied when ``repaired``), with a preview of the repair."""
    repaired: bool = False
    format: str = ""


def extensions() -> list[str]:
    """Known subtitle file extensions, with the dot (".srt", ...)."""
    return list(_BY_EXTENSION)


def dialog_filter() -> str:
    """A file-dialog filter string: all subtitle files first, then one entry per format."""
    patterns = " ".join(f"*{ext}" for ext in _BY_EXTENSION)
    entries = [f"Subtitle files ({patterns})"]
    entries += [f"{fmt.description} ({' '.join('*' + e for e in fmt.extensions)})" for fmt in FORMATS]
    return ";;".join(entries)


def format_for(path: str | Path) -> SubtitleFormat:
    """The format a file name's extension names; FormatError when it is not one we know."""
    suffix = Path(path).suffix.lower()
    fmt = _BY_EXTENSION.get(suffix)
    if fmt is None:
        known = ", ".join(_BY_EXTENSION)
        what = f"'{suffix}'" if suffix else "no extension"
        raise FormatError(f"'{Path(path).name}' has {what}: not a subtitle format Subtitler knows ({known})")
    return fmt


def load(path: str | Path, encoding: str | None = None, repair: bool = False) -> LoadResult:
    """Read a subtitle file leniently; FormatError (with a clear message) when it cannot be read.

    ``encoding`` forces a text encoding; ``repair`` applies the mojibake repair when one is found.
    """
    path = Path(path)
    fmt = format_for(path)
    text, used = decode(read_limited(path), path.name, encoding)
    try:
        parsed = fmt.read(text)
    except FormatError as exc:
        raise FormatError(f"'{path.name}': {exc}") from None
    plan = plan_repair([cue.text for cue in parsed.cues])
    suggestion = plan[0] if plan else None
    if repair and plan:
        parsed.cues = [cue.with_(text=text) for cue, text in zip(parsed.cues, plan[1])]
    document = Document(cues=parsed.cues, extras=parsed.extras)
    return LoadResult(document, parsed.problems, used, suggestion, repaired=repair and plan is not None, format=fmt.name)


def repair_mojibake(document: Document, codec: str | None = None) -> Document:
    """A copy of the document with mangled cue text repaired (``codec`` guessed when not given)."""
    if codec is None:
        suggestion = suggest_repair([cue.text for cue in document.cues])
        codec = suggestion.codec if suggestion else None
    # Every data field is carried over (signals, which do not compare, start fresh).
    data = {f.name: getattr(document, f.name) for f in fields(Document) if f.compare}
    data = {name: dict(value) if isinstance(value, dict) else value for name, value in data.items()}
    data["cues"] = [cue.with_(text=repair_text(cue.text, codec)) if codec else cue for cue in document.cues]
    return Document(**data)


def save(document: Document, path: str | Path, fps: float | None = None) -> None:
    """Write the document in the format its extension names, as UTF-8, atomically.

    ``fps`` is accepted for frame-based formats; none of the current formats counts frames.
    """
    path = Path(path)
    fmt = format_for(path)
    write_atomic(path, fmt.write(document).encode("utf-8"))
