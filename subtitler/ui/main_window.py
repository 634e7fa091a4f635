"""The editor window: player, cue table, text panel, timeline dock, menus and the file dialogs.

The window's ``DocumentController`` owns the document, its files, the undo stack, autosave,
recovery and the busy state; the window asks it, follows its signals and answers its questions.
The window owns the ``CueTableModel`` and the shared ``QItemSelectionModel``; the table, the text
panel and the timeline are views of them. Every failure ends as a message in the window, never as
a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QByteArray, QItemSelectionModel, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import SubtitlerError
from ..core.model import Document
from ..core.presets import DEFAULT_FPS
from ..core.timecode import format_clock
from .commands import DocumentUndoStack, apply_edit, text_merge_key
from .cue_model import CueSelection, CueTableModel
from .cue_table import CueTableView, CueTextPanel
from .document_controller import AUTOSAVE_INTERVAL_MS, PROJECT_EXTENSION, SUBTITLE_EXTENSIONS, DocumentController
from .edit_actions import CueEditor
from .language_menu import add_language_menu
from .player import Player
from .recent_files import RecentFiles

if TYPE_CHECKING:
    from ..core.word_export import WordExport
    from .find_replace import FindReplaceDialog
    from .timeline import TimelineWidget

__all__ = ["MainWindow", "VIDEO_EXTENSIONS", "PROJECT_EXTENSION", "AUTOSAVE_INTERVAL_MS"]

VIDEO_EXTENSIONS = (
    ".mp4", ".mkv", ".mov", ".avi", ".webm", ".m4v", ".mpg", ".mpeg", ".ts", ".wmv", ".flv",
    ".mp3", ".wav", ".m4a", ".aac", ".flac", ".ogg", ".opus",
)

_opened_windows: set["MainWindow"] = set()
"""Windows opened beside the first one (restored work): kept alive until they close."""


class MainWindow(QMainWindow):
    """Subtitler's editor window."""

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        self._ending_session = False
        self._find_replace: FindReplaceDialog | None = None

        self.controller = DocumentController(self, self)
        self.model = CueTableModel(self.document, self.undo_stack, self)
        self.selection_model = QItemSelectionModel(self.model, self)
        self.selection = CueSelection(self.selection_model, self.model)
        self.controller.selection = self.selection
        self.editor = CueEditor(self)
        self.recent = RecentFiles(self.settings, self)
        self.recent_menu = self.recent.menu

        self.player = Player(self)
        self.table = CueTableView(self.model, self)
        self.table.setSelectionModel(self.selection_model)
        self.text_panel = CueTextPanel(self)
        self.timeline: TimelineWidget | None = None

        self._build_central()
        self._build_status_bar()
        from .transcribe_dialog import TranscriptionController

        self.transcription = TranscriptionController(self)
        from .spelling import SpellCheck

        self.spelling = SpellCheck(self)
        self._create_actions()
        from .align_dialog import AlignmentController

        self.alignment = AlignmentController(self)
        from .video_export import VideoExportController

        self.video_export = VideoExportController(self)
        from .batch_window import BatchController

        self.batch = BatchController(self)
        self._create_menus()
        self._create_toolbar()
        self._create_timeline_dock()
        self._create_quality_dock()
        add_language_menu(self.view_menu, self.settings, self.statusBar())
        from .shortcuts import ShortcutMap

        self.extra_shortcut_actions = {"quality": self.quality_dock.toggleViewAction()}
        self.shortcut_map = ShortcutMap(self, self.settings)
        self._connect()

        self._restore_layout()
        self._update_title()
        self._update_actions()

    # ------------------------------------------------------------------------------------
    # The document, as the controller holds it
    @property
    def document(self) -> Document:
        return self.controller.document

    @property
    def undo_stack(self) -> DocumentUndoStack:
        return self.controller.undo_stack

    @property
    def project_path(self) -> Path | None:
        return self.controller.project_path

    @property
    def media_path(self) -> Path | None:
        return self.controller.media_path

    @property
    def speech(self) -> object | None:
        """Speech analysis of the current media (from the last transcription), for re-segmenting."""
        return self.controller.speech

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
        self.cancel_button.setToolTip(self.tr("Stop the running transcription; the cues stay as they were"))
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
        timeline.job_gate = self.controller
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
        self.act_save = a(tr("&Save Project"), self.controller.save, QKeySequence.StandardKey.Save, tr("Save the project with its word timings"))
        self.act_save_as = a(tr("Save Project &As…"), self.controller.save_as, "Ctrl+Shift+S", tr("Save the project under a new name"))
        self.act_export = a(tr("&Export Subtitles…"), self.export_dialog, "Ctrl+E", tr("Write the cues as SRT, ASS or WebVTT"))
        self.act_quit = a(tr("&Quit"), self.close, "Ctrl+Q", tr("Close Subtitler"))

        # Not QUndoStack.createUndoAction: its undo bypasses the busy check of DocumentUndoStack.undo.
        self.act_undo = a(tr("&Undo"), self.undo_stack.undo, QKeySequence.StandardKey.Undo)
        self.act_redo = a(tr("&Redo"), self.undo_stack.redo, QKeySequence.StandardKey.Redo)
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
        self.act_find = a(tr("&Find…"), lambda: self.find_replace.show_for(replacing=False), QKeySequence.StandardKey.Find, tr("Find text in the cues"))
        self.act_replace = a(tr("R&eplace…"), lambda: self.find_replace.show_for(replacing=True), "Ctrl+H", tr("Find text and replace it"))
        self.act_find_next = a(tr("Find Ne&xt"), lambda: self.find_replace.find(), "F3", tr("Go to the next match"))
        self.act_find_previous = a(tr("Find Pre&vious"), lambda: self.find_replace.find(backwards=True), "Shift+F3", tr("Go to the previous match"))
        self.act_next_misspelling = a(tr("Next &Misspelling"), self.spelling.next_misspelling, "F7", tr("Go to the next word the spell checker does not know"))
        self.act_shift = a(tr("S&hift Times…"), self.editor.shift_dialog, "Ctrl+Shift+H", tr("Move the selected cues, or everything from them on, by an amount of time"), True)
        self.act_resegment = a(tr("&Re-segment…"), self.editor.resegment_dialog, "Ctrl+R", tr("Rebuild the cues from the words under a preset's rules"), True)
        self.act_fix = a(tr("&Fix Automatically"), lambda: self.quality_panel.fix_automatically(), "Ctrl+Shift+F", tr("Fix line breaks, overlaps, gaps, chaining and reading speed where a rule allows it (one undo step)"), True)
        self.act_models = a(tr("&Models…"), self.show_models, "Ctrl+Shift+M", tr("See, add, verify and remove the speech models"))
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
        self.act_shortcuts = a(tr("&Keyboard Shortcuts"), self.show_shortcuts, QKeySequence.StandardKey.HelpContents, tr("List every command and change its keys"))
        self.act_about = a(tr("&About Subtitler"), self.show_about, None, tr("Version and licence"))

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.act_open)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(self.act_import)
        file_menu.addAction(self.alignment.act_import)
        file_menu.addSeparator()
        file_menu.addAction(self.act_save)
        file_menu.addAction(self.act_save_as)
        file_menu.addAction(self.act_export)
        file_menu.addAction(self.video_export.act_export_video)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        for action in (self.act_undo, self.act_redo, None, self.act_split, self.act_merge, self.act_delete,
                       self.act_insert, None, self.act_first_word, self.act_last_word, None, self.act_find,
                       self.act_replace, self.act_find_next, self.act_find_previous, self.act_next_misspelling, None,
                       self.act_select_all):
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
        subtitles_menu.addAction(self.batch.act_batch)
        subtitles_menu.addAction(self.alignment.act_realign)
        subtitles_menu.addAction(self.act_resegment)
        subtitles_menu.addAction(self.act_fix)
        subtitles_menu.addSeparator()
        subtitles_menu.addAction(self.act_models)

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
        controller = self.controller
        controller.document_replaced.connect(self._on_controller_document_replaced)
        controller.media_changed.connect(self._on_controller_media_changed)
        controller.state_changed.connect(self._update_title)
        controller.busy_changed.connect(self._on_controller_busy_changed)
        controller.file_opened.connect(self.recent.remember)
        controller.status.connect(self.show_status)
        controller.error.connect(self.show_error)
        self.recent.chosen.connect(self.open_path)
        self.cancel_button.clicked.connect(lambda: controller.cancel_job())
        # Bound methods, not lambdas: Qt drops them when the window goes, before the stack's last signals.
        self.undo_stack.indexChanged.connect(self._on_undo_stack_index_changed)
        self.undo_stack.undoTextChanged.connect(self._on_undo_stack_undo_text_changed)
        self.undo_stack.redoTextChanged.connect(self._on_undo_stack_redo_text_changed)
        self.selection.on_change(self._on_selection_changed)
        self.model.edit_refused.connect(self.show_status)
        self.model.modelReset.connect(self._on_cues_changed)
        self.model.rowsInserted.connect(self._on_cues_changed)
        self.model.rowsRemoved.connect(self._on_cues_changed)
        self.model.dataChanged.connect(self._on_model_data_changed)
        self.table.seek_requested.connect(self.seek)
        self.text_panel.text_edited.connect(self._on_text_panel_edited)
        self.player.position_changed.connect(self._on_player_position_changed)
        self.player.error_occurred.connect(lambda msg: self.show_error(self.tr("Playback"), msg))
        self.player.media_loaded.connect(self._on_player_media_loaded)

    def _on_undo_stack_index_changed(self, _index: int) -> None:
        self._update_actions()

    def _on_undo_stack_undo_text_changed(self, text: str) -> None:
        self.act_undo.setText(f"{self.tr('&Undo')} {text}".strip())

    def _on_undo_stack_redo_text_changed(self, text: str) -> None:
        self.act_redo.setText(f"{self.tr('&Redo')} {text}".strip())

    def _on_controller_document_replaced(self, document: Document) -> None:
        self.model.set_document(document)
        self._on_cues_changed()
        if document.cues:
            self.selection.select_cue_ids([document.cues[0].id])
        self._update_actions()

    def _on_controller_media_changed(self, path: Path | None) -> None:
        if self.timeline is not None:
            self.timeline.set_media(path)
        if path is not None:
            self.player.load(path, self.document.media.fps if self.document.media else None)
        else:
            from ..media.audio import clear_audio_cache

            self.player.unload()
            clear_audio_cache()  # a film's samples (~460 MB for two hours) go with it
        self._update_actions()

    def _on_controller_busy_changed(self, refusal: str) -> None:
        self.model.refusal = refusal
        self.cancel_button.setVisible(self.controller.cancellable)

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
            self.text_panel.show_cue(self.model.cue_at(row))  # the refused text goes, the cue's stays

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
        if not hasattr(self, "act_split"):
            return  # called while the window is still being built
        has_cues = self.model.rowCount() > 0
        has_selection = bool(self.selection_model.selectedRows() or self.selection_model.currentIndex().isValid())
        # Busy or not, editing commands stay enabled: a refused one says why in the status bar.
        for action in (self.act_split, self.act_merge, self.act_delete, self.act_first_word, self.act_last_word,
                       self.act_set_start, self.act_set_end, self.act_shift, *self.nudge_actions):
            action.setEnabled(has_cues and has_selection)
        self.act_resegment.setEnabled(has_cues)
        self.act_fix.setEnabled(has_cues)
        self.act_transcribe.setEnabled(self.media_path is not None)
        self.act_undo.setEnabled(self.undo_stack.canUndo())
        self.act_redo.setEnabled(self.undo_stack.canRedo())

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

    # ------------------------------------------------------------------------------------
    # Questions the controller asks (tests replace these methods to answer)
    def ask(self, title: str, question: str, buttons: QMessageBox.StandardButton, default: QMessageBox.StandardButton) -> QMessageBox.StandardButton:
        """Ask the user."""
        return QMessageBox.question(self, title, question, buttons, default)

    def ask_restore(self, saved_at: float, source: str | None, cue_count: int) -> bool:
        """Whether to restore an autosaved document."""
        from .dialogs import ask_restore

        return ask_restore(self, saved_at, source, cue_count)

    def ask_attach(self, video: str, current: str) -> str | None:
        """Attach a video to subtitles that have another one ("attach"), open it anew ("new"), or cancel (None)."""
        from .dialogs import ask_attach

        return ask_attach(self, video, current)

    def ask_repair(self, name: str, mojibake: object) -> bool:
        """Whether to repair text that was read in the wrong encoding."""
        from .dialogs import ask_repair

        return ask_repair(self, name, mojibake)  # type: ignore[arg-type]

    def report_problems(self, name: str, problems: list[str]) -> None:
        """List what was wrong in an imported file."""
        from .dialogs import ImportReport

        ImportReport(self, name, problems).open()

    def review_changes(self, title: str, changes: list) -> list | None:
        """Which of a bulk operation's proposed changes to apply (None: cancelled)."""
        from .preview_dialog import ask_review

        return ask_review(self, title, changes)

    def choose_project_path(self, suggested: Path) -> Path | None:
        """Ask where to save the project."""
        if not suggested.is_absolute():
            suggested = Path(self.recent.last_dir()) / suggested
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save Project"), str(suggested),
                                              self.tr("Subtitler projects (%1)").replace("%1", f"*{PROJECT_EXTENSION}"))  # fmt: skip
        return Path(path) if path else None

    # ------------------------------------------------------------------------------------
    # Title, modified marker
    def is_modified(self) -> bool:
        """Whether the document has changes that are not saved in a project."""
        return self.controller.is_modified()

    def _update_title(self) -> None:
        self.setWindowTitle(self.tr("%1[*] — Subtitler").replace("%1", self.controller.display_name()))
        self.setWindowModified(self.controller.is_modified())

    # ------------------------------------------------------------------------------------
    # Files
    def open_path(self, path: str | Path) -> bool:
        """Open a video, a project or a subtitle file by its extension; False (with a message) when not."""
        return self.controller.open_path(path)

    def open_dialog(self) -> None:
        """Ask for a video, project or subtitle file and open it."""
        from ..core import formats

        self.controller.check_not_busy()
        videos = " ".join(f"*{e}" for e in VIDEO_EXTENSIONS)
        subtitles = " ".join(f"*{e}" for e in formats.extensions())
        filters = ";;".join([
            self.tr("Videos, projects and subtitles (%1)").replace("%1", f"{videos} *{PROJECT_EXTENSION} {subtitles}"),
            self.tr("Videos (%1)").replace("%1", videos),
            self.tr("Subtitler projects (%1)").replace("%1", f"*{PROJECT_EXTENSION}"),
            self.tr("Subtitles (%1)").replace("%1", subtitles),
            self.tr("All files (*)"),
        ])
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open"), self.recent.last_dir(), filters)
        if path:
            self.open_path(path)

    def import_dialog(self) -> None:
        """Ask for a subtitle file and import it."""
        from ..core import formats

        self.controller.check_not_busy()
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import Subtitles"), self.recent.last_dir(), formats.dialog_filter())
        if path:
            self.open_path(path)

    def save_project_to(self, path: Path) -> bool:
        """Save the project to ``path`` (see ``DocumentController.save_to``)."""
        return self.controller.save_to(path)

    def autosave(self) -> Path | None:
        """Write the recovery file now when something changed (the controller's timer does it every 30 s)."""
        return self.controller.autosave()

    def offer_recovery(self) -> "MainWindow | None":
        """Offer work left by an editor that did not close; returns the window showing what was restored.

        Work that belongs to another file than this window's opens in a new window beside it.
        """
        opened: list[MainWindow] = []

        def beside() -> DocumentController:
            opened.append(self.new_window())
            return opened[-1].controller

        restored = self.controller.offer_recovery(beside)
        if restored is None:
            return None
        return opened[0] if opened else self

    def new_window(self) -> "MainWindow":
        """Another editor window with the same settings, shown and kept alive until it closes."""
        window = MainWindow(self.settings)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _opened_windows.add(window)
        window.show()
        return window

    # ------------------------------------------------------------------------------------
    # Exporting subtitles
    def export_dialog(self) -> None:
        """Ask where to export the cues and what their word timing becomes (the format follows the extension)."""
        from .export_dialog import ask_export

        ask_export(self)

    def export_to(self, path: Path, words: "WordExport | None" = None) -> bool:
        """Write the cues to ``path`` (SRT, ASS, VTT or word JSON) with ``words``; False with a message on failure."""
        from .export_dialog import export_subtitles

        return export_subtitles(self, path, words)

    # ------------------------------------------------------------------------------------
    # Dialogs that stay open beside the editor
    @property
    def find_replace(self) -> "FindReplaceDialog":
        """The Find & Replace window (made on first use)."""
        if self._find_replace is None:
            from .find_replace import FindReplaceDialog

            self._find_replace = FindReplaceDialog(self)
        return self._find_replace

    def show_models(self) -> None:
        """The Models dialog."""
        from .models_dialog import ModelsDialog

        ModelsDialog(self).exec()

    # ------------------------------------------------------------------------------------
    # Help
    def show_shortcuts(self) -> None:
        """Every command and its keys, which the user can change."""
        from .shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self, self.shortcut_map)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

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

    def end_session(self) -> None:
        """Close without asking (logout, SIGTERM): unsaved work stays in the recovery file for the next start."""
        self.controller.leave_recovery()
        self._ending_session = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self._ending_session and not self.controller.confirm_close():
            event.ignore()
            return
        self.controller.shut_down()
        self.batch.shut_down()
        self.save_layout()
        self.player.unload()
        if self.timeline is not None:
            self.timeline.set_media(None)  # stops its background analysis before the app quits
        _opened_windows.discard(self)
        event.accept()
