"""Undoable edits: every change a user makes to the document goes through one of these commands.

Commands call only the document's primitive mutators. A command knows the cues before and
after an edit (by id), so redo and undo replay exactly, and it restores the cue selection
that was current when it was made. Runs of typing in one cue and runs of nudges of the same
edge merge into one undo step.
"""

from __future__ import annotations

import bisect
from typing import Iterable, Protocol, Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.errors import EditError
from ..core.model import Cue, Document

__all__ = [
    "DocumentUndoStack",
    "SelectionKeeper",
    "ChangeCuesCommand",
    "SetCuesCommand",
    "apply_edit",
    "replace_all",
    "text_merge_key",
    "nudge_merge_key",
    "CHANGE_CUES_ID",
    "BULK_THRESHOLD",
]

CHANGE_CUES_ID = 0x5301
"""Command id shared by every mergeable cue change; the merge key decides what merges."""
BULK_THRESHOLD = 300
"""Edits touching more cues than this replace the whole list (one model reset, not 300 signals)."""

Placement = list[tuple[int, str]]
"""(index, cue id) pairs, ascending by index: where cues sat or were put."""


class SelectionKeeper(Protocol):
    """What a command needs to remember and restore the user's cue selection."""

    def selected_cue_ids(self) -> list[str]: ...

    def select_cue_ids(self, ids: Sequence[str]) -> None: ...


def text_merge_key(cue_id: str) -> str:
    """Merge key for typing in one cue: consecutive text edits of that cue are one step."""
    return f"text:{cue_id}"


def nudge_merge_key(edge: str, cue_ids: Iterable[str]) -> str:
    """Merge key for nudging ``edge`` ("start", "end" or "both") of the same cues repeatedly."""
    return f"nudge:{edge}:{','.join(sorted(cue_ids))}"


class DocumentUndoStack(QUndoStack):
    """The document's undo history; while ``refusal`` is set (the document is busy) it takes no new
    step and neither undoes nor redoes, so no command ever meets cues a background job has replaced."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.refusal = ""
        """Why edits are refused now (shown to the user); empty when they are allowed."""

    def push(self, command: QUndoCommand) -> None:
        self._refuse_while_busy()
        super().push(command)

    def undo(self) -> None:
        self._refuse_while_busy()
        super().undo()

    def redo(self) -> None:
        self._refuse_while_busy()
        super().redo()

    def _refuse_while_busy(self) -> None:
        if self.refusal:
            raise EditError(self.refusal)


def _check(cues: Iterable[Cue]) -> None:
    for cue in cues:
        if cue.start < 0:
            raise EditError(f"A cue cannot start before 0 (cue starting at {cue.start} ms).")
        if cue.end < cue.start:
            raise EditError("A cue cannot end before it starts.")


class ChangeCuesCommand(QUndoCommand):
    """Replace some cues of the document by others, identified by id, as one undo step.

    Cues whose id is in both lists are replaced in place; ids only in ``old_cues`` are
    removed; ids only in ``new_cues`` are inserted in time order. ``merge_key`` (see
    :func:`text_merge_key`, :func:`nudge_merge_key`) lets consecutive edits of the same
    kind on the same cues merge into one step.
    """

    def __init__(
        self,
        document: Document,
        old_cues: Sequence[Cue],
        new_cues: Sequence[Cue],
        text: str,
        merge_key: str | None = None,
        selection: SelectionKeeper | None = None,
        select_after: Sequence[str] | None = None,
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(text, parent)
        _check(new_cues)
        self.document = document
        self.old_cues = list(old_cues)
        self.new_cues = list(new_cues)
        self.merge_key = merge_key
        self._selection = selection
        self.selection_before = selection.selected_cue_ids() if selection else []
        new_ids = [c.id for c in self.new_cues]
        self.selection_after = list(select_after) if select_after is not None else new_ids
        # Positions are found on the first redo and replayed after, so undo/redo are exact.
        self._removed_at: Placement | None = None
        self._inserted_at: Placement | None = None

    # --- what changed -------------------------------------------------------------------
    def _split(self) -> tuple[list[Cue], list[Cue], list[Cue], list[Cue]]:
        """(replaced_old, replaced_new, removed, added) by id."""
        new_by_id = {c.id: c for c in self.new_cues}
        old_ids = {c.id for c in self.old_cues}
        replaced_old = [c for c in self.old_cues if c.id in new_by_id]
        replaced_new = [new_by_id[c.id] for c in replaced_old]
        removed = [c for c in self.old_cues if c.id not in new_by_id]
        added = [c for c in self.new_cues if c.id not in old_ids]
        return replaced_old, replaced_new, removed, added

    def is_noop(self) -> bool:
        """Whether applying this command would change nothing."""
        return self.old_cues == self.new_cues

    # --- QUndoCommand -------------------------------------------------------------------
    def id(self) -> int:  # noqa: A003 - Qt's name
        return CHANGE_CUES_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        """Absorb ``other`` when it continues the same kind of edit on the same cues."""
        if not isinstance(other, ChangeCuesCommand) or other.merge_key != self.merge_key or not self.merge_key:
            return False
        if [c.id for c in other.old_cues] != [c.id for c in self.new_cues]:
            return False
        if [c.id for c in self.old_cues] != [c.id for c in self.new_cues]:
            return False  # only pure replacements merge; inserts/removes keep their own step
        self.new_cues = list(other.new_cues)
        self.selection_after = other.selection_after
        self.setObsolete(self.is_noop())
        return True

    def redo(self) -> None:
        replaced_old, replaced_new, removed, added = self._split()
        if len(self.old_cues) + len(self.new_cues) > BULK_THRESHOLD and (removed or added):
            self._bulk(self.old_cues, self.new_cues)
        elif len(replaced_new) > BULK_THRESHOLD:
            self._replace_in_place(replaced_new)
        else:
            for cue in replaced_new:
                self.document.replace_cue(cue)
            self._removed_at = _remove(self.document, removed)
            self._inserted_at = _insert(self.document, added, self._inserted_at)
        self._restore_selection(self.selection_after)

    def undo(self) -> None:
        replaced_old, replaced_new, removed, added = self._split()
        if len(self.old_cues) + len(self.new_cues) > BULK_THRESHOLD and (removed or added):
            self._bulk(self.new_cues, self.old_cues)
        elif len(replaced_old) > BULK_THRESHOLD:
            self._replace_in_place(replaced_old)
        else:
            _remove(self.document, added)
            _insert(self.document, removed, self._removed_at)
            for cue in replaced_old:
                self.document.replace_cue(cue)
        self._restore_selection(self.selection_before)

    def _replace_in_place(self, cues: list[Cue]) -> None:
        """Many cues replaced where they stand (a Replace All): one reset instead of a signal per cue."""
        by_id = {c.id: c for c in cues}
        self.document.set_cues([by_id.get(c.id, c) for c in self.document.cues])

    def _bulk(self, before: list[Cue], after: list[Cue]) -> None:
        before_ids = {c.id for c in before}
        kept = [c for c in self.document.cues if c.id not in before_ids]
        self.document.set_cues(sorted(kept + after, key=lambda c: (c.start, c.end)))

    def _restore_selection(self, ids: Sequence[str]) -> None:
        if self._selection is not None:
            present = {c.id for c in self.document.cues}
            self._selection.select_cue_ids([i for i in ids if i in present])


class SetCuesCommand(QUndoCommand):
    """Replace every cue at once (transcription result, re-segmentation): one step, one reset."""

    def __init__(
        self,
        document: Document,
        new_cues: Sequence[Cue],
        text: str,
        old_cues: Sequence[Cue] | None = None,
        transcript: object = ...,
        selection: SelectionKeeper | None = None,
        preset: str | None = None,
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(text, parent)
        _check(new_cues)
        self.document = document
        self.old_cues = list(document.cues if old_cues is None else old_cues)
        self.new_cues = list(new_cues)
        self._old_preset = document.preset
        self._new_preset = preset or document.preset
        self._old_transcript = document.transcript
        # ``...`` means "leave the transcript alone"; anything else (even None) replaces it.
        self._new_transcript = transcript
        self._selection = selection
        self.selection_before = selection.selected_cue_ids() if selection else []

    def redo(self) -> None:
        if self._new_transcript is not ...:
            self.document.set_transcript(self._new_transcript)  # type: ignore[arg-type]
        # The preset is plain data; set before the cues so views re-read it with them.
        self.document.preset = self._new_preset
        self.document.set_cues(self.new_cues)
        if self._selection is not None:
            self._selection.select_cue_ids(self.new_cues[:1] and [self.new_cues[0].id])

    def undo(self) -> None:
        if self._new_transcript is not ...:
            self.document.set_transcript(self._old_transcript)
        self.document.preset = self._old_preset
        self.document.set_cues(self.old_cues)
        if self._selection is not None:
            present = {c.id for c in self.old_cues}
            self._selection.select_cue_ids([i for i in self.selection_before if i in present])


def _remove(document: Document, cues: Sequence[Cue]) -> Placement:
    """Remove cues by id, contiguous runs at once; return where they were."""
    if not cues:
        return []
    index = {c.id: i for i, c in enumerate(document.cues)}
    placement = sorted((index[c.id], c.id) for c in cues)
    for start, count in reversed(_runs([p for p, _ in placement])):
        document.remove_cues(start, count)
    return placement


def _insert(document: Document, cues: Sequence[Cue], placement: Placement | None) -> Placement:
    """Insert cues at a recorded placement, or in time order when none is recorded; return it."""
    if not cues:
        return []
    if placement is None:
        merged = list(document.cues)
        for cue in sorted(cues, key=lambda c: (c.start, c.end)):
            # After the last cue starting at or before this one: time order, stable for ties.
            at = bisect.bisect_right([c.start for c in merged], cue.start)
            merged.insert(at, cue)
        ids = {c.id for c in cues}
        placement = [(i, c.id) for i, c in enumerate(merged) if c.id in ids]
    by_id = {c.id: c for c in cues}
    ordered = [by_id[cue_id] for _, cue_id in placement]
    runs = _runs([p for p, _ in placement])
    for (start, _count), chunk in zip(runs, _chunks(ordered, runs)):
        document.insert_cues(start, chunk)
    return placement


def _runs(positions: Sequence[int]) -> list[tuple[int, int]]:
    """Ascending positions grouped into (first, count) runs of consecutive indices."""
    runs: list[tuple[int, int]] = []
    for p in positions:
        if runs and runs[-1][0] + runs[-1][1] == p:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((p, 1))
    return runs


def _chunks(items: Sequence[Cue], runs: Sequence[tuple[int, int]]) -> list[list[Cue]]:
    out, at = [], 0
    for _, count in runs:
        out.append(list(items[at : at + count]))
        at += count
    return out


def apply_edit(
    undo_stack: QUndoStack,
    document: Document,
    old_cues: Sequence[Cue],
    new_cues: Sequence[Cue],
    text: str,
    merge_key: str | None = None,
    selection: SelectionKeeper | None = None,
    select_after: Sequence[str] | None = None,
) -> ChangeCuesCommand | None:
    """Validate and push one cue change; return the command, or None when nothing changes.

    Raises EditError (message for the user) when the result would be invalid.
    """
    command = ChangeCuesCommand(
        document, old_cues, new_cues, text, merge_key=merge_key, selection=selection, select_after=select_after
    )
    if command.is_noop():
        return None
    undo_stack.push(command)
    return command


def replace_all(
    undo_stack: QUndoStack,
    document: Document,
    new_cues: Sequence[Cue],
    text: str,
    transcript: object = ...,
    old_cues: Sequence[Cue] | None = None,
    selection: SelectionKeeper | None = None,
    preset: str | None = None,
) -> SetCuesCommand:
    """Push one step that replaces every cue (and optionally the transcript and the preset name)."""
    command = SetCuesCommand(
        document, new_cues, text, old_cues=old_cues, transcript=transcript, selection=selection, preset=preset
    )
    undo_stack.push(command)
    return command
