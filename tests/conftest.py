"""Test-wide setup: offscreen Qt before anything imports it, and shared fixtures."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault(
    "QT_LOGGING_RULES", "qt.multimedia.symbolsresolver.warning=false;qt.multimedia.ffmpeg.info=false"
)

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep settings and recovery files of tests out of the real home; share one model cache."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(_shared_cache()))


def _shared_cache() -> Path:
    # Assembled models are large: build them once per machine, not once per test.
    path = Path(os.environ.get("SUBTITLER_TEST_CACHE", Path.home() / ".cache" / "subtitler"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def sample_video() -> Path:
    """The committed sample video (speech over a test pattern)."""
    return REPO / "resources" / "samples" / "sample.mp4"
