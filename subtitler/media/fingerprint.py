"""Cache keys for media files: a file is "the same" while its path, size and mtime are.

Every key also names the kind of data and the format version of the code that computes it, so a
cache written by another version is never read as if it were current.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from subtitler.paths import user_cache_dir

__all__ = ["file_fingerprint", "media_cache_dir"]


def file_fingerprint(path: str | Path, kind: str, version: int, *extra: object) -> str:
    """A short hex key for derived data of a media file (absolute path, size, mtime), its format version and parameters."""
    resolved = Path(path).resolve()
    st = os.stat(resolved)
    parts = [str(resolved), str(st.st_size), str(st.st_mtime_ns), kind, f"v{version}", *map(str, extra)]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:32]


def media_cache_dir(kind: str) -> Path:
    """The per-user cache folder for one kind of derived data (``shots``, ``audio``, ``peaks`` ...)."""
    return user_cache_dir() / kind
