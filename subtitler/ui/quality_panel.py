"""The Quality dock: every rule the cues break (``core.rules``), and "Fix Automatically" (``core.fixes``).

The list follows the shared cue model, re-checked after a short pause so typing stays fast.
It uses the speech regions and shot changes the window already has (the timeline's media
analysis, else the last transcription's); it never analyses the audio itself. A fix pass is
one undo step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import EditError
from ..core.rules import ERROR, INFO, WARNING, Finding, check_document
from ..core.segment import speech_regions_of
from ..core.timecode import format_clock

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = ["QualityPanel", "FindingsModel", "RECHECK_DELAY_MS", "FINDING_ROLE", "SHOW_NOTES_KEY"]

RECHECK_DELAY_MS = 300
"""Pause after the last edit before the cues are checked again."""
FINDING_ROLE = int(Qt.ItemDataRole.UserRole) + 1
"""data(role) -> the ``Finding`` of the row (any column)."""
_SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 2
SHOW_NOTES_KEY = "quality/show_notes"
"""Settings key: whether info-level findings are listed."""

_SEVERITY_COLOURS = {ERROR: QColor("#c62828"), WARNING: QColor("#e69100"), INFO: QColor("#8a8a8a")}
_SEVERITY_RANK = {ERROR: 0, WARNING: 1, INFO: 2}


def _dot(colour: QColor, size: int = 10) -> QIcon:
    """A filled circle: the severity mark at the start of a row."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(colour.darker(125))
    painter.setBrush(colour)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class FindingsModel(QAbstractTableModel):
    """Rows are findings: cue number, time, rule, message; the severity is the row's icon."""

    NUMBER, TIME, RULE, MESSAGE = range(4)
    COUNT = 4

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.findings: list[Finding] = []
        self._icons = {severity: _dot(colour) for severity, colour in _SEVERITY_COLOURS.items()}
        self._rule_names = self.rule_names()

    def rule_names(self) -> dict[str, str]:
        """A short translated name for every rule id of ``core.rules.RULES``."""
        tr = self.tr
        return {
            "cpl": tr("Line length"),
            "lines": tr("Too many lines"),
            "cps": tr("Reading speed"),
            "min-duration": tr("Too short"),
            "max-duration": tr("Too long"),
            "overlap": tr("Overlap"),
            "gap": tr("Gap too short"),
            "chain": tr("Not chained"),
            "shot-change": tr("Shot change"),
            "empty": tr("Empty cue"),
            "repeat": tr("Repeated text"),
            "typography": tr("Typography"),
            "low-confidence": tr("Unsure words"),
            "hallucination": tr("Hallucination"),
            "unheard": tr("Not heard"),
            "no-speech": tr("No speech"),
            "uncovered-speech": tr("Speech without cue"),
        }

    def severity_names(self) -> dict[str, str]:
        """Translated severity names, for tooltips."""
        return {ERROR: self.tr("Error"), WARNING: self.tr("Warning"), INFO: self.tr("Note")}

    def set_findings(self, findings: Sequence[Finding]) -> None:
        """Show these findings (a derived list: replacing it whole is the simple, correct update)."""
        self.beginResetModel()
        self.findings = list(findings)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Cue"), self.tr("Time"), self.tr("Rule"), self.tr("Problem"))[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (self.tr("Cue number; the dot is the severity (red: error, amber: warning, grey: note)"),
                    self.tr("Where the problem starts"), self.tr("The rule that is broken"),
                    self.tr("What is wrong, with the figures"))[section]  # fmt: skip
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.findings):
            return None
        finding = self.findings[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(finding, column)
        if role == FINDING_ROLE:
            return finding
        if role == _SORT_ROLE:
            cue = -1 if finding.cue_index is None else finding.cue_index
            keys = {
                self.NUMBER: (cue, finding.start_ms),
                self.TIME: (finding.start_ms, cue),
                self.RULE: (self._display(finding, self.RULE), finding.start_ms),
                self.MESSAGE: (_SEVERITY_RANK.get(finding.severity, 3), finding.start_ms),
            }
            return keys[column]
        if role == Qt.ItemDataRole.DecorationRole and column == self.NUMBER:
            return self._icons.get(finding.severity)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.NUMBER, self.TIME):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(finding)
        return None

    def _display(self, finding: Finding, column: int) -> str:
        if column == self.NUMBER:
            return "—" if finding.cue_index is None else str(finding.cue_index + 1)
        if column == self.TIME:
            return format_clock(finding.start_ms)
        if column == self.RULE:
            return self._rule_names.get(finding.rule, finding.rule)
        return finding.message

    def _tooltip(self, finding: Finding) -> str:
        severity = self.severity_names().get(finding.severity, finding.severity)
        lines = [f"{severity}: {finding.message}"]
        if finding.fixable:
            lines.append(self.tr("Fix Automatically can resolve this."))
        return "\n".join(lines)


class _FindingsFilter(QSortFilterProxyModel):
    """Hides info-level findings when asked; sorts on numbers, not on the displayed text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.show_notes = True
        self.setSortRole(_SORT_ROLE)

    def set_show_notes(self, show: bool) -> None:
        self.beginFilterChange()
        self.show_notes = show
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        if self.show_notes:
            return True
        finding = self.sourceModel().index(source_row, 0, source_parent).data(FINDING_ROLE)
        return finding is None or finding.severity != INFO

    def lessThan(self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        return left.data(_SORT_ROLE) < right.data(_SORT_ROLE)


class QualityPanel(QWidget):
    """The Quality dock's contents: a summary, the findings, a notes filter and Fix Automatically."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.setObjectName("QualityPanel")
        self.main_window = window
        self.findings: list[Finding] = []
        """Every finding of the last check (including notes the filter hides)."""
        self._stale = True

        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)  # a long summary takes two lines rather than widening the dock
        self.show_notes = QCheckBox(self.tr("Notes"), self)
        self.show_notes.setToolTip(self.tr("Also list notes: unsure words, cues without speech and speech without a cue"))
        self.show_notes.setChecked(str(window.settings.value(SHOW_NOTES_KEY, "true")).lower() == "true")
        self.fix_button = QToolButton(self)
        self.fix_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        self.model = FindingsModel(self)
        self.proxy = _FindingsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.show_notes = self.show_notes.isChecked()
        self.view = QTableView(self)
        self._build_view()

        top = QHBoxLayout()
        top.setContentsMargins(6, 4, 6, 0)
        top.addWidget(self.summary, 1)
        top.addWidget(self.show_notes)
        top.addWidget(self.fix_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECHECK_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        cues = window.model
        for signal in (cues.rowsInserted, cues.rowsRemoved, cues.modelReset, cues.dataChanged):
            signal.connect(self._on_cues_changed)
        self.show_notes.toggled.connect(self._on_show_notes_toggled)
        self.view.clicked.connect(self._on_view_activated)
        self.view.activated.connect(self._on_view_activated)

    def _build_view(self) -> None:
        view = self.view
        view.setModel(self.proxy)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setSortingEnabled(True)
        view.sortByColumn(FindingsModel.TIME, Qt.SortOrder.AscendingOrder)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        metrics = view.fontMetrics()
        header_metrics = header.fontMetrics()
        widths = {
            FindingsModel.NUMBER: metrics.horizontalAdvance("0000") + 26,  # number plus the severity dot
            FindingsModel.TIME: metrics.horizontalAdvance("00:00.000") + 14,
            FindingsModel.RULE: max(metrics.horizontalAdvance(name) for name in self.model.rule_names().values()) + 14,
        }
        for column, width in widths.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            # Room for the title and the sort arrow, so no header is clipped.
            header.resizeSection(column, max(width, header_metrics.horizontalAdvance(title) + 28))

    # ------------------------------------------------------------------------------------
    # Checking
    def analysis(self) -> tuple[list[tuple[int, int]] | None, list[int]]:
        """(speech regions or None when the audio was not analysed, shot changes) the window already has."""
        speech: list[tuple[int, int]] | None = None
        shots: list[int] = []
        timeline = self.main_window.timeline
        if timeline is not None:
            speech = list(timeline.canvas.speech_regions) or None
            shots = list(timeline.canvas.shot_changes)
        if speech is None:
            speech = speech_regions_of(self.main_window.speech) or None
        return speech, shots

    def schedule_refresh(self) -> None:
        """Check again after ``RECHECK_DELAY_MS`` (restarted by every change), or when next shown."""
        if self.isVisible():
            self._timer.start()
        else:
            self._stale = True

    def refresh(self) -> None:
        """Check the cues now and show the findings."""
        self._timer.stop()
        self._stale = False
        window = self.main_window
        speech, shots = self.analysis()
        self.findings = check_document(window.document, window.model.preset, shot_changes=shots, speech_regions=speech)
        scroll = self.view.verticalScrollBar().value()
        self.model.set_findings(self.findings)
        self.view.verticalScrollBar().setValue(scroll)
        self._update_summary()

    def shown_findings(self) -> list[Finding]:
        """The findings listed, in the view's order (notes left out when they are hidden)."""
        return [self.proxy.index(row, 0).data(FINDING_ROLE) for row in range(self.proxy.rowCount())]

    def _update_summary(self) -> None:
        cue_count = len(self.main_window.document.cues)
        shown = self.shown_findings()
        count = len(shown)
        if not cue_count:
            text = self.tr("No cues to check.")
        elif not count:
            text = self.tr("No problems in %n cues", "", cue_count)
        else:
            affected = len({f.cue_index for f in shown if f.cue_index is not None})
            text = (self.tr("%n problems · cues affected: %1 of %2", "", count)
                    .replace("%1", str(affected)).replace("%2", str(cue_count)))  # fmt: skip
        self.summary.setText(text)
        errors = sum(1 for f in shown if f.severity == ERROR)
        warnings = sum(1 for f in shown if f.severity == WARNING)
        notes = sum(1 for f in self.findings if f.severity == INFO)
        self.summary.setToolTip(
            self.tr("Errors: %1 · warnings: %2 · notes: %3").replace("%1", str(errors))
            .replace("%2", str(warnings)).replace("%3", str(notes))
        )  # fmt: skip

    def _on_cues_changed(self, *_args: object) -> None:
        self.schedule_refresh()

    def on_analysis_changed(self) -> None:
        """Speech regions or shot changes arrived (or were cleared): check again."""
        self.schedule_refresh()

    def _on_show_notes_toggled(self, show: bool) -> None:
        self.main_window.settings.setValue(SHOW_NOTES_KEY, "true" if show else "false")
        self.proxy.set_show_notes(show)
        self._update_summary()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # ------------------------------------------------------------------------------------
    # Going to a finding
    def _on_view_activated(self, index: QModelIndex) -> None:
        finding = index.data(FINDING_ROLE)
        if isinstance(finding, Finding):
            self.go_to(finding)

    def go_to(self, finding: Finding) -> None:
        """Select the finding's cue and move the playhead to it (to the speech when it has no cue)."""
        window = self.main_window
        if finding.cue_id is not None and window.model.row_of(finding.cue_id) >= 0:
            window.selection.select_cue_ids([finding.cue_id])
            window.table.show_row(window.model.row_of(finding.cue_id))
            window.seek(window.document.cue(finding.cue_id).start)
        else:
            window.seek(finding.start_ms)

    # ------------------------------------------------------------------------------------
    # Fixing
    def fix_automatically(self) -> None:
        """Show every automatic fix (``core.fixes.fix_cues``) with its reason; apply the accepted ones as one undo step."""
        from ..core.fixes import fix_cues
        from ..core.preview import fix_preview
        from .preview_dialog import review_and_apply

        window = self.main_window
        window.controller.check_not_busy()
        document = window.document
        if not document.cues:
            raise EditError(self.tr("There are no cues to fix."))
        speech, shots = self.analysis()
        result = fix_cues(document.cues, window.model.preset, window.fps(), speech=speech, shot_changes=shots)
        changes = fix_preview(document.cues, result)
        if not changes:
            window.show_status(self.tr("Nothing to fix automatically."))
            return
        count = review_and_apply(window, self.tr("Fix Automatically"), self.tr("Fix automatically"), changes)
        if count:
            window.show_status(self.tr("Fixed %n cues; Undo reverts them.", "", count))
        self.refresh()
