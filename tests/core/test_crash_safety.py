"""SIGKILL at random moments during project save and autosave: the project file and its recovery
always load afterwards, and hold either the state before the interrupted write or the one it wrote."""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from subtitler.core.errors import ProjectError
from subtitler.core.model import Cue, Document, Word
from subtitler.core.project import RecoverySession, backup_path_for, open_project, recovery_dir, save_project

RUNS = 200
"""Kills in all: half during project saves, half during autosaves."""
CUES = 800
"""About 250 KB of project: a write takes some 15 ms, so kills land in every step of it."""
LONGEST_DELAY_S = 0.06


def _body() -> list[Cue]:
    """Word-timed cues shared by every generation (built once: the child's loop should be mostly writing)."""
    cues = []
    for i in range(1, CUES):
        start = i * 2000
        words = [Word(start + 200 * k, start + 200 * k + 150, f"w{k}") for k in range(6)]
        cues.append(Cue.create(start, start + 1800, f"cue {i}", words))
    return cues


BODY = _body()


def _document(generation: int) -> Document:
    """A document whose first cue names its generation."""
    return Document(cues=[Cue.create(0, 1000, f"generation {generation}"), *BODY])


def _generation(document: Document) -> int:
    """The generation of a loaded document, checked to be whole."""
    assert [c.text for c in document.cues[1:]] == [c.text for c in BODY], "cues lost or changed"
    return int(document.cues[0].text.split()[1])


def _write_until_killed(write: Callable[[Document], object], report: int) -> NoReturn:
    """In the forked child: write generations 1, 2, 3 ... and tell the parent when each write begins and ends."""
    try:
        generation = 0
        while True:
            generation += 1
            document = _document(generation)
            os.write(report, b"b%d\n" % generation)
            write(document)
            os.write(report, b"d%d\n" % generation)
    finally:
        os._exit(1)  # never run the parent's pytest code in the child


def _kill_while_writing(write: Callable[[Document], object], delay: float) -> tuple[int, int]:
    """SIGKILL a child that writes in a loop after ``delay`` s; the last generation it finished and the last it began."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        _write_until_killed(write, write_end)
    os.close(write_end)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    with os.fdopen(read_end, "rb") as pipe:
        events = pipe.read().split()
    finished = max((int(e[1:]) for e in events if e.startswith(b"d")), default=0)
    begun = max((int(e[1:]) for e in events if e.startswith(b"b")), default=0)
    return finished, begun


def _check(target: Path, finished: int, begun: int, problems: list[str]) -> int | None:
    """The generation ``target`` holds, noting a problem when it is unreadable or neither the old nor the new state."""
    try:
        generation = _generation(open_project(target).document)
    except ProjectError as exc:
        problems.append(f"{target.name} unreadable: {exc}")
        return None
    if generation not in (finished, begun):
        problems.append(f"{target.name} holds generation {generation}; finished {finished}, begun {begun}")
    return generation


def test_random_kills_during_save_and_autosave_leave_loadable_files(tmp_path: Path) -> None:
    rng = random.Random(11)
    session = RecoverySession.start()
    problems: list[str] = []
    mid_write = {"save": 0, "autosave": 0}
    leftovers = 0
    started = time.monotonic()
    for run in range(RUNS):
        folder = tmp_path / f"run{run}"
        folder.mkdir()
        project = folder / "film.subtitler"
        if run % 2 == 0:
            kind, target = "save", project
            save_project(_document(0), project)

            def write(document: Document) -> None:
                save_project(document, project)
        else:
            kind, target = "autosave", session.path_for(project)
            session.write(_document(0), project)

            def write(document: Document) -> None:
                session.write(document, project)

        finished, begun = _kill_while_writing(write, rng.uniform(0.0, LONGEST_DELAY_S))
        mid_write[kind] += begun > finished
        generation = _check(target, finished, begun, problems)
        backup = backup_path_for(project)
        if kind == "save" and backup.exists() and generation is not None:
            # The previous version: one behind the project, or level with it when the kill came
            # after the backup was renewed but before the project was.
            _check(backup, generation - 1, generation, problems)
        leftovers += sum(1 for p in folder.iterdir() if p.name.endswith(".tmp"))
        session.discard(project)
        shutil.rmtree(folder)
    leftovers += sum(1 for p in recovery_dir().iterdir() if p.name.endswith(".tmp"))
    session.end()
    seconds = time.monotonic() - started
    print(f"{RUNS} kills in {seconds:.1f} s; inside a write: {mid_write}; temporary files left: {leftovers}")
    assert problems == []
    # Most kills must land inside a write, or this test would prove nothing.
    assert min(mid_write.values()) > RUNS // 2 * 2 // 3
