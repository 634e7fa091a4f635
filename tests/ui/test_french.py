"""The French interface: chosen from the system locale, or from View ▸ Interface Language.

Qt reads the system locale from the environment once, at start-up, so each case runs the
editor in a fresh process with its own LANG and settings folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from subtitler.core.model import Cue

REPO = Path(__file__).resolve().parents[2]
FRENCH_MENUS = ["&Fichier", "&Édition", "&Minutage", "&Sous-titres", "&Lecture", "&Affichage", "Aid&e"]
ENGLISH_MENUS = ["&File", "&Edit", "T&iming", "&Subtitles", "&Playback", "&View", "&Help"]
TEXT = "Thirty-five characters of text here"

# Builds the real window the way `subtitler` does, optionally picks a language in the menu, reports.
CHILD = f"""
import json, sys
from PySide6.QtCore import Qt
from subtitler.app import create_application
app = create_application([])
from subtitler.core.model import Cue, Document
from subtitler.ui.cue_model import Column, CueTableModel
from subtitler.ui.main_window import MainWindow
window = MainWindow()
if len(sys.argv) > 1:
    menu = next(a.menu() for a in window.view_menu.actions() if a.menu())
    next(a for a in menu.actions() if a.data() == sys.argv[1]).trigger()
model = CueTableModel(Document(cues=[Cue.create(0, 2000, {TEXT!r})]))
print(json.dumps({{
    "menus": [a.text() for a in window.menuBar().actions()],
    "cps_header": model.headerData(Column.CPS, Qt.Orientation.Horizontal),
    "cps": model.index(0, Column.CPS).data(),
    "status": window.statusBar().currentMessage(),
    "cue_counts": [window.tr("%n cues", "", n) for n in (0, 1, 2)],
}}))
"""


def run_editor(tmp_path: Path, lang: str, choose: str | None = None) -> dict:
    """Start the editor in a new process under ``lang``; optionally choose a language in its menu."""
    env = {
        **os.environ,
        "LANG": lang, "LC_ALL": lang, "LANGUAGE": lang.split("_")[0].split(".")[0],
        "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHONIOENCODING": "utf-8",
    }
    result = subprocess.run(
        [sys.executable, "-c", CHILD, *([choose] if choose is not None else [])],
        env=env, cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_french_system_locale_gives_a_french_window_and_english_can_be_chosen(tmp_path: Path) -> None:
    first = run_editor(tmp_path, "fr_FR.UTF-8", choose="en")
    assert first["menus"] == FRENCH_MENUS
    assert first["cps_header"] == "Car./s"
    cps = Cue.create(0, 2000, TEXT).chars_per_second()
    assert first["cps"] == f"{cps:.1f}".replace(".", ",")  # the decimal comma, e.g. "17,5"
    assert "prochain démarrage" in first["status"]
    assert first["cue_counts"] == ["0 sous-titre", "1 sous-titre", "2 sous-titres"]  # French: 0 is singular

    after_restart = run_editor(tmp_path, "fr_FR.UTF-8")
    assert after_restart["menus"] == ENGLISH_MENUS
    assert after_restart["cps"] == f"{cps:.1f}"


def test_french_can_be_chosen_without_a_french_system_locale(tmp_path: Path) -> None:
    first = run_editor(tmp_path, "C.UTF-8", choose="fr")
    assert first["menus"] == ENGLISH_MENUS
    assert "next time" in first["status"]
    assert first["cue_counts"] == ["0 cues", "1 cue", "2 cues"]  # English plurals without an English locale

    after_restart = run_editor(tmp_path, "C.UTF-8")
    assert after_restart["menus"] == FRENCH_MENUS


def test_every_interface_string_has_current_french_and_english_plurals() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "update_translations.py"), "--check"],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
