"""Writing a file so that a crash or a full disk never leaves it half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import FormatError

__all__ = ["write_atomic"]


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; new files get rw-r--r-- (reading the umask would
    mean changing it, which races with other threads creating files)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o644


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file in the same folder, fsync it, then rename it over ``path``."""
    folder = path.parent
    if path.is_dir():
        raise FormatError(f"cannot save to '{path}': it is a folder")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FormatError(f"cannot save to '{path}': {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, _mode_for(path))
        os.replace(temp_name, path)
    except OSError as exc:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise FormatError(f"cannot save to '{path}': {exc.strerror or exc}") from None
    try:
        # Make the rename itself durable; not every platform can open a folder, which is fine.
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
