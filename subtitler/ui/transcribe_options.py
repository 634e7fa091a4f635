"""The Transcribe dialog's choices beyond model, rules and device: task, every Whisper language with
type-to-search, and the folded advanced options (initial prompt, hotwords, voice activity detection,
audio track). Each choice is remembered in the user's settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .language_names import language_name, sorted_languages

__all__ = ["AdvancedOptions", "EngineChoices", "LanguageBox", "TaskBox", "model_summary", "remember_speed"]

_KEY = "transcribe/"
TRANSCRIBE, TRANSLATE = "transcribe", "translate"
"""Whisper's tasks: write the speech in its language, or translate it into English."""


@dataclass(frozen=True)
class EngineChoices:
    """What the advanced options add to a transcription (``asr.engine.TranscribeOptions`` fields)."""

    task: str = TRANSCRIBE
    initial_prompt: str | None = None
    hotwords: str | None = None
    vad: bool = True
    audio_track: int | None = None

    def remember(self, settings: QSettings) -> None:
        """Keep these choices for the next transcription (the track is the file's, so it is not kept)."""
        settings.setValue(_KEY + "task", self.task)
        settings.setValue(_KEY + "initial_prompt", self.initial_prompt or "")
        settings.setValue(_KEY + "hotwords", self.hotwords or "")
        settings.setValue(_KEY + "vad", self.vad)

    @classmethod
    def remembered(cls, settings: QSettings) -> "EngineChoices":
        """The choices kept from the last transcription."""
        return cls(
            task=str(settings.value(_KEY + "task", TRANSCRIBE)),
            initial_prompt=str(settings.value(_KEY + "initial_prompt", "")) or None,
            hotwords=str(settings.value(_KEY + "hotwords", "")) or None,
            vad=str(settings.value(_KEY + "vad", "true")).lower() != "false",
        )


class TaskBox(QComboBox):
    """Transcribe in the spoken language, or translate into English."""

    def __init__(self, parent: QWidget, task: str) -> None:
        super().__init__(parent)
        self.addItem(self.tr("Transcribe (write what is said)"), TRANSCRIBE)
        self.addItem(self.tr("Translate into English"), TRANSLATE)
        self.setCurrentIndex(max(0, self.findData(task)))

    def task(self) -> str:
        return str(self.currentData())


class LanguageBox(QComboBox):
    """Every language Whisper knows, by its name in the interface language; type to search."""

    def __init__(self, parent: QWidget, language: str) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem(self.tr("Detect automatically"), "")
        for code, name in sorted_languages():
            self.addItem(f"{name} ({code})", code)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.lineEdit().setPlaceholderText(self.tr("Type to search"))
        self.set_language(language)
        self.lineEdit().editingFinished.connect(self._on_line_edit_editing_finished)

    def set_language(self, code: str) -> None:
        self.setCurrentIndex(max(0, self.findData(code)))

    def language(self) -> str:
        """The chosen language code; "" to detect."""
        return str(self.currentData() or "")

    def _on_line_edit_editing_finished(self) -> None:
        # Typed text that names no entry goes back to the chosen one instead of staying as a stray word.
        index = self.findText(self.lineEdit().text(), Qt.MatchFlag.MatchFixedString)
        if index < 0:
            index = self.findText(self.lineEdit().text(), Qt.MatchFlag.MatchContains)
        self.setCurrentIndex(index if index >= 0 else self.currentIndex())
        self.lineEdit().setText(self.itemText(self.currentIndex()))


class AdvancedOptions(QWidget):
    """A fold with the initial prompt, hotwords, voice activity detection and the audio track."""

    def __init__(self, parent: QWidget, choices: EngineChoices, tracks: Sequence[object] = (), folded: bool = True) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.toggle = QToolButton(self)
        self.toggle.setText(self.tr("Advanced options"))
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        layout.addWidget(self.toggle)
        self.body = QWidget(self)
        form = QFormLayout(self.body)
        form.setContentsMargins(16, 0, 0, 0)
        self.prompt_edit = QLineEdit(choices.initial_prompt or "", self.body)
        self.prompt_edit.setPlaceholderText(self.tr("e.g. Interview with Dr. Nguyen about the Rhône delta."))
        form.addRow(self.tr("Initial &prompt:"), self.prompt_edit)
        form.addRow("", _hint(self.body, self.tr("Text that could come just before the speech: sets the style, spelling and names.")))
        self.hotwords_edit = QLineEdit(choices.hotwords or "", self.body)
        self.hotwords_edit.setPlaceholderText(self.tr("e.g. Nguyen, Camargue, CTranslate2"))
        form.addRow(self.tr("&Hotwords:"), self.hotwords_edit)
        form.addRow("", _hint(self.body, self.tr("Names and terms the speech contains, so they are heard as written.")))
        self.vad_box = QCheckBox(self.tr("Skip silence (voice activity detection)"), self.body)
        self.vad_box.setChecked(choices.vad)
        self.vad_box.setToolTip(self.tr("Off: Whisper hears the whole file, slower, but nothing a detector missed is lost"))
        form.addRow("", self.vad_box)
        self.track_box = QComboBox(self.body)
        for track in tracks:
            self.track_box.addItem(_track_label(self, track), getattr(track, "index", 0))
            if getattr(track, "default", False):
                self.track_box.setCurrentIndex(self.track_box.count() - 1)
        if not tracks:
            self.track_box.addItem(self.tr("The file's default track"), None)
        self.track_box.setEnabled(self.track_box.count() > 1)
        form.addRow(self.tr("&Audio track:"), self.track_box)
        layout.addWidget(self.body)
        self.toggle.toggled.connect(self._on_toggle_toggled)
        self.toggle.setChecked(not folded)
        self._on_toggle_toggled(not folded)

    def _on_toggle_toggled(self, open_: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        self.body.setVisible(open_)
        window = self.window()
        if window is not None and window is not self:
            window.adjustSize()  # the dialog stays one screen: it grows and shrinks with the fold

    def choices(self, task: str) -> EngineChoices:
        """The engine options as chosen."""
        track = self.track_box.currentData()
        return EngineChoices(
            task=task,
            initial_prompt=self.prompt_edit.text().strip() or None,
            hotwords=self.hotwords_edit.text().strip() or None,
            vad=self.vad_box.isChecked(),
            audio_track=int(track) if track is not None else None,
        )


def _hint(parent: QWidget, text: str) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def _track_label(widget: QWidget, track: object) -> str:
    """'Track 2 · French · Commentary · aac 2 ch' for the track chooser."""
    parts = [widget.tr("Track %1").replace("%1", str(getattr(track, "index", 0) + 1))]
    language = getattr(track, "language", None)
    if language:
        parts.append(_iso_name(language))
    title = getattr(track, "title", None)
    if title:
        parts.append(title)
    parts.append(f"{getattr(track, 'codec', '')} {getattr(track, 'channels', 0)} ch")
    return " · ".join(parts)


_THREE_LETTER = {"eng": "en", "fre": "fr", "fra": "fr", "ger": "de", "deu": "de", "spa": "es", "ita": "it",
                 "por": "pt", "dut": "nl", "nld": "nl", "rus": "ru", "jpn": "ja", "chi": "zh", "zho": "zh",
                 "ara": "ar", "pol": "pl", "swe": "sv", "dan": "da", "nor": "no", "fin": "fi", "tur": "tr",
                 "kor": "ko", "heb": "he", "hin": "hi", "gre": "el", "ell": "el", "cze": "cs", "ces": "cs"}


def _iso_name(tag: str) -> str:
    """A track's language tag ("fre", "en") by its name; the tag itself when unknown."""
    code = _THREE_LETTER.get(tag.lower(), tag.lower())
    name = language_name(code)
    return tag if name == code else name


def remember_speed(settings: QSettings, model: str, realtime: float) -> None:
    """Keep how many times faster than real time ``model`` ran here (shown next to it from then on)."""
    settings.setValue(f"{_KEY}speed/{model}", round(realtime, 1))


def model_summary(widget: QWidget, settings: QSettings, model: str, size: int) -> str:
    """'142 MB · 31× real time on this computer' (or 'speed not measured yet')."""
    parts = [f"{size / 1e6:.0f} MB"] if size > 0 else []
    speed = settings.value(f"{_KEY}speed/{model}")
    if speed:
        parts.append(widget.tr("%1× real time on this computer").replace("%1", f"{float(speed):g}"))
    else:
        parts.append(widget.tr("speed on this computer known after the first run"))
    return " · ".join(parts)
