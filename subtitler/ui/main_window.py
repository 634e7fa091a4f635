"""The editor window: player, cue table, text panel, timeline dock, menus, files, autosave.

The window owns the document, the one ``QUndoStack``, the ``CueTableModel`` and the shared
``QItemSelectionModel``; the table, the text panel and the timeline are views of them.
Every failure ends as a message in the window, never as a traceback, and nothing the user
does can lose the document: saves are atomic and a recovery file is written every 30 s.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QByteArray, QItemSelectionModel, QSettings, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import SubtitlerError
from ..core.model import Document, MediaRef
from ..core.presets import DEFAULT_FPS
from ..core.timecode import format_clock
from .commands import apply_edit, replace_all, text_merge_key
from .cue_model import CueSelection, CueTableModel
from .cue_table import CueTableView, CueTextPanel
from .edit_actions import CueEditor
from .language_menu import add_language_menu
from .player import Player

if TYPE_CHECKING:
    from .timeline import TimelineWidget

__all__ = ["MainWindow", "VIDEO_EXTENSIONS", "PROJECT_EXTENSION", "AUTOSAVE_INTERVAL_MS"]

VIDEO_EXTENSIONS = (
    ".mp4", ".mkv", ".mov", ".avi", ".webm", ".m4v", ".mpg", ".mpeg", ".ts", ".wmv", ".flv",
    ".mp3", ".wav", ".m4a", ".aac", ".flac", ".ogg", ".opus",
)
PROJECT_EXTENSION = ".subtitler"
SUBTITLE_EXTENSIONS = (".srt", ".ass", ".ssa", ".vtt", ".txt")
AUTOSAVE_INTERVAL_MS = 30_000
MAX_RECENT = 10
RECENT_KEY = "files/recent"


class MainWindow(QMainWindow):
    """Subtitler's editor window."""

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)
        self.resize(1280, 800)

        self.document = Document()
        self.project_path: Path | None = None
        self.media_path: Path | None = None
        self._restored_unsaved = False
        self._autosave_dirty = False
        self._recovery_source: str | None = None
        self._recovery_written = False
        self.speech: object | None = None
        """Speech analysis of the current media (from the last transcription), for re-segmenting."""

        self.undo_stack = QUndoStack(self)
        self.model = CueTableModel(self.document, self.undo_stack, self)
        self.selection_model = QItemSelectionModel(self.model, self)
        self.selection = CueSelection(self.selection_model, self.model)
        self.editor = CueEditor(self)

        self.player = Player(self)
        self.table = CueTableView(self.model, self)
        self.table.setSelectionModel(self.selection_model)
        self.text_panel = CueTextPanel(self)
        self.timeline: TimelineWidget | None = None

        self._build_central()
        self._build_status_bar()
        from .transcribe_dialog import TranscriptionController

        self.transcription = TranscriptionController(self)
        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self._create_timeline_dock()
        self._create_quality_dock()
        add_language_menu(self.view_menu, self.settings, self.statusBar())
        self._connect()
        self._watch_document(self.document)

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_INTERVAL_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()

        self._restore_layout()
        self._update_title()
        self._update_actions()

    # ------------------------------------------------------------------------------------
    # Layout
    def _build_central(self) -> None:
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(6)
        right_layout.addWidget(self.player, 1)
        self.cue_info = QLabel(self)
        self.cue_info.setFont(self.model.mono_font())
        right_layout.addWidget(self.cue_info)
        right_layout.addWidget(self.text_panel)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("MainSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setSizes([700, 560])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setTextVisible(True)
        self.time_left_label = QLabel(self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setToolTip(self.tr("Stop the transcription; the cues stay as they were"))
        self.cue_count_label = QLabel(self)
        for widget in (self.progress_bar, self.time_left_label, self.cancel_button):
            bar.addPermanentWidget(widget)
            widget.hide()
        bar.addPermanentWidget(self.cue_count_label)

    def _create_timeline_dock(self) -> None:
        """Dock the waveform timeline (subtitler.ui.timeline) at the bottom, wired to the shared
        model, selection, undo stack and player."""
        try:
            from .timeline import TimelineWidget

            timeline = TimelineWidget(self.model, self.selection, self.undo_stack, self.show_status, self)
        except Exception as exc:  # noqa: BLE001 - a broken optional view must not stop the editor
            self.show_status(self.tr("The timeline could not be shown: %1").replace("%1", str(exc)))
            return
        self.timeline = timeline
        timeline.seek_requested.connect(self.seek)
        self.player.position_changed.connect(timeline.set_position)
        self.player.playing_changed.connect(timeline.set_playing)
        self.player.duration_changed.connect(timeline.set_duration)
        dock = QDockWidget(self.tr("Timeline"), self)
        dock.setObjectName("TimelineDock")
        dock.setWidget(timeline)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        self.resizeDocks([dock], [260], Qt.Orientation.Vertical)
        self.timeline_dock = dock
        self.view_menu.addAction(dock.toggleViewAction())

    def _create_quality_dock(self) -> None:
        """Dock the quality report (subtitler.ui.quality_panel) at the right, hidden until asked for."""
        from .quality_panel import QualityPanel

        self.quality_panel = QualityPanel(self)
        self.act_fix.setIconText(self.tr("Fix Automatically"))
        self.quality_panel.fix_button.setDefaultAction(self.act_fix)
        if self.timeline is not None:
            self.timeline.analysis_changed.connect(self.quality_panel.on_analysis_changed)
        dock = QDockWidget(self.tr("Quality"), self)
        dock.setObjectName("QualityDock")
        dock.setWidget(self.quality_panel)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        # On demand at the right, above the timeline, which keeps the window's full width.
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.resizeDocks([dock], [480], Qt.Orientation.Horizontal)
        dock.hide()
        dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+Shift+Q"))
        self.quality_dock = dock
        self.view_menu.addAction(dock.toggleViewAction())

    # ------------------------------------------------------------------------------------
    # Actions
    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | list | None = None,
        tip: str | None = None,
        editing: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, list):
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        elif isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})" if shortcut else tip)
        action.setShortcutVisibleInContextMenu(True)
        action.triggered.connect(lambda _checked=False: self._run(slot))
        if editing:
            self._editing_actions.append(action)
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        self._editing_actions: list[QAction] = []
        a = self._action
        tr = self.tr
        self.act_open = a(tr("&Open…"), self.open_dialog, QKeySequence.StandardKey.Open, tr("Open a video, a project or a subtitle file"))
        self.act_import = a(tr("&Import Subtitles…"), self.import_dialog, "Ctrl+I", tr("Read an SRT, ASS or WebVTT file into the cue list"))
        self.act_save = a(tr("&Save Project"), self.save, QKeySequence.StandardKey.Save, tr("Save the project with its word timings"))
        self.act_save_as = a(tr("Save Project &As…"), self.save_as, "Ctrl+Shift+S", tr("Save the project under a new name"))
        self.act_export = a(tr("&Export Subtitles…"), self.export_dialog, "Ctrl+E", tr("Write the cues as SRT, ASS or WebVTT"))
        self.act_quit = a(tr("&Quit"), self.close, "Ctrl+Q", tr("Close Subtitler"))

        self.act_undo = self.undo_stack.createUndoAction(self, tr("&Undo"))
        self.act_undo.setShortcuts(QKeySequence.StandardKey.Undo)
        self.act_redo = self.undo_stack.createRedoAction(self, tr("&Redo"))
        self.act_redo.setShortcuts(QKeySequence.StandardKey.Redo)
        self.act_split = a(tr("S&plit at Text Cursor"), self.editor.split_at_cursor, "Ctrl+K", tr("Split the cue where the text cursor is; times come from the words"), True)
        self.act_merge = a(tr("&Merge with Next"), self.editor.merge_with_next, "Ctrl+J", tr("Join the cue with the next one"), True)
        self.act_delete = a(tr("&Delete Cues"), self.editor.delete_selected, QKeySequence.StandardKey.Delete, tr("Delete the selected cues"), True)
        self.act_insert = a(tr("&Insert Cue at Playhead"), self.editor.insert_at_playhead, "Ins", tr("Add an empty cue at the playhead"), True)
        self.act_first_word = a(tr("Move &First Word to Previous Cue"), self.editor.move_first_word_to_previous, "Alt+Shift+Left", tr("Give this cue's first word, with its time, to the previous cue"), True)
        self.act_last_word = a(tr("Move &Last Word to Next Cue"), self.editor.move_last_word_to_next, "Alt+Shift+Right", tr("Give this cue's last word, with its time, to the next cue"), True)
        self.act_select_all = a(tr("Select &All Cues"), self._select_all, QKeySequence.StandardKey.SelectAll, tr("Select every cue"))

        self.act_set_start = a(tr("Set &Start to Playhead"), self.editor.set_start_to_playhead, "Ctrl+[", tr("The cue starts at the playhead"), True)
        self.act_set_end = a(tr("Set &End to Playhead"), self.editor.set_end_to_playhead, "Ctrl+]", tr("The cue ends at the playhead"), True)
        self.nudge_actions = [
            a(tr("Start One Frame Earlier"), lambda: self.editor.nudge("start", -1, frames=True), "Alt+1", None, True),
            a(tr("Start One Frame Later"), lambda: self.editor.nudge("start", 1, frames=True), "Alt+2", None, True),
            a(tr("End One Frame Earlier"), lambda: self.editor.nudge("end", -1, frames=True), "Alt+3", None, True),
            a(tr("End One Frame Later"), lambda: self.editor.nudge("end", 1, frames=True), "Alt+4", None, True),
            a(tr("Start 100 ms Earlier"), lambda: self.editor.nudge("start", -100), "Ctrl+Alt+1", None, True),
            a(tr("Start 100 ms Later"), lambda: self.editor.nudge("start", 100), "Ctrl+Alt+2", None, True),
            a(tr("End 100 ms Earlier"), lambda: self.editor.nudge("end", -100), "Ctrl+Alt+3", None, True),
            a(tr("End 100 ms Later"), lambda: self.editor.nudge("end", 100), "Ctrl+Alt+4", None, True),
        ]
        self.act_shift = a(tr("S&hift Times…"), self.editor.shift_dialog, "Ctrl+H", tr("Move the selected cues, or everything from them on, by an amount of time"), True)
        self.act_resegment = a(tr("&Re-segment…"), self.editor.resegment_dialog, "Ctrl+R", tr("Rebuild the cues from the words under a preset's rules"), True)
        self.act_fix = a(tr("&Fix Automatically"), lambda: self.quality_panel.fix_automatically(), "Ctrl+Shift+F", tr("Fix line breaks, overlaps, gaps, chaining and reading speed where a rule allows it (one undo step)"), True)
        self.act_transcribe = a(tr("&Transcribe…"), self.transcription.start_dialog, "Ctrl+T", tr("Turn the video's speech into timed cues"))

        self.act_play = a(tr("&Play / Pause"), self.player.toggle_play, ["Space", "Ctrl+Space"], tr("Start or stop playback"))
        self.act_prev_frame = a(tr("Previous &Frame"), lambda: self.player.step_frames(-1), "Alt+Left", tr("Step back one frame"))
        self.act_next_frame = a(tr("&Next Frame"), lambda: self.player.step_frames(1), "Alt+Right", tr("Step forward one frame"))
        self.act_back = a(tr("&Back 1 s"), lambda: self.player.skip(-1000), "Ctrl+Alt+Left", tr("Move the playhead back one second"))
        self.act_forward = a(tr("F&orward 1 s"), lambda: self.player.skip(1000), "Ctrl+Alt+Right", tr("Move the playhead forward one second"))
        self.act_play_cue = a(tr("Play &Current Cue"), self.editor.play_current_cue, "Ctrl+P", tr("Play the current cue and stop at its end"))
        self.act_play_before = a(tr("Play 1 s Be&fore Cue"), self.editor.play_before_cue, "Ctrl+Shift+B", tr("Play the second before the cue starts, to check the in-time"))
        self.act_play_after = a(tr("Play 1 s &After Cue"), self.editor.play_after_cue, "Ctrl+Shift+A", tr("Play the second after the cue ends, to check the out-time"))
        self.act_slower = a(tr("&Slower"), lambda: self._change_rate(-1), "Ctrl+Alt+Down", tr("Lower the playback speed"))
        self.act_faster = a(tr("Fa&ster"), lambda: self._change_rate(1), "Ctrl+Alt+Up", tr("Raise the playback speed"))
        self.act_shortcuts = a(tr("&Keyboard Shortcuts"), self.show_shortcuts, QKeySequence.StandardKey.HelpContents, tr("List every command and its key"))
        self.act_about = a(tr("&About Subtitler"), self.show_about, None, tr("Version and licence"))

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.act_open)
        self.recent_menu = QMenu(self.tr("Open &Recent"), self)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(self.act_import)
        file_menu.addSeparator()
        file_menu.addAction(self.act_save)
        file_menu.addAction(self.act_save_as)
        file_menu.addAction(self.act_export)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        self._rebuild_recent_menu()

        edit_menu = bar.addMenu(self.tr("&Edit"))
        for action in (self.act_undo, self.act_redo, None, self.act_split, self.act_merge, self.act_delete,
                       self.act_insert, None, self.act_first_word, self.act_last_word, None, self.act_select_all):
            edit_menu.addSeparator() if action is None else edit_menu.addAction(action)

        timing_menu = bar.addMenu(self.tr("T&iming"))
        timing_menu.addAction(self.act_set_start)
        timing_menu.addAction(self.act_set_end)
        timing_menu.addSeparator()
        for n, action in enumerate(self.nudge_actions):
            if n == 4:
                timing_menu.addSeparator()
            timing_menu.addAction(action)
        timing_menu.addSeparator()
        timing_menu.addAction(self.act_shift)

        subtitles_menu = bar.addMenu(self.tr("&Subtitles"))
        subtitles_menu.addAction(self.act_transcribe)
        subtitles_menu.addAction(self.act_resegment)
        subtitles_menu.addAction(self.act_fix)

        play_menu = bar.addMenu(self.tr("&Playback"))
        for action in (self.act_play, self.act_play_cue, self.act_play_before, self.act_play_after, None,
                       self.act_prev_frame, self.act_next_frame, self.act_back, self.act_forward, None,
                       self.act_slower, self.act_faster):
            play_menu.addSeparator() if action is None else play_menu.addAction(action)

        self.view_menu = bar.addMenu(self.tr("&View"))
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.act_shortcuts)
        help_menu.addAction(self.act_about)

    def _create_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Main Toolbar"), self)
        toolbar.setObjectName("MainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.setMovable(False)
        short_labels = {
            self.act_split: self.tr("Split"), self.act_merge: self.tr("Merge"), self.act_insert: self.tr("Insert"),
            self.act_delete: self.tr("Delete"), self.act_play: self.tr("Play"), self.act_play_cue: self.tr("Play Cue"),
            self.act_open: self.tr("Open"), self.act_save: self.tr("Save"), self.act_export: self.tr("Export"),
            self.act_transcribe: self.tr("Transcribe"), self.act_undo: self.tr("Undo"), self.act_redo: self.tr("Redo"),
        }
        for action, label in short_labels.items():
            action.setIconText(label)
        for action in (self.act_open, self.act_save, self.act_export, None, self.act_transcribe, None,
                       self.act_undo, self.act_redo, None, self.act_split, self.act_merge, self.act_insert,
                       self.act_delete, None, self.act_play, self.act_play_cue):
            toolbar.addSeparator() if action is None else toolbar.addAction(action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.view_menu.addAction(toolbar.toggleViewAction())

    # ------------------------------------------------------------------------------------
    # Wiring
    def _connect(self) -> None:
        self.undo_stack.cleanChanged.connect(self._on_undo_stack_clean_changed)
        self.undo_stack.indexChanged.connect(self._on_undo_stack_index_changed)
        self.selection.on_change(self._on_selection_changed)
        self.model.edit_refused.connect(lambda msg: self.show_status(msg))
        self.model.modelReset.connect(self._on_cues_changed)
        self.model.rowsInserted.connect(self._on_cues_changed)
        self.model.rowsRemoved.connect(self._on_cues_changed)
        self.model.dataChanged.connect(self._on_model_data_changed)
        self.table.seek_requested.connect(self.seek)
        self.text_panel.text_edited.connect(self._on_text_panel_edited)
        self.player.position_changed.connect(self._on_player_position_changed)
        self.player.error_occurred.connect(lambda msg: self.show_error(self.tr("Playback"), msg))
        self.player.media_loaded.connect(self._on_player_media_loaded)

    def _on_undo_stack_clean_changed(self, _clean: bool) -> None:
        self._update_title()

    def _on_undo_stack_index_changed(self, _index: int) -> None:
        self._update_actions()

    def _watch_document(self, document: Document) -> None:
        document.changed.connect(self._on_document_changed)

    def _on_document_changed(self) -> None:
        self._autosave_dirty = True

    def _on_cues_changed(self, *_args: object) -> None:
        self.player.set_cues(self.model.cues())
        self.cue_count_label.setText(self.tr("%n cues", "", self.model.rowCount()))
        self._on_selection_changed()

    def _on_model_data_changed(self, *_args: object) -> None:
        self.player.set_cues(self.model.cues())
        self._show_current_cue()

    def _on_selection_changed(self) -> None:
        self._show_current_cue()
        self._update_actions()

    def _show_current_cue(self) -> None:
        cue = self.selection.current_cue()
        self.text_panel.show_cue(cue)
        if cue is None:
            self.cue_info.setText(self.tr("No cue selected"))
            return
        cps = cue.chars_per_second()
        self.cue_info.setText(
            self.tr("Cue %1 of %2 · %3 → %4 · %5 s · %6 cps")
            .replace("%1", str(self.model.row_of(cue.id) + 1)).replace("%2", str(self.model.rowCount()))
            .replace("%3", format_clock(cue.start)).replace("%4", format_clock(cue.end))
            .replace("%5", f"{cue.duration / 1000:.2f}").replace("%6", "∞" if cps == float("inf") else f"{cps:.1f}")
        )

    def _on_text_panel_edited(self, cue_id: str, text: str) -> None:
        if self.model.read_only:
            return
        row = self.model.row_of(cue_id)
        if row < 0:
            return
        from ..core import edits

        cue = self.model.cue_at(row)
        try:
            apply_edit(self.undo_stack, self.document, [cue], [edits.edit_text(cue, text)], self.tr("Edit text"),
                       merge_key=text_merge_key(cue_id), selection=self.selection)
        except SubtitlerError as exc:
            self.show_status(str(exc))

    def _on_player_position_changed(self, ms: int) -> None:
        # The current cue follows playback; while paused the user's selection stays put.
        if not self.player.is_playing():
            return
        row = self.document.cue_at(ms)
        if row is None:
            return
        current = self.selection_model.currentIndex()
        if not current.isValid() or current.row() != row:
            self.selection.select_cue_ids([self.model.cue_id_at(row)])
            self.table.show_row(row)

    def _on_player_media_loaded(self) -> None:
        self.show_status(self.tr("Ready: %1").replace("%1", self.media_path.name if self.media_path else ""))

    def _update_actions(self) -> None:
        busy = self.transcription.running if hasattr(self, "transcription") else False
        has_cues = self.model.rowCount() > 0
        has_selection = bool(self.selection_model.selectedRows() or self.selection_model.currentIndex().isValid())
        for action in getattr(self, "_editing_actions", []):
            action.setEnabled(not busy)
        if hasattr(self, "act_split"):
            for action in (self.act_split, self.act_merge, self.act_delete, self.act_first_word, self.act_last_word,
                           self.act_set_start, self.act_set_end, self.act_shift, *self.nudge_actions):
                action.setEnabled(not busy and has_cues and has_selection)
            self.act_resegment.setEnabled(not busy and has_cues)
            self.act_fix.setEnabled(not busy and has_cues)
            self.act_transcribe.setEnabled(not busy and self.media_path is not None)
            self.act_undo.setEnabled(not busy and self.undo_stack.canUndo())
            self.act_redo.setEnabled(not busy and self.undo_stack.canRedo())
            self.act_open.setEnabled(not busy)
            self.act_import.setEnabled(not busy)

    def _select_all(self) -> None:
        self.table.selectAll()

    def _change_rate(self, direction: int) -> None:
        from .player import PLAYBACK_RATES

        rate = self.player.media.playbackRate()
        index = min(range(len(PLAYBACK_RATES)), key=lambda i: abs(PLAYBACK_RATES[i] - rate))
        index = max(0, min(len(PLAYBACK_RATES) - 1, index + direction))
        self.player.set_rate(PLAYBACK_RATES[index])
        self.show_status(self.tr("Playback speed %1×").replace("%1", f"{PLAYBACK_RATES[index]:g}"))

    def seek(self, ms: int) -> None:
        """Move the playhead (shared by the table, the timeline and the commands)."""
        self.player.seek(ms)

    def position(self) -> int:
        """The playhead in ms."""
        return self.player.position()

    def fps(self) -> float:
        """The media's frame rate (25 when unknown)."""
        media = self.document.media
        return media.fps if media and media.fps > 0 else DEFAULT_FPS

    # ------------------------------------------------------------------------------------
    # Messages
    def _run(self, slot: Callable[[], object]) -> None:
        """Run a command; a SubtitlerError becomes a message, never a traceback."""
        try:
            slot()
        except SubtitlerError as exc:
            self.show_status(str(exc))
        except OSError as exc:
            self.show_error(self.tr("File error"), str(exc))

    def show_status(self, message: str, timeout_ms: int = 8000) -> None:
        """A short message in the status bar."""
        self.statusBar().showMessage(message, timeout_ms)

    def show_error(self, title: str, message: str) -> None:
        """A clear message in a window-modal box that does not block the event loop."""
        self.show_status(message)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_error = message
        box.open()

    def ask(self, title: str, question: str, buttons: QMessageBox.StandardButton, default: QMessageBox.StandardButton) -> QMessageBox.StandardButton:
        """Ask the user (tests replace this method to answer)."""
        return QMessageBox.question(self, title, question, buttons, default)

    # ------------------------------------------------------------------------------------
    # Title, modified marker
    def is_modified(self) -> bool:
        """Whether the document has changes that are not saved in a project."""
        return not self.undo_stack.isClean() or self._restored_unsaved

    def _update_title(self) -> None:
        if self.project_path:
            name = self.project_path.name
        elif self.media_path:
            name = self.media_path.name
        else:
            name = self.tr("Untitled")
        self.setWindowTitle(self.tr("%1[*] — Subtitler").replace("%1", name))
        self.setWindowModified(self.is_modified())

    # ------------------------------------------------------------------------------------
    # Opening files
    def open_path(self, path: str | Path) -> bool:
        """Open a video, a project or a subtitle file by its extension; False (with a message) on failure."""
        path = Path(path)
        suffix = path.suffix.lower()
        try:
            if suffix == PROJECT_EXTENSION:
                return self.open_project(path)
            if suffix in SUBTITLE_EXTENSIONS:
                return self.import_subtitles(path)
            return self.open_video(path)
        except SubtitlerError as exc:
            self.show_error(self.tr("Cannot open %1").replace("%1", path.name), str(exc))
        except OSError as exc:
            self.show_error(self.tr("Cannot open %1").replace("%1", path.name), exc.strerror or str(exc))
        return False

    def open_dialog(self) -> None:
        """Ask for a video, project or subtitle file and open it."""
        from ..core import formats

        videos = " ".join(f"*{e}" for e in VIDEO_EXTENSIONS)
        subtitles = " ".join(f"*{e}" for e in formats.extensions())
        filters = ";;".join([
            self.tr("Videos, projects and subtitles (%1)").replace("%1", f"{videos} *{PROJECT_EXTENSION} {subtitles}"),
            self.tr("Videos (%1)").replace("%1", videos),
            self.tr("Subtitler projects (%1)").replace("%1", f"*{PROJECT_EXTENSION}"),
            self.tr("Subtitles (%1)").replace("%1", subtitles),
            self.tr("All files (*)"),
        ])
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open"), self._last_dir(), filters)
        if path:
            self.open_path(path)

    def _last_dir(self) -> str:
        return str(self.settings.value("files/last_dir", str(Path.home())))

    def _remember(self, path: Path) -> None:
        self.settings.setValue("files/last_dir", str(path.parent))
        recent = [p for p in self.recent_files() if p != str(path)]
        self.settings.setValue(RECENT_KEY, [str(path), *recent][:MAX_RECENT])
        self._rebuild_recent_menu()

    def recent_files(self) -> list[str]:
        """Recently opened files, newest first."""
        value = self.settings.value(RECENT_KEY, [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        for n, path in enumerate(files, 1):
            action = self.recent_menu.addAction(f"&{n % 10}  {Path(path).name}")
            action.setToolTip(path)
            action.triggered.connect(lambda _c=False, p=path: self._open_if_allowed(p))
        if not files:
            empty = self.recent_menu.addAction(self.tr("No recent files"))
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("Clear List"), self._clear_recent)

    def _clear_recent(self) -> None:
        self.settings.setValue(RECENT_KEY, [])
        self._rebuild_recent_menu()

    def _open_if_allowed(self, path: str) -> None:
        if Path(path).suffix.lower() in SUBTITLE_EXTENSIONS or self.maybe_save():
            self.open_path(path)

    def open_video(self, path: Path) -> bool:
        """Open a video: a new document for it, or attach it to cues that have no video yet."""
        from ..core.project import media_fingerprint
        from ..media.probe import probe

        info = probe(path)
        if self.document.media is not None or not self.document.cues:
            if not self.maybe_save():
                return False
            document = Document()
        else:
            document = self.document  # cues imported first: keep them, now with their video
        document.media = MediaRef(str(path.absolute()), media_fingerprint(path), info.duration_ms, info.fps or 0.0)
        self._set_document(document, project_path=None, media_path=path.absolute())
        self._remember(path.absolute())
        if not info.audio_tracks:
            self.show_status(self.tr("This video has no audio track: there is nothing to transcribe."))
        return True

    def open_project(self, path: Path) -> bool:
        """Open a ``.subtitler`` project with its words and transcript."""
        from ..core.project import open_project

        if not self.maybe_save():
            return False
        loaded = open_project(path)
        media = Path(loaded.document.media.path) if loaded.document.media else None
        self._set_document(loaded.document, project_path=path.absolute(), media_path=media if media and not loaded.media_missing else None)
        self._remember(path.absolute())
        if loaded.warnings or loaded.media_missing:
            notes = list(loaded.warnings)
            if loaded.media_missing:
                notes.append(self.tr("The project's video was not found; open it with File ▸ Open to attach it."))
            self.show_error(self.tr("Project opened with warnings"), "\n".join(notes))
        return True

    def _set_document(self, document: Document, project_path: Path | None, media_path: Path | None) -> None:
        self.transcription.cancel()
        self._discard_own_recovery()
        try:
            self.document.changed.disconnect(self._on_document_changed)
        except ValueError:
            pass
        self.document = document
        self.project_path = project_path
        self.media_path = media_path
        self.speech = None
        self._restored_unsaved = False
        self._autosave_dirty = False
        self.undo_stack.clear()
        self.model.set_document(document)
        self._watch_document(document)
        if self.timeline is not None:
            self.timeline.set_media(media_path)
        if media_path is not None:
            self.player.load(media_path, document.media.fps if document.media else None)
        else:
            from ..media.audio import clear_audio_cache

            self.player.unload()
            clear_audio_cache()  # a film's samples (~460 MB for two hours) go with it
        self._on_cues_changed()
        if document.cues:
            self.selection.select_cue_ids([document.cues[0].id])
        self._update_title()
        self._update_actions()

    # ------------------------------------------------------------------------------------
    # Importing and exporting subtitles
    def import_dialog(self) -> None:
        """Ask for a subtitle file and import it."""
        from ..core import formats

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import Subtitles"), self._last_dir(), formats.dialog_filter())
        if path:
            self.open_path(path)

    def import_subtitles(self, path: Path) -> bool:
        """Read a subtitle file into the cue list as one undoable step (encoding repair offered)."""
        from ..core import formats
        from .dialogs import ImportReport, ask_repair

        result = formats.load(path)
        document = result.document
        if result.mojibake is not None and ask_repair(self, path.name, result.mojibake):
            document = formats.repair_mojibake(document, result.mojibake.codec)  # no second read
        replace_all(self.undo_stack, self.document, document.cues, self.tr("Import %1").replace("%1", path.name),
                    selection=self.selection)
        if document.extras:
            self.document.extras.update(document.extras)
        self._remember(path.absolute())
        self.show_status(self.tr("Imported %1 cues from %2").replace("%1", str(len(document.cues))).replace("%2", path.name))
        if result.problems:
            ImportReport(self, path.name, [str(p) for p in result.problems]).open()
        return True

    def export_dialog(self) -> None:
        """Ask where to export the cues (the format follows the extension)."""
        filters = ";;".join([
            self.tr("SubRip (*.srt)"), self.tr("Advanced SubStation Alpha (*.ass)"), self.tr("WebVTT (*.vtt)"),
        ])
        base = self.project_path or self.media_path
        suggested = str(Path(self._last_dir()) / ((base.stem if base else "subtitles") + ".srt"))
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export Subtitles"), suggested, filters)
        if not path:
            return
        if not Path(path).suffix:
            path += ".ass" if "*.ass" in chosen else ".vtt" if "*.vtt" in chosen else ".srt"
        self.export_to(Path(path))

    def export_to(self, path: Path) -> bool:
        """Write the cues to ``path`` (SRT, ASS or VTT); False with a message on failure."""
        from ..core import formats

        try:
            formats.save(self.document, path)
        except SubtitlerError as exc:
            self.show_error(self.tr("Export failed"), str(exc))
            return False
        except OSError as exc:
            self.show_error(self.tr("Export failed"), self.tr("Cannot write %1: %2").replace("%1", str(path)).replace("%2", exc.strerror or str(exc)))
            return False
        self.settings.setValue("files/last_dir", str(path.parent))
        self.show_status(self.tr("Exported %1 cues to %2").replace("%1", str(len(self.document.cues))).replace("%2", str(path)))
        return True

    # ------------------------------------------------------------------------------------
    # Saving projects
    def save(self) -> bool:
        """Save the project (asks for a name the first time)."""
        if self.project_path is None:
            return self.save_as()
        return self.save_project_to(self.project_path)

    def save_as(self) -> bool:
        """Ask for a project name and save."""
        base = self.project_path or self.media_path
        suggested = str((base.parent if base else Path(self._last_dir())) / ((base.stem if base else "untitled") + PROJECT_EXTENSION))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save Project"), suggested,
                                              self.tr("Subtitler projects (%1)").replace("%1", f"*{PROJECT_EXTENSION}"))
        if not path:
            return False
        target = Path(path)
        if target.suffix.lower() != PROJECT_EXTENSION:
            target = target.with_name(target.name + PROJECT_EXTENSION)
        return self.save_project_to(target)

    def save_project_to(self, path: Path) -> bool:
        """Write the project atomically; on failure the document stays open and unsaved."""
        from ..core.project import save_project

        try:
            save_project(self.document, path)
        except (SubtitlerError, OSError) as exc:
            message = str(exc) if isinstance(exc, SubtitlerError) else (exc.strerror or str(exc))
            self.show_error(self.tr("Save failed"), self.tr("The project was not saved: %1\nYour work is still open; try another folder.").replace("%1", message))
            return False
        self._discard_own_recovery()
        self.project_path = path.absolute()
        self._restored_unsaved = False
        self.undo_stack.setClean()
        self._remember(self.project_path)
        self._update_title()
        self.show_status(self.tr("Saved %1").replace("%1", str(path)))
        return True

    def maybe_save(self) -> bool:
        """Offer to save unsaved changes; False when the user cancels."""
        if not self.is_modified():
            return True
        answer = self.ask(
            self.tr("Unsaved changes"),
            self.tr("The subtitles have unsaved changes. Save them before closing?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # ------------------------------------------------------------------------------------
    # Autosave and recovery
    def recovery_source(self) -> str | None:
        """What the recovery file is keyed on: the project, else the video, else untitled."""
        source = self.project_path or self.media_path
        return str(source) if source else None

    def autosave(self) -> Path | None:
        """Write the recovery file when something changed since the last one."""
        if not self._autosave_dirty or not self.is_modified():
            return None
        from ..core.project import write_recovery

        source = self.recovery_source()
        try:
            written = write_recovery(self.document, source)
        except (SubtitlerError, OSError) as exc:
            self.show_status(self.tr("Autosave failed: %1").replace("%1", str(exc)))
            return None
        if self._recovery_written and self._recovery_source != source:
            self._discard_recovery(self._recovery_source)  # saved under a new name since
        self._recovery_source = source
        self._recovery_written = True
        self._autosave_dirty = False
        return written

    def _discard_own_recovery(self) -> None:
        """Delete the recovery file this window wrote (work saved, discarded or replaced)."""
        if self._recovery_written:
            self._discard_recovery(self._recovery_source)
        self._recovery_written = False
        self._recovery_source = None

    def _discard_recovery(self, source: str | None) -> None:
        from ..core.project import discard_recovery

        try:
            discard_recovery(source)
        except SubtitlerError as exc:
            self.show_status(str(exc))

    def ask_restore(self, saved_at: float, source: str | None, cue_count: int) -> bool:
        """Ask whether to restore an autosaved document (tests replace this method)."""
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(saved_at))
        what = Path(source).name if source else self.tr("an untitled document")
        answer = QMessageBox.question(
            self,
            self.tr("Restore unsaved work?"),
            self.tr("Subtitler did not close normally. Unsaved work on %1 (%2 cues) was autosaved at %3.\n\nRestore it?")
            .replace("%1", what).replace("%2", str(cue_count)).replace("%3", when),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def offer_recovery(self) -> bool:
        """At start-up: offer the newest recovery file; True when a document was restored."""
        from ..core.project import discard_recovery, find_recoveries

        for recovery in find_recoveries():
            source = str(recovery.source) if recovery.source else None
            if not self.ask_restore(recovery.saved_at, source, recovery.cue_count):
                discard_recovery(recovery)
                continue
            try:
                loaded = recovery.load()
            except SubtitlerError as exc:
                self.show_error(self.tr("Cannot restore"), str(exc))
                return False
            project = Path(source) if source and source.endswith(PROJECT_EXTENSION) else None
            media = Path(loaded.document.media.path) if loaded.document.media and not loaded.media_missing else None
            self._set_document(loaded.document, project_path=project, media_path=media)
            # The recovery file stays until the restored work is saved or discarded on close.
            self._recovery_source = source
            self._recovery_written = True
            self._restored_unsaved = True
            self._autosave_dirty = True
            self._update_title()
            self.show_status(self.tr("Restored %1 cues from the autosave.").replace("%1", str(len(loaded.document.cues))))
            return True
        return False

    # ------------------------------------------------------------------------------------
    # Help
    def show_shortcuts(self) -> None:
        """A table of every command and its keys."""
        from .dialogs import ShortcutsDialog

        ShortcutsDialog(self, [a for a in self.actions() if a.text() and not a.shortcut().isEmpty()]).open()

    def show_about(self) -> None:
        """Version and licence."""
        from .. import __version__

        QMessageBox.about(
            self,
            self.tr("About Subtitler"),
            self.tr("Subtitler %1\nOffline subtitle timing editor with word-level timings.\nMIT licence.").replace("%1", __version__),
        )

    # ------------------------------------------------------------------------------------
    # Drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if not files:
            return
        event.acceptProposedAction()
        # Video first, then subtitles onto it: dropping both at once works.
        files.sort(key=lambda p: p.suffix.lower() in SUBTITLE_EXTENSIONS)
        for path in files:
            if not self.open_path(path):
                break

    # ------------------------------------------------------------------------------------
    # Layout memory and closing
    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        header = self.settings.value("window/table_header")
        if isinstance(header, QByteArray) and not header.isEmpty():
            self.table.horizontalHeader().restoreState(header)

    def save_layout(self) -> None:
        """Remember window size, docks, toolbar, splitter and column widths."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/table_header", self.table.horizontalHeader().saveState())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.transcription.cancel(wait=True)
        if not self.maybe_save():
            event.ignore()
            return
        self.autosave_timer.stop()
        self._discard_own_recovery()
        self.save_layout()
        self.player.unload()
        if self.timeline is not None:
            self.timeline.set_media(None)  # stops its background analysis before the app quits
        event.accept()
