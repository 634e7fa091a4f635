"""Snapping cue edges while dragging: to word edges, speech onsets/offsets, neighbours at the
minimum gap, shot changes, the playhead, and the frame grid.

Pure functions on times (int ms). A target says which edge it suits: a speech onset is where a
cue should start, the end of the previous cue plus the minimum gap too; word edges, shot changes
and the playhead suit both. The nearest target within the tolerance wins (ties go to the more
meaningful kind); the frame grid is the fallback, so a released edge lands on a frame.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Iterable, Sequence

from .model import Cue

__all__ = [
    "START",
    "END",
    "ANY",
    "KIND_PRIORITY",
    "SnapTarget",
    "SnapCandidates",
    "snap",
    "snap_edges",
    "drag_candidates",
]

START = "start"
END = "end"
ANY = "any"

KIND_PRIORITY: dict[str, int] = {"playhead": 0, "shot": 1, "gap": 2, "word": 3, "speech": 4, "frame": 5}
"""Lower wins when two targets are equally near."""


@dataclass(frozen=True, slots=True)
class SnapTarget:
    """A time an edge can snap to, what it is (``KIND_PRIORITY`` keys) and which edge it suits."""

    time: int
    kind: str
    edge: str = ANY


class SnapCandidates:
    """Targets sorted by time for nearest lookups, plus an optional frame grid."""

    def __init__(self, targets: Iterable[SnapTarget] = (), frame_ms: float | None = None) -> None:
        self.targets = sorted(targets, key=lambda t: (t.time, KIND_PRIORITY.get(t.kind, 99)))
        self._times = [t.time for t in self.targets]
        self.frame_ms = frame_ms if frame_ms and frame_ms > 0 else None

    def __len__(self) -> int:
        return len(self.targets)

    def near(self, t: float, tolerance_ms: float) -> list[SnapTarget]:
        """Targets within ``tolerance_ms`` of ``t``."""
        lo = bisect_left(self._times, t - tolerance_ms)
        hi = bisect_right(self._times, t + tolerance_ms)
        return self.targets[lo:hi]


def _fits(target: SnapTarget, edge: str) -> bool:
    return edge == ANY or target.edge == ANY or target.edge == edge


def snap(t: float, candidates: SnapCandidates, tolerance_ms: float, edge: str = ANY) -> tuple[int, SnapTarget | None]:
    """Snap ``t`` to the nearest fitting target within ``tolerance_ms``, else to the frame grid.

    Returns the snapped time and the target it snapped to (a ``frame`` target for the grid),
    or ``(round(t), None)`` when nothing is near.
    """
    near = [c for c in candidates.near(t, tolerance_ms) if _fits(c, edge)]
    if near:
        best = min(near, key=lambda c: (abs(c.time - t), KIND_PRIORITY.get(c.kind, 99)))
        return best.time, best
    if candidates.frame_ms:
        frame = round(round(t / candidates.frame_ms) * candidates.frame_ms)
        if abs(frame - t) <= tolerance_ms:
            return frame, SnapTarget(frame, "frame")
    return round(t), None


def snap_edges(
    edges: Sequence[tuple[float, str]], candidates: SnapCandidates, tolerance_ms: float
) -> tuple[int, SnapTarget | None]:
    """For a block of edges moving together ((time, START|END) pairs): the shift that snaps the
    edge nearest to a target onto it, and that target; (0, None) when none is near."""
    best: tuple[float, int, int, SnapTarget] | None = None
    for t, edge in edges:
        snapped, target = snap(t, candidates, tolerance_ms, edge)
        if target is None:
            continue
        rank = (abs(snapped - t), KIND_PRIORITY.get(target.kind, 99))
        if best is None or rank < (best[0], best[1]):
            best = (rank[0], rank[1], snapped - round(t), target)
    if best is None:
        return 0, None
    return best[2], best[3]


def drag_candidates(
    cues: Sequence[Cue],
    moving_ids: Iterable[str],
    window: tuple[int, int],
    min_gap_ms: int,
    speech_regions: Sequence[tuple[int, int]] = (),
    shot_changes: Sequence[int] = (),
    playhead: int | None = None,
    fps: float | None = None,
) -> SnapCandidates:
    """The targets for dragging the cues in ``moving_ids``, limited to ``window`` (ms) around the drag.

    Word edges come from every cue (the dragged ones too: an edge often belongs on its own
    first or last word); neighbours count only when they are not moving themselves.
    """
    moving = set(moving_ids)
    lo, hi = window
    targets: list[SnapTarget] = []
    starts = [c.start for c in cues]
    # Cues are in time order: the first that can reach the window is at most one before lo.
    first = max(0, bisect_left(starts, lo) - 1)
    for cue in cues[first:]:
        if cue.start > hi:
            break
        for word in cue.words:
            if lo <= word.start <= hi:
                targets.append(SnapTarget(word.start, "word"))
            if lo <= word.end <= hi:
                targets.append(SnapTarget(word.end, "word"))
        if cue.id not in moving:
            targets.append(SnapTarget(cue.end + min_gap_ms, "gap", START))
            targets.append(SnapTarget(cue.start - min_gap_ms, "gap", END))
    for start, end in speech_regions:
        if lo <= start <= hi:
            targets.append(SnapTarget(start, "speech", START))
        if lo <= end <= hi:
            targets.append(SnapTarget(end, "speech", END))
    targets += [SnapTarget(s, "shot") for s in shot_changes if lo <= s <= hi]
    if playhead is not None:
        targets.append(SnapTarget(playhead, "playhead"))
    return SnapCandidates(targets, 1000.0 / fps if fps else None)
