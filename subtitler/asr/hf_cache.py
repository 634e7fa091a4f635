"""Models other programs already downloaded: the Hugging Face hub cache, read without any network.

huggingface_hub keeps a repository as ``<cache>/models--<org>--<name>/snapshots/<commit>/`` (files
linked into ``blobs/``), and ``refs/main`` names the commit of the newest download. The cache is
``$HF_HUB_CACHE``, else ``$HF_HOME/hub``, else ``$XDG_CACHE_HOME/huggingface/hub``, else
``~/.cache/huggingface/hub`` (the legacy ``$HUGGINGFACE_HUB_CACHE`` is honoured too).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["hub_cache_dir", "cached_snapshot"]


def hub_cache_dir() -> Path:
    """The folder huggingface_hub downloads into, by its own rules."""
    explicit = os.environ.get("HF_HUB_CACHE") or os.environ.get("HUGGINGFACE_HUB_CACHE")
    if explicit:
        return Path(explicit).expanduser()
    home = os.environ.get("HF_HOME")
    if home:
        return Path(home).expanduser() / "hub"
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "huggingface" / "hub"


def cached_snapshot(repo_id: str) -> Path | None:
    """The downloaded snapshot of ``repo_id`` ("Systran/faster-whisper-small") that holds a model.bin:
    the one ``refs/main`` names, else the newest; None when there is none."""
    repo = hub_cache_dir() / f"models--{repo_id.replace('/', '--')}"
    snapshots = repo / "snapshots"
    if not snapshots.is_dir():
        return None
    try:
        main = snapshots / (repo / "refs" / "main").read_text(encoding="utf-8").strip()
    except OSError:
        main = None
    if main is not None and (main / "model.bin").is_file():
        return main
    complete = [s for s in snapshots.iterdir() if (s / "model.bin").is_file()]
    return max(complete, key=lambda s: s.stat().st_mtime) if complete else None
