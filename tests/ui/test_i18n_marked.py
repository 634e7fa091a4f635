"""Every user-visible string in subtitler/ui goes through Qt's translation system."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "subtitler" / "ui"

# Calls whose string arguments a user reads.
TEXT_CALLS = {
    "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setPlaceholderText",
    "addMenu", "addAction", "showMessage", "setLabelText", "setTitle", "addTab", "setHeaderLabels",
    "QAction", "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QMenu",
    "QToolButton", "information", "warning", "critical", "question", "addItem",
    "setWhatsThis", "setInformativeText", "setDetailedText", "getOpenFileName",
    "getSaveFileName", "setPrefix", "setSuffix", "setSpecialValueText", "setFormat",
}


def _has_letters(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(ch.isalpha() for ch in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(_has_letters(v) for v in node.values)
    return False


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def untranslated_strings() -> list[str]:
    """file:line of bare string literals passed to text-taking Qt calls."""
    found = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _call_name(node) in TEXT_CALLS:
                for arg in [*node.args, *(k.value for k in node.keywords)]:
                    if _has_letters(arg):
                        found.append(f"{path.relative_to(UI.parent.parent)}:{arg.lineno}")
    return found


def test_ui_strings_are_marked_for_translation() -> None:
    assert untranslated_strings() == []


def test_the_check_catches_a_bare_string(tmp_path: Path) -> None:
    tree = ast.parse('label.setText("Open a video")\nlabel.setText(self.tr("Open a video"))')
    bare = [
        n for n in ast.walk(tree)
        if isinstance(n, ast.Call) and _call_name(n) in TEXT_CALLS and any(_has_letters(a) for a in n.args)
    ]
    assert len(bare) == 1
