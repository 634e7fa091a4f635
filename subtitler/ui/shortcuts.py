"""Keyboard shortcuts the user can change: every window command by a stable name, its default keys,
the user's own keys saved in the settings, and conflicts refused.

A command's name is its attribute in the window (``act_split`` → ``split``), so a saved shortcut
survives a change of interface language. Help ▸ Keyboard Shortcuts edits them
(``ui.shortcuts_dialog``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QKeySequence

__all__ = ["ShortcutMap"]

_GROUP = "shortcuts/"


class ShortcutMap(QObject):
    """The window's commands with their default and current keys."""

    def __init__(self, owner: QObject, settings: QSettings) -> None:
        super().__init__(owner)
        self.settings = settings
        self.actions: dict[str, QAction] = {}
        self.defaults: dict[str, list[QKeySequence]] = {}
        for attribute, value in list(vars(owner).items()):
            if attribute.startswith("act_") and isinstance(value, QAction):
                self._add(attribute.removeprefix("act_"), value)
            elif isinstance(value, QObject) and not attribute.startswith("_"):
                # Helpers that own commands of their own (the transcript alignment's Import Transcript…).
                for inner, action in list(vars(value).items()):
                    if inner.startswith("act_") and isinstance(action, QAction) and action not in self.actions.values():
                        self._add(f"{attribute}.{inner.removeprefix('act_')}", action)
        for n, action in enumerate(getattr(owner, "nudge_actions", [])):
            self._add(f"nudge_{n}", action)
        for extra_name, action in getattr(owner, "extra_shortcut_actions", {}).items():
            self._add(extra_name, action)
        self._load()

    def _add(self, name: str, action: QAction) -> None:
        action.setObjectName(f"action_{name}")
        self.actions[name] = action
        self.defaults[name] = list(action.shortcuts())

    def _load(self) -> None:
        """Apply the user's saved keys (an entry that clashes with another command's keys is ignored)."""
        for name, action in self.actions.items():
            saved = self.settings.value(_GROUP + name)
            if saved is None:
                continue
            keys = [QKeySequence(k) for k in (saved if isinstance(saved, list) else [saved]) if k]
            if self.conflict(name, keys) is None:
                action.setShortcuts(keys)

    def name_of(self, action: QAction) -> str:
        return next(name for name, a in self.actions.items() if a is action)

    def conflict(self, name: str, keys: list[QKeySequence]) -> str | None:
        """The name of another command already on one of ``keys``; None when they are free."""
        wanted = {k.toString() for k in keys if not k.isEmpty()}
        for other, action in self.actions.items():
            if other != name and wanted & {k.toString() for k in action.shortcuts()}:
                return other
        return None

    def set_keys(self, name: str, keys: list[QKeySequence]) -> str | None:
        """Give command ``name`` these keys and save them; returns the clashing command's name instead when one has them."""
        clash = self.conflict(name, keys)
        if clash is not None:
            return clash
        self.actions[name].setShortcuts([k for k in keys if not k.isEmpty()])
        if self.is_default(name):
            self.settings.remove(_GROUP + name)
        else:
            self.settings.setValue(_GROUP + name, [k.toString() for k in keys if not k.isEmpty()] or "")
        self._update_tooltip(name)
        return None

    def reset(self, name: str) -> str | None:
        """Back to the default keys (refused, with the clashing command, when another took them meanwhile)."""
        return self.set_keys(name, self.defaults[name])

    def is_default(self, name: str) -> bool:
        current = [k.toString() for k in self.actions[name].shortcuts()]
        return current == [k.toString() for k in self.defaults[name]]

    def _update_tooltip(self, name: str) -> None:
        action = self.actions[name]
        tip = action.statusTip()
        if tip:
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({keys})" if keys else tip)
