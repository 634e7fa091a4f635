"""What a drag on the timeline does to the cues, without Qt: the new cues, and whether they are valid.

Every function returns the changed cues by id (``{id: new cue}``) so the canvas can preview
them and commit them as one undo command. ``find_problem`` says why a result must be refused.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Iterable, Sequence

from ...core import edits
from ...core.model import Cue

__all__ = [
    "MOVE",
    "START",
    "END",
    "BOUNDARY",
    "Problem",
    "shifted",
    "move_cues",
    "move_edge",
    "move_shared_boundary",
    "apply_changes",
    "find_problem",
    "cue_index_at",
]

MOVE, START, END, BOUNDARY = "move", "start", "end", "boundary"


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a drag result is refused: ``kind`` is "negative", "inverted" or "overlap"; indices are 0-based."""

    kind: str
    index: int
    other: int | None = None


def shifted(cue: Cue, delta: int) -> Cue:
    """The cue and its words moved by ``delta`` ms."""
    return cue.with_(start=cue.start + delta, end=cue.end + delta, words=tuple(w.shifted(delta) for w in cue.words))


def _after(cues: Sequence[Cue], ids: Iterable[str]) -> list[Cue]:
    """The cues after the last of ``ids`` in document order (what ripple mode drags along)."""
    wanted = set(ids)
    last = max((i for i, c in enumerate(cues) if c.id in wanted), default=len(cues) - 1)
    return list(cues[last + 1 :])


def move_cues(cues: Sequence[Cue], ids: Iterable[str], delta: int, ripple: bool = False) -> dict[str, Cue]:
    """The cues in ``ids`` (and in ripple mode every cue after them) moved by ``delta``."""
    ids = list(ids)
    wanted = set(ids)
    moving = [c for c in cues if c.id in wanted]
    if ripple:
        moving += _after(cues, ids)
    return {c.id: shifted(c, delta) for c in moving}


def move_edge(cues: Sequence[Cue], cue_id: str, edge: str, ms: int, ripple: bool = False) -> dict[str, Cue]:
    """One edge of one cue put at ``ms``; in ripple mode a moved end drags every later cue along."""
    cue = next(c for c in cues if c.id == cue_id)
    if edge == START:
        return {cue.id: cue.with_(start=ms)}
    changes = {cue.id: cue.with_(end=ms)}
    if ripple:
        for later in _after(cues, [cue_id]):
            changes[later.id] = shifted(later, ms - cue.end)
    return changes


def move_shared_boundary(left: Cue, right: Cue, ms: int) -> dict[str, Cue]:
    """The end of ``left`` and the start of ``right`` moved together to ``ms`` (their gap kept);
    a word the boundary crosses changes cue with its time (``edits.move_boundary``; EditError when impossible)."""
    new_left, new_right = edits.move_boundary(left, right, ms)
    return {new_left.id: new_left, new_right.id: new_right}


def apply_changes(cues: Sequence[Cue], changes: dict[str, Cue]) -> list[Cue]:
    """The cue list with the changed cues replaced (document order kept)."""
    return [changes.get(c.id, c) for c in cues]


def find_problem(cues: Sequence[Cue], changed_ids: Iterable[str]) -> Problem | None:
    """The first inverted, negative or overlapping cue among the changed ones and their neighbours."""
    changed = set(changed_ids)
    indices = sorted(i for i, c in enumerate(cues) if c.id in changed)
    for i in indices:
        cue = cues[i]
        if cue.start < 0:
            return Problem("negative", i)
        if cue.end <= cue.start:
            return Problem("inverted", i)
        if i > 0 and cues[i - 1].end > cue.start:
            return Problem("overlap", i - 1, i)
        if i + 1 < len(cues) and cue.end > cues[i + 1].start:
            return Problem("overlap", i, i + 1)
    return None


def cue_index_at(starts: Sequence[int], cues: Sequence[Cue], ms: float, max_duration: int) -> int | None:
    """Index of a cue covering ``ms`` (the later one where two overlap), found by binary search."""
    hi = bisect_left(starts, ms + 1)
    for i in range(hi - 1, max(-1, bisect_left(starts, ms - max_duration) - 1), -1):
        if cues[i].start <= ms <= cues[i].end:
            return i
    return None
