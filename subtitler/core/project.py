"""Project files (``.subtitler``): versioned JSON holding everything needed to resume work.

The file keeps the media reference (relative to the project when possible, with a fingerprint to
recognise the file), the raw transcript, the cues with their words, the preset with any adjusted
limits, and the document's format extras. Words are stored as compact lists
``[start, end, text, probability]`` (plus a list of flags when there are any) so a two-hour
transcript stays a few megabytes; probabilities keep three decimals.

Saving is atomic (temporary file in the same folder, fsync, rename) and keeps the previous version
as ``NAME.subtitler.bak``. Loading refuses a damaged or newer file with a ``ProjectError`` and never
writes to it. Autosave uses the same encoding, into recovery files in the user data folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from ..paths import user_data_dir
from .errors import ProjectError
from .model import Cue, Document, MediaRef, Segment, Transcript, Word
from .presets import DEFAULT_PRESET, PRESETS, Preset

__all__ = [
    "EXTENSION",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "ProjectLoad",
    "Recovery",
    "backup_path_for",
    "discard_recovery",
    "encode_project",
    "find_recoveries",
    "load_project",
    "media_fingerprint",
    "open_project",
    "recovery_dir",
    "recovery_path_for",
    "save_project",
    "write_recovery",
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
        "cues": [
            {
                "id": c.id,
                "start": c.start,
                "end": c.end,
                "text": c.text,
                "style": c.style,
                "words": [_word_out(w) for w in c.words],
            }
            for c in document.cues
        ],
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
            )
        )
    return cues


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
        document = Document(
            cues=_cues_in(data.get("cues", [])),
            transcript=_transcript_in(data.get("transcript")),
            media=media,
            preset=preset,
            preset_limits=limits,
            extras=_expect(data.get("extras", {}), dict, "extras"),
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


def recovery_dir() -> Path:
    """Where autosaved recovery files live: the user data folder's ``recovery``."""
    return user_data_dir() / "recovery"


def recovery_path_for(source: str | Path | None) -> Path:
    """The recovery file for a project or media path (``None``: an untitled document)."""
    if source is None:
        return recovery_dir() / f"untitled{EXTENSION}"
    absolute = Path(source).absolute()
    key = hashlib.sha256(str(absolute).encode("utf-8", "surrogateescape")).hexdigest()[:12]
    stem = re.sub(r"[^\w.-]+", "_", absolute.stem)[:40] or "untitled"
    return recovery_dir() / f"{stem}-{key}{EXTENSION}"


@dataclass(frozen=True, slots=True)
class Recovery:
    """An autosaved document found at start-up: where it is, what it belongs to, when it was saved."""

    path: Path
    source: Path | None
    """The project or media file it was autosaved for; None for an untitled document."""
    saved_at: float
    """Seconds since the epoch."""
    cue_count: int

    def load(self) -> ProjectLoad:
        """Read the recovered document."""
        return open_project(self.path)


def write_recovery(document: Document, source: str | Path | None = None) -> Path:
    """Autosave the document for ``source`` (its project or media path); returns the recovery file."""
    target = recovery_path_for(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    header = {
        "recovery": {
            "source": str(Path(source).absolute()) if source is not None else None,
            "saved_at": time.time(),
        }
    }
    # No project folder: the media path is stored absolute, the recovery folder is meaningless to it.
    _write_atomic(target, encode_project(document, None, **header), backup=False)
    return target


def _recovery_info(path: Path) -> Recovery | None:
    try:
        data = _parse(path, _read_bytes(path))
        info = data.get("recovery")
        source = info.get("source") if isinstance(info, dict) else None
        saved_at = info.get("saved_at") if isinstance(info, dict) else None
        cues = data.get("cues")
        return Recovery(
            path,
            Path(source) if isinstance(source, str) else None,
            float(saved_at) if isinstance(saved_at, (int, float)) else path.stat().st_mtime,
            len(cues) if isinstance(cues, list) else 0,
        )
    except (ProjectError, OSError):
        return None  # an unreadable recovery file cannot be offered; it is left for the user to inspect


def find_recoveries() -> list[Recovery]:
    """Recovery files left by a session that did not close cleanly, newest first."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    found = [r for p in folder.glob(f"*{EXTENSION}") if (r := _recovery_info(p)) is not None]
    return sorted(found, key=lambda r: r.saved_at, reverse=True)


def discard_recovery(target: Recovery | str | Path | None) -> None:
    """Delete a recovery file: a found ``Recovery``, or the one for a project/media path (None: untitled)."""
    path = target.path if isinstance(target, Recovery) else recovery_path_for(target)
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise ProjectError(f"cannot remove the recovery file '{path}': {exc.strerror or exc}") from None
