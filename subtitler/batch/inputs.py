"""Which files a batch transcribes, and where each one's outputs go."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..core.errors import SubtitlerError

__all__ = ["MEDIA_EXTENSIONS", "BatchItem", "find_inputs"]

MEDIA_EXTENSIONS = frozenset({
    ".mp4", ".mkv", ".mov", ".avi", ".webm", ".m4v", ".mpg", ".mpeg", ".ts", ".wmv", ".flv",
    ".mp3", ".wav", ".m4a", ".aac", ".flac", ".ogg", ".opus",
})  # fmt: skip
"""Files a folder is searched for (by extension, any case)."""


@dataclass(frozen=True, slots=True)
class BatchItem:
    """One file to transcribe: its absolute path, and its outputs' path under OUTDIR without extension."""

    source: Path
    name: Path
    """``episode01`` for a file given by itself; ``season1/episode01`` for one found in a folder's ``season1``."""


def _media_in(folder: Path) -> list[Path]:
    """Media files under ``folder`` (any depth), hidden files and folders left out, in name order."""
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if path.suffix.lower() in MEDIA_EXTENSIONS and path.is_file() and not any(p.startswith(".") for p in relative.parts):
            found.append(path)
    return sorted(found)


def find_inputs(inputs: Iterable[str | Path]) -> list[BatchItem]:
    """The files to transcribe from files and folders; SubtitlerError for a missing input or two outputs of one name."""
    items: list[BatchItem] = []
    for given in inputs:
        path = Path(given).expanduser()
        if path.is_dir():
            items += [BatchItem(file.resolve(), file.relative_to(path).with_suffix("")) for file in _media_in(path)]
            continue
        if not path.exists():
            raise SubtitlerError(f"{path} does not exist")
        items.append(BatchItem(path.resolve(), Path(path.stem)))
    seen: dict[str, Path] = {}
    clashes = []
    for item in items:
        key = item.name.as_posix().casefold()
        if key in seen and seen[key] != item.source:
            clashes.append(f"{seen[key]} and {item.source}")
        seen.setdefault(key, item.source)
    if clashes:
        raise SubtitlerError("two inputs would write the same outputs: " + "; ".join(clashes) +
                             " (give their folders instead, or transcribe them apart)")
    unique: dict[Path, BatchItem] = {}
    for item in items:
        unique.setdefault(item.source, item)  # a file given twice (by itself and in its folder) runs once
    return list(unique.values())
