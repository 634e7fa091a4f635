"""Larger models from where users have them: the Hugging Face cache and local folders (fake folder
layouts: the behaviour under test is the lookup and the copy, not the model)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from subtitler.asr import models
from subtitler.asr.hf_cache import hub_cache_dir
from subtitler.cli import main
from subtitler.core.errors import ModelError


def hub_snapshot(cache: Path, repo_id: str, commit: str, main_ref: bool = True) -> Path:
    """A snapshot laid out as huggingface_hub leaves it: files linked into blobs/, refs/main naming the commit."""
    repo = cache / f"models--{repo_id.replace('/', '--')}"
    blobs, snapshot = repo / "blobs", repo / "snapshots" / commit
    blobs.mkdir(parents=True, exist_ok=True)
    snapshot.mkdir(parents=True)
    for name, data in (("model.bin", b"weights " + commit.encode()), ("config.json", b"{}"), ("tokenizer.json", b"{}")):
        blob = blobs / f"{commit}-{name}"
        blob.write_bytes(data)
        (snapshot / name).symlink_to(os.path.relpath(blob, snapshot))
    if main_ref:
        (repo / "refs").mkdir(exist_ok=True)
        (repo / "refs" / "main").write_text(commit)
    return snapshot


def model_folder(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in ("model.bin", "config.json", "vocabulary.txt"):
        (folder / name).write_bytes(name.encode())
    return folder


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "hf" / "hub"
    monkeypatch.delenv("HUGGINGFACE_HUB_CACHE", raising=False)
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    return cache


def test_the_hub_cache_is_found_by_huggingface_hubs_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "HF_HOME"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert hub_cache_dir() == tmp_path / "xdg" / "huggingface" / "hub"
    monkeypatch.setenv("HF_HOME", str(tmp_path / "home"))
    assert hub_cache_dir() == tmp_path / "home" / "hub"
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    assert hub_cache_dir() == tmp_path / "hub"


def test_a_model_in_the_hub_cache_resolves_and_is_listed_installed(hub: Path) -> None:
    snapshot = hub_snapshot(hub, "Systran/faster-whisper-small", "abc123")
    assert models.resolve_model("small") == snapshot
    assert models.resolve_model("Systran/faster-whisper-small") == snapshot
    listed = {m.name: m for m in models.list_models()}
    assert listed["small"].installed and listed["small"].source == "hf-cache" and listed["small"].location == snapshot
    assert not listed["medium"].installed and listed["medium"].source == "hub"


def test_refs_main_picks_the_snapshot_else_the_newest_complete_one(hub: Path) -> None:
    old = hub_snapshot(hub, "Systran/faster-distil-whisper-large-v3", "old", main_ref=False)
    new = hub_snapshot(hub, "Systran/faster-distil-whisper-large-v3", "new", main_ref=False)
    os.utime(old, (1, 1))
    assert models.resolve_model("distil-large-v3") == new
    (hub / "models--Systran--faster-distil-whisper-large-v3" / "refs").mkdir()
    (hub / "models--Systran--faster-distil-whisper-large-v3" / "refs" / "main").write_text("old")
    assert models.resolve_model("distil-large-v3") == old


def test_pull_finds_the_hub_cache_without_downloading(hub: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import faster_whisper

    def no_network(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("pull downloaded a model the cache holds")

    monkeypatch.setattr(faster_whisper, "download_model", no_network)
    snapshot = hub_snapshot(hub, "Systran/faster-whisper-medium", "c0ffee")
    said: list[str] = []
    assert models.pull_model("medium", said.append) == snapshot and "Hugging Face cache" in said[0]


def test_pull_from_a_folder_copies_the_model_in_under_its_name(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    source = model_folder(tmp_path / "downloads" / "faster-whisper-small")
    assert main(["models", "pull", "small", "--from", str(source)]) == 0
    target = models.user_data_dir() / "models" / "small"
    assert f"ready: {target}" in capsys.readouterr().out
    assert sorted(p.name for p in target.iterdir()) == ["config.json", "model.bin", "vocabulary.txt"]
    assert models.resolve_model("small") == target
    assert main(["models", "pull", "small", "--from", str(source)]) == 2  # never replaced by surprise
    assert "already exists" in capsys.readouterr().err


def test_pull_copies_the_files_a_hub_snapshot_links_to(hub: Path) -> None:
    snapshot = hub_snapshot(hub, "Systran/faster-whisper-large-v3", "f00d")
    target = models.pull_model("large-v3-copy", source=snapshot)
    assert not (target / "model.bin").is_symlink() and (target / "model.bin").read_bytes() == b"weights f00d"


def test_pull_from_a_folder_that_is_no_model_says_what_is_missing(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"x")
    with pytest.raises(ModelError, match="no config.json, tokenizer.json or vocabulary.txt or vocabulary.json"):
        models.pull_model("small", source=folder)
    assert not (models.user_data_dir() / "models" / "small").exists()


def test_a_model_not_there_tells_how_to_bring_it(hub: Path) -> None:
    with pytest.raises(ModelError, match=r"models pull small --from FOLDER"):
        models.resolve_model("small")
