"""Project files: full round trip, atomic save with backup, refusal of damaged or newer files,
and media resolution (recovery files: test_recovery.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from subtitler.core.errors import ProjectError
from subtitler.core.model import FLAG_HALLUCINATION, Cue, Document, MediaRef, Segment, Transcript, Word
from subtitler.core.project import (
    FORMAT_VERSION,
    backup_path_for,
    load_project,
    media_fingerprint,
    open_project,
    save_project,
)


def _media(folder: Path, name: str = "video.mp4", size: int = 3 * 1024 * 1024 + 17) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(os.urandom(size))
    return path


def _document(media: Path | None = None) -> Document:
    words = (
        Word(1000, 1400, "Bonjour", 0.987),
        Word(1450, 1900, "à", 0.42, (FLAG_HALLUCINATION,)),
        Word(1950, 2500, "tous !", 1.0),
    )
    transcript = Transcript(
        language="fr",
        segments=(Segment(1000, 2500, "Bonjour à tous !", words), Segment(3000, 3500, "Fin.", ())),
        model="base",
        duration=20_000,
    )
    cues = [
        Cue.create(1000, 2500, "<i>Bonjour</i> à\ntous\u00a0!", words),
        Cue.create(3000, 3500, "{\\an8}Fin.", style="Top"),
    ]
    return Document(
        cues=cues,
        transcript=transcript,
        media=MediaRef(str(media), "", 20_000, 25.0) if media else None,
        preset="netflix-fr",
        preset_limits={"max_cps": 15.0, "max_chars_per_line": 38},
        extras={"ass": {"format": "ass", "styles": ["Style: Top,Arial"]}, "vtt": {"header": "WEBVTT"}},
    )


def _same(a: Document, b: Document) -> None:
    assert a.cues == b.cues
    assert a.transcript == b.transcript
    assert (a.preset, a.preset_limits, a.extras) == (b.preset, b.preset_limits, b.extras)


def test_round_trip_keeps_words_transcript_preset_and_extras(tmp_path: Path) -> None:
    doc = _document(_media(tmp_path / "media"))
    path = tmp_path / "work" / "film.subtitler"
    path.parent.mkdir()
    save_project(doc, path)
    loaded = open_project(path)
    _same(loaded.document, doc)
    assert loaded.document.cues[0].words[1].flags == (FLAG_HALLUCINATION,)
    assert not loaded.media_missing and loaded.warnings == []


def test_media_path_is_stored_relative_with_a_fingerprint(tmp_path: Path) -> None:
    media = _media(tmp_path / "media")
    path = tmp_path / "work" / "film.subtitler"
    path.parent.mkdir()
    save_project(_document(media), path)
    stored = json.loads(path.read_text("utf-8"))
    assert stored["format"] == "subtitler-project" and stored["version"] == FORMAT_VERSION
    assert stored["media"]["path"] == "../media/video.mp4"
    assert stored["media"]["fingerprint"] == media_fingerprint(media)
    assert (stored["media"]["duration"], stored["media"]["fps"]) == (20_000, 25.0)
    assert load_project(path).media == MediaRef(str(media), media_fingerprint(media), 20_000, 25.0)


def test_moving_project_and_media_together_keeps_the_link(tmp_path: Path) -> None:
    media = _media(tmp_path / "a")
    save_project(_document(media), tmp_path / "a" / "film.subtitler")
    (tmp_path / "a").rename(tmp_path / "b")
    loaded = open_project(tmp_path / "b" / "film.subtitler")
    assert loaded.document.media is not None
    assert loaded.document.media.path == str(tmp_path / "b" / "video.mp4")
    assert not loaded.media_missing and loaded.warnings == []


def test_moving_only_the_project_falls_back_to_the_absolute_path(tmp_path: Path) -> None:
    media = _media(tmp_path / "media")
    (tmp_path / "a").mkdir()
    save_project(_document(media), tmp_path / "a" / "film.subtitler")
    (tmp_path / "a" / "film.subtitler").rename(tmp_path / "film.subtitler")
    loaded = open_project(tmp_path / "film.subtitler")
    assert loaded.document.media is not None and loaded.document.media.path == str(media)
    assert not loaded.media_missing


def test_missing_media_is_reported_but_the_document_loads(tmp_path: Path) -> None:
    media = _media(tmp_path / "media")
    path = tmp_path / "film.subtitler"
    save_project(_document(media), path)
    media.unlink()
    loaded = open_project(path)
    assert loaded.media_missing
    assert loaded.warnings and "media not found" in loaded.warnings[0] and "video.mp4" in loaded.warnings[0]
    assert len(loaded.document.cues) == 2


def test_changed_media_is_noticed(tmp_path: Path) -> None:
    media = _media(tmp_path, size=1000)
    path = tmp_path / "film.subtitler"
    save_project(_document(media), path)
    media.write_bytes(b"different content")
    loaded = open_project(path)
    assert not loaded.media_missing
    assert loaded.warnings == ["media 'video.mp4' has changed since the project was saved"]


def test_fingerprint_reads_both_ends(tmp_path: Path) -> None:
    media = _media(tmp_path, size=5 * 1024 * 1024)
    before = media_fingerprint(media)
    with open(media, "r+b") as handle:
        handle.seek(5 * 1024 * 1024 - 10)
        handle.write(b"0123456789")
    assert media_fingerprint(media) != before
    assert before.startswith(f"{5 * 1024 * 1024}:")


def test_document_without_media_or_transcript(tmp_path: Path) -> None:
    doc = Document([Cue.create(0, 1000, "Only cues.")])
    save_project(doc, tmp_path / "p.subtitler")
    loaded = load_project(tmp_path / "p.subtitler")
    assert loaded.cues == doc.cues and loaded.media is None and loaded.transcript is None


def test_save_is_atomic_and_keeps_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "film.subtitler"
    first = Document([Cue.create(0, 1000, "First.")])
    save_project(first, path)
    assert not backup_path_for(path).exists()
    first_bytes = path.read_bytes()
    second = Document([Cue.create(0, 1000, "Second.")])
    save_project(second, path)
    assert backup_path_for(path).name == "film.subtitler.bak"
    assert backup_path_for(path).read_bytes() == first_bytes
    assert load_project(path).cues == second.cues
    assert sorted(p.name for p in tmp_path.iterdir()) == ["film.subtitler", "film.subtitler.bak"]


def test_failed_save_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "film.subtitler"
    save_project(Document([Cue.create(0, 1000, "Kept.")]), path)
    before = path.read_bytes()
    bad = Document([Cue.create(0, 1000, "x")], extras={"not json": object()})
    with pytest.raises(ProjectError, match="cannot be stored"):
        save_project(bad, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["film.subtitler"]


def test_save_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="cannot save"):
        save_project(Document(), tmp_path / "nope" / "p.subtitler")


def test_words_are_compact(tmp_path: Path) -> None:
    words = tuple(Word(i * 300, i * 300 + 250, f"word{i}", 0.8123456) for i in range(20_000))
    doc = Document(
        [Cue.create(0, 6_000_000, "long", words)],
        transcript=Transcript("en", (Segment(0, 6_000_000, "long", words),), "base"),
    )
    path = tmp_path / "big.subtitler"
    save_project(doc, path)
    # Two copies of 20,000 words (transcript + cues) stay around 1.3 MB: ~33 bytes a word.
    assert path.stat().st_size < 40 * 2 * 20_000
    assert load_project(path).cues[0].words[5] == Word(1500, 1750, "word5", 0.812)


VALID = {"format": "subtitler-project", "version": 1, "media": None, "preset": {"name": "bbc"}, "cues": []}


def _cue(**overrides: object) -> dict[str, object]:
    obj: dict[str, object] = {"id": "a1", "start": 0, "end": 1000, "text": "x", "words": []}
    obj.update(overrides)
    return obj


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "bad JSON"),
        (b'{"format": "subtitler-project", "version": 1, "cues": [', "bad JSON at line 1"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2, 3]", "not a Subtitler project"),
        (json.dumps({"format": "something-else", "version": 1}).encode(), "not a Subtitler project"),
        (json.dumps({**VALID, "version": "1"}).encode(), "version is missing or invalid"),
        (json.dumps({**VALID, "version": FORMAT_VERSION + 1}).encode(), "newer Subtitler"),
        (json.dumps({**VALID, "cues": {}}).encode(), "cues should be a list"),
        (json.dumps({**VALID, "cues": [_cue(start="0")]}).encode(), r"cues\[0\]\.start should be a whole number"),
        (json.dumps({**VALID, "cues": [_cue(end=True)]}).encode(), "not true/false"),
        (json.dumps({**VALID, "cues": [_cue(text=None)]}).encode(), r"cues\[0\]\.text should be text, not null"),
        (json.dumps({**VALID, "cues": [{"id": "a"}]}).encode(), r"cues\[0\]\.start is missing"),
        (json.dumps({**VALID, "cues": [_cue(), _cue()]}).encode(), "repeats an earlier cue's id"),
        (json.dumps({**VALID, "cues": [_cue(words=[[0, 1, "a"]])]}).encode(), r"words\[0\] should have 4 or 5"),
        (json.dumps({**VALID, "cues": [_cue(words=[[0, 1, "a", "high"]])]}).encode(), r"words\[0\]\[3\]"),
        (json.dumps({**VALID, "transcript": {"segments": [{"start": 0}]}}).encode(), r"segments\[0\]\.end"),
        (json.dumps({**VALID, "preset": {"name": "bbc", "limits": {"max_cps": "fast"}}}).encode(), "max_cps"),
        (json.dumps({**VALID, "extras": []}).encode(), "extras should be an object"),
        (b"[" * 100_000, "damaged"),
    ],
)
def test_damaged_or_newer_files_are_refused_and_left_untouched(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.subtitler"
    path.write_bytes(content)
    mtime = path.stat().st_mtime_ns
    with pytest.raises(ProjectError, match=message):
        load_project(path)
    assert path.read_bytes() == content and path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.subtitler"]


def test_missing_file_and_folder_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="not found"):
        load_project(tmp_path / "none.subtitler")
    with pytest.raises(ProjectError, match="is a folder"):
        load_project(tmp_path)


def test_unknown_preset_and_limits_load_with_warnings(tmp_path: Path) -> None:
    path = tmp_path / "p.subtitler"
    data = {**VALID, "preset": {"name": "kids-tv", "limits": {"max_lines": 3, "sparkle": 1}}}
    path.write_text(json.dumps(data), "utf-8")
    loaded = open_project(path)
    assert loaded.document.preset == "netflix-en" and loaded.document.preset_limits == {"max_lines": 3}
    assert len(loaded.warnings) == 2
