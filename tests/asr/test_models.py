"""Model store: resolution order, clear errors, assembly of base and its checksum rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from subtitler.asr import models
from subtitler.core.errors import ModelError


def _fake_model(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "model.bin").write_bytes(b"weights")
    return folder


def test_explicit_path_wins(tmp_path: Path) -> None:
    folder = _fake_model(tmp_path / "mine")
    assert models.resolve_model(str(folder)) == folder
    assert models.resolve_model(str(folder / "model.bin")) == folder


def test_path_without_model_bin_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no model.bin"):
        models.resolve_model(str(tmp_path))


def test_user_folder_comes_before_the_bundled_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    bundled = models.resolve_model("tiny.en")
    assert (bundled / "model.bin").stat().st_size == 75537502
    local = _fake_model(tmp_path / "subtitler" / "models" / "tiny.en")
    assert models.resolve_model("tiny.en") == local
    listed = {m.name: m for m in models.list_models()}
    assert listed["tiny.en"].source == "folder" and listed["tiny.en"].location == local


def test_unknown_model_says_what_exists_and_how_to_add_one() -> None:
    with pytest.raises(ModelError) as err:
        models.resolve_model("enormous")
    message = str(err.value)
    assert "Unknown model 'enormous'" in message
    assert "tiny.en" in message and "base" in message and "models pull" in message and "model.bin" in message


def test_hub_model_not_pulled_points_to_pull() -> None:
    with pytest.raises(ModelError, match="subtitler models pull small"):
        models.resolve_model("small")


def test_list_shows_bundled_models_installed_with_sizes() -> None:
    listed = {m.name: m for m in models.list_models()}
    assert listed["tiny.en"].installed and listed["tiny.en"].size == 75537502
    assert listed["base"].size == 145217532
    assert not listed["large-v3"].installed and listed["large-v3"].source == "hub"


def test_base_is_assembled_verified_and_rebuilt_when_damaged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = models.resolve_model("base")
    assert folder == tmp_path / "subtitler" / "models" / "base"
    assert {p.name for p in folder.iterdir()} == {"model.bin", "config.json", "tokenizer.json", "vocabulary.txt"}
    expected = models.manifest()["models"][1]["sha256"]
    assert models.sha256_file(folder / "model.bin") == expected

    with open(folder / "model.bin", "r+b") as fh:  # same size, one byte changed
        fh.seek(1000)
        fh.write(b"\x00" if fh.read(1) != b"\x00" else b"\x01")
    assert models.resolve_model("base") == folder
    assert models.sha256_file(folder / "model.bin") == expected
    assert not list(folder.glob("*.tmp"))


def test_prepare_is_quick_when_done(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = models.prepare_models()
    assert [p.name for p in first] == ["model", "base"]

    def no_hashing(path: Path) -> str:
        raise AssertionError(f"{path} was hashed again although unchanged")

    monkeypatch.setattr(models, "sha256_file", no_hashing)
    assert models.prepare_models() == first


def test_missing_part_gives_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    entry = dict(models.manifest()["models"][1])
    entry["source"] = {"parts": [{"package": "no_such_model_package", "file": "data/x"}], "files": []}
    with pytest.raises(ModelError, match="no-such-model-package"):
        models._assembled("base", entry)
    shutil.rmtree(tmp_path / "subtitler", ignore_errors=True)
