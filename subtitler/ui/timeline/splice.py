"""Splicing a re-transcribed region back into the cues, keeping every cue outside it as it is."""

from __future__ import annotations

from typing import Sequence

from ...core.model import Cue, Word

__all__ = ["shift_words", "splice_region"]


def shift_words(words: Sequence[Word], offset: int) -> list[Word]:
    """Words of a transcription of a slice, moved to the slice's place in the file."""
    return [w.shifted(offset) for w in words]


def splice_region(cues: Sequence[Cue], start: int, end: int, fresh: Sequence[Cue]) -> tuple[list[Cue], list[Cue]]:
    """(cues to remove, cues to add) so that ``fresh`` replaces the cues centred inside [start, end).

    Cues whose middle lies outside the region stay untouched (with their edits); fresh cues are
    trimmed so they never overlap them, and dropped when nothing is left.
    """
    removed = [c for c in cues if start <= (c.start + c.end) / 2 < end]
    gone = {c.id for c in removed}
    kept = [c for c in cues if c.id not in gone]
    added: list[Cue] = []
    for cue in fresh:
        lo, hi = cue.start, cue.end
        for other in kept:
            if other.end <= cue.start or other.start >= cue.end:
                continue
            if other.start <= cue.start:
                lo = max(lo, other.end)
            else:
                hi = min(hi, other.start)
        if added:
            lo = max(lo, added[-1].end)
        if hi - lo >= 1:
            added.append(cue.with_(start=lo, end=hi))
    return removed, added
