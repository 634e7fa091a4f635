"""The subtitle document: words, cues, the raw transcript, and the document that holds them.

Times are integer milliseconds. Words and cues are immutable values; the ``Document``
is the one mutable object, changed only through its primitive mutators, each of which
announces itself through a ``Signal`` so views can follow.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping, Sequence

from .signal import Signal

__all__ = [
    "Word",
    "Cue",
    "Segment",
    "Transcript",
    "MediaRef",
    "Document",
    "new_cue_id",
    "cue_fields",
    "plain_text",
    "words_text",
    "FLAG_HALLUCINATION",
    "FLAG_INTERPOLATED",
    "FLAG_UNHEARD",
]

FLAG_HALLUCINATION = "hallucination"
"""Word flag: part of a repeated line the engine probably hallucinated."""
FLAG_INTERPOLATED = "interpolated"
"""Word flag: typed by the user; its times were interpolated, not heard."""
FLAG_UNHEARD = "unheard"
"""Word flag: a word of the user's transcript the audio alignment could not place (with FLAG_INTERPOLATED)."""

_TAG_RE = re.compile(r"<[^>]*>|\{[^}]*\}")


def plain_text(text: str) -> str:
    """Cue text without formatting tags (``<i>``, ``{\\an8}``), lines joined by ``\\n``."""
    return _TAG_RE.sub("", text).replace("\\N", "\n").replace("\\n", "\n")


def words_text(words: Iterable["Word"]) -> str:
    """The words joined into one line of text."""
    return " ".join(w.text for w in words if w.text)


def cue_fields(fields: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """``Cue.fields`` from a mapping or pairs: sorted by name, empty values left out."""
    items = fields.items() if isinstance(fields, Mapping) else fields
    return tuple(sorted((str(k), str(v)) for k, v in dict(items).items() if v != ""))


def new_cue_id() -> str:
    """A fresh stable identifier for a cue."""
    return uuid.uuid4().hex[:12]


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word with its times (ms) and the engine's confidence."""

    start: int
    end: int
    text: str
    probability: float = 1.0
    flags: tuple[str, ...] = ()

    @property
    def duration(self) -> int:
        return self.end - self.start

    def shifted(self, delta: int) -> "Word":
        return replace(self, start=self.start + delta, end=self.end + delta)


@dataclass(frozen=True, slots=True)
class Cue:
    """A subtitle: its times, its text (``\\n`` between lines, ``<i>``/``<b>`` tags allowed)
    and the words it was made from (empty when the cue came from a file without them).

    ``style`` is the ASS style name, ``speaker`` who speaks the whole cue (the ASS Name field,
    a WebVTT ``<v Name>`` around the whole cue). ``fields`` holds what a format keeps per cue
    for its round trip, as sorted (name, value) pairs of text: the ASS event fields ``layer``,
    ``marginl``, ``marginr``, ``marginv``, ``effect`` (``marked`` for SSA) and the WebVTT cue
    ``settings``. Edits keep all three on every cue they derive from this one (both halves of
    a split)."""

    id: str
    start: int
    end: int
    text: str
    words: tuple[Word, ...] = ()
    style: str = "Default"
    speaker: str = ""
    fields: tuple[tuple[str, str], ...] = ()

    @classmethod
    def create(
        cls,
        start: int,
        end: int,
        text: str,
        words: Sequence[Word] = (),
        style: str = "Default",
        speaker: str = "",
        fields: Mapping[str, str] | Iterable[tuple[str, str]] = (),
    ) -> "Cue":
        return cls(new_cue_id(), int(start), int(end), text, tuple(words), style, speaker, cue_fields(fields))

    def field(self, name: str, default: str = "") -> str:
        """The format field ``name`` kept with this cue (``default`` when there is none)."""
        for key, value in self.fields:
            if key == name:
                return value
        return default

    @property
    def duration(self) -> int:
        return self.end - self.start

    @property
    def plain(self) -> str:
        return plain_text(self.text)

    @property
    def lines(self) -> list[str]:
        return self.plain.split("\n")

    def chars_per_second(self) -> float:
        """Reading speed: visible characters (line breaks excluded) per second of display."""
        chars = len(self.plain.replace("\n", ""))
        return chars * 1000.0 / self.duration if self.duration > 0 else float("inf")

    def with_(self, **changes: object) -> "Cue":
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Segment:
    """One segment as the engine produced it."""

    start: int
    end: int
    text: str
    words: tuple[Word, ...] = ()


@dataclass(frozen=True, slots=True)
class Transcript:
    """The raw engine result, kept unchanged so cues can be re-segmented without re-transcribing."""

    language: str
    segments: tuple[Segment, ...]
    model: str = ""
    duration: int = 0

    @property
    def words(self) -> list[Word]:
        return [w for s in self.segments for w in s.words]


@dataclass(frozen=True, slots=True)
class MediaRef:
    """The media a document belongs to, with a fingerprint to recognise it when moved."""

    path: str
    fingerprint: str = ""
    duration: int = 0
    fps: float = 0.0


@dataclass(slots=True)
class Document:
    """Ordered cues plus the raw transcript, media reference and rules preset.

    Mutators are primitive and announce themselves; undoable edits live in the UI's
    commands and call only these.
    """

    cues: list[Cue] = field(default_factory=list)
    transcript: Transcript | None = None
    media: MediaRef | None = None
    preset: str = "netflix-en"
    preset_limits: dict[str, object] = field(default_factory=dict)
    """Limits the user changed from the named preset (Preset field name -> value)."""
    extras: dict[str, object] = field(default_factory=dict)
    """Format data kept for round trips (ASS script info and styles)."""

    cues_inserted: Signal = field(default_factory=Signal, repr=False, compare=False)
    """(index, cues): cues were inserted starting at index."""
    cues_removed: Signal = field(default_factory=Signal, repr=False, compare=False)
    """(index, cues): these cues were removed from index on."""
    cue_changed: Signal = field(default_factory=Signal, repr=False, compare=False)
    """(index, old, new): the cue at index was replaced."""
    cues_reset: Signal = field(default_factory=Signal, repr=False, compare=False)
    """(): the whole cue list was replaced."""
    changed: Signal = field(default_factory=Signal, repr=False, compare=False)
    """(): anything changed (for the modified marker and autosave)."""

    def __len__(self) -> int:
        return len(self.cues)

    def index_of(self, cue_id: str) -> int:
        for i, cue in enumerate(self.cues):
            if cue.id == cue_id:
                return i
        raise KeyError(cue_id)

    def cue(self, cue_id: str) -> Cue:
        return self.cues[self.index_of(cue_id)]

    def insert_cues(self, index: int, cues: Sequence[Cue]) -> None:
        self.cues[index:index] = list(cues)
        self.cues_inserted.emit(index, list(cues))
        self.changed.emit()

    def remove_cues(self, index: int, count: int) -> list[Cue]:
        removed = self.cues[index : index + count]
        del self.cues[index : index + count]
        self.cues_removed.emit(index, removed)
        self.changed.emit()
        return removed

    def replace_cue(self, cue: Cue) -> Cue:
        """Replace the cue with the same id; return the old one."""
        index = self.index_of(cue.id)
        old = self.cues[index]
        self.cues[index] = cue
        self.cue_changed.emit(index, old, cue)
        self.changed.emit()
        return old

    def set_cues(self, cues: Sequence[Cue]) -> list[Cue]:
        """Replace every cue; return the old list."""
        old = self.cues
        self.cues = list(cues)
        self.cues_reset.emit()
        self.changed.emit()
        return old

    def set_transcript(self, transcript: Transcript | None) -> None:
        self.transcript = transcript
        self.changed.emit()

    def cue_at(self, ms: int) -> int | None:
        """Index of the cue shown at time ``ms``, if any."""
        for i, cue in enumerate(self.cues):
            if cue.start <= ms < cue.end:
                return i
        return None
