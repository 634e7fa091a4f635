"""Which files a batch takes, where their outputs go, what its settings mean, and its summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from subtitler.batch.inputs import find_inputs
from subtitler.batch.report import summary_table
from subtitler.batch.settings import BatchSettings
from subtitler.batch.work import FileResult
from subtitler.core.errors import SubtitlerError
from subtitler.core.word_export import WordExport


def test_folders_are_searched_at_any_depth_by_media_extension(library: Path) -> None:
    items = find_inputs([library])
    assert sorted(i.name.as_posix() for i in items) == [
        "intro", "outro", "season2/broken", "season2/ep1", "season2/ep2", "season2/ep3",
    ]  # fmt: skip
    assert all(i.source.is_absolute() and i.source.is_file() for i in items)
    # A file given by itself, and again inside its folder, runs once under its folder's name.
    again = find_inputs([library / "intro.mp4", library / "season2"])
    assert sorted(i.name.as_posix() for i in again) == ["broken", "ep1", "ep2", "ep3", "intro"]


def test_inputs_that_cannot_be_done_are_refused_before_any_work(library: Path, tmp_path: Path) -> None:
    with pytest.raises(SubtitlerError, match="does not exist"):
        find_inputs([tmp_path / "missing.mp4"])
    other = tmp_path / "other"
    other.mkdir()
    (other / "intro.mp4").write_bytes(b"x")
    with pytest.raises(SubtitlerError, match="same outputs"):
        find_inputs([library / "intro.mp4", other / "intro.mp4"])


def test_settings_fingerprint_follows_what_shapes_the_outputs() -> None:
    base = BatchSettings(model="tiny.en")
    assert base.fingerprint() == BatchSettings(model="tiny.en").fingerprint()
    changed = [
        BatchSettings(model="base"), BatchSettings(model="tiny.en", preset="bbc"),
        BatchSettings(model="tiny.en", formats=(".srt", ".vtt")), BatchSettings(model="tiny.en", project=True),
        BatchSettings(model="tiny.en", limits=(("max_cps", 15.0),)), BatchSettings(model="tiny.en", language="en"),
        BatchSettings(model="tiny.en", formats=(".srt",), words=WordExport("per-word", 2)),
    ]  # fmt: skip
    assert len({s.fingerprint() for s in changed} | {base.fingerprint()}) == len(changed) + 1
    assert [p.name for p in BatchSettings(formats=(".srt", ".json"), project=True).outputs(Path("out/season2/ep1"))] == [
        "ep1.srt", "ep1.json", "ep1.subtitler",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"formats": (".docx",)}, "unknown output format"),
        ({"formats": (".srt",), "words": WordExport("karaoke")}, "karaoke writes .ass"),
        ({"formats": ()}, "nothing to write"),
        ({"preset": "cinema"}, "unknown preset"),
        ({"limits": (("max_wpm", 3),)}, "unknown preset limit"),
    ],
)
def test_bad_settings_are_refused(values: dict, message: str) -> None:
    with pytest.raises(SubtitlerError, match=message):
        BatchSettings(**values)


def test_summary_table_has_a_row_per_file_and_totals() -> None:
    results = [
        FileResult("/m/a.mp4", "a", "done", ("/o/a.srt",), 65_000, 120, 14, 7.5, "en"),
        FileResult("/m/b.mp4", "season/b", "skipped", ("/o/season/b.srt",), 30_000, 50, 6, 3.0, "en"),
        FileResult("/m/c.mp4", "c", "failed", message="c.mp4 is not a video"),
    ]
    lines = summary_table(results).splitlines()
    assert lines[0].split() == ["file", "duration", "words", "cues", "time", "status"]
    assert lines[2].split() == ["a", "1:05", "120", "14", "8", "s", "done"]
    assert lines[3].split() == ["season/b", "30", "s", "50", "6", "3", "s", "skipped"]
    assert lines[4].split()[:5] == ["c", "-", "-", "-", "0"] and lines[4].endswith("failed: c.mp4 is not a video")
    assert lines[-1] == "3 files: 1 done, 1 skipped, 1 failed; 1:35 of media, 170 words, 20 cues; 8 s of work"
