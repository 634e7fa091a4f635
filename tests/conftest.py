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


@pytest.fixture(scope="session")
def _model_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder of assembled models for the whole run (assembling one takes about half a second)."""
    return tmp_path_factory.mktemp("models")


@pytest.fixture(autouse=True)
def user_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, _model_store: Path) -> Path:
    """Keep settings, recovery files and caches of each test out of the real home and apart from the
    other tests'; only the assembled models are shared. Returns the cache folder ($XDG_CACHE_HOME/subtitler)."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    cache = home / "cache" / "subtitler"
    cache.mkdir(parents=True)
    (cache / "models").symlink_to(_model_store, target_is_directory=True)
    return cache


@pytest.fixture(scope="session")
def sample_video() -> Path:
    """The committed sample video (speech over a test pattern)."""
    return REPO / "resources" / "samples" / "sample.mp4"
