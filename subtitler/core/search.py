"""Find and replace in cue texts (and speakers): plain text or regular expressions, case, whole words.

Matches never fall inside formatting tags (``<i>``, ``{\\an8}``), so searching for "i" does not
find the tag of an italic cue and a replacement cannot break one. Replacing text goes through
``edits.edit_text``: words whose text did not change keep their times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Sequence

from .edits import edit_text
from .errors import SubtitlerError
from .model import Cue

__all__ = [
    "Match", "ReplaceResult", "SearchError", "SearchOptions", "SPEAKER", "TEXT",
    "find_all", "find_next", "replace_all", "replace_one",
]

_TAG_RE = re.compile(r"<[^>]*>|\{[^}]*\}")

TEXT = "text"
SPEAKER = "speaker"


class SearchError(SubtitlerError):
    """The search or its replacement cannot be used (an invalid regular expression, say)."""

    def __init__(self, kind: str, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        """``empty``, ``pattern``, ``replacement`` or ``stale``: what the UI says in the user's language."""
        self.detail = detail


@dataclass(frozen=True, slots=True)
class SearchOptions:
    """What to look for and how."""

    pattern: str
    regex: bool = False
    match_case: bool = False
    whole_word: bool = False
    in_speaker: bool = False
    """Search the speaker names too, not only the text."""

    def compiled(self) -> re.Pattern[str]:
        """The pattern as a regular expression; SearchError when it is empty or invalid."""
        if not self.pattern:
            raise SearchError("empty", "Type what to find.")
        body = self.pattern if self.regex else re.escape(self.pattern)
        if self.whole_word:
            body = rf"(?<!\w)(?:{body})(?!\w)"
        try:
            compiled = re.compile(body, 0 if self.match_case else re.IGNORECASE)
        except re.error as exc:
            raise SearchError("pattern", f"Invalid regular expression: {exc}", str(exc)) from exc
        return compiled


@dataclass(frozen=True, slots=True)
class Match:
    """One match: where it is (cue, field, character span of that field)."""

    cue_id: str
    field: str
    """``text`` or ``speaker``."""
    start: int
    end: int

    def key(self, row: int) -> tuple[int, int, int]:
        """Sort key in reading order: cue row, text before speaker, position."""
        return row, 0 if self.field == TEXT else 1, self.start


@dataclass(frozen=True, slots=True)
class ReplaceResult:
    """The cues a Replace All changes (before and after, same ids and order) and how many matches it replaced."""

    old: list[Cue]
    new: list[Cue]
    count: int


def _tag_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TAG_RE.finditer(text)] if "<" in text or "{" in text else []


def _in_tag(start: int, end: int, tags: Sequence[tuple[int, int]]) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in tags)


def _matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Non-empty matches in ``text`` that touch no formatting tag."""
    tags = _tag_spans(text)
    for found in pattern.finditer(text):
        if found.end() > found.start() and not _in_tag(found.start(), found.end(), tags):
            yield found


def _fields(cue: Cue, options: SearchOptions) -> list[tuple[str, str]]:
    fields = [(TEXT, cue.text)]
    if options.in_speaker and cue.speaker:
        fields.append((SPEAKER, cue.speaker))
    return fields


def find_all(cues: Sequence[Cue], options: SearchOptions) -> list[Match]:
    """Every match in the cues, in reading order."""
    pattern = options.compiled()
    return [
        Match(cue.id, field, found.start(), found.end())
        for cue in cues
        for field, value in _fields(cue, options)
        for found in _matches(pattern, value)
    ]


def find_next(
    cues: Sequence[Cue], options: SearchOptions, after: tuple[int, str, int] | None, backwards: bool = False
) -> tuple[int, Match] | None:
    """(row, match) of the next match after ``after`` = (row, field, position), wrapping round; None when none.

    Forwards, a match starting at ``after``'s position counts only when it starts after it; backwards,
    the match must start before it. Without ``after`` the search starts at the top (or the bottom).
    """
    pattern = options.compiled()
    rows = range(len(cues) - 1, -1, -1) if backwards else range(len(cues))
    origin = None if after is None else (after[0], 0 if after[1] == TEXT else 1, after[2])
    first: tuple[int, Match] | None = None
    best: tuple[int, Match] | None = None
    for row in rows:
        cue = cues[row]
        found = [Match(cue.id, f, m.start(), m.end()) for f, v in _fields(cue, options) for m in _matches(pattern, v)]
        for match in reversed(found) if backwards else found:
            key = match.key(row)
            if first is None:
                first = (row, match)
            if origin is None or (key < origin if backwards else key > origin):
                best = (row, match)
                break
        if best is not None:
            break
    return best or first


def _replace_in(pattern: re.Pattern[str], text: str, replacement: str, regex: bool) -> tuple[str, int]:
    """``text`` with each match outside tags replaced; and how many."""
    parts: list[str] = []
    at = 0
    count = 0
    for found in _matches(pattern, text):
        try:
            new = found.expand(replacement) if regex else replacement
        except (re.error, IndexError) as exc:
            raise SearchError("replacement", f"Invalid replacement: {exc}", str(exc)) from exc
        parts += [text[at : found.start()], new]
        at = found.end()
        count += 1
    if not count:
        return text, 0
    parts.append(text[at:])
    return "".join(parts), count


def replace_all(cues: Sequence[Cue], options: SearchOptions, replacement: str) -> ReplaceResult:
    """Replace every match; changed cues keep their ids, and unchanged words their times."""
    pattern = options.compiled()
    old: list[Cue] = []
    new: list[Cue] = []
    total = 0
    for cue in cues:
        text, in_text = _replace_in(pattern, cue.text, replacement, options.regex)
        speaker, in_speaker = cue.speaker, 0
        if options.in_speaker and cue.speaker:
            speaker, in_speaker = _replace_in(pattern, cue.speaker, replacement, options.regex)
        if not in_text and not in_speaker:
            continue
        changed = edit_text(cue, text) if in_text else cue
        changed = changed.with_(speaker=speaker.strip()) if in_speaker else changed
        total += in_text + in_speaker
        if changed != cue:
            old.append(cue)
            new.append(changed)
    return ReplaceResult(old, new, total)


def replace_one(cue: Cue, match: Match, options: SearchOptions, replacement: str) -> Cue:
    """``cue`` with this one match replaced (the match must still be there)."""
    pattern = options.compiled()
    value = cue.text if match.field == TEXT else cue.speaker
    found = pattern.match(value, match.start)
    if found is None or found.end() != match.end:
        raise SearchError("stale", "The text changed since it was found; search again.")
    try:
        new = found.expand(replacement) if options.regex else replacement
    except (re.error, IndexError) as exc:
        raise SearchError("replacement", f"Invalid replacement: {exc}", str(exc)) from exc
    replaced = value[: match.start] + new + value[match.end :]
    return edit_text(cue, replaced) if match.field == TEXT else cue.with_(speaker=replaced.strip())
