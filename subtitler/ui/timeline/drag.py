"""What a drag on the timeline does to the cues, without Qt: the new cues, and whether they are valid.

Every function returns the changed cues by id (``{id: new cue}``) so the canvas can preview
them and commit them as one undo command. ``find_problem`` says why a result must be refused.
A block or an edge dragged into a neighbour stops at the preset's minimum gap from it, as in
Subtitle Edit and Aegisub (``clamp_move``, ``clamp_edge``): the move is applied up to there.
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
    "Stop",
    "clamp_move",
    "clamp_edge",
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


@dataclass(frozen=True, slots=True)
class Stop:
    """Where a drag stopped short of what the mouse asked: the stopped edge's time and the cue it met (0-based)."""

    time: int
    neighbour: int | None
    """The cue it stopped against; None when it stopped at 0:00."""


def _neighbours(cues: Sequence[Cue], moving: set[str]) -> Iterable[tuple[Cue, Cue | None, int | None, Cue | None, int | None]]:
    """Each moving cue with the nearest cue before and after it that stays put (and their indices)."""
    still = [i for i, c in enumerate(cues) if c.id not in moving]
    for i, cue in enumerate(cues):
        if cue.id not in moving:
            continue
        at = bisect_left(still, i)
        before = still[at - 1] if at > 0 else None
        after = still[at] if at < len(still) else None
        yield cue, (cues[before] if before is not None else None), before, (cues[after] if after is not None else None), after


def clamp_move(cues: Sequence[Cue], ids: Iterable[str], delta: int, min_gap: int, ripple: bool = False) -> tuple[int, Stop | None]:
    """``delta`` shortened so the moved cues keep ``min_gap`` from the cues that stay (and start at 0 or later).

    Returns the delta to apply and where it stopped (None when the whole move fits). A block that is
    already closer than the gap does not move further in.
    """
    moving = set(ids)
    if ripple:
        moving |= {c.id for c in _after(cues, moving)}
    allowed, stop = delta, None
    for cue, before, b, after, a in _neighbours(cues, moving):
        if delta > 0 and after is not None and after.start >= cue.start:
            room = max(0, after.start - min_gap - cue.end)
            if room < allowed:
                allowed, stop = room, Stop(cue.end + room, a)
        if delta < 0:
            floor = -cue.start
            neighbour = None
            if before is not None and before.start <= cue.start:
                gap_floor = min(0, before.end + min_gap - cue.start)
                if gap_floor > floor:
                    floor, neighbour = gap_floor, b
            if floor > allowed:
                allowed, stop = floor, Stop(cue.start + floor, neighbour)
    return allowed, stop


def clamp_edge(cues: Sequence[Cue], cue_id: str, edge: str, ms: int, min_gap: int, ripple: bool = False) -> tuple[int, Stop | None]:
    """An edge's new time kept ``min_gap`` from the neighbour it moves towards (a ripple end pushes, so it never stops)."""
    index = next(i for i, c in enumerate(cues) if c.id == cue_id)
    cue = cues[index]
    if edge == START:
        if ms < 0:
            return 0, Stop(0, None)
        previous = cues[index - 1] if index > 0 else None
        if previous is not None and ms < cue.start and ms < previous.end + min_gap:
            limit = min(cue.start, previous.end + min_gap)
            return limit, Stop(limit, index - 1)
        return ms, None
    following = cues[index + 1] if index + 1 < len(cues) else None
    if not ripple and following is not None and ms > cue.end and ms > following.start - min_gap:
        limit = max(cue.end, following.start - min_gap)
        return limit, Stop(limit, index + 1)
    return ms, None


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
