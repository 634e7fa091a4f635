"""Looking after the installed models: their languages and checksum state, verifying, removing, and
the CTranslate2 models other programs left in the Hugging Face cache. No Qt: the Models dialog and
the CLI can both use it.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import ModelError
from ..paths import user_cache_dir, user_data_dir
from .hf_cache import hub_cache_dir
from .models import ModelInfo, _entries, _stamp_matches, _write_stamp, list_models, sha256_file

__all__ = [
    "CachedRepo",
    "VERIFIED",
    "NOT_CHECKED",
    "NO_CHECKSUM",
    "DAMAGED",
    "MISSING",
    "checksum_state",
    "hub_cache_models",
    "languages_of",
    "removable",
    "remove_model",
    "verify_model",
]

VERIFIED, NOT_CHECKED, NO_CHECKSUM, DAMAGED, MISSING = "verified", "not checked", "no checksum", "damaged", "missing"


@dataclass(frozen=True, slots=True)
class CachedRepo:
    """A CTranslate2 Whisper model in the Hugging Face cache: its repository id and snapshot folder."""

    repo_id: str
    folder: Path

    @property
    def name(self) -> str:
        """The name it gets when added: the repository's name without "faster-whisper-"."""
        return self.repo_id.rsplit("/", 1)[-1].removeprefix("faster-whisper-").removeprefix("faster-")


def languages_of(info: ModelInfo) -> str:
    """"en" for an English-only model, "multilingual" otherwise (from the manifest, else the name)."""
    entry = _entries().get(info.name) or {}
    return str(entry.get("languages") or ("en" if info.name.endswith(".en") else "multilingual"))


def _model_bin(info: ModelInfo) -> Path | None:
    return info.location / "model.bin" if info.location is not None else None


def checksum_state(info: ModelInfo) -> str:
    """Whether the model's weights were checked against the manifest's checksum (without hashing now)."""
    if not info.installed:
        return MISSING
    sha = (_entries().get(info.name) or {}).get("sha256")
    if not sha:
        return NO_CHECKSUM
    model_bin = _model_bin(info)
    if model_bin is None or not model_bin.is_file():
        return NOT_CHECKED  # assembled on first use, checked then
    return VERIFIED if _stamp_matches(info.name, model_bin, sha) else NOT_CHECKED


def verify_model(info: ModelInfo) -> str:
    """Hash the weights now: VERIFIED or DAMAGED against the manifest; NO_CHECKSUM (but complete) or MISSING otherwise."""
    model_bin = _model_bin(info)
    if model_bin is None or not model_bin.is_file():
        return MISSING
    if not (model_bin.parent / "config.json").is_file():
        return DAMAGED
    sha = (_entries().get(info.name) or {}).get("sha256")
    if not sha:
        return NO_CHECKSUM
    if sha256_file(model_bin) != sha:
        return DAMAGED
    _write_stamp(info.name, model_bin, sha)
    return VERIFIED


def removable(info: ModelInfo) -> bool:
    """Models this app put in the user's folders can go; packaged and shared (Hugging Face) ones cannot."""
    if info.location is None or not info.location.is_dir():
        return False
    mine = (user_data_dir() / "models", user_cache_dir() / "models")
    return any(info.location.resolve().parent == folder.resolve() for folder in mine)


def remove_model(info: ModelInfo) -> None:
    """Delete the model's folder (ModelError when it is not one this app may remove)."""
    if not removable(info):
        raise ModelError(f"{info.name} is not in Subtitler's own model folders, so it cannot be removed here.")
    try:
        shutil.rmtree(info.location)  # type: ignore[arg-type]
    except OSError as exc:
        raise ModelError(f"Could not remove {info.location}: {exc.strerror or exc}") from exc


def hub_cache_models() -> list[CachedRepo]:
    """CTranslate2 Whisper models in the Hugging Face cache that the model list does not show yet."""
    root = hub_cache_dir()
    if not root.is_dir():
        return []
    installed = [info for info in list_models() if info.installed]
    shown = {info.location.resolve() for info in installed if info.location is not None}
    names = {info.name for info in installed}
    found = []
    for repo in sorted(root.glob("models--*")):
        snapshots = [s for s in (repo / "snapshots").glob("*") if (s / "model.bin").is_file()]
        if not snapshots:
            continue
        cached = CachedRepo(repo.name.removeprefix("models--").replace("--", "/"), max(snapshots, key=lambda s: s.stat().st_mtime))
        if cached.folder.resolve() not in shown and cached.name not in names:  # not listed, nor added under its name
            found.append(cached)
    return found
