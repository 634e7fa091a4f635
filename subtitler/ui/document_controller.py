"""The open document's lifecycle: its project file and media, undo history, autosave, recovery, busy state.

One ``DocumentController`` per window owns the document. Opening, importing, attaching media,
restoring a recovery, and the background jobs that replace cues (transcription, region
re-transcription) all go through it; the window and the views observe its signals and ask it
before they edit. While a job runs the document is busy: the undo stack and the views refuse every
edit with the job's message, and a job's result applies only to the document it was started for.
"""

from __future__ import annotations

import copy
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from ..core.errors import EditError, SubtitlerError
from ..core.model import Document, MediaRef
from ..core.project import ProjectLoad, RecoveryClaim, RecoverySession, find_recoveries
from .commands import DocumentUndoStack, SelectionKeeper, replace_all

__all__ = ["AUTOSAVE_INTERVAL_MS", "DocumentController", "Job", "PROJECT_EXTENSION", "Prompts", "SUBTITLE_EXTENSIONS"]

PROJECT_EXTENSION = ".subtitler"
SUBTITLE_EXTENSIONS = (".srt", ".ass", ".ssa", ".vtt", ".txt")
AUTOSAVE_INTERVAL_MS = 30_000

Button = QMessageBox.StandardButton


class Prompts(Protocol):
    """The questions the controller asks the user (the window asks them; tests answer them)."""

    def ask(self, title: str, question: str, buttons: Button, default: Button) -> Button: ...

    def ask_restore(self, saved_at: float, source: str | None, cue_count: int) -> bool: ...

    def ask_attach(self, video: str, current: str) -> str | None:
        """Whether to "attach" the video to the open cues, open a "new" document for it, or cancel (None)."""

    def ask_repair(self, name: str, mojibake: object) -> bool: ...

    def report_problems(self, name: str, problems: list[str]) -> None: ...

    def choose_project_path(self, suggested: Path) -> Path | None: ...


@dataclass(eq=False)
class Job:
    """Work that keeps the document busy; its result applies only while ``generation`` is current."""

    activity: str
    """What runs, as the user reads it ("Transcribing film.mp4")."""
    cancel: Callable[[bool], None] | None
    """(wait): stop the work; wait for its thread when the window closes."""
    generation: int
    users_document: Document | None = None
    """The user's document as it was when the job started, when the job shows drafts in its place."""


class DocumentController(QObject):
    """Owns the open document, its files, its undo history, autosave and recovery, and the busy state."""

    document_replaced = Signal(object)
    """(Document): another document is open; views re-attach to it."""
    media_changed = Signal(object)
    """(Path | None): the media to play and analyse."""
    state_changed = Signal()
    """The file name, the media or the modified state changed (the title follows)."""
    busy_changed = Signal(str)
    """(refusal): a job started (why edits are refused), or "" when it ended."""
    file_opened = Signal(object)
    """(Path): a file was opened, imported or saved (for the recent files)."""
    status = Signal(str)
    error = Signal(str, str)
    """(title, message)."""

    def __init__(self, prompts: Prompts, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._prompts = prompts
        self.document = Document()
        self.project_path: Path | None = None
        self.media_path: Path | None = None
        self.subtitles_path: Path | None = None
        """The subtitle file imported last, which names a document that has no project or media."""
        self.speech: object | None = None
        """Speech analysis of the current media (from the last transcription), for re-segmenting."""
        self.selection: SelectionKeeper | None = None
        """The views' cue selection, which undo steps restore."""
        self.undo_stack = DocumentUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_undo_stack_clean_changed)
        self._unsaved_beyond_undo = False
        """Restored or newly attached media: unsaved although the undo stack may be clean."""
        self._generation = 0
        self._job: Job | None = None
        self._session: RecoverySession | None = None
        self._recovery_source: str | None = None
        self._recovery_written = False
        self._autosave_dirty = False
        self.document.changed.connect(self._on_document_changed)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_INTERVAL_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()

    # ------------------------------------------------------------------------------------
    # State
    def is_modified(self) -> bool:
        """Whether the document has changes that are not saved in a project."""
        return not self.undo_stack.isClean() or self._unsaved_beyond_undo

    def source(self) -> Path | None:
        """The file this document is known by: its project, else its media, else its imported subtitles."""
        return self.project_path or self.media_path or self.subtitles_path

    def display_name(self) -> str:
        """The name of the file this document is known by, or "Untitled"."""
        source = self.source()
        return source.name if source else self.tr("Untitled")

    def _pristine(self) -> bool:
        """Nothing open and nothing done: restored work may take this window."""
        return (not self.document.cues and self.document.media is None and self.project_path is None
                and self.undo_stack.count() == 0 and not self._unsaved_beyond_undo)  # fmt: skip

    def _on_document_changed(self) -> None:
        self._autosave_dirty = True

    def _on_undo_stack_clean_changed(self, _clean: bool) -> None:
        # A bound method, not a lambda: Qt drops it when this object goes, before the stack's last signals.
        self.state_changed.emit()

    # ------------------------------------------------------------------------------------
    # The busy state
    @property
    def busy(self) -> bool:
        return self._job is not None

    @property
    def cancellable(self) -> bool:
        """Whether the running job can be stopped (a file being read cannot)."""
        return self._job is not None and self._job.cancel is not None

    def refusal(self) -> str:
        """Why edits are refused now; empty when the document is not busy."""
        if self._job is None:
            return ""
        return self.tr("%1… Edits wait until it finishes or is cancelled.").replace("%1", self._job.activity)

    def check_not_busy(self) -> None:
        """Raise EditError (the message for the user) while a job runs."""
        if self._job is not None:
            raise EditError(self.refusal())

    def begin_job(self, activity: str, cancel: Callable[[bool], None] | None = None, drafts: bool = False) -> Job | None:
        """Make the document busy for a job; None (with a status message) when another one runs.

        ``drafts``: the job shows provisional cues in the document, so saving keeps the user's own.
        """
        if self._job is not None:
            self.status.emit(self.refusal())
            return None
        self.autosave()  # the user's last state is in the recovery file before anything provisional
        self._job = Job(activity, cancel, self._generation, _copy_document(self.document) if drafts else None)
        self._set_refusal(self.refusal())
        return self._job

    def end_job(self, job: object) -> bool:
        """The job is over; True when its result applies (it was neither cancelled nor outlived its document)."""
        if job is not self._job:
            return False
        self._job = None
        self._set_refusal("")
        return isinstance(job, Job) and job.generation == self._generation

    def cancel_job(self, wait: bool = False) -> None:
        """Stop the running job (the Cancel button, a close); whatever it still delivers is dropped."""
        job = self._job
        if job is None:
            return
        if job.cancel is not None:
            job.cancel(wait)
        self.end_job(job)

    def _set_refusal(self, refusal: str) -> None:
        self.undo_stack.refusal = refusal
        self.busy_changed.emit(refusal)

    @contextmanager
    def _loading(self, path: Path) -> Iterator[None]:
        """Busy while a file is read: a question asked meanwhile cannot let another edit in."""
        job = self.begin_job(self.tr("Opening %1").replace("%1", path.name))
        if job is None:
            raise EditError(self.refusal())
        try:
            yield
        finally:
            self.end_job(job)

    # ------------------------------------------------------------------------------------
    # Opening
    def open_path(self, path: str | Path) -> bool:
        """Open a video, a project or a subtitle file by its extension; False (with a message) when not."""
        path = Path(path)
        suffix = path.suffix.lower()
        try:
            self.check_not_busy()
            if suffix == PROJECT_EXTENSION:
                return self.open_project(path)
            if suffix in SUBTITLE_EXTENSIONS:
                return self.import_subtitles(path)
            return self.open_video(path)
        except EditError as exc:
            self.status.emit(str(exc))
        except SubtitlerError as exc:
            self.error.emit(self.tr("Cannot open %1").replace("%1", path.name), str(exc))
        except OSError as exc:
            self.error.emit(self.tr("Cannot open %1").replace("%1", path.name), exc.strerror or str(exc))
        return False

    def open_project(self, path: Path) -> bool:
        """Open a ``.subtitler`` project with its words and transcript (after offering to save)."""
        from ..core.project import open_project

        if not self.maybe_save():
            return False
        with self._loading(path):
            loaded = open_project(path)
        media = Path(loaded.document.media.path) if loaded.document.media and not loaded.media_missing else None
        self.replace_document(loaded.document, project_path=path.absolute(), media_path=media)
        self.file_opened.emit(path.absolute())
        if loaded.warnings or loaded.media_missing:
            notes = list(loaded.warnings)
            if loaded.media_missing:
                notes.append(self.tr("The project's video was not found; open it with File ▸ Open to attach it."))
            self.error.emit(self.tr("Project opened with warnings"), "\n".join(notes))
        return True

    def import_subtitles(self, path: Path) -> bool:
        """Read a subtitle file into the cue list as one undoable step (encoding repair offered)."""
        from ..core import formats

        with self._loading(path):
            result = formats.load(path)
            document = result.document
            if result.mojibake is not None and self._prompts.ask_repair(path.name, result.mojibake):
                document = formats.repair_mojibake(document, result.mojibake.codec)  # no second read
        replace_all(self.undo_stack, self.document, document.cues, self.tr("Import %1").replace("%1", path.name),
                    selection=self.selection)  # fmt: skip
        if document.extras:
            self.document.extras.update(document.extras)
        self.subtitles_path = path.absolute()
        self.file_opened.emit(path.absolute())
        self.state_changed.emit()
        self.status.emit(self.tr("Imported %1 cues from %2").replace("%1", str(len(document.cues))).replace("%2", path.name))
        if result.problems:
            self._prompts.report_problems(path.name, [str(p) for p in result.problems])
        return True

    def open_video(self, path: Path) -> bool:
        """Attach a video to the open cues, or open a new document for it (asking when both make sense)."""
        from ..core.project import media_fingerprint
        from ..media.probe import probe

        with self._loading(path):
            info = probe(path)
            media = MediaRef(str(path.absolute()), media_fingerprint(path), info.duration_ms, info.fps or 0.0)
        choice = self._attach_or_new(path)
        if choice is None:
            return False
        if choice == "attach":
            self._attach_media(media)
        else:
            if not self.maybe_save():
                return False
            self.replace_document(Document(media=media), project_path=None, media_path=path.absolute())
        self.file_opened.emit(path.absolute())
        if not info.audio_tracks:
            self.status.emit(self.tr("This video has no audio track: there is nothing to transcribe."))
        return True

    def _attach_or_new(self, path: Path) -> str | None:
        """Cues without a playable video take it; an empty document makes way; otherwise the user says."""
        if not self.document.cues:
            return "new"
        if self.media_path is None or self.media_path == path.absolute():
            return "attach"  # no video yet, or the project's video was missing ("open it to attach it")
        return self._prompts.ask_attach(path.name, self.media_path.name)

    def _attach_media(self, media: MediaRef) -> None:
        """Give the open document this media; its cues, history and file stay."""
        if self.media_path == Path(media.path) and self.document.media == media:
            return  # the same video again: nothing changes
        self.document.media = media
        self.media_path = Path(media.path)
        self.speech = None
        self._generation += 1  # a job's result for the previous media no longer applies
        self._unsaved_beyond_undo = True  # the project file still names the old media
        self._autosave_dirty = True
        self.media_changed.emit(self.media_path)
        self.state_changed.emit()

    def replace_document(self, document: Document, project_path: Path | None = None, media_path: Path | None = None) -> None:
        """Show another document, with a fresh undo history (callers offered to save the old one)."""
        self.cancel_job()  # nothing started for the old document may land in this one
        self._drop_own_recovery()
        self.document.changed.disconnect(self._on_document_changed)
        self.document = document
        document.changed.connect(self._on_document_changed)
        self.project_path = project_path
        self.media_path = media_path
        self.subtitles_path = None
        self.speech = None
        self._generation += 1
        self._unsaved_beyond_undo = False
        self._autosave_dirty = False
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.document_replaced.emit(document)
        self.media_changed.emit(media_path)
        self.state_changed.emit()

    # ------------------------------------------------------------------------------------
    # Saving
    def user_document(self) -> Document:
        """What the user's work is now: the document, or its state before a job's drafts replaced its cues."""
        if self._job is not None and self._job.users_document is not None:
            return self._job.users_document
        return self.document

    def save(self) -> bool:
        """Save the project (asks for a name the first time)."""
        if self.project_path is None:
            return self.save_as()
        return self.save_to(self.project_path)

    def save_as(self) -> bool:
        """Ask for a project name and save."""
        base = self.source()
        suggested = (base.parent / (base.stem + PROJECT_EXTENSION)) if base else Path("untitled" + PROJECT_EXTENSION)
        target = self._prompts.choose_project_path(suggested)
        if target is None:
            return False
        if target.suffix.lower() != PROJECT_EXTENSION:
            target = target.with_name(target.name + PROJECT_EXTENSION)
        return self.save_to(target)

    def save_to(self, path: Path) -> bool:
        """Write the project atomically; on failure the document stays open and unsaved."""
        from ..core.project import save_project

        try:
            save_project(self.user_document(), path)
        except (SubtitlerError, OSError) as exc:
            message = str(exc) if isinstance(exc, SubtitlerError) else (exc.strerror or str(exc))
            self.error.emit(self.tr("Save failed"), self.tr("The project was not saved: %1\nYour work is still open; try another folder.").replace("%1", message))
            return False
        self._drop_own_recovery()
        self.project_path = path.absolute()
        self._unsaved_beyond_undo = False
        self.undo_stack.setClean()
        self.file_opened.emit(self.project_path)
        self.state_changed.emit()
        self.status.emit(self.tr("Saved %1").replace("%1", str(path)))
        return True

    def maybe_save(self) -> bool:
        """Offer to save unsaved changes; False when the user cancels."""
        if not self.is_modified():
            return True
        answer = self._prompts.ask(
            self.tr("Unsaved changes"),
            self.tr("The subtitles have unsaved changes. Save them before closing?"),
            Button.Save | Button.Discard | Button.Cancel,
            Button.Save,
        )
        if answer == Button.Save:
            return self.save()
        return answer == Button.Discard

    def confirm_close(self) -> bool:
        """Ask before the window closes; a running job is stopped only once the close is confirmed."""
        if self._job is None:
            return self.maybe_save()
        stops = self.tr("%1… Closing stops it.").replace("%1", self._job.activity)
        if self.is_modified():
            answer = self._prompts.ask(self.tr("Unsaved changes"),
                                       stops + "\n\n" + self.tr("The subtitles have unsaved changes. Save them before closing?"),
                                       Button.Save | Button.Discard | Button.Cancel, Button.Save)  # fmt: skip
            if answer == Button.Cancel or (answer == Button.Save and not self.save()):
                return False
        elif self._prompts.ask(self.tr("Stop and close?"), stops, Button.Close | Button.Cancel, Button.Cancel) != Button.Close:
            return False
        return True

    def shut_down(self) -> None:
        """The window closes: stop the job, and remove the recovery file (its work was saved or discarded)."""
        self.autosave_timer.stop()
        self.cancel_job(wait=True)
        self._drop_own_recovery()
        if self._session is not None:
            self._session.end()
            self._session = None

    def leave_recovery(self) -> None:
        """The app ends without asking (logout, SIGTERM): keep unsaved work in the recovery file for the next start."""
        self.autosave_timer.stop()
        if not self.is_modified():
            self._drop_own_recovery()
        elif self._job is None:
            self.autosave()  # while busy, the file already holds the state from before the job
        if self._session is not None:
            self._session.end(keep_lock_file=self._recovery_written)
            self._session = None
        self._recovery_written = False  # it belongs to the next start now, not to this window

    # ------------------------------------------------------------------------------------
    # Autosave and recovery
    def autosave(self) -> Path | None:
        """Write the recovery file when the user's work changed since the last one (never a job's drafts)."""
        if self._job is not None or not self._autosave_dirty or not self.is_modified():
            return None
        path = self.source()
        source = str(path) if path else None
        try:
            if self._session is None:
                self._session = RecoverySession.start()
            written = self._session.write(self.document, source)
            if self._recovery_written and self._recovery_source != source:
                self._session.discard(self._recovery_source)  # saved under another name since
        except SubtitlerError as exc:
            self.status.emit(self.tr("Autosave failed: %1").replace("%1", str(exc)))
            return None
        self._recovery_source = source
        self._recovery_written = True
        self._autosave_dirty = False
        return written

    def _drop_own_recovery(self) -> None:
        """Delete this window's recovery file: its work was saved, discarded or replaced by choice."""
        if self._recovery_written and self._session is not None:
            try:
                self._session.discard(self._recovery_source)
            except SubtitlerError as exc:
                self.status.emit(str(exc))
        self._recovery_written = False
        self._recovery_source = None

    def offer_recovery(self, elsewhere: Callable[[], "DocumentController"]) -> "DocumentController | None":
        """Offer work left by editors that did not close; returns the controller that shows the restored work.

        It is restored here when it belongs to this window's file or the window is empty, else in the
        controller ``elsewhere`` makes (the file asked for stays open). Declined work is set aside.
        """
        for recovery in find_recoveries():
            claim = RecoveryClaim.take(recovery)
            if claim is None:
                continue  # its editor runs again, or another window is asking about it
            source = str(recovery.source) if recovery.source else None
            try:
                if not self._prompts.ask_restore(recovery.saved_at, source, recovery.cue_count):
                    kept = claim.set_aside()
                    self.status.emit(self.tr("The autosaved work was set aside in %1.").replace("%1", str(kept.parent)))
                    continue
                loaded = recovery.load()
            except SubtitlerError as exc:
                claim.release()
                self.error.emit(self.tr("Cannot restore"), str(exc))
                return None
            target = self if self._takes_recovery_of(recovery.source) else elsewhere()
            if target.restore(loaded, recovery.source):
                claim.remove()  # its work is in the target's own recovery file now
            else:
                claim.release()
            return target
        return None

    def _takes_recovery_of(self, source: Path | None) -> bool:
        if self._pristine():
            return True
        mine = self.source()
        return not self.is_modified() and source is not None and mine is not None and source.absolute() == mine

    def restore(self, loaded: ProjectLoad, source: Path | None) -> bool:
        """Show a recovered document, unsaved; True once this window's own recovery file holds it."""
        document = loaded.document
        project = source if source is not None and source.suffix.lower() == PROJECT_EXTENSION else None
        media = Path(document.media.path) if document.media and document.media.path and not loaded.media_missing else None
        self.replace_document(document, project_path=project, media_path=media)
        if source is not None and source.suffix.lower() in SUBTITLE_EXTENSIONS:
            self.subtitles_path = source
        self._unsaved_beyond_undo = True
        self._autosave_dirty = True
        self.state_changed.emit()
        self.status.emit(self.tr("Restored %1 cues from the autosave.").replace("%1", str(len(document.cues))))
        return self.autosave() is not None


def _copy_document(document: Document) -> Document:
    """A copy of the document's content (cues and words are immutable, so the lists are enough)."""
    return Document(
        cues=list(document.cues),
        transcript=document.transcript,
        media=document.media,
        preset=document.preset,
        preset_limits=dict(document.preset_limits),
        extras=copy.deepcopy(document.extras),
    )
