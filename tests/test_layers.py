"""The Qt-free layers must stay free of Qt."""

import subprocess
import sys


def test_core_media_asr_import_no_pyside6() -> None:
    code = (
        "import sys, pkgutil, importlib\n"
        "import subtitler.core, subtitler.media, subtitler.asr\n"
        "for pkg in (subtitler.core, subtitler.media, subtitler.asr):\n"
        "    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"Qt loaded by the core layers: {out.stdout}"
