"""The desktop integration files agree with each other and with the app id."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from subtitler import APP_ID

DESKTOP = Path(__file__).resolve().parent.parent / "resources" / "desktop"
ICON = DESKTOP.parent / "icons" / f"{APP_ID}.svg"


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_uses_app_id_and_project_mime_type() -> None:
    entry = _desktop_entry()
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[0] == "subtitler"
    assert "application/x-subtitler-project" in entry["MimeType"].split(";")
    assert ICON.read_text().lstrip().startswith("<svg")


def test_mime_type_matches_project_extension() -> None:
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(DESKTOP / f"{APP_ID}.mime.xml").getroot()
    mime = root.find("m:mime-type", ns)
    assert mime is not None and mime.get("type") == "application/x-subtitler-project"
    assert mime.find("m:glob", ns).get("pattern") == "*.subtitler"  # type: ignore[union-attr]


def test_metainfo_names_the_desktop_file() -> None:
    root = ET.parse(DESKTOP / f"{APP_ID}.metainfo.xml").getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"


def test_validators_accept_the_files_when_installed() -> None:
    """desktop-file-validate and appstreamcli (Debian packages) report no error."""
    checks = [
        ("desktop-file-validate", str(DESKTOP / f"{APP_ID}.desktop")),
        ("appstreamcli", "validate", "--no-net", str(DESKTOP / f"{APP_ID}.metainfo.xml")),
    ]
    for tool, *args in checks:
        if shutil.which(tool):
            result = subprocess.run([tool, *args], capture_output=True, text=True)
            assert result.returncode == 0, result.stdout + result.stderr
