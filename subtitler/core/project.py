"""Project files (``.subtitler``): versioned JSON holding everything needed to resume work.

The file keeps the media reference (relative to the project when possible, with a fingerprint to
recognise the file), the raw transcript, the cues with their words, the preset with any adjusted
limits, and the document's format extras. Words are stored as compact lists
``[start, end, text, probability]`` (plus a list of flags when there are any) so a two-hour
transcript stays a few megabytes; probabilities keep three decimals.

Saving is atomic (temporary file in the same folder, fsync, rename) and keeps the previous version
as ``NAME.subtitler.bak``. Loading refuses a damaged or newer file with a ``ProjectError`` and never
writes to it. Autosave uses the same encoding, into recovery files in the user data folder, one per
document and running editor, each guarded by its editor's lock.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

from ..paths import user_data_dir
from .errors import ProjectError
from .model import Cue, Document, MediaRef, Segment, Transcript, Word, cue_fields
from .presets import DEFAULT_PRESET, PRESETS, Preset

__all__ = [
    "DISCARDED_DAYS",
    "EXTENSION",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "ProjectLoad",
    "Recovery",
    "RecoveryClaim",
    "RecoverySession",
    "backup_path_for",
    "discarded_dir",
    "encode_project",
    "find_recoveries",
    "load_project",
    "media_fingerprint",
    "open_project",
    "purge_discarded",
    "recovery_dir",
    "save_project",
]

EXTENSION = ".subtitler"
FORMAT_NAME = "subtitler-project"
FORMAT_VERSION = 1
"""The version this code writes; files with a higher version are refused, not guessed at."""
MAX_PROJECT_BYTES = 512 * 1024 * 1024
"""A project is a few MB even for hours of speech; anything this big is not one."""

_FINGERPRINT_CHUNK = 1024 * 1024
_LIMIT_FIELDS = {f.name: f for f in fields(Preset) if f.name not in ("name", "label", "language")}


# ---------------------------------------------------------------------------------------------
# Media fingerprint


def media_fingerprint(path: str | Path) -> str:
    """Size plus a hash of the first and last megabyte: recognises a moved file in milliseconds."""
    path = Path(path)
    size = path.stat().st_size
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        digest.update(handle.read(_FINGERPRINT_CHUNK))
        if size > 2 * _FINGERPRINT_CHUNK:
            handle.seek(size - _FINGERPRINT_CHUNK)
        digest.update(handle.read(_FINGERPRINT_CHUNK))
    return f"{size}:{digest.hexdigest()[:32]}"


# ---------------------------------------------------------------------------------------------
# Encoding


def _word_out(word: Word) -> list[Any]:
    item: list[Any] = [word.start, word.end, word.text, round(float(word.probability), 3)]
    if word.flags:
        item.append(list(word.flags))
    return item


def _cue_out(cue: Cue) -> dict[str, Any]:
    out: dict[str, Any] = {"id": cue.id, "start": cue.start, "end": cue.end, "text": cue.text, "style": cue.style}
    if cue.speaker:
        out["speaker"] = cue.speaker
    if cue.fields:
        out["fields"] = dict(cue.fields)
    out["words"] = [_word_out(w) for w in cue.words]
    return out


def _media_out(media: MediaRef, project_dir: Path | None) -> dict[str, Any]:
    out: dict[str, Any] = {"fingerprint": media.fingerprint, "duration": media.duration, "fps": media.fps}
    if not media.path:
        out.update(path="", absolute="")
        return out
    absolute = Path(media.path).absolute()
    out["absolute"] = str(absolute)
    out["path"] = str(absolute)
    if project_dir is not None:
        try:
            out["path"] = Path(os.path.relpath(absolute, project_dir)).as_posix()
        except ValueError:
            pass  # another drive on Windows: only the absolute path can reach it
    if not out["fingerprint"] and absolute.is_file():
        try:
            out["fingerprint"] = media_fingerprint(absolute)
        except OSError:
            pass
    return out


def _project_dict(document: Document, project_dir: Path | None) -> dict[str, Any]:
    transcript = document.transcript
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "media": _media_out(document.media, project_dir) if document.media else None,
        "preset": {"name": document.preset, "limits": dict(document.preset_limits)},
        "transcript": None
        if transcript is None
        else {
            "language": transcript.language,
            "model": transcript.model,
            "duration": transcript.duration,
            "segments": [
                {"start": s.start, "end": s.end, "text": s.text, "words": [_word_out(w) for w in s.words]}
                for s in transcript.segments
            ],
        },
        "cues": [_cue_out(c) for c in document.cues],
        "extras": document.extras,
    }


def encode_project(document: Document, project_path: str | Path | None = None, **header: Any) -> bytes:
    """The project file's bytes (media path made relative to ``project_path``'s folder when given)."""
    project_dir = Path(project_path).absolute().parent if project_path is not None else None
    data = _project_dict(document, project_dir)
    data.update(header)
    try:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise ProjectError(f"cannot save the project: some data cannot be stored ({exc})") from None


# ---------------------------------------------------------------------------------------------
# Atomic writing


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not every platform can open a folder; the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _temp_beside(path: Path) -> tuple[int, str]:
    return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)


def _write_atomic(path: Path, data: bytes, backup: bool) -> None:
    if path.is_dir():
        raise ProjectError(f"cannot save to '{path}': it is a folder")
    temps: list[str] = []
    try:
        fd, temp = _temp_beside(path)
        temps.append(temp)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o7777)
            if backup:
                # Copy, then rename over the old backup: at every moment both files are whole.
                fd, bak_temp = _temp_beside(path)
                temps.append(bak_temp)
                with os.fdopen(fd, "wb") as handle, open(path, "rb") as old:
                    shutil.copyfileobj(old, handle)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(bak_temp, backup_path_for(path))
        os.replace(temp, path)
    except OSError as exc:
        for name in temps:
            try:
                os.unlink(name)
            except OSError:
                pass
        raise ProjectError(f"cannot save '{path}': {exc.strerror or exc}") from None
    _fsync_folder(path.parent)


def backup_path_for(path: str | Path) -> Path:
    """Where ``save_project`` keeps the previous version: ``NAME.subtitler.bak``."""
    path = Path(path)
    return path.with_name(path.name + ".bak")


def save_project(document: Document, path: str | Path, backup: bool = True) -> None:
    """Write the project atomically, keeping the previous file as ``NAME.subtitler.bak``."""
    path = Path(path)
    _write_atomic(path, encode_project(document, path), backup)


# ---------------------------------------------------------------------------------------------
# Decoding with validation: every error names where in the file it is


class _Damaged(Exception):
    """Internal: the file's content has the wrong shape (message says where)."""


def _expect(value: Any, kind: type | tuple[type, ...], where: str) -> Any:
    # bool is an int subclass in Python, but true/false is never a valid time or count here.
    if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        raise _Damaged(f"{where} should be {_kind_name(kind)}, not true/false")
    if not isinstance(value, kind):
        raise _Damaged(f"{where} should be {_kind_name(kind)}, not {_json_type(value)}")
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {int: "a whole number", str: "text", list: "a list", dict: "an object", bool: "true/false"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if set(kinds) == {int, float}:
        return "a number"
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _json_type(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), "a number"
    )


def _field(obj: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str, default: Any = ...) -> Any:
    if key not in obj:
        if default is ...:
            raise _Damaged(f"{where}.{key} is missing")
        return default
    return _expect(obj[key], kind, f"{where}.{key}")


def _word_in(item: Any, where: str) -> Word:
    _expect(item, list, where)
    if len(item) not in (4, 5):
        raise _Damaged(f"{where} should have 4 or 5 items, not {len(item)}")
    start = _expect(item[0], int, f"{where}[0]")
    end = _expect(item[1], int, f"{where}[1]")
    text = _expect(item[2], str, f"{where}[2]")
    probability = float(_expect(item[3], (int, float), f"{where}[3]"))
    flags: tuple[str, ...] = ()
    if len(item) == 5:
        flags = tuple(_expect(f, str, f"{where}[4]") for f in _expect(item[4], list, f"{where}[4]"))
    return Word(start, end, text, probability, flags)


def _words_in(obj: dict[str, Any], where: str) -> tuple[Word, ...]:
    items = _field(obj, "words", list, where, [])
    return tuple(_word_in(item, f"{where}.words[{n}]") for n, item in enumerate(items))


def _transcript_in(obj: Any) -> Transcript | None:
    if obj is None:
        return None
    _expect(obj, dict, "transcript")
    segments = []
    for n, seg in enumerate(_field(obj, "segments", list, "transcript")):
        where = f"transcript.segments[{n}]"
        _expect(seg, dict, where)
        segments.append(
            Segment(
                _field(seg, "start", int, where),
                _field(seg, "end", int, where),
                _field(seg, "text", str, where, ""),
                _words_in(seg, where),
            )
        )
    return Transcript(
        language=_field(obj, "language", str, "transcript", ""),
        segments=tuple(segments),
        model=_field(obj, "model", str, "transcript", ""),
        duration=_field(obj, "duration", int, "transcript", 0),
    )


def _cues_in(items: Any) -> list[Cue]:
    _expect(items, list, "cues")
    cues: list[Cue] = []
    seen: set[str] = set()
    for n, obj in enumerate(items):
        where = f"cues[{n}]"
        _expect(obj, dict, where)
        cue_id = _field(obj, "id", str, where)
        if not cue_id or cue_id in seen:
            raise _Damaged(f"{where}.id is empty or repeats an earlier cue's id")
        seen.add(cue_id)
        cues.append(
            Cue(
                cue_id,
                _field(obj, "start", int, where),
                _field(obj, "end", int, where),
                _field(obj, "text", str, where),
                _words_in(obj, where),
                _field(obj, "style", str, where, "Default"),
                _field(obj, "speaker", str, where, ""),
                _cue_fields_in(obj, where),
            )
        )
    return cues


def _cue_fields_in(obj: dict[str, Any], where: str) -> tuple[tuple[str, str], ...]:
    items = _field(obj, "fields", dict, where, {})
    return cue_fields({name: _expect(value, str, f"{where}.fields.{name}") for name, value in items.items()})


def _adopt_legacy_cue_fields(cues: list[Cue], extras: dict[str, Any]) -> tuple[list[Cue], dict[str, Any]]:
    """Projects saved before cues carried their speaker and format fields kept them in the extras,
    keyed by cue id (``extras.ass.events``, ``extras.vtt.settings``): move them onto the cues."""
    ass, vtt = extras.get("ass"), extras.get("vtt")
    events = ass.get("events") if isinstance(ass, dict) else None
    settings = vtt.get("settings") if isinstance(vtt, dict) else None
    if not isinstance(events, dict) and not isinstance(settings, dict):
        return cues, extras
    events = events if isinstance(events, dict) else {}
    settings = settings if isinstance(settings, dict) else {}
    adopted: list[Cue] = []
    for cue in cues:
        found = events.get(cue.id)
        values = {k: v for k, v in found.items() if isinstance(v, str)} if isinstance(found, dict) else {}
        if isinstance(settings.get(cue.id), str):
            values["settings"] = settings[cue.id]
        speaker = values.pop("name", "")
        if values or speaker:
            cue = cue.with_(speaker=cue.speaker or speaker, fields=cue_fields({**values, **dict(cue.fields)}))
        adopted.append(cue)
    extras = dict(extras)
    if isinstance(ass, dict):
        extras["ass"] = {k: v for k, v in ass.items() if k != "events"}
    if isinstance(vtt, dict):
        extras["vtt"] = {k: v for k, v in vtt.items() if k != "settings"}
    return adopted, extras


def _preset_in(obj: Any, warnings: list[str]) -> tuple[str, dict[str, object]]:
    _expect(obj, dict, "preset")
    name = _field(obj, "name", str, "preset")
    limits = _field(obj, "limits", dict, "preset", {})
    if name not in PRESETS:
        warnings.append(f"unknown rules preset '{name}': using {DEFAULT_PRESET} instead")
        name = DEFAULT_PRESET
    kept: dict[str, object] = {}
    for key, value in limits.items():
        spec = _LIMIT_FIELDS.get(key)
        if spec is None:
            warnings.append(f"ignored unknown preset limit '{key}'")
            continue
        default = getattr(PRESETS[name], key)
        if isinstance(default, float):
            kept[key] = float(_expect(value, (int, float), f"preset.limits.{key}"))
        else:
            kept[key] = _expect(value, type(default), f"preset.limits.{key}")
    return name, kept


@dataclass(slots=True)
class _MediaCandidate:
    path: Path
    exists: bool = False
    matches: bool = False


def _media_in(obj: Any, project_dir: Path, warnings: list[str]) -> tuple[MediaRef | None, bool]:
    """The media reference resolved against the project folder, and whether the file is missing."""
    if obj is None:
        return None, False
    _expect(obj, dict, "media")
    stored = _field(obj, "path", str, "media", "")
    absolute = _field(obj, "absolute", str, "media", "")
    fingerprint = _field(obj, "fingerprint", str, "media", "")
    duration = _field(obj, "duration", int, "media", 0)
    fps = float(_field(obj, "fps", (int, float), "media", 0.0))
    if not stored and not absolute:
        return MediaRef("", fingerprint, duration, fps), False
    candidates: list[_MediaCandidate] = []
    for raw in (stored, absolute):
        if raw:
            path = Path(raw) if Path(raw).is_absolute() else project_dir / raw
            candidates.append(_MediaCandidate(Path(os.path.normpath(path))))
    for cand in candidates:
        cand.exists = cand.path.is_file()
        if cand.exists and fingerprint:
            try:
                cand.matches = media_fingerprint(cand.path) == fingerprint
            except OSError:
                cand.exists = False
    found = [c for c in candidates if c.exists]
    if not found:
        looked = " or ".join(f"'{c.path}'" for c in candidates)
        warnings.append(f"media not found: looked for {looked}")
        return MediaRef(str(candidates[-1].path), fingerprint, duration, fps), True
    chosen = next((c for c in found if c.matches), found[0])
    if fingerprint and not chosen.matches:
        warnings.append(f"media '{chosen.path.name}' has changed since the project was saved")
    return MediaRef(str(chosen.path), fingerprint, duration, fps), False


@dataclass(slots=True)
class ProjectLoad:
    """A loaded project: the document, whether its media is missing, and what was noticed on the way."""

    document: Document
    media_missing: bool = False
    warnings: list[str] = field(default_factory=list)
    header: dict[str, Any] = field(default_factory=dict)
    """Top-level keys beyond the document (a recovery file's source and time)."""


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ProjectError(f"'{path}' is a folder, not a project file")
        if size > MAX_PROJECT_BYTES:
            raise ProjectError(f"'{path.name}' is too large to be a Subtitler project ({size // 2**20} MB)")
        return path.read_bytes()
    except FileNotFoundError:
        raise ProjectError(f"project file not found: '{path}'") from None
    except OSError as exc:
        raise ProjectError(f"cannot read '{path}': {exc.strerror or exc}") from None


def _parse(path: Path, raw: bytes) -> dict[str, Any]:
    name = path.name
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ProjectError(f"'{name}' is not a Subtitler project (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise ProjectError(
            f"'{name}' is damaged or not a Subtitler project (bad JSON at line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise ProjectError(f"'{name}' is damaged or not a Subtitler project (nested too deeply)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ProjectError(f"'{name}' is not a Subtitler project")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ProjectError(f"'{name}' is damaged: its version is missing or invalid")
    if version > FORMAT_VERSION:
        raise ProjectError(
            f"'{name}' was saved by a newer Subtitler (project version {version}; "
            f"this version reads up to {FORMAT_VERSION}). Update Subtitler to open it."
        )
    return data


_DOCUMENT_KEYS = frozenset({"format", "version", "media", "preset", "transcript", "cues", "extras"})


def open_project(path: str | Path) -> ProjectLoad:
    """Read a project file; ProjectError when it is damaged or newer (the file is never written)."""
    path = Path(path)
    data = _parse(path, _read_bytes(path))
    warnings: list[str] = []
    try:
        preset, limits = _preset_in(data.get("preset", {"name": DEFAULT_PRESET}), warnings)
        media, missing = _media_in(data.get("media"), path.absolute().parent, warnings)
        cues, extras = _adopt_legacy_cue_fields(
            _cues_in(data.get("cues", [])), _expect(data.get("extras", {}), dict, "extras")
        )
        document = Document(
            cues=cues,
            transcript=_transcript_in(data.get("transcript")),
            media=media,
            preset=preset,
            preset_limits=limits,
            extras=extras,
        )
    except _Damaged as exc:
        raise ProjectError(f"'{path.name}' is damaged: {exc}") from None
    header = {k: v for k, v in data.items() if k not in _DOCUMENT_KEYS}
    return ProjectLoad(document, missing, warnings, header)


def load_project(path: str | Path) -> Document:
    """The document of a project file (see ``open_project`` for media status and warnings)."""
    return open_project(path).document


# ---------------------------------------------------------------------------------------------
# Autosave and recovery
#
# Each running editor window is a recovery *session*: an id ("<pid>-<random>") and a lock file
# ``recovery/<id>.lock`` that it holds while it runs. Recovery files are named after the document
# and the session, so two editors never write the same file. A recovery file is offered, set aside
# or removed only once its session is over: its lock can be taken (the system frees a lock when its
# process dies, even killed) or, with no lock file left, its pid is gone. A declined recovery is
# moved to ``recovery/discarded/<date>/`` and kept there for DISCARDED_DAYS days.

DISCARDED_DAYS = 7
STALE_TEMPORARY_S = 3600
"""A temporary file this old in the recovery folder was left by a write that never finished."""
_LOCK_SUFFIX = ".lock"


def recovery_dir() -> Path:
    """Where autosaved recovery files live: the user data folder's ``recovery``."""
    return user_data_dir() / "recovery"


def discarded_dir() -> Path:
    """Where declined recovery files wait, in one folder per day, before they are purged."""
    return recovery_dir() / "discarded"


def _lock_path(instance: str) -> Path:
    return recovery_dir() / f"{instance}{_LOCK_SUFFIX}"


def _try_lock(fd: int) -> bool | None:
    """Take an exclusive lock on an open file without waiting: True, False when another holder has
    it, None when this file system cannot lock."""
    try:
        if os.name == "nt":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK):
            return False
        return None
    return True


def _pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine."""
    if os.name == "nt":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


class _Lock:
    """A lock file held open (and locked) by this process."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def take(cls, path: Path) -> "_Lock | None":
        """Lock an existing or new lock file; None when someone else holds it."""
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise ProjectError(f"cannot lock '{path}': {exc.strerror or exc}") from None
        if _try_lock(fd) is False or not _same_file(fd, path):
            os.close(fd)  # held, or deleted by its previous holder while we were opening it
            return None
        return cls(path, fd)

    def release(self, delete: bool) -> None:
        """Unlock; ``delete`` also removes the lock file (closed first: Windows cannot delete it open)."""
        if self._fd is None:
            return
        os.close(self._fd)
        self._fd = None
        if delete:
            try:
                self.path.unlink()
            except OSError:
                pass  # a leftover lock file is only a name: it is free, so it protects nothing


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


def _session_alive(instance: str, pid: int | None) -> bool:
    """Whether the editor session that wrote a recovery file still runs (lock first, then pid)."""
    try:
        fd = os.open(_lock_path(instance), os.O_RDWR)
    except FileNotFoundError:
        return pid is not None and _pid_alive(pid)
    except OSError:
        return True  # cannot tell: never risk someone else's live work
    try:
        locked = _try_lock(fd)
    finally:
        os.close(fd)  # closing drops the lock we may just have taken
    if locked is None:
        return pid is not None and _pid_alive(pid)
    return not locked


@dataclass(frozen=True, slots=True)
class Recovery:
    """An autosaved document left by an editor that is no longer running."""

    path: Path
    source: Path | None
    """The project or media file it was autosaved for; None for an untitled document."""
    saved_at: float
    """Seconds since the epoch."""
    cue_count: int
    instance: str = ""
    """The editor session that wrote it."""
    pid: int | None = None

    def load(self) -> ProjectLoad:
        """Read the recovered document."""
        return open_project(self.path)


class RecoverySession:
    """One running editor's recovery files: an id, and a lock held until ``end``."""

    def __init__(self, instance: str, lock: _Lock) -> None:
        self.instance = instance
        self._lock = lock

    @classmethod
    def start(cls) -> "RecoverySession":
        """A new session, its lock taken (ProjectError when the recovery folder cannot be written)."""
        instance = f"{os.getpid()}-{secrets.token_hex(4)}"
        folder = recovery_dir()
        target = _lock_path(instance)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if os.name == "nt":
                lock = _Lock.take(target)
            else:
                # Locked before it gets its name: no other editor can ever see this lock file free.
                fd, temp = tempfile.mkstemp(prefix=".", suffix=_LOCK_SUFFIX, dir=folder)
                _try_lock(fd)
                os.replace(temp, target)
                lock = _Lock(target, fd)
        except OSError as exc:
            raise ProjectError(f"cannot write recovery files in '{folder}': {exc.strerror or exc}") from None
        if lock is None:
            raise ProjectError(f"cannot lock '{target}'")
        return cls(instance, lock)

    def path_for(self, source: str | Path | None) -> Path:
        """This session's recovery file for a project or media path (``None``: an untitled document)."""
        if source is None:
            return recovery_dir() / f"untitled.{self.instance}{EXTENSION}"
        absolute = Path(source).absolute()
        key = hashlib.sha256(str(absolute).encode("utf-8", "surrogateescape")).hexdigest()[:12]
        stem = re.sub(r"[^\w.-]+", "_", absolute.stem)[:40] or "untitled"
        return recovery_dir() / f"{stem}-{key}.{self.instance}{EXTENSION}"

    def write(self, document: Document, source: str | Path | None = None) -> Path:
        """Autosave the document for ``source`` (its project or media path); returns the recovery file."""
        target = self.path_for(source)
        header = {
            "recovery": {
                "source": str(Path(source).absolute()) if source is not None else None,
                "saved_at": time.time(),
                "instance": self.instance,
                "pid": os.getpid(),
            }
        }
        # No project folder: the media path is stored absolute, the recovery folder is meaningless to it.
        _write_atomic(target, encode_project(document, None, **header), backup=False)
        return target

    def discard(self, source: str | Path | None) -> None:
        """Delete this session's recovery file for ``source`` (its work was saved or thrown away)."""
        _unlink(self.path_for(source))

    def end(self, keep_lock_file: bool = False) -> None:
        """Release the lock; keep its file when this session leaves a recovery file behind."""
        self._lock.release(delete=not keep_lock_file)


class RecoveryClaim:
    """A finished session's lock, held while its recovery is restored or set aside."""

    def __init__(self, recovery: Recovery, lock: _Lock) -> None:
        self.recovery = recovery
        self._lock = lock

    @classmethod
    def take(cls, recovery: Recovery) -> "RecoveryClaim | None":
        """Claim a recovery; None while the editor that wrote it (or another claiming it) runs."""
        path = _lock_path(recovery.instance)
        if not path.exists() and recovery.pid is not None and _pid_alive(recovery.pid):
            return None
        lock = _Lock.take(path)
        return cls(recovery, lock) if lock is not None else None

    def set_aside(self, today: date | None = None) -> Path:
        """Move the declined recovery to ``discarded/<today>/`` (kept DISCARDED_DAYS days); release the claim."""
        today = today or date.today()
        folder = discarded_dir() / today.isoformat()
        target = folder / self.recovery.path.name
        try:
            folder.mkdir(parents=True, exist_ok=True)
            n = 1
            while target.exists():
                n += 1
                target = folder / f"{self.recovery.path.stem}.{n}{EXTENSION}"
            os.replace(self.recovery.path, target)
        except OSError as exc:
            self.release()
            raise ProjectError(f"cannot set aside the recovery file '{self.recovery.path}': {exc.strerror or exc}") from None
        self.release()
        purge_discarded(today)
        return target

    def remove(self) -> None:
        """Delete the claimed recovery file (its work now lives in another session's file); release the claim."""
        try:
            _unlink(self.recovery.path)
        finally:
            self.release()

    def release(self) -> None:
        """Let go of the claim; the finished session's lock file goes once none of its recovery files is left."""
        left = self.recovery.path.exists() or any(recovery_dir().glob(f"*.{self.recovery.instance}{EXTENSION}"))
        self._lock.release(delete=not left)


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise ProjectError(f"cannot remove the recovery file '{path}': {exc.strerror or exc}") from None


def purge_discarded(today: date | None = None) -> None:
    """Delete the day folders of declined recoveries older than DISCARDED_DAYS days."""
    today = today or date.today()
    folder = discarded_dir()
    if not folder.is_dir():
        return
    for day in folder.iterdir():
        try:
            when = date.fromisoformat(day.name)
        except ValueError:
            continue  # not one of ours: leave it
        if (today - when).days > DISCARDED_DAYS and day.is_dir():
            shutil.rmtree(day, ignore_errors=True)


def _recovery_info(path: Path) -> Recovery | None:
    try:
        data = _parse(path, _read_bytes(path))
        info = data.get("recovery")
        info = info if isinstance(info, dict) else {}
        source, saved_at = info.get("source"), info.get("saved_at")
        instance, pid = info.get("instance"), info.get("pid")
        cues = data.get("cues")
        return Recovery(
            path,
            Path(source) if isinstance(source, str) else None,
            float(saved_at) if isinstance(saved_at, (int, float)) else path.stat().st_mtime,
            len(cues) if isinstance(cues, list) else 0,
            instance if isinstance(instance, str) and instance else path.stem,
            pid if isinstance(pid, int) and not isinstance(pid, bool) else None,
        )
    except (ProjectError, OSError):
        return None  # an unreadable recovery file cannot be offered; it is left for the user to inspect


def _sweep_stale_temporaries(folder: Path, older_than_s: float = STALE_TEMPORARY_S) -> None:
    """Delete the hidden temporary files of writes that a crash or a kill cut short (``.NAME.*.tmp``):
    a live write keeps one for well under a second, so an old one has no owner left."""
    cutoff = time.time() - older_than_s
    for temp in folder.glob(".*.tmp"):
        try:
            if temp.stat().st_mtime < cutoff:
                temp.unlink()
        except OSError:
            pass  # gone already, or not ours to delete


def find_recoveries() -> list[Recovery]:
    """Recovery files whose editor is no longer running, newest first (a live editor's are never listed)."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    _sweep_stale_temporaries(folder)
    found = [r for p in folder.glob(f"*{EXTENSION}") if (r := _recovery_info(p)) is not None]
    over = [r for r in found if not _session_alive(r.instance, r.pid)]
    return sorted(over, key=lambda r: r.saved_at, reverse=True)
