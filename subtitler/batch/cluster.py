"""Running a batch on Dask: an embedded local cluster sized to this machine, or an existing cluster.

Each file is one Dask task (``run_on_worker``). Dask's scheduler queues the files, gives them
to free workers and, when a worker dies, runs its file again on another worker; the embedded
cluster allows that once (``allowed-failures``), so a worker that dies costs at most the file it
held, and a file that kills workers twice is reported failed. Workers are long-lived processes:
the engine keeps its model loaded between files (``asr.engine.load_model``), so each worker loads
it once. Progress travels from the workers as Dask structured events on ``TOPIC``; cancelling sets
a Dask ``Event`` that every running file watches.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence, Union

from ..core.errors import SubtitlerError
from .inputs import BatchItem
from .settings import BatchSettings
from .work import FileResult, transcribe_file

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["FileStarted", "FileProgress", "FileFinished", "BatchEvent", "machine_size", "run_batch", "run_on_worker", "TOPIC"]

TOPIC = "subtitler-batch"
_MODEL_MEMORY = 1.5e9
"""Memory one worker needs at its peak (a model, a file's audio, the engine's buffers)."""
_PROGRESS_STEP = 0.01


@dataclass(frozen=True)
class FileStarted:
    """A worker began a file."""

    source: str
    worker: str


@dataclass(frozen=True)
class FileProgress:
    """How far Whisper is in a file."""

    source: str
    fraction: float


@dataclass(frozen=True)
class FileFinished:
    """A file's result, and how many of the batch's files have one."""

    result: FileResult
    finished: int
    total: int


BatchEvent = Union[FileStarted, FileProgress, FileFinished]


def machine_size() -> tuple[int, int]:
    """(workers, Whisper threads per worker) for this machine: one single-threaded worker per core,
    as memory allows, the cores shared out when memory allows fewer. Separate processes overlap the
    work Whisper does not spread over threads (decoding, voice detection, timing): on two cores,
    2 workers x 1 thread did twice the files of 1 worker x 2 threads (benchmarks/batch_cluster.py)."""
    import psutil

    cores = os.cpu_count() or 1
    workers = max(1, min(cores, int(psutil.virtual_memory().available // _MODEL_MEMORY)))
    return workers, max(1, cores // workers)


def run_on_worker(
    item: BatchItem, outdir: str, settings: BatchSettings, force: bool, threads: int | None, stop: str
) -> FileResult:
    """One file, as a Dask task: its progress sent as events, the batch's stop ``Event`` watched."""
    from distributed import Event, get_client, get_worker

    worker = get_worker()
    source = str(item.source)
    worker.log_event(TOPIC, {"source": source, "started": worker.address})
    cancel = threading.Event()
    finished = threading.Event()
    stop_event = Event(stop, client=get_client())

    def watch() -> None:
        try:
            while not finished.is_set():
                if stop_event.wait(0.5):
                    cancel.set()
                    return
        except Exception:  # noqa: BLE001 - the scheduler went away (the batch ended or was stopped): nothing to watch
            cancel.set()

    threading.Thread(target=watch, name="subtitler-batch-stop", daemon=True).start()
    shown = [-1.0]

    def progress(fraction: float) -> None:
        if fraction - shown[0] >= _PROGRESS_STEP or fraction >= 1.0:
            shown[0] = fraction
            worker.log_event(TOPIC, {"source": source, "fraction": fraction})

    # Whisper's threads: those given, else this machine's cores shared among the worker's task slots.
    threads = threads or max(1, (os.cpu_count() or 1) // max(1, worker.state.nthreads))
    try:
        return transcribe_file(item, Path(outdir), settings, force, threads, progress, cancel, worker.address)
    finally:
        finished.set()


def run_batch(
    items: Sequence[BatchItem],
    outdir: Path,
    settings: BatchSettings,
    scheduler: str | None = None,
    workers: int | None = None,
    threads: int | None = None,
    force: bool = False,
    processes: bool = True,
    on_event: Callable[[BatchEvent], None] | None = None,
    cancel: threading.Event | None = None,
) -> list[FileResult]:
    """Transcribe ``items`` into ``outdir``, one Dask task per file; results in the items' order.

    ``scheduler``: the address of an existing cluster (``tcp://host:8786``); None starts an
    embedded one of ``workers`` (default: sized to this machine) with ``threads`` Whisper threads
    each, as processes (or threads of this process with ``processes=False``). ``on_event`` hears
    every ``BatchEvent``, from Dask's threads too. Setting ``cancel`` stops the running files and
    returns, the files not done marked cancelled.
    """
    import dask
    from distributed import Client, LocalCluster

    emit = on_event or (lambda event: None)
    outdir = outdir.resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    # A file whose worker dies is run once more elsewhere; twice, and it is reported failed.
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        if scheduler:
            try:
                client = Client(scheduler, timeout="10s")
            except (OSError, TimeoutError) as exc:
                raise SubtitlerError(f"no Dask scheduler answers at {scheduler}: {exc}") from None
            cluster = None
        else:
            if workers is None:
                workers, shared = machine_size()
            else:
                shared = max(1, (os.cpu_count() or 1) // workers)
            threads = threads or shared
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=processes,
                dashboard_address=None, silence_logs=logging.ERROR,
            )  # fmt: skip
            client = Client(cluster)
    try:
        return _run(client, items, outdir, settings, threads, force, emit, cancel)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _run(
    client: "Client",
    items: Sequence[BatchItem],
    outdir: Path,
    settings: BatchSettings,
    threads: int | None,
    force: bool,
    emit: Callable[[BatchEvent], None],
    cancel: threading.Event | None,
) -> list[FileResult]:
    """Submit every file, report their events, collect their results."""
    from distributed import Event

    stop_name = f"subtitler-stop-{uuid.uuid4().hex}"
    stop = Event(stop_name, client=client)

    def on_topic(event: tuple[float, dict]) -> None:
        message = event[1]
        if "started" in message:
            emit(FileStarted(message["source"], message["started"]))
        elif "fraction" in message:
            emit(FileProgress(message["source"], float(message["fraction"])))

    client.subscribe_topic(TOPIC, on_topic)
    futures = {
        client.submit(run_on_worker, item, str(outdir), settings, force, threads, stop_name,
                      key=f"subtitler-{n}-{uuid.uuid4().hex[:8]}", pure=False): item
        for n, item in enumerate(items)
    }  # fmt: skip
    results: dict[Path, FileResult] = {}
    pending = set(futures)
    try:
        while pending:
            if cancel is not None and cancel.is_set():
                stop.set()
                client.cancel(list(pending))
                for future in pending:
                    item = futures[future]
                    results[item.source] = FileResult(str(item.source), item.name.as_posix(), "cancelled", message="cancelled")
                break
            done = [future for future in pending if future.done()]
            if not done:
                time.sleep(0.1)
                continue
            for future in done:
                pending.discard(future)
                item = futures[future]
                results[item.source] = _result_of(future, item)
                emit(FileFinished(results[item.source], len(results), len(items)))
    except KeyboardInterrupt:
        stop.set()  # the files running on a cluster stop too, not only this command
        client.cancel(list(pending))
        raise
    finally:
        client.unsubscribe_topic(TOPIC)
    return [results[item.source] for item in items]


def _result_of(future: object, item: BatchItem) -> FileResult:
    """A finished task's result; a task Dask gave up on (its workers died) becomes a failed file."""
    try:
        return future.result()  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001 - KilledWorker, a worker's lost connection: that file failed, the batch goes on
        reason = "its worker died twice" if type(exc).__name__ == "KilledWorker" else f"{type(exc).__name__}: {exc}"
        return FileResult(str(item.source), item.name.as_posix(), "failed", message=reason)
