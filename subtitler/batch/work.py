"""One file of a batch, start to end: skipped when done before with the same settings, else
transcribed, cut under the preset, timed to its speech and written atomically, with a record
that makes the next run skip it. A file that cannot be done returns a failed result with the
reason: it never stops the batch."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Callable

from ..core.errors import Cancelled, MediaError, SubtitlerError
from ..core.formats.atomic import write_atomic
from ..core.model import Document, MediaRef
from .inputs import BatchItem
from .settings import BatchSettings

__all__ = ["FileResult", "RECORDS", "transcribe_file", "record_path"]

RECORDS = ".subtitler-batch"
"""The folder under OUTDIR that keeps a record of each finished file."""
STATUSES = ("done", "skipped", "failed", "cancelled")
"""What can become of a file, in report order."""


@dataclass(frozen=True)
class FileResult:
    """What became of one file."""

    source: str
    name: str
    status: str
    """One of ``STATUSES``."""
    outputs: tuple[str, ...] = ()
    duration_ms: int = 0
    """The media's length."""
    words: int = 0
    cues: int = 0
    seconds: float = 0.0
    """Wall time spent on it (for a skipped file, on the run that did it)."""
    language: str = ""
    message: str = ""
    """Why it failed."""
    worker: str = ""
    """The Dask worker that did it."""

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), "outputs": list(self.outputs)}


def record_path(outdir: Path, item: BatchItem) -> Path:
    """Where the record of a finished file is kept."""
    return outdir / RECORDS / (item.name.as_posix() + ".json")


def _stamp(path: Path) -> str:
    """What changes when the media file is replaced or edited: its size and modification time."""
    status = path.stat()
    return f"{status.st_size}:{status.st_mtime_ns}"


def _earlier(item: BatchItem, outdir: Path) -> tuple[dict, FileResult] | None:
    """The record an earlier run left for this file, with its result; None when there is none (or it is damaged)."""
    try:
        data = json.loads(record_path(outdir, item).read_text(encoding="utf-8"))
        return data, FileResult(**{**data["result"], "outputs": tuple(data["result"]["outputs"])})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def finished_before(item: BatchItem, outdir: Path, settings: BatchSettings) -> FileResult | None:
    """The earlier run's result when this file was done with the same settings and its outputs are all there."""
    earlier = _earlier(item, outdir)
    if earlier is None:
        return None
    data, result = earlier
    same = data.get("settings") == settings.fingerprint() and data.get("source_stamp") == _stamp(item.source)
    if not same or not all(Path(p).is_file() for p in result.outputs):
        return None
    return replace(result, status="skipped")


def _write(document: Document, path: Path) -> None:
    """One output, atomically; an existing file is kept as NAME.bak."""
    from ..core.project import EXTENSION, backup_path_for, save_project
    from ..core.word_export import save_subtitles

    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == EXTENSION:
        save_project(document, path, backup=True)
        return
    if path.exists():
        write_atomic(backup_path_for(path), path.read_bytes())
    save_subtitles(document, path)


def transcribe_file(
    item: BatchItem,
    outdir: Path,
    settings: BatchSettings,
    force: bool = False,
    threads: int | None = None,
    progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
    worker: str = "",
) -> FileResult:
    """Do one file of the batch; never raises for a bad file (its result says why it failed).

    ``threads``: Whisper's CPU threads (None: the engine's default); ``progress(fraction)`` as
    Whisper goes; ``cancel`` stops it within a second.
    """
    started = time.monotonic()
    name = item.name.as_posix()

    def result(status: str, **values: object) -> FileResult:
        return FileResult(str(item.source), name, status, seconds=round(time.monotonic() - started, 2), worker=worker, **values)  # type: ignore[arg-type]

    try:
        earlier = finished_before(item, outdir, settings)
        if earlier is not None:
            return replace(earlier, worker=worker)
        outputs = settings.outputs(outdir / item.name)
        earlier = _earlier(item, outdir)
        ours = {Path(p) for p in earlier[1].outputs} if earlier else set()
        # Files an earlier run wrote are replaced (kept as .bak); anybody else's only with --force.
        taken = [path for path in outputs if path.exists() and path not in ours]
        if taken and not force:
            return result("failed", message=f"{taken[0]} already exists; give --force to replace it (keeping .bak)")
        document = _transcribed(item.source, settings, threads, progress, cancel)
        exported = document
        if settings.words is not None:
            from ..core.word_export import export_document

            preset = settings.preset_for(document.transcript.language if document.transcript else "")
            exported = export_document(document, settings.words, preset, document.media.fps if document.media else 25.0)
        for path in outputs:
            _write(document if path.suffix in (".subtitler", ".json") else exported, path)
        transcript = document.transcript
        done = result(
            "done",
            outputs=tuple(str(p) for p in outputs),
            duration_ms=document.media.duration if document.media else 0,
            words=len(transcript.words) if transcript else 0,
            cues=len(document.cues),
            language=transcript.language if transcript else "",
        )
        record = {"settings": settings.fingerprint(), "source_stamp": _stamp(item.source), "result": done.to_dict()}
        path = record_path(outdir, item)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(record, indent=1).encode("utf-8"))
        return done
    except Cancelled:
        return result("cancelled", message="cancelled")
    except SubtitlerError as exc:
        return result("failed", message=str(exc))
    except MemoryError:
        return result("failed", message="not enough memory for this file; try a smaller model or fewer workers")
    except Exception as exc:  # noqa: BLE001 - one odd file must not stop the batch; its reason goes in the report
        return result("failed", message=f"{type(exc).__name__}: {exc}")


def _transcribed(
    source: Path,
    settings: BatchSettings,
    threads: int | None,
    progress: Callable[[float], None] | None,
    cancel: threading.Event | None,
) -> Document:
    """The file transcribed and cut into timed cues, as a document with its transcript and media."""
    from ..asr.engine import ProgressEvent, TranscribeOptions, transcribe
    from ..core.presets import DEFAULT_FPS
    from ..core.project import media_fingerprint
    from ..core.rules import preset_changes
    from ..core.timing import timed_cues
    from ..media.probe import probe
    from ..media.speech import analyze_media

    info = probe(source)
    info.audio_track()  # no audio: say so before loading anything
    options = TranscribeOptions(
        model=settings.model, language=settings.language, task=settings.task, vad=settings.vad,
        initial_prompt=settings.initial_prompt, **({"cpu_threads": threads} if threads else {}),
    )  # fmt: skip

    def on_event(event: object) -> None:
        if progress is not None and isinstance(event, ProgressEvent):
            progress(float(event.fraction))

    transcript = transcribe(source, options, on_event, cancel)
    preset = settings.preset_for(transcript.language)
    try:
        speech = analyze_media(source)
    except MediaError:
        speech = None  # timing then follows the word times alone
    fps = info.fps or DEFAULT_FPS
    cues = timed_cues(transcript, preset, fps, speech=speech)
    media = MediaRef(str(source), media_fingerprint(source), info.duration_ms or transcript.duration, fps)
    return Document(cues=cues, transcript=transcript, media=media, preset=preset.name, preset_limits=preset_changes(preset))
