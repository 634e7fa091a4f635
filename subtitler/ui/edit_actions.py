"""The editing commands behind the menus: each reads the selection, asks ``core.edits`` for
the result and pushes it as one undoable step. Invalid edits raise ``EditError`` (the window
shows its message in the status bar)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from ..core import edits
from ..core.errors import EditError
from ..core.model import Cue
from .commands import apply_edit, nudge_merge_key, replace_all

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = ["CueEditor", "NEW_CUE_MS"]

NEW_CUE_MS = 2000
"""Length of a cue inserted at the playhead (shortened to fit before the next cue)."""
PLAY_MARGIN_MS = 1000


class CueEditor(QObject):
    """Editing commands for the window's document, selection and undo stack."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window

    # --- what the commands act on --------------------------------------------------------
    def _cues(self) -> list[Cue]:
        return self.window.document.cues

    def _current(self) -> Cue:
        cue = self.window.selection.current_cue()
        if cue is None:
            raise EditError(self.tr("Select a cue first."))
        return cue

    def _selected(self) -> list[Cue]:
        cues = self.window.selection.selected_cues()
        if not cues:
            cues = [self._current()]
        return cues

    def _neighbour(self, cue: Cue, step: int) -> Cue | None:
        index = self.window.document.index_of(cue.id) + step
        cues = self._cues()
        return cues[index] if 0 <= index < len(cues) else None

    def _push(self, old: list[Cue], new: list[Cue], text: str, merge_key: str | None = None,
              select_after: list[str] | None = None) -> None:
        window = self.window
        apply_edit(window.undo_stack, window.document, old, new, text, merge_key=merge_key,
                   selection=window.selection, select_after=select_after)

    # --- structure -----------------------------------------------------------------------
    def split_at_cursor(self) -> None:
        """Split the current cue where the text panel's cursor is; the words give the times."""
        cue = self._current()
        panel = self.window.text_panel
        position = panel.cursor_position() if panel.cue_id == cue.id else len(cue.text) // 2
        first, second = edits.split_at_cursor(cue, position)
        self._push([cue], [first, second], self.tr("Split cue"), select_after=[second.id])

    def merge_with_next(self) -> None:
        """Join the current cue (or the selected run of cues) into one."""
        selected = self._selected()
        if len(selected) == 1:
            following = self._neighbour(selected[0], 1)
            if following is None:
                raise EditError(self.tr("The last cue has no next cue to merge with."))
            selected = [selected[0], following]
        self._push(selected, [edits.merge(*selected)], self.tr("Merge cues"))

    def delete_selected(self) -> None:
        """Delete the selected cues."""
        selected = self._selected()
        following = self._neighbour(selected[-1], 1)
        self._push(selected, [], self.tr("Delete %n cues", "", len(selected)),
                   select_after=[following.id] if following else [])

    def insert_at_playhead(self) -> None:
        """An empty cue at the playhead, up to 2 s long, ending before the next cue."""
        window = self.window
        gap = window.model.preset.min_gap_ms(window.fps())
        cue = edits.insert_cue(self._cues(), window.position(), duration=NEW_CUE_MS, gap=gap)
        self._push([], [cue], self.tr("Insert cue"))
        self.window.text_panel.setFocus()

    def move_first_word_to_previous(self) -> None:
        """Give the current cue's first word (with its time) to the previous cue."""
        cue = self._current()
        previous = self._neighbour(cue, -1)
        if previous is None:
            raise EditError(self.tr("The first cue has no previous cue."))
        new_previous, new_cue = edits.move_first_word(previous, cue)
        self._push([previous, cue], [c for c in (new_previous, new_cue) if c is not None],
                   self.tr("Move word to previous cue"), select_after=[new_cue.id if new_cue else new_previous.id])

    def move_last_word_to_next(self) -> None:
        """Give the current cue's last word (with its time) to the next cue."""
        cue = self._current()
        following = self._neighbour(cue, 1)
        if following is None:
            raise EditError(self.tr("The last cue has no next cue."))
        new_cue, new_following = edits.move_last_word(cue, following)
        self._push([cue, following], [c for c in (new_cue, new_following) if c is not None],
                   self.tr("Move word to next cue"), select_after=[new_cue.id if new_cue else new_following.id])

    # --- timing --------------------------------------------------------------------------
    def set_start_to_playhead(self) -> None:
        """The current cue starts at the playhead."""
        cue = self._current()
        previous = self._neighbour(cue, -1)
        self._push([cue], [edits.set_start(cue, self.window.position(), previous)], self.tr("Set start"))

    def set_end_to_playhead(self) -> None:
        """The current cue ends at the playhead."""
        cue = self._current()
        following = self._neighbour(cue, 1)
        self._push([cue], [edits.set_end(cue, self.window.position(), following)], self.tr("Set end"))

    def nudge(self, edge: str, amount: int, frames: bool = False) -> None:
        """Move the start or end of the selected cues by ``amount`` ms, or frames when ``frames``."""
        delta = int(round(amount * 1000.0 / self.window.fps())) if frames else amount
        selected = self._selected()
        if edge == "start":
            new = [edits.set_start(c, c.start + delta, self._neighbour(c, -1)) for c in selected]
        else:
            new = [edits.set_end(c, c.end + delta, self._neighbour(c, 1)) for c in selected]
        self._push(selected, new, self.tr("Nudge start") if edge == "start" else self.tr("Nudge end"),
                   merge_key=nudge_merge_key(edge, [c.id for c in selected]))

    def shift(self, delta: int, following: bool) -> None:
        """Move the selected cues (and every later cue when ``following``) by ``delta`` ms."""
        selected = self._selected()
        if following:
            moved = edits.ripple(self._cues(), selected[0].start, delta)
            moved_ids = {c.id for c in moved}
            selected = [c for c in self._cues() if c.id in moved_ids]
        else:
            moved = edits.shift(selected, delta, self._cues())
        self._push(selected, moved, self.tr("Shift times"), select_after=[c.id for c in self.window.selection.selected_cues()])

    def shift_dialog(self) -> None:
        """Ask how far to shift, then shift."""
        from .dialogs import ShiftDialog

        self.window.controller.check_not_busy()

        dialog = ShiftDialog(self.window, len(self._selected()))
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.offset.value():
            self.shift(dialog.offset.value(), dialog.following.isChecked())

    def resegment(self, preset_name: str) -> None:
        """Rebuild every cue from the words under a preset, as one step."""
        from ..core.model import Segment, Transcript
        from ..core.presets import get_preset
        from .workers import make_cues

        window = self.window
        document = window.document
        preset = get_preset(preset_name)
        transcript = document.transcript
        if transcript is None:
            # Imported or older cues that still have their words: re-segment those.
            if not any(c.words for c in document.cues):
                raise EditError(self.tr("These cues have no word timings (they came from a subtitle file): "
                                        "transcribe the video to re-segment."))
            segments = tuple(Segment(c.start, c.end, c.plain, c.words) for c in document.cues if c.words)
            transcript = Transcript(preset.language, segments)
        from ..core.aligned import resegment_turns

        # An aligned transcript is cut turn by turn, so no cue ever holds two speakers.
        cues = resegment_turns(transcript, document.extras.get("transcript_source"), preset, window.fps(), window.speech)
        if cues is None:
            cues = make_cues(transcript, preset, window.fps(), window.speech)
        from ..core.preview import resegment_preview
        from .preview_dialog import review_and_apply

        changes = resegment_preview(document.cues, cues, preset, window.fps())
        if not changes and document.preset == preset.name:
            window.show_status(self.tr("Re-segmenting changes nothing under %1.").replace("%1", preset.label))
            return
        label = self.tr("Re-segment (%1)").replace("%1", preset.label)
        if not changes:  # same cues, other rules: nothing to review, the preset changes
            replace_all(window.undo_stack, document, document.cues, label, selection=window.selection, preset=preset.name)
            return
        count = review_and_apply(window, self.tr("Re-segment"), label, changes, preset=preset.name)
        if count:
            window.show_status(self.tr("Re-segmented %n places; Undo puts the cues back.", "", count))

    def resegment_dialog(self) -> None:
        """Ask for a preset, then re-segment."""
        from .dialogs import ResegmentDialog

        self.window.controller.check_not_busy()

        document = self.window.document
        dialog = ResegmentDialog(self.window, document.preset, document.transcript is not None)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.resegment(dialog.preset())

    # --- playback checks -----------------------------------------------------------------
    def play_current_cue(self) -> None:
        """Play the current cue and stop at its end."""
        cue = self._current()
        self.window.player.play_range(cue.start, cue.end)

    def play_before_cue(self) -> None:
        """Play the second before the current cue starts (checks the in-time)."""
        cue = self._current()
        self.window.player.play_range(max(0, cue.start - PLAY_MARGIN_MS), cue.start)

    def play_after_cue(self) -> None:
        """Play the second after the current cue ends (checks the out-time)."""
        cue = self._current()
        self.window.player.play_range(cue.end, cue.end + PLAY_MARGIN_MS)
