"""The README's shortcut table lists every menu command that has keys, with the app's default keys."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QKeySequence

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_shortcuts() -> dict[str, list[str]]:
    """Command name -> keys, from the "Keyboard shortcuts" table ("A / B | keys of A / keys of B";
    a name with a slash of its own, "Play / Pause", sits in a row of one command)."""
    section = README.read_text(encoding="utf-8").split("## Keyboard shortcuts", 1)[1].split("\n## ", 1)[0]
    table: dict[str, list[str]] = {}
    for names, keys in re.findall(r"^\| (.+?) \| (.+?) \|$", section, re.MULTILINE):
        if names in ("Command", "---"):
            continue
        groups = keys.split(" / ")
        for name, group in zip(names.split(" / ") if len(groups) > 1 else [names], groups, strict=True):
            table[name] = group.split(", ")
    return table


def test_every_menu_shortcut_is_in_the_readme_and_every_row_is_a_command(make_window) -> None:
    window = make_window()
    window.shortcut_map.set_keys("split", [QKeySequence("Ctrl+Shift+K")])  # a user's own keys: the README keeps the defaults
    defaults = {action: window.shortcut_map.defaults[name] for name, action in window.shortcut_map.actions.items()}
    documented = readme_shortcuts()
    in_menus: dict[str, list[str]] = {}
    for top in window.menuBar().actions():
        for action in top.menu().actions():
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in defaults.get(action, action.shortcuts())]
            if keys and not action.isSeparator():
                in_menus[action.text().replace("&", "")] = keys
    assert set(documented) == set(in_menus)
    for name, keys in documented.items():
        assert keys[0] == in_menus[name][0], name
        assert set(keys) <= set(in_menus[name]), name
