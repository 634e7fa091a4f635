"""Recovery files: one per document and editor session, offered only once their editor is gone,
claimed before they are restored or set aside, and set aside (never deleted) when declined."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from subtitler.core.model import Cue, Document
from subtitler.core.project import (
    DISCARDED_DAYS,
    STALE_TEMPORARY_S,
    Recovery,
    RecoveryClaim,
    RecoverySession,
    discarded_dir,
    find_recoveries,
    recovery_dir,
)

_LIVE_EDITOR = """
import sys
from subtitler.core.model import Cue, Document
from subtitler.core.project import RecoverySession

session = RecoverySession.start()
path = session.write(Document([Cue.create(0, 500, "Live work.")]), None)
print(path, session.instance, flush=True)
sys.stdin.read()  # runs until the test kills it
"""


def _draft(*texts: str) -> Document:
    return Document([Cue.create(i * 1000, i * 1000 + 500, text) for i, text in enumerate(texts)])


def test_recovery_write_find_load_and_discard(tmp_path: Path) -> None:
    project = tmp_path / "film.subtitler"
    session = RecoverySession.start()
    written = session.write(_draft("One.", "Two."), project)
    assert written == session.path_for(project) and written.parent == recovery_dir()
    assert session.path_for(None) != written and session.path_for(tmp_path / "film.mp4") != written
    untitled = session.write(_draft("Draft."))
    assert find_recoveries() == []  # its editor runs: nothing to offer
    session.end(keep_lock_file=True)  # what a kill leaves: the files, and a lock nobody holds
    found = find_recoveries()
    assert [r.path for r in found] == [untitled, written]  # newest first
    assert found[1].source == project and found[1].cue_count == 2 and found[0].source is None
    assert found[1].pid == os.getpid() and found[1].instance == session.instance
    assert [c.text for c in found[1].load().document.cues] == ["One.", "Two."]
    assert not project.exists()  # autosave never touches the project itself
    for recovery in found:
        claim = RecoveryClaim.take(recovery)
        assert claim is not None
        claim.remove()
    assert find_recoveries() == [] and list(recovery_dir().iterdir()) == []  # lock file gone with them


def test_recovery_overwrites_in_place_and_skips_damaged_files(tmp_path: Path) -> None:
    source = tmp_path / "clip.mp4"
    session = RecoverySession.start()
    session.write(_draft("one"), source)
    session.write(_draft("one", "two"), source)
    (recovery_dir() / "broken.subtitler").write_text("{", "utf-8")
    session.end(keep_lock_file=True)
    (found,) = find_recoveries()
    assert found.cue_count == 2 and found.source == source
    assert sorted(p.name for p in recovery_dir().glob("*.subtitler")) == sorted(
        ["broken.subtitler", session.path_for(source).name]
    )


def test_two_editors_never_share_a_recovery_file(tmp_path: Path) -> None:
    first, second = RecoverySession.start(), RecoverySession.start()
    source = tmp_path / "film.subtitler"
    assert first.write(_draft("mine"), source) != second.write(_draft("theirs"), source)
    first.discard(source)
    assert second.path_for(source).is_file()
    first.end()
    second.end()


def test_a_running_editor_process_keeps_its_recovery_until_it_dies() -> None:
    editor = subprocess.Popen([sys.executable, "-c", _LIVE_EDITOR], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        path_text, instance = editor.stdout.readline().split()
        path = Path(path_text)
        live = Recovery(path, None, 0.0, 1, instance, editor.pid)
        assert find_recoveries() == []
        assert RecoveryClaim.take(live) is None  # cannot be set aside or removed either
        assert path.is_file()
    finally:
        editor.send_signal(signal.SIGKILL)
        editor.wait(10)
    (found,) = find_recoveries()  # the system freed its lock: now it is left-over work
    assert found.path == path and found.pid == editor.pid
    assert [c.text for c in found.load().document.cues] == ["Live work."]


def test_a_recovery_is_claimed_by_one_editor_at_a_time() -> None:
    session = RecoverySession.start()
    session.write(_draft("Draft."))
    session.end(keep_lock_file=True)
    (found,) = find_recoveries()
    claim = RecoveryClaim.take(found)
    assert claim is not None
    assert RecoveryClaim.take(found) is None
    assert find_recoveries() == []  # while it is being asked about elsewhere, nobody else offers it
    claim.release()
    assert find_recoveries() == [found]


def test_a_declined_recovery_is_set_aside_for_a_week_then_purged() -> None:
    today = date(2024, 5, 20)
    old = discarded_dir() / (today - timedelta(days=DISCARDED_DAYS + 1)).isoformat()
    recent = discarded_dir() / (today - timedelta(days=DISCARDED_DAYS)).isoformat()
    for folder in (old, recent):
        folder.mkdir(parents=True)
        (folder / "earlier.subtitler").write_text("{}", "utf-8")
    session = RecoverySession.start()
    session.write(_draft("Declined but kept."))
    session.end(keep_lock_file=True)
    (found,) = find_recoveries()
    claim = RecoveryClaim.take(found)
    assert claim is not None
    kept = claim.set_aside(today)
    assert kept.parent == discarded_dir() / "2024-05-20" and not found.path.exists()
    assert [c.text for c in Recovery(kept, None, 0.0, 1).load().document.cues] == ["Declined but kept."]
    assert not old.exists() and recent.is_dir()
    assert find_recoveries() == []
    assert not any(p.suffix == ".lock" for p in recovery_dir().iterdir())


def test_a_file_from_before_sessions_is_still_offered() -> None:
    session = RecoverySession.start()
    path = session.write(_draft("Old style."))
    session.end()  # no lock file, and this file's header names no editor: nothing to wait for
    text = path.read_text("utf-8").replace(f'"instance":"{session.instance}","pid":{os.getpid()}', '"x":0')
    path.write_text(text, "utf-8")
    (found,) = find_recoveries()
    assert found.pid is None and found.path == path


def test_temporaries_left_by_killed_writes_are_swept() -> None:
    """A save killed mid-write leaves its hidden ``.NAME.*.tmp`` in the recovery folder: the next
    look for recoveries deletes old ones and leaves a write in progress alone."""
    folder = recovery_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stale = folder / ".draft.subtitler.abc123.tmp"
    fresh = folder / ".draft.subtitler.def456.tmp"
    stale.write_bytes(b"{\"half")
    fresh.write_bytes(b"{\"half")
    old = time.time() - STALE_TEMPORARY_S - 60
    os.utime(stale, (old, old))
    find_recoveries()
    assert not stale.exists()
    assert fresh.exists()
