"""Cache keys for media files: a file is "the same" while its path, size and mtime are."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from subtitler.paths import user_cache_dir

__all__ = ["file_fingerprint", "media_cache_dir"]


def file_fingerprint(path: str | Path, *extra: object) -> str:
    """A short hex key for a media file (absolute path, size, mtime) plus any extra parameters."""
    resolved = Path(path).resolve()
    st = os.stat(resolved)
    parts = [str(resolved), str(st.st_size), str(st.st_mtime_ns), *map(str, extra)]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:32]


def media_cache_dir(kind: str) -> Path:
    """The per-user cache folder for one kind of derived data (``shots``, ``audio``, ``peaks`` ...)."""
    return user_cache_dir() / kind
