"""What a bulk change (Fix Automatically, Re-segment) would do, cue by cue, with the reason for each.

A preview is a list of ``ProposedChange``: the cues before and after, and why. The user accepts
all, some or none; ``accept`` builds the cue list with only the accepted changes, checked so that
accepting one change without its neighbour never leaves an overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from .errors import EditError
from .fixes import FixResult
from .model import Cue
from .presets import DEFAULT_FPS, Preset
from .rules import check_cues
from .timecode import format_clock

__all__ = ["ProposedChange", "accept", "fix_preview", "resegment_preview"]

# A sentence end followed by the start of another sentence inside one cue.
_SENTENCE_END_INSIDE = re.compile(r"[.?!…]+[»”\"']?\s+\S")
_ENDS_SENTENCE = re.compile(r"[.?!…][»”\"']?\s*$")
# Rules whose findings explain why cues were cut or timed again.
_RESEGMENT_RULES = ("cpl", "lines", "cps", "min-duration", "max-duration", "overlap", "gap")


@dataclass(frozen=True, slots=True)
class ProposedChange:
    """One change a bulk operation proposes: these cues become those, for these reasons."""

    numbers: tuple[int, ...]
    """1-based numbers of the cues before, as the table shows them."""
    old: tuple[Cue, ...]
    new: tuple[Cue, ...]
    reasons: tuple[str, ...]

    @property
    def label(self) -> str:
        """The cue numbers: "#4" or "#4–6"."""
        if not self.numbers:
            return "—"
        first, last = self.numbers[0], self.numbers[-1]
        return f"#{first}" if first == last else f"#{first}–{last}"

    @property
    def before(self) -> str:
        return describe(self.old)

    @property
    def after(self) -> str:
        return describe(self.new)


def describe(cues: Iterable[Cue]) -> str:
    """Each cue as "0:01.000 → 0:03.500  text", one per line, line breaks shown as " / "."""
    return "\n".join(f"{format_clock(c.start)} → {format_clock(c.end)}  {c.plain.replace(chr(10), ' / ')}" for c in cues)


def fix_preview(cues: Sequence[Cue], result: FixResult) -> list[ProposedChange]:
    """One proposed change per cue that Fix Automatically changes, with every reason it was changed."""
    number = {c.id: n for n, c in enumerate(cues, 1)}
    old_by_id = {c.id: c for c in cues}
    reasons: dict[str, list[str]] = {}
    for change in result.changes:
        cue_id = result.cues[change.cue_number - 1].id
        reasons.setdefault(cue_id, []).append(change.reason)  # the times and texts show before and after
    out = []
    for fixed in result.cues:
        old = old_by_id.get(fixed.id)
        if old is not None and fixed != old:
            out.append(ProposedChange((number[fixed.id],), (old,), (fixed,), tuple(reasons.get(fixed.id, ()))))
    out.sort(key=lambda p: p.numbers)
    return out


def _groups(old: Sequence[Cue], new: Sequence[Cue]) -> list[tuple[list[int], list[Cue]]]:
    """Old cue indices and new cues that overlap in time, as connected groups in time order."""
    events = sorted([(c.start, c.end, 0, i) for i, c in enumerate(old)] + [(c.start, c.end, 1, i) for i, c in enumerate(new)])
    groups: list[tuple[list[int], list[Cue]]] = []
    reach = -1
    for start, end, side, i in events:
        if not groups or start >= reach:
            groups.append(([], []))
            reach = end
        reach = max(reach, end)
        if side == 0:
            groups[-1][0].append(i)
        else:
            groups[-1][1].append(new[i])
    return groups


def _straddles(cue: Cue) -> bool:
    """Whether a cue ends one sentence and starts another it does not finish."""
    text = cue.plain.strip()
    return bool(_SENTENCE_END_INSIDE.search(text)) and not _ENDS_SENTENCE.search(text)


def resegment_preview(old: Sequence[Cue], new: Sequence[Cue], preset: Preset, fps: float = DEFAULT_FPS) -> list[ProposedChange]:
    """The groups of cues that re-segmenting changes, each with why the old cues were re-cut."""
    findings: dict[int, list[str]] = {}
    for finding in check_cues(old, preset, fps):
        if finding.cue_index is not None and finding.rule in _RESEGMENT_RULES:
            findings.setdefault(finding.cue_index, []).append(f"#{finding.cue_index + 1}: {finding.message}")
    out = []
    for indices, cues in _groups(old, new):
        before = [old[i] for i in indices]
        if [(c.start, c.end, c.text) for c in before] == [(c.start, c.end, c.text) for c in cues]:
            continue
        reasons = [r for i in indices for r in findings.get(i, [])]
        reasons += [f"#{i + 1}: straddles a sentence end" for i in indices if _straddles(old[i])]
        if not reasons:
            reasons.append(_what_changed(before, cues, preset))
        out.append(ProposedChange(tuple(i + 1 for i in indices), tuple(before), tuple(cues), tuple(reasons)))
    return out


def _what_changed(before: Sequence[Cue], after: Sequence[Cue], preset: Preset) -> str:
    """Why a group changed when no rule was broken: how the cutting or the timing differs."""
    if not before:
        return "words that had no cue now have one"
    if not after:
        return "no words left for these cues"
    if len(before) != len(after):
        return f"{len(before)} cues → {len(after)}, cut on sentences and pauses under {preset.label}"
    if [" ".join(c.plain.split()) for c in before] == [" ".join(c.plain.split()) for c in after]:
        if [(c.start, c.end) for c in before] == [(c.start, c.end) for c in after]:
            return f"lines broken again under {preset.label}"
    if [c.text for c in before] != [c.text for c in after]:
        return f"cut on sentences and pauses under {preset.label}"
    return "timed to the words and the speech"


def accept(cues: Sequence[Cue], changes: Sequence[ProposedChange]) -> list[Cue]:
    """The cue list with only ``changes`` applied, in time order; EditError when that leaves an overlap."""
    removed = {c.id for change in changes for c in change.old}
    added = [c for change in changes for c in change.new]
    result = sorted([c for c in cues if c.id not in removed] + added, key=lambda c: (c.start, c.end))
    new_ids = {c.id for c in added}
    for i in range(len(result) - 1):
        # Only where an accepted cue meets its neighbour: an old overlap elsewhere is not this step's.
        if (result[i].id in new_ids or result[i + 1].id in new_ids) and result[i].end > result[i + 1].start:
            raise EditError(f"Cue {i + 1} would overlap cue {i + 2}. Accept the neighbouring change too, or leave both.")
    return result
